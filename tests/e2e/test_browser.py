"""The pages that matter, in a real browser: sign-in, languages and direction, access, offline assets."""

import pytest

from api_human.core.demo import DIGITAL_WELFARE
from api_human.core.management.commands.loaddemo import load_all_demo
from api_human.core.models import Engagement
from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_all_demo()


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def html_dir(page):
    return page.locator("html").get_attribute("lang"), page.locator("html").get_attribute("dir")


def test_sign_in_switch_language_and_direction(page, demo):
    page.goto("/accounts/login/")
    assert html_dir(page) == ("he", "rtl")

    sign_in(page, "team")
    assert page.url.endswith("/engagements/")
    assert html_dir(page) == ("he", "rtl")
    assert page.get_by_role("link", name=DIGITAL_WELFARE).is_visible()

    page.locator("button[name=language][value=en]").click()
    page.wait_for_load_state()
    assert html_dir(page) == ("en", "ltr")
    assert page.get_by_role("heading", name="Engagements").is_visible()

    page.locator("button[name=language][value=ar]").click()
    page.wait_for_load_state()
    assert html_dir(page) == ("ar", "rtl")

    page.locator("button[name=language][value=he]").click()
    page.wait_for_load_state()
    assert html_dir(page) == ("he", "rtl")
    assert not page.watch.outside_requests
    assert not page.watch.console_errors


def test_wrong_password_shows_a_translated_error(page, demo):
    page.goto("/accounts/login/")
    page.fill("#id_username", "team")
    page.fill("#id_password", "wrong")
    page.locator("main button[type=submit]").click()
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    assert "Please enter" not in alert.inner_text()


def test_engagement_page_shows_the_case_and_its_team_over_time(page, demo):
    sign_in(page, "manager")
    page.get_by_role("link", name=DIGITAL_WELFARE).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == DIGITAL_WELFARE
    assert page.get_by_role("link", name="מערך הדיגיטל הלאומי").first.is_visible()
    team_table = page.locator("#team table")
    assert team_table.locator("tbody tr").count() == 5
    # A manager reads; only the team edits.
    assert page.get_by_role("link", name="עריכת המיזם").count() == 0


def test_keyboard_users_can_skip_to_the_content(page, demo):
    # On the sign-in page too the first Tab reaches the skip link (no field grabs the focus first).
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    assert page.locator(".skip-link").evaluate("el => el === document.activeElement")
    sign_in(page, "team")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_keyboard_reaches_a_board_card_in_a_few_keys(page, demo):
    """Skip link, then the board's own controls (its filters fold away): at most 5 keys to a card."""
    sign_in(page, "team")
    for path in ("/initiatives/board/", "/tensions/", "/opportunities/"):
        page.goto(path)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        keys = 2
        while not page.evaluate("!!document.activeElement.closest('.board')"):
            page.keyboard.press("Tab")
            keys += 1
            assert keys <= 5, (path, page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_pages_meet_wcag_21_aa(page, demo, language):
    sign_in(page, "team")
    if language != "he":
        page.locator(f"button[name=language][value={language}]").click()
        page.wait_for_load_state()
    for path in [
        "/engagements/",
        "/organizations/",
        "/organizations/?world=mars",
        "/engagements/new/",
        "/initiatives/",
        "/initiatives/board/",
        "/needs/",
        "/tensions/",
        "/notifications/",
        f"/initiatives/new/?engagement={Engagement.objects.get(name=DIGITAL_WELFARE).pk}",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path
    page.goto("/engagements/")
    page.get_by_role("link", name=DIGITAL_WELFARE).click()
    page.wait_for_load_state()
    assert axe_violations(page) == []


def test_partner_issues_and_revokes_an_api_key(page, demo):
    sign_in(page, "partner")
    assert page.url.endswith("/partner/")
    assert axe_violations(page) == []
    page.fill("#id_name", "CRM")
    page.locator("form[action$='/partner/keys/'] button[type=submit]").click()
    key = page.locator("#new-key").input_value()
    assert "." in key and len(key) > 30
    assert axe_violations(page) == []
    page.goto("/partner/")
    assert key not in page.content()
    # Revoking asks first: the first control only opens the question.
    page.locator("details.revoke-key summary").filter(has_text="CRM").click()
    assert "revoked" not in page.locator("tbody tr", has_text="CRM").inner_text().lower()
    assert axe_violations(page) == []
    page.get_by_role("button", name="CRM").click()
    assert page.get_by_role("status").is_visible()


def test_api_docs_load_with_no_outside_address(page, demo):
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "Human API platform" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path").first.wait_for(timeout=20000)  # operations are rendered
    # Swagger renders tags lazily as one scrolls; the schema it loaded lists every endpoint.
    paths = page.evaluate(
        "fetch('/api/schema/?format=json').then(r => r.json()).then(s => Object.keys(s.paths))"
    )
    assert "/api/v1/engagements/" in paths and "/api/v1/tensions/{id}/move/" in paths
    assert not page.watch.outside_requests
    assert not [m for m in page.watch.console_errors if "Content Security Policy" in m]


def test_login_page_meets_wcag(page, demo):
    page.goto("/accounts/login/")
    assert axe_violations(page) == []


def test_the_accessibility_check_does_find_violations(page):
    """Guards the guard: axe-core must report a page that breaks WCAG."""
    page.set_content('<html lang="en"><body><img src="data:,"><input type="text"></body></html>')
    found = " ".join(axe_violations(page))
    assert "image-alt" in found and "label" in found
