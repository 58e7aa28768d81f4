"""Browser pages: who may open them, and what people do on them."""

import datetime

import pytest
from django.urls import reverse

from api_human.core.models import Engagement, EngagementMembership, Organization, PartnerKey
from tests.matrix import check_matrix, statuses

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------------------------------
# Permission matrix of the pages (anonymous people are sent to the login page)
# ------------------------------------------------------------------------------------------------
def test_engagement_pages_matrix(cast):
    pk = cast.engagement.pk
    check_matrix(cast, "get", "/engagements/", statuses(302, 404, 404, 200, 200, 200, 200), api=False)
    check_matrix(cast, "get", f"/engagements/{pk}/", statuses(302, 404, 404, 200, 404, 200, 200), api=False)
    check_matrix(cast, "get", "/engagements/new/", statuses(302, 404, 404, 403, 200, 200, 200), api=False)
    check_matrix(
        cast, "get", f"/engagements/{pk}/edit/", statuses(302, 404, 404, 403, 404, 200, 200), api=False
    )
    check_matrix(
        cast,
        "get",
        f"/engagements/{pk}/memberships/new/",
        statuses(302, 404, 404, 403, 404, 200, 200),
        api=False,
    )


def test_organization_pages_matrix(cast):
    pk = cast.org_a.pk
    check_matrix(cast, "get", "/organizations/", statuses(302, 404, 404, 200, 200, 200, 200), api=False)
    check_matrix(cast, "get", f"/organizations/{pk}/", statuses(302, 404, 404, 200, 200, 200, 200), api=False)
    check_matrix(cast, "get", "/organizations/new/", statuses(302, 404, 404, 403, 200, 200, 200), api=False)
    check_matrix(
        cast, "get", f"/organizations/{pk}/edit/", statuses(302, 404, 404, 403, 200, 200, 200), api=False
    )


def test_partner_pages_matrix(cast):
    check_matrix(cast, "get", "/partner/", statuses(302, 200, 200, 404, 404, 404, 404), api=False)


def test_admin_site_matrix(cast):
    check_matrix(cast, "get", "/admin/", statuses(302, 302, 302, 302, 302, 302, 200), api=False)


def test_home_sends_each_role_to_its_place(client, cast):
    assert client.get("/").url == reverse("login")
    client.force_login(cast.partner_a)
    assert client.get("/").url == reverse("partner-home")
    client.force_login(cast.manager)
    assert client.get("/").url == reverse("engagement-list")


def test_navigation_follows_the_role(client, cast):
    client.force_login(cast.partner_a)
    page = client.get("/partner/").content.decode()
    assert reverse("partner-home") in page and reverse("engagement-list") not in page
    client.force_login(cast.team_member)
    page = client.get("/engagements/").content.decode()
    assert reverse("engagement-list") in page and reverse("partner-home") not in page


# ------------------------------------------------------------------------------------------------
# Login, language
# ------------------------------------------------------------------------------------------------
def test_wrong_login_is_a_400_with_a_translated_message(client, cast):
    response = client.post(reverse("login"), {"username": "team_member", "password": "wrong"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Please enter a correct" not in page  # Hebrew by default


def test_login_and_logout(client, cast):
    response = client.post(reverse("login"), {"username": "team_member", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.get("/engagements/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/engagements/").status_code == 302


def test_pages_are_hebrew_rtl_by_default_whatever_the_browser_asks(client, cast):
    client.force_login(cast.team_member)
    page = client.get("/engagements/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="he" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("he", "rtl")])
def test_the_language_switcher_changes_language_and_direction(client, cast, language, direction):
    client.force_login(cast.team_member)
    response = client.post("/i18n/setlang/", {"language": language, "next": "/engagements/"})
    assert response.status_code == 302
    page = client.get("/engagements/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page


# ------------------------------------------------------------------------------------------------
# Lists and filters
# ------------------------------------------------------------------------------------------------
def test_engagement_list_shows_only_visible_engagements(client, cast):
    client.force_login(cast.team_member)
    page = client.get("/engagements/").content.decode()
    assert "Engagement under test" in page and "Another engagement" not in page


def test_a_bad_filter_value_is_a_400_with_the_reason(client, cast):
    client.force_login(cast.team_member)
    response = client.get("/organizations/?world=mars")
    assert response.status_code == 400
    assert 'id="id_world_error"' in response.content.decode()


def test_organization_directory_filters(client, cast):
    client.force_login(cast.team_member)
    page = client.get("/organizations/?q=Partner+A").content.decode()
    assert "Partner A Ltd" in page and "Partner B Ltd" not in page


# ------------------------------------------------------------------------------------------------
# Forms
# ------------------------------------------------------------------------------------------------
def test_team_member_creates_an_engagement_in_the_browser(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        "/engagements/new/",
        {
            "name": "Digital local authorities",
            "change_object_kind": "sector",
            "change_object": "Social-services departments of local authorities",
            "partner_organizations": [cast.org_a.pk],
            "start_date": "2025-05-01",
            "status": "planned",
        },
    )
    engagement = Engagement.objects.get(name="Digital local authorities")
    assert response.status_code == 302 and response.url == f"/engagements/{engagement.pk}/"
    assert list(engagement.partner_organizations.all()) == [cast.org_a]
    assert engagement.memberships.get().user == cast.team_member
    page = client.get(response.url).content.decode()
    assert "Partner A Ltd" in page


def test_an_invalid_engagement_form_is_a_400_with_field_errors(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        "/engagements/new/",
        {
            "name": "",
            "change_object_kind": "sector",
            "change_object": "X",
            "start_date": "2025-05-01",
            "end_date": "2025-01-01",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and 'id="id_name_error"' in page
    assert not Engagement.objects.filter(change_object="X").exists()


def test_editing_an_engagement_records_who_changed_what(client, cast):
    client.force_login(cast.team_member)
    engagement = cast.engagement
    response = client.post(
        f"/engagements/{engagement.pk}/edit/",
        {
            "name": engagement.name,
            "change_object_kind": engagement.change_object_kind,
            "change_object": "Loneliness and isolation",
            "start_date": "2024-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/engagements/{engagement.pk}/").content.decode()
    assert "Loneliness of older people" in page and "Loneliness and isolation" in page
    latest = engagement.history.first()
    assert latest.history_user == cast.team_member
    assert latest.history_type == "~"


def test_ending_a_membership_keeps_the_team_over_time(client, cast):
    client.force_login(cast.team_member)
    membership = EngagementMembership.objects.get(engagement=cast.engagement, user=cast.manager)
    url = f"/engagements/{cast.engagement.pk}/memberships/{membership.pk}/edit/"
    response = client.post(
        url, {"role": "manager", "world": "welfare", "valid_from": "2024-01-01", "valid_to": "2024-12-31"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == datetime.date(2024, 12, 31)
    assert membership.user == cast.manager


def test_adding_a_person_with_an_overlapping_period_is_refused(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        f"/engagements/{cast.engagement.pk}/memberships/new/",
        {"user": cast.team_member.pk, "role": "member", "world": "digital", "valid_from": "2024-06-01"},
    )
    assert response.status_code == 400
    assert EngagementMembership.objects.filter(engagement=cast.engagement, user=cast.team_member).count() == 1


def test_organization_create_and_edit(client, cast):
    client.force_login(cast.team_member)
    response = client.post(
        "/organizations/new/",
        {"name": "Howazit", "world": "digital", "kind": "company", "website": "howazit.com"},
    )
    organization = Organization.objects.get(name="Howazit")
    assert response.url == f"/organizations/{organization.pk}/"
    assert organization.website == "https://howazit.com"


# ------------------------------------------------------------------------------------------------
# Partners' API keys in the browser
# ------------------------------------------------------------------------------------------------
def test_a_partner_issues_a_key_that_is_shown_once_and_revokes_it(client, cast):
    client.force_login(cast.partner_a)
    response = client.post("/partner/keys/", {"name": "Our CRM"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    key = PartnerKey.objects.get(user=cast.partner_a)
    raw = response.context["raw_key"]
    assert raw.startswith(key.prefix + ".") and raw in response.content.decode()
    home = client.get("/partner/").content.decode()
    assert key.prefix in home and raw not in home
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 200
    client.post(f"/partner/keys/{key.prefix}/revoke/")
    key.refresh_from_db()
    assert key.revoked


def test_a_partner_cannot_revoke_another_partners_key(client, cast):
    from api_human.core import services

    key, _raw = services.partner_key_issue(user=cast.partner_b, name="B's key")
    client.force_login(cast.partner_a)
    assert client.post(f"/partner/keys/{key.prefix}/revoke/").status_code == 404
    key.refresh_from_db()
    assert not key.revoked


def test_a_key_needs_a_name(client, cast):
    client.force_login(cast.partner_a)
    response = client.post("/partner/keys/", {"name": ""})
    assert response.status_code == 400
    assert not PartnerKey.objects.exists()


def test_unknown_page_is_a_translated_404_page(client, cast):
    client.force_login(cast.team_member)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="he" dir="rtl">' in response.content.decode()


def test_a_rule_refused_at_save_time_is_a_form_error_not_a_500(client, cast, monkeypatch):
    from django.core.exceptions import ValidationError

    from api_human.core import services

    def refuse(**kwargs):
        raise ValidationError({"valid_from": ["Someone else just added this person."]})

    monkeypatch.setattr(services, "membership_create", refuse)
    client.force_login(cast.team_member)
    response = client.post(
        f"/engagements/{cast.engagement.pk}/memberships/new/",
        {"user": cast.other_team_member.pk, "role": "member", "world": "digital", "valid_from": "2025-06-01"},
    )
    assert response.status_code == 400
    assert "Someone else just added this person." in response.content.decode()


def test_administrators_are_not_offered_the_partner_page(client, cast):
    client.force_login(cast.admin)
    page = client.get("/engagements/").content.decode()
    assert reverse("partner-home") not in page and reverse("admin:index") in page
