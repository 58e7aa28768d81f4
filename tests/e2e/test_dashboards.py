"""A manager opens the stage dashboard in Hebrew and in English: the charts and their tables appear,
the page passes axe-core, and a number drills down to the filtered list it counts."""

import pytest

from api_human.core.demo import DIGITAL_WELFARE
from api_human.core.management.commands.loaddemo import load_all_demo
from api_human.core.models import Engagement
from tests.e2e.conftest import axe_violations
from tests.e2e.test_browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def engagement(transactional_db):
    load_all_demo()
    return Engagement.objects.get(name=DIGITAL_WELFARE)


def test_the_dashboard_in_hebrew_and_english_with_a_drill_down(page, engagement):
    sign_in(page, "manager")
    page.goto("/dashboards/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(f"#engagement-{engagement.pk}-heading").count() == 1
    assert page.locator("#table-portfolio table tbody tr").count() >= 2
    assert axe_violations(page) == []

    page.locator(f"#engagement-{engagement.pk}-heading a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/dashboards/engagements/{engagement.pk}/")
    for key in (
        "initiatives-by-category",
        "initiatives-by-source",
        "opportunity-funnel",
        "tensions",
        "mechanisms",
    ):
        assert page.locator(f"#table-{key} table tbody tr").count() >= 1, key
    # The charts are drawn on the server: each bar with its category and value as text.
    assert page.locator(".bar-chart svg.chart-bars").count() >= 3
    world = page.locator("#table-initiatives-by-world svg.chart-bars text").all_text_contents()
    assert any("רווחה בשירות עצמי" in text for text in world)  # right-to-left marks around it
    assert page.locator("section[aria-labelledby=kpi-heading] svg.chart-trend").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.locator(".stage-timeline svg").count() >= 5
    assert axe_violations(page) == []

    # Drill down: the first non-zero count of initiatives by category and status.
    link = page.locator("#table-initiatives-by-category tbody td a").filter(has_not_text="0").first
    expected = int(link.inner_text())
    link.click()
    page.wait_for_load_state()
    assert "/initiatives/?" in page.url and "category=" in page.url and "status=" in page.url
    assert page.locator("table tbody tr").count() == expected

    page.goto(f"/dashboards/engagements/{engagement.pk}/")
    page.locator("form[action*='/i18n/'] button[value='en']").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator(".bar-chart svg.chart-bars").count() >= 3
    assert "Self-service welfare" in page.locator("#table-initiatives-by-world svg text").all_text_contents()
    assert page.locator("#table-mechanisms table").count() == 1
    assert axe_violations(page) == []
    assert page.watch.outside_requests == []
