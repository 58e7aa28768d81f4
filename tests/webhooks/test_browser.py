"""The webhook pages in a real browser (Debian's Chromium): WCAG 2.1 AA by axe-core in each language,
and the secret shown once."""

import pytest

from api_human.core.models import Role
from tests.e2e.conftest import axe_violations, chromium, page  # noqa: F401 - the e2e fixtures
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partner(transactional_db):
    organization = OrganizationFactory(name="Axe Care Ltd")
    return UserFactory(username="axe-partner", role=Role.PARTNER, organization=organization)


def sign_in(page, username):  # noqa: F811
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_webhook_pages_meet_wcag_21_aa(page, partner, language):  # noqa: F811
    sign_in(page, partner.username)
    if language != "he":
        page.locator(f"button[name=language][value={language}]").click()
        page.wait_for_load_state()
    page.goto("/partner/webhooks/")
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == [], "list"
    page.fill("#id_url", "https://hooks.example.com/axe")
    page.locator("input[name=events]").first.check()
    page.locator("main form[action$='/partner/webhooks/'] button[type=submit]").click()
    page.wait_for_load_state()
    secret = page.locator("#signing-secret").input_value()
    assert secret.startswith("whsec_")
    assert axe_violations(page) == [], "secret"
    page.goto("/partner/webhooks/")
    assert secret not in page.content()
    assert axe_violations(page) == [], "list with an endpoint"
    page.locator("main form[action$='/test/'] button").first.click()  # fails: the name does not resolve
    page.wait_for_load_state()
    assert page.url.endswith("/deliveries/") and page.locator("main table tbody tr").count() == 1
    assert axe_violations(page) == [], "delivery log"
    page.goto("/partner/webhooks/")
    page.locator("main a[href$='/edit/']").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == [], "edit"
    page.goto("/partner/webhooks/")
    page.fill("#id_url", "http://not-https.example.com/")
    page.locator("main form[action$='/partner/webhooks/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert axe_violations(page) == [], "form errors"
