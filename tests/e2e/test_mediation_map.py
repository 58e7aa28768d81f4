"""A newcomer opens Digital Welfare's mediation map: in Hebrew, English and Arabic, on a laptop and on a
phone; the years (links and slider) change what is drawn; nothing overflows; axe-core finds nothing."""

import pytest

from api_human.core.demo import DIGITAL_WELFARE
from api_human.core.management.commands.loaddemo import load_all_demo
from api_human.core.models import Engagement
from tests.e2e.conftest import axe_violations
from tests.e2e.test_browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def engagement(transactional_db):
    load_all_demo()
    return Engagement.objects.get(name=DIGITAL_WELFARE)


def _language(page, live_server, code):
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_the_map_in_three_languages_on_a_laptop_and_a_phone(page, live_server, engagement):
    url = f"/engagements/{engagement.pk}/mediation-map/"
    sign_in(page, "team")
    for code, direction in (("he", "rtl"), ("en", "ltr"), ("ar", "rtl")):
        _language(page, live_server, code)
        page.set_viewport_size(LAPTOP)
        page.goto(url + "?year=2016")
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == direction
        svg = page.locator("svg.mediation-svg")
        assert svg.is_visible()
        # 2016: every connection through the team (dashed), none direct yet
        assert page.locator("svg.mediation-svg path.map-mediated").count() >= 1
        assert page.locator("svg.mediation-svg path.map-direct").count() == 0
        assert _fits(page)
        if code == "he":
            assert axe_violations(page) == []

        page.set_viewport_size(PHONE)
        page.goto(url + "?year=2021")
        assert _fits(page), f"{code}: the page is wider than a phone"
        assert not svg.is_visible()  # on a phone the list tells the map
        assert page.locator(".map-connections li.is-direct").count() >= 1
        if code == "ar":
            assert axe_violations(page) == []
    assert not page.watch.outside_requests


def test_the_year_links_and_the_slider_change_the_map(page, live_server, engagement):
    url = f"/engagements/{engagement.pk}/mediation-map/"
    sign_in(page, "team")
    _language(page, live_server, "en")
    page.set_viewport_size(LAPTOP)
    page.goto(url + "?year=2016")
    in_2016 = page.locator("svg.mediation-svg path").count()
    assert page.locator("svg.mediation-svg path.map-direct").count() == 0

    # a year link (works without JavaScript): a page of its own
    page.locator("nav[aria-label='Years of the map'] a", has_text="2021").click()
    page.wait_for_load_state()
    assert page.url.endswith("?year=2021")
    assert page.locator("#map-summary").get_attribute("data-year") == "2021"
    direct_2021 = page.locator("svg.mediation-svg path.map-direct").count()
    assert direct_2021 >= 1
    assert page.locator("svg.mediation-svg path").count() > in_2016
    assert page.locator("#year-range").input_value() == "2021"

    # the slider: the map follows it in place, and the address says the year
    assert not page.locator("[data-year-submit]").is_visible()  # with JavaScript, no button needed
    page.locator("#year-range").fill("2018")
    page.locator("#map-summary[data-year='2018']").wait_for()
    assert page.locator("#year-range-value").inner_text() == "2018"
    assert "year=2018" in page.url
    assert page.locator("nav[aria-label='Years of the map'] a[aria-current=page]").inner_text() == "2018"
    assert page.locator("svg.mediation-svg path.map-direct").count() < direct_2021
    assert page.watch.console_errors == []
    assert axe_violations(page) == []
