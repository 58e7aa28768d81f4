"""Sign-in fit for a ministry: lockout and throttle, the second factor, sessions (issue 16).

The OpenID Connect sign-in against a real provider is in tests/e2e/test_sso.py."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from api_human.core import signin
from api_human.core.models import Role, UserSession
from tests.conftest import clear_cache

LOGIN = "/accounts/login/"
PASSWORD = "a-long-enough-password-1"


@pytest.fixture(autouse=True)
def _fresh_counters():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def person(cast):
    user = cast.team_member
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


# ------------------------------------------------------------------------------------------------
# Lockout per account, throttle per address
# ------------------------------------------------------------------------------------------------
def test_200_wrong_passwords_lock_the_account_and_the_right_one_is_refused(client, person, settings):
    settings.SIGN_IN_ADDRESS_LIMIT = 1000  # the account's lock, not the address's throttle
    client.cookies["django_language"] = "en"
    statuses = [sign_in(client, person.username, f"wrong-{i}").status_code for i in range(200)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [400] * (limit - 1)  # told the password is wrong
    assert set(statuses[limit:]) == {429}  # then locked, whatever is typed
    response = sign_in(client, person.username, PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "this account. It is locked for 30 minutes" in response.context["refusal"]
    assert AccessAttempt.objects.filter(username=person.username).exists()
    assert AccessFailureLog.objects.filter(username=person.username).count() >= limit


def test_the_lock_ends_when_the_window_passes(client, person, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.username, f"wrong-{i}")
    assert sign_in(client, person.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(days=1))
    assert sign_in(client, person.username, PASSWORD).status_code == 302
    assert AccessLog.objects.filter(username=person.username).exists()  # the sign-in is on record


def test_an_administrator_unlocks_an_account_from_the_admin(client, person, cast, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.username, f"wrong-{i}")
    admin = Client()
    admin.force_login(cast.admin)
    response = admin.post(
        reverse("admin:core_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [person.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=person.username).exists()
    assert sign_in(client, person.username, PASSWORD).status_code == 302


def test_the_lock_holds_from_any_address(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.username, f"wrong-{i}", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    response = sign_in(client, person.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_forged_forwarded_for_does_not_escape_the_address_throttle(client, cast, settings, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.SIGN_IN_ADDRESS_LIMIT = 5
    # Behind one proxy, the proxy appends the address it saw; whatever the client wrote before is ignored.
    for i in range(5):
        response = sign_in(
            client,
            f"nobody-{i}",
            "x",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.7",
            REMOTE_ADDR="192.0.2.1",
        )
        assert response.status_code == 400
    blocked = sign_in(
        client, "nobody-9", "x", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7", REMOTE_ADDR="192.0.2.1"
    )
    assert blocked.status_code == 429
    # Another client (another address as the trusted proxy saw it) is not blocked by them.
    other = "198.51.100.20" if proxies else "192.0.2.2"
    response = sign_in(
        client,
        "nobody-10",
        "x",
        HTTP_X_FORWARDED_FOR=f"10.0.0.1, {other}",
        REMOTE_ADDR="192.0.2.1" if proxies else other,
    )
    assert response.status_code == 400


def test_the_lockout_message_is_translated(client, person, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.username, f"wrong-{i}")
    client.cookies["django_language"] = "en"
    english = sign_in(client, person.username, PASSWORD).content.decode()
    client.cookies["django_language"] = "ar"
    arabic = sign_in(client, person.username, PASSWORD).content.decode()
    assert "Too many failed sign-in attempts" in english
    assert "Too many failed sign-in attempts" not in arabic


# ------------------------------------------------------------------------------------------------
# The second factor
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_ROLES = ["admin", "manager"]


def enrol(client) -> list[str]:
    """Go through the set-up page as the signed-in person; returns the recovery codes shown."""
    page = client.get(reverse("second-factor-setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(pk=client.session["second_factor_setup_device"])
    response = client.post(reverse("second-factor-setup"), {"code": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 200, response.content.decode()[:500]
    return [code.strip() for code in response.context["codes"]]


def test_an_administrator_cannot_go_anywhere_without_a_second_factor(client, cast, mfa_required):
    admin = cast.admin
    admin.set_password(PASSWORD)
    admin.save()
    response = sign_in(client, admin.username, PASSWORD)
    assert response.status_code == 302
    for path in ["/engagements/", "/admin/", "/dashboards/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/second-factor/setup/"
        )
    api = client.get("/api/v1/engagements/")
    assert api.status_code == 403 and api.json()["code"] == "second_factor_required"
    codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/engagements/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(
    client, cast, mfa_required, settings
):
    # django-otp also slows each device down after a wrong code (a second, doubling): not tested here
    settings.OTP_STATIC_THROTTLE_FACTOR = settings.OTP_TOTP_THROTTLE_FACTOR = 0
    manager = cast.manager
    manager.set_password(PASSWORD)
    manager.save()
    sign_in(client, manager.username, PASSWORD)
    codes = enrol(client)
    client.post(reverse("logout"))

    sign_in(client, manager.username, PASSWORD)
    response = client.get("/engagements/")
    assert response["Location"].startswith("/accounts/second-factor/?next=")
    before = client.session.session_key
    wrong = client.post(reverse("second-factor"), {"code": "000000"})
    assert wrong.status_code == 400
    accepted = client.post(reverse("second-factor"), {"code": codes[0], "next": "/engagements/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/engagements/"
    assert client.session.session_key != before  # a new session id with the new privilege
    assert client.get("/engagements/").status_code == 200
    assert StaticToken.objects.filter(device__user=manager).count() == 9

    client.post(reverse("logout"))
    sign_in(client, manager.username, PASSWORD)
    again = client.post(reverse("second-factor"), {"code": codes[0]})
    assert again.status_code == 400  # used once, gone


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, cast, mfa_required, settings):
    manager = cast.manager
    manager.set_password(PASSWORD)
    manager.save()
    sign_in(client, manager.username, PASSWORD)
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, manager.username, PASSWORD)
    statuses = [client.post(reverse("second-factor"), {"code": f"{i:06d}"}).status_code for i in range(30)]
    assert 429 in statuses
    assert "_auth_user_id" not in client.session  # signed out when locked
    assert sign_in(client, manager.username, PASSWORD).status_code == 429


def test_a_team_member_may_add_and_remove_a_second_factor(client, person):
    sign_in(client, person.username, PASSWORD)
    assert client.get("/engagements/").status_code == 200  # not required for the team
    page = client.get(reverse("account-security"))
    assert page.status_code == 200 and page.context["has_second_factor"] is False
    enrol(client)
    assert client.get(reverse("account-security")).context["has_second_factor"] is True
    client.post(reverse("second-factor-remove"))
    assert not TOTPDevice.objects.filter(user=person).exists()


def test_a_manager_may_not_remove_the_factor_their_role_needs(client, cast, mfa_required):
    client.force_login(cast.manager)
    enrol(client)
    client.post(reverse("second-factor-remove"))
    assert TOTPDevice.objects.filter(user=cast.manager, confirmed=True).exists()


def test_an_administrator_resets_a_second_factor_from_the_admin(cast, mfa_required):
    manager_client = Client()
    manager_client.force_login(cast.manager)
    enrol(manager_client)
    admin = Client()
    admin.force_login(cast.admin)
    session = admin.session
    session.pop("second_factor_owed", None)
    session.save()
    response = admin.post(
        reverse("admin:core_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [cast.manager.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.manager).exists()
    assert manager_client.get("/engagements/").status_code == 302  # signed out everywhere too


# ------------------------------------------------------------------------------------------------
# Sessions
# ------------------------------------------------------------------------------------------------
def test_the_session_id_changes_at_sign_in(client, person):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    sign_in(client, person.username, PASSWORD)
    assert client.session.session_key != before
    assert UserSession.objects.filter(user=person, session_key=client.session.session_key).exists()


def test_an_idle_session_ends(client, person, settings):
    sign_in(client, person.username, PASSWORD)
    session = client.session
    session[signin.SEEN_AT] = time.time() - settings.SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get("/engagements/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=")
    assert "_auth_user_id" not in client.session


def test_a_session_ends_at_its_absolute_lifetime_even_when_busy(client, person, settings):
    sign_in(client, person.username, PASSWORD)
    session = client.session
    session[signin.SIGNED_IN_AT] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 5
    session.save()
    assert client.get("/engagements/").status_code == 302
    api = client.get("/api/v1/engagements/")
    assert api.status_code in {401, 403}


def test_sign_out_everywhere_from_the_security_page_and_the_admin(person, cast):
    first, second, third = Client(), Client(), Client()
    for c in (first, second, third):
        sign_in(c, person.username, PASSWORD)
    assert UserSession.objects.filter(user=person).count() == 3
    first.post(reverse("account-security"))
    assert first.get("/engagements/").status_code == 200
    assert second.get("/engagements/").status_code == 302 and third.get("/engagements/").status_code == 302
    admin = Client()
    admin.force_login(cast.admin)
    admin.post(
        reverse("admin:core_user_changelist"),
        {"action": "sign_out_everywhere", "_selected_action": [person.pk]},
    )
    assert first.get("/engagements/").status_code == 302
    assert (
        not Session.objects.filter(session_key__in=UserSession.objects.values("session_key"))
        .exclude(session_key=admin.session.session_key)
        .filter(pk__in=UserSession.objects.filter(user=person).values("session_key"))
    )


def test_a_role_change_ends_the_persons_sessions(client, person, django_capture_on_commit_callbacks):
    sign_in(client, person.username, PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        person.role = Role.MANAGER
        person.save()
    assert client.get("/engagements/").status_code == 302


def test_staff_password_sign_in_can_be_turned_off_but_partners_keep_it(client, person, cast, settings):
    settings.STAFF_PASSWORD_SIGN_IN = False
    refused = sign_in(client, person.username, PASSWORD)
    assert refused.status_code == 400 and "_auth_user_id" not in client.session
    partner = cast.partner_a
    partner.set_password(PASSWORD)
    partner.save()
    assert sign_in(client, partner.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_the_second_factor_pages_speak_each_language(client, cast, language):
    client.cookies["django_language"] = language
    client.force_login(cast.team_member)
    setup = client.get(reverse("second-factor-setup"))
    assert setup.status_code == 200 and f'lang="{language}"' in setup.content.decode()
    assert client.get(reverse("account-security")).status_code == 200


# ------------------------------------------------------------------------------------------------
# Who may open the sign-in pages
# ------------------------------------------------------------------------------------------------
PAGES = ["account-security", "second-factor-setup", "second-factor"]
POSTS = ["account-security", "second-factor-recovery", "second-factor-remove"]


@pytest.mark.parametrize("name", PAGES + POSTS)
def test_the_sign_in_pages_ask_an_anonymous_visitor_to_sign_in(client, name, db):
    response = (
        client.post(reverse(name)) if name in POSTS and name not in PAGES else client.get(reverse(name))
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", [r for r in ("partner_a", "manager", "team_member", "admin")])
def test_every_role_has_its_security_page_and_sees_only_its_sessions(client, cast, role):
    other = Client()
    other.force_login(cast.team_member if role != "team_member" else cast.manager)
    client.force_login(getattr(cast, role))
    response = client.get(reverse("account-security"))
    assert response.status_code == 200
    assert {s.user_id for s in response.context["sessions"]} == {getattr(cast, role).pk}
    assert client.get(reverse("second-factor-setup")).status_code == 200
    assert client.get(reverse("second-factor")).status_code == 302  # no factor yet: to the set-up page


def test_the_security_page_costs_a_fixed_number_of_queries(client, person, django_assert_max_num_queries):
    for _i in range(5):
        Client().force_login(person)
    client.force_login(person)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("account-security")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_one_recovery_code_used_from_two_sessions_at_once_opens_only_one(settings):
    import threading

    from django.db import connection

    from tests.factories import UserFactory

    settings.MFA_REQUIRED_ROLES = ["manager"]
    manager = UserFactory(username="twice", role=Role.MANAGER)
    manager.set_password(PASSWORD)
    manager.save()
    first = Client()
    sign_in(first, manager.username, PASSWORD)
    code = enrol(first)[0]
    sessions = [Client(), Client()]
    for c in sessions:
        sign_in(c, manager.username, PASSWORD)
    barrier, statuses = threading.Barrier(2), []

    def use(c):
        try:
            barrier.wait()
            statuses.append(c.post(reverse("second-factor"), {"code": code}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=use, args=(c,)) for c in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [302, 400]


def test_the_set_up_page_keeps_its_key_on_a_reload(client, person):
    client.force_login(person)
    client.get(reverse("second-factor-setup"))
    first = client.session["second_factor_setup_device"]
    client.get(reverse("second-factor-setup"))
    assert client.session["second_factor_setup_device"] == first
    assert TOTPDevice.objects.filter(user=person).count() == 1
