"""Single sign-on against a real OpenID Connect provider (panva's oidc-provider on 127.0.0.1), in Chromium.

The platform is pointed at the provider by the three settings a newcomer sets — the discovery URL, the
client id and the secret — and everything else comes from discovery.
"""

import pytest
from django.core.cache import cache

from api_human.core.models import Role, User
from api_human.settings.test import CI
from tests.oidc_provider import missing_requirement, run_oidc_provider

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

CLIENT_ID, CLIENT_SECRET = "human-api", "a-test-secret-of-the-platform"
KNOWN = {
    "sub": "ministry-0001",
    "email": "ruth@welfare.example",
    "email_verified": True,
    "name": "Ruth",
    "groups": [],
}
MAPPED = {
    "sub": "ministry-0002",
    "email": "dana@welfare.example",
    "email_verified": True,
    "name": "Dana",
    "preferred_username": "dana",
    "groups": ["welfare-managers"],
}
NEWCOMER = {
    "sub": "ministry-0003",
    "email": "new@welfare.example",
    "email_verified": True,
    "name": "New",
    "groups": [],
}


@pytest.fixture
def provider(live_server, settings):
    if reason := missing_requirement():
        if CI:
            pytest.fail(reason)
        pytest.skip(reason)
    with run_oidc_provider(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uris=[f"{live_server.url}/oidc/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/accounts/login/"],
        accounts=[KNOWN, MAPPED, NEWCOMER],
    ) as running:
        settings.OIDC_DISCOVERY_URL = running.discovery_url
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_GROUPS_CLAIM = "groups"
        settings.OIDC_ROLE_GROUPS = {"manager": "welfare-managers"}
        cache.clear()
        yield running
        cache.clear()


def sign_in_through_the_provider(page, login):
    page.goto("/accounts/login/")
    page.click("a[href^='/oidc/authenticate/']")
    page.wait_for_selector("form#login-form")
    page.fill("#login", login)
    page.fill("#password", "anything")
    page.click("#login-submit")
    page.wait_for_load_state()


def test_a_known_person_signs_in_with_the_ministry_account_and_out_of_both(page, provider, transactional_db):
    ruth = User.objects.create_user("ruth", email="ruth@welfare.example", role=Role.TEAM, password=None)
    sign_in_through_the_provider(page, "ruth@welfare.example")
    page.wait_for_url(lambda url: "/engagements/" in url)
    ruth.refresh_from_db()
    assert ruth.oidc_subject == KNOWN["sub"]  # linked by e-mail the first time, by subject from now on

    page.click("form[action='/accounts/logout/'] button")
    page.wait_for_url(lambda url: url.endswith("/accounts/login/") or "/accounts/login/?" in url)
    # The provider's session ended too: signing in again asks for the provider's login form.
    page.click("a[href^='/oidc/authenticate/']")
    page.wait_for_selector("form#login-form")
    page.goto("/engagements/")
    assert "/accounts/login/" in page.url  # and the platform's session is gone


def test_a_mapped_group_gives_the_role_and_a_stranger_waits_for_an_administrator(
    page, provider, transactional_db
):
    sign_in_through_the_provider(page, "dana@welfare.example")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    dana = User.objects.get(oidc_subject=MAPPED["sub"])
    assert dana.role == Role.MANAGER and dana.is_active and dana.username == "dana"
    page.click("form[action='/accounts/logout/'] button")
    page.wait_for_url(lambda url: "/accounts/login/" in url)

    sign_in_through_the_provider(page, "new@welfare.example")
    page.wait_for_url(lambda url: "/accounts/login/" in url)
    assert page.locator(".alert").count() >= 1  # told why: an administrator gives the role first
    newcomer = User.objects.get(oidc_subject=NEWCOMER["sub"])
    assert not newcomer.is_active and not newcomer.has_usable_password()
