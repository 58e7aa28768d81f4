"""Behaviour of the core API: writes through services, filters, pagination, one error shape."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from rest_framework.test import APIClient

from api_human.core import services
from api_human.core.models import Engagement, EngagementMembership, Organization, PartnerKey
from tests.factories import EngagementFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"status", "code", "message", "fields", "errors"}


@pytest.fixture
def team_client(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    return client


def partner_client(user):
    _key, raw = services.partner_key_issue(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def test_creating_an_engagement_makes_the_team_member_its_lead(team_client, cast):
    response = team_client.post(
        "/api/v1/engagements/",
        {
            "name": "Digital local authorities",
            "change_object_kind": "sector",
            "change_object": "Local authorities",
            "start_date": "2025-03-01",
            "partner_organizations": [cast.org_a.pk],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["name"] for p in body["partners"]] == ["Partner A Ltd"]
    assert body["memberships"][0]["user"]["username"] == "team_member"
    assert body["memberships"][0]["role"] == "lead"
    engagement = Engagement.objects.get(pk=body["id"])
    assert engagement.created_by == cast.team_member
    assert engagement.history.first().history_user == cast.team_member


def test_engagement_lists_only_what_the_user_belongs_to(team_client, cast):
    response = team_client.get("/api/v1/engagements/")
    assert [e["name"] for e in response.json()["results"]] == ["Engagement under test"]


def test_a_former_member_still_reads_but_no_longer_edits(cast):
    membership = EngagementMembership.objects.get(engagement=cast.engagement, user=cast.team_member)
    services.membership_update(
        membership=membership, actor=cast.admin, data={"valid_to": datetime.date(2024, 6, 30)}
    )
    client = APIClient()
    client.force_login(cast.team_member)
    url = f"/api/v1/engagements/{cast.engagement.pk}/"
    assert client.get(url).status_code == 200
    assert client.patch(url, {"status": "completed"}, format="json").status_code == 403


def test_a_missing_required_field_is_a_translated_400_in_the_error_shape(team_client):
    response = team_client.post("/api/v1/organizations/", {"world": "digital"}, HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"name", "kind"}
    with translation.override("he"):
        assert body["fields"]["name"] == [translation.gettext("This field is required.")]
    assert body["fields"]["name"] != ["This field is required."]


def test_english_messages_on_request(team_client):
    response = team_client.post("/api/v1/organizations/", {"world": "digital"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["fields"]["name"] == ["This field is required."]


def test_malformed_json_is_a_400_not_a_500(team_client):
    response = team_client.generic(
        "POST", "/api/v1/organizations/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"] == "parse_error"


def test_an_unknown_filter_value_is_a_400_with_the_field(team_client):
    response = team_client.get("/api/v1/organizations/?world=mars")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert "world" in body["fields"]


def test_a_bad_date_filter_is_a_400(team_client):
    response = team_client.get("/api/v1/engagements/?active_on=yesterday")
    assert response.status_code == 400
    assert "active_on" in response.json()["fields"]


def test_unknown_api_path_answers_in_the_error_shape(team_client):
    response = team_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert set(response.json()) == ERROR_KEYS


def test_model_rules_reach_the_client_as_field_errors(team_client):
    response = team_client.post(
        "/api/v1/engagements/",
        {
            "name": "Backwards",
            "change_object_kind": "social_issue",
            "change_object": "Loneliness",
            "start_date": "2025-03-01",
            "end_date": "2024-01-01",
        },
    )
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"]


def test_an_organisation_change_object_must_name_the_organisation(team_client):
    response = team_client.post(
        "/api/v1/engagements/",
        {
            "name": "X",
            "change_object_kind": "organization",
            "change_object": "A ministry",
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 400


def test_duplicate_organisation_name_is_refused_whatever_the_case(team_client):
    OrganizationFactory(name="Uniper")
    response = team_client.post(
        "/api/v1/organizations/", {"name": "uniper", "world": "digital", "kind": "startup"}
    )
    assert response.status_code == 400
    assert Organization.objects.filter(name__iexact="uniper").count() == 1


def test_overlapping_memberships_of_one_person_are_refused(team_client, cast):
    response = team_client.post(
        "/api/v1/memberships/",
        {
            "engagement": cast.engagement.pk,
            "user": cast.team_member.pk,
            "role": "member",
            "world": "digital",
            "valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert "valid_from" in response.json()["fields"]


def test_a_partner_cannot_be_put_on_an_engagement_team(team_client, cast):
    response = team_client.post(
        "/api/v1/memberships/",
        {
            "engagement": cast.engagement.pk,
            "user": cast.partner_a.pk,
            "role": "member",
            "world": "digital",
            "valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 400


def test_a_manager_membership_needs_a_manager(team_client, cast):
    newcomer = UserFactory(username="plain_team_member")
    response = team_client.post(
        "/api/v1/memberships/",
        {
            "engagement": cast.engagement.pk,
            "user": newcomer.pk,
            "role": "manager",
            "world": "welfare",
            "valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert "user" in response.json()["fields"]


def test_deleting_an_organisation_in_use_is_a_409(cast):
    client = APIClient()
    client.force_login(cast.admin)
    services.engagement_update(
        engagement=cast.engagement, actor=cast.admin, data={"partner_organizations": [cast.org_a]}
    )
    response = client.delete(f"/api/v1/organizations/{cast.org_a.pk}/")
    assert response.status_code == 409
    assert set(response.json()) == ERROR_KEYS


def test_search_and_filters(team_client):
    OrganizationFactory(name="Hilma", world="digital", kind="ngo", description="Tech for social good")
    OrganizationFactory(name="Netivot", world="welfare", kind="local_authority")
    names = lambda query: [
        o["name"] for o in team_client.get(f"/api/v1/organizations/{query}").json()["results"]
    ]
    assert names("?q=social") == ["Hilma"]
    assert names("?world=welfare") == ["Netivot"]
    assert names("?kind=ngo&world=digital") == ["Hilma"]


def test_engagements_active_on_a_date(team_client, cast):
    EngagementFactory(name="Old", start_date=datetime.date(2016, 1, 1), end_date=datetime.date(2021, 12, 31))
    client = APIClient()
    client.force_login(cast.admin)
    names = [e["name"] for e in client.get("/api/v1/engagements/?active_on=2018-05-01").json()["results"]]
    assert names == ["Old"]


def test_cursor_pagination_walks_every_row_once(team_client):
    for i in range(7):
        OrganizationFactory(name=f"Org {i:02}")
    seen, url = [], "/api/v1/organizations/?page_size=3"
    while url:
        body = team_client.get(url).json()
        seen += [o["name"] for o in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == Organization.objects.count()


def test_a_broken_cursor_is_a_400_in_the_error_shape(team_client):
    response = team_client.get("/api/v1/organizations/?cursor=garbage")
    assert response.status_code == 400
    assert set(response.json()) == ERROR_KEYS
    assert response.json()["errors"][0] == {
        "field": "cursor",
        "code": "invalid_cursor",
        "message": response.json()["fields"]["cursor"][0],
    }


# ------------------------------------------------------------------------------------------------
# Partner API keys
# ------------------------------------------------------------------------------------------------
def test_a_partner_key_authenticates_and_records_its_use(cast):
    key, raw = services.partner_key_issue(user=cast.partner_a, name="CRM")
    assert raw not in key.hashed_key and key.hashed_key.startswith("sha512$$")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "partner_a"
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_a_revoked_key_is_refused(cast):
    key, raw = services.partner_key_issue(user=cast.partner_a, name="CRM")
    services.partner_key_revoke(key=key)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert set(response.json()) == ERROR_KEYS


def test_an_expired_key_is_refused(cast):
    key, raw = services.partner_key_issue(user=cast.partner_a, name="CRM")
    PartnerKey.objects.filter(pk=key.pk).update(expiry_date=timezone.now() - datetime.timedelta(days=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert client.get("/api/v1/me/").status_code == 401


def test_a_wrong_key_is_a_translated_401(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Api-Key nonsense.value")
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json()["message"] == "The API key is not valid or has been revoked."


def test_keys_of_a_deactivated_partner_stop_working(cast):
    _key, raw = services.partner_key_issue(user=cast.partner_a, name="CRM")
    cast.partner_a.is_active = False
    cast.partner_a.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert client.get("/api/v1/me/").status_code == 401


def test_keys_are_issued_to_partners_only(cast):
    with pytest.raises(ValidationError) as refused:
        services.partner_key_issue(user=cast.team_member, name="nope")
    assert "user" in refused.value.message_dict
    assert not PartnerKey.objects.exists()


def test_a_partner_sees_only_their_own_organisation(cast):
    body = partner_client(cast.partner_a).get("/api/v1/organizations/").json()
    assert [o["name"] for o in body["results"]] == ["Partner A Ltd"]


def test_memberships_are_listed_with_people(cast):
    MembershipFactory(
        engagement=cast.engagement, user=UserFactory(username="second"), valid_from=datetime.date(2024, 5, 1)
    )
    client = APIClient()
    client.force_login(cast.manager)
    body = client.get(f"/api/v1/memberships/?engagement={cast.engagement.pk}&current=true").json()
    assert {m["person"]["username"] for m in body["results"]} == {"team_member", "manager", "second"}


def test_an_unexpected_failure_is_a_500_in_the_error_shape(cast, monkeypatch):
    from api_human.core.api.views import OrganizationViewSet

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(OrganizationViewSet, "list", explode)
    client = APIClient(raise_request_exception=False)
    client.force_login(cast.team_member)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 500
    body = response.json()
    assert set(body) == ERROR_KEYS and body["code"] == "server_error"
    assert "boom" not in response.content.decode()
