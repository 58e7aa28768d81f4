"""A team member runs stages in the browser; the manager signs off; the timeline shows it."""

import pytest

from api_human.core.demo import DOMESTIC_VIOLENCE
from api_human.core.management.commands.loaddemo import load_all_demo
from api_human.core.models import Engagement
from stages.models import GateDecision, StagePhase
from tests.e2e.conftest import axe_violations
from tests.e2e.test_browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def engagement(transactional_db):
    load_all_demo()
    engagement = Engagement.objects.get(name=DOMESTIC_VIOLENCE)
    # Start from a clean slate on this engagement: only stage A is under way.
    GateDecision.objects.filter(phase__engagement=engagement).delete()
    StagePhase.objects.filter(engagement=engagement, stage__in=["B1", "B2", "C", "D"]).update(
        status="not_started", started_on=None
    )
    return engagement


def propose(page, engagement, stage, move, justification):
    page.goto(f"/engagements/{engagement.pk}/stages/{stage}/{move}/")
    page.select_option("#id_decision", "go")
    page.fill("#id_justification", justification)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def sign_off_all(page, engagement):
    page.goto(f"/engagements/{engagement.pk}/")
    buttons = page.locator("form button[formaction*='/sign-off/']")
    while buttons.count():
        buttons.first.click()
        page.wait_for_load_state()
        buttons = page.locator("form button[formaction*='/sign-off/']")


def row_status(page, stage):
    return page.locator("#stage-table tbody tr", has=page.locator(f"a[href='#stage-{stage}']")).locator(
        ".badge"
    )


def test_team_runs_stages_and_manager_signs_off(page, engagement):
    sign_in(page, "team")
    propose(page, engagement, "B1", "start", "Ready for structured ambiguity")
    propose(page, engagement, "B2", "start", "Scouting starts with B1")
    assert page.get_by_role("status").first.is_visible()

    page.goto(f"/engagements/{engagement.pk}/records/mechanisms/new/")
    page.select_option("#id_world", "welfare")
    page.select_option("#id_category", "organisational")
    page.fill("#id_title", "Digital referent in the family-violence division")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("#stage-C")
    assert (
        "Digital referent in the family-violence division"
        in page.locator("#stage-C .mechanisms-matrix").inner_text()
    )

    propose(page, engagement, "A", "complete", "Change foci and goals agreed")
    page.goto(f"/engagements/{engagement.pk}/")
    assert page.locator("#stage-A .alert-warning").count() == 1  # waiting for sign-off

    page.context.clear_cookies()
    sign_in(page, "manager")
    sign_off_all(page, engagement)
    assert axe_violations(page) == []

    for stage in ("B1", "B2"):
        assert StagePhase.objects.get(engagement=engagement, stage=stage).status == "active"
    assert StagePhase.objects.get(engagement=engagement, stage="A").status == "completed"
    page.goto(f"/engagements/{engagement.pk}/")
    assert page.locator(".stage-timeline .timeline-row").count() >= 5
    assert page.locator(".stage-timeline rect.intensity-high").count() >= 3  # A, B1 and B2 have bars
    completed = StagePhase.objects.get(engagement=engagement, stage="A")
    assert completed.get_status_display() in row_status(page, "A").inner_text()


def test_a_change_focus_is_edited_in_place(page, engagement):
    sign_in(page, "team")
    page.goto(f"/engagements/{engagement.pk}/")
    focus = page.locator("#stage-A li.record").first
    focus.get_by_role("link").first.click()
    form = page.locator("#stage-A form.record-inline")
    form.wait_for()
    assert page.url.endswith(f"/engagements/{engagement.pk}/")  # still on the engagement page
    title = form.locator("#id_title")
    assert title.evaluate("el => el === document.activeElement")
    title.fill("")
    form.locator("button[type=submit]").click()
    page.locator("#stage-A form.record-inline [aria-invalid=true]").wait_for()  # the error, in place
    page.locator("#stage-A form.record-inline #id_title").fill("Early detection, renamed in place")
    page.locator("#stage-A form.record-inline button[type=submit]").click()
    page.locator("#stage-A form.record-inline").wait_for(state="detached")  # the page reloaded
    assert "Early detection, renamed in place" in page.locator("#stage-A").inner_text()
    # Only the deliberate 400 above may show in the console: no CSP refusal, no script error.
    assert [m for m in page.watch.console_errors if "status of 400" not in m] == []
    assert axe_violations(page) == []
