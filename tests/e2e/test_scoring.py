"""In the browser: from a stage's score badge to "why is this score what it is?", then a manual
rating with evidence that moves the score; the pages pass axe-core in Hebrew and in English."""

import pytest

from api_human.core.demo import DOMESTIC_VIOLENCE
from api_human.core.management.commands.loaddemo import load_all_demo
from api_human.core.models import Engagement
from api_human.scoring.models import Rating
from stages.models import StagePhase
from tests.e2e.conftest import axe_violations
from tests.e2e.test_browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def engagement(transactional_db):
    load_all_demo()
    return Engagement.objects.get(name=DOMESTIC_VIOLENCE)


def test_open_a_breakdown_and_record_a_manual_rating(page, engagement):
    phase = StagePhase.objects.get(engagement=engagement, stage="B2")
    sign_in(page, "team")
    page.goto(f"/engagements/{engagement.pk}/")
    badge = page.locator(f"#stage-B2 a.score-badge[href^='/scores/stage/{phase.pk}/']").first
    badge.click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(f"/scores/stage/{phase.pk}/")

    row = page.locator("#rubric-stage-b2-readiness #criterion-scouting-plan")
    assert row.get_attribute("data-status") == "expired", "the demo's plan was rated more than a year ago"
    assert page.locator("#rubric-stage-b2-readiness table.breakdown tbody tr").count() >= 3
    assert axe_violations(page) == []

    page.locator("#rate-scouting-plan > summary").click()
    form = page.locator("#rate-scouting-plan form")
    form.locator("input[type=radio]").last.check()
    form.locator("textarea[name$='evidence_note']").fill(
        "A scouting plan for the coming half-year, agreed with the team"
    )
    form.locator("textarea[name$='evidence_links']").fill("https://example.org/plan")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert (
        page.locator("#rubric-stage-b2-readiness #criterion-scouting-plan").get_attribute("data-status")
        == "ok"
    )
    rating = Rating.objects.filter(criterion_key="scouting-plan").order_by("-id").first()
    assert rating.evidence_links == ["https://example.org/plan"]
    assert page.locator("#rubric-stage-b2-readiness .score-history svg polyline").count() == 1, (
        "the score moved"
    )
    assert page.watch.outside_requests == []


def test_score_pages_pass_axe_in_english(page, engagement):
    from api_human.core.models import Organization

    sign_in(page, "team")
    phase = StagePhase.objects.get(engagement=engagement, stage="B1")
    ministry = Organization.objects.get(name="משרד הרווחה והביטחון החברתי")
    page.goto(f"/scores/stage/{phase.pk}/")
    page.locator("form[action*='/i18n/'] button[value='en']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert axe_violations(page) == []
    page.goto(f"/organizations/{ministry.pk}/maturity/")
    assert page.locator("#questionnaire-heading").count() == 1
    assert axe_violations(page) == []
    page.goto("/rubrics/")
    assert axe_violations(page) == []
