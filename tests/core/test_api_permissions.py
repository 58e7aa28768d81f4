"""The permission matrix of every core endpoint: who gets which status."""

import json

import pytest
from django.utils import translation

from api_human.core.models import EngagementMembership, Team
from tests.factories import OrganizationFactory, TeamFactory, TeamMemberFactory, UserFactory
from tests.matrix import check_matrix, statuses

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_me(cast):
    check_matrix(cast, "get", f"{API}/me/", statuses(401, 200, 200, 200, 200, 200, 200))


# ------------------------------------------------------------------------------------------------
# Organisations
# ------------------------------------------------------------------------------------------------
def test_organization_list(cast):
    check_matrix(cast, "get", f"{API}/organizations/", statuses(401, 200, 200, 200, 200, 200, 200))


def test_organization_detail_is_hidden_from_other_partners(cast):
    url = f"{API}/organizations/{cast.org_a.pk}/"
    check_matrix(cast, "get", url, statuses(401, 200, 404, 200, 200, 200, 200))


def test_organization_create(cast):
    def data(role):
        return {"name": f"New organisation by {role}", "world": "digital", "kind": "startup"}

    check_matrix(
        cast, "post", f"{API}/organizations/", statuses(401, 403, 403, 403, 201, 201, 201), data=data
    )


def test_organization_update(cast):
    url = f"{API}/organizations/{cast.org_a.pk}/"
    check_matrix(
        cast, "patch", url, statuses(401, 403, 403, 403, 200, 200, 200), data={"website": "https://a.example"}
    )


def test_organization_delete(cast):
    unused = OrganizationFactory(name="Unused organisation")
    url = f"{API}/organizations/{unused.pk}/"
    check_matrix(cast, "delete", url, statuses(401, 403, 403, 403, 403, 403, 204))


# ------------------------------------------------------------------------------------------------
# Engagements
# ------------------------------------------------------------------------------------------------
def test_engagement_list(cast):
    check_matrix(cast, "get", f"{API}/engagements/", statuses(401, 404, 404, 200, 200, 200, 200))


def test_engagement_detail(cast):
    url = f"{API}/engagements/{cast.engagement.pk}/"
    check_matrix(cast, "get", url, statuses(401, 404, 404, 200, 404, 200, 200))


def test_engagement_create(cast):
    def data(role):
        return {
            "name": f"Engagement by {role}",
            "change_object_kind": "sector",
            "change_object": "Local authorities",
            "start_date": "2025-01-01",
        }

    check_matrix(cast, "post", f"{API}/engagements/", statuses(401, 404, 404, 403, 201, 201, 201), data=data)


def test_engagement_update(cast):
    url = f"{API}/engagements/{cast.engagement.pk}/"
    check_matrix(cast, "patch", url, statuses(401, 404, 404, 403, 404, 200, 200), data={"status": "on_hold"})


def test_engagement_delete(cast):
    url = f"{API}/engagements/{cast.engagement.pk}/"
    check_matrix(cast, "delete", url, statuses(401, 404, 404, 403, 403, 403, 204))


# ------------------------------------------------------------------------------------------------
# Memberships
# ------------------------------------------------------------------------------------------------
def _membership(cast):
    return EngagementMembership.objects.get(engagement=cast.engagement, user=cast.team_member)


def test_membership_list(cast):
    check_matrix(cast, "get", f"{API}/memberships/", statuses(401, 404, 404, 200, 200, 200, 200))


def test_membership_detail(cast):
    url = f"{API}/memberships/{_membership(cast).pk}/"
    check_matrix(cast, "get", url, statuses(401, 404, 404, 200, 404, 200, 200))


def test_membership_create(cast):
    def data(role):
        newcomer = UserFactory(username=f"newcomer_for_{role}")
        return {
            "engagement": cast.engagement.pk,
            "user": newcomer.pk,
            "role": "member",
            "world": "welfare",
            "valid_from": "2025-02-01",
        }

    # Another engagement's team member may not add people here: the engagement is not theirs to edit.
    check_matrix(cast, "post", f"{API}/memberships/", statuses(401, 404, 404, 403, 400, 201, 201), data=data)


def test_membership_update(cast):
    url = f"{API}/memberships/{_membership(cast).pk}/"
    check_matrix(cast, "patch", url, statuses(401, 404, 404, 403, 404, 200, 200), data={"world": "welfare"})


def test_membership_delete(cast):
    url = f"{API}/memberships/{_membership(cast).pk}/"
    check_matrix(cast, "delete", url, statuses(401, 404, 404, 403, 403, 403, 204))


# ------------------------------------------------------------------------------------------------
# Teams and team members
# ------------------------------------------------------------------------------------------------
def test_team_list(cast):
    TeamFactory(engagement=cast.engagement)
    check_matrix(cast, "get", f"{API}/teams/", statuses(401, 404, 404, 200, 200, 200, 200))


def test_team_detail(cast):
    team = TeamFactory(engagement=cast.engagement)
    check_matrix(cast, "get", f"{API}/teams/{team.pk}/", statuses(401, 404, 404, 200, 404, 200, 200))


def test_team_create(cast):
    def data(role):
        return {
            "engagement": cast.engagement.pk,
            "kind": Team.Kind.TASK_FORCE,
            "name": f"Task force of {role}",
        }

    check_matrix(cast, "post", f"{API}/teams/", statuses(401, 404, 404, 403, 400, 201, 201), data=data)


def test_team_update(cast):
    team = TeamFactory(engagement=cast.engagement)
    url = f"{API}/teams/{team.pk}/"
    check_matrix(
        cast, "patch", url, statuses(401, 404, 404, 403, 404, 200, 200), data={"description": "Updated"}
    )


def test_team_delete(cast):
    team = TeamFactory(engagement=cast.engagement)
    check_matrix(cast, "delete", f"{API}/teams/{team.pk}/", statuses(401, 404, 404, 403, 403, 403, 204))


def test_team_member_list(cast):
    TeamMemberFactory(team=TeamFactory(engagement=cast.engagement))
    check_matrix(cast, "get", f"{API}/team-members/", statuses(401, 404, 404, 200, 200, 200, 200))


def test_team_member_detail(cast):
    member = TeamMemberFactory(team=TeamFactory(engagement=cast.engagement))
    url = f"{API}/team-members/{member.pk}/"
    check_matrix(cast, "get", url, statuses(401, 404, 404, 200, 404, 200, 200))


def test_team_member_create(cast):
    team = TeamFactory(engagement=cast.engagement)

    def data(role):
        return {"team": team.pk, "full_name": f"Added by {role}", "world": "welfare"}

    check_matrix(cast, "post", f"{API}/team-members/", statuses(401, 404, 404, 403, 400, 201, 201), data=data)


def test_team_member_update(cast):
    member = TeamMemberFactory(team=TeamFactory(engagement=cast.engagement))
    url = f"{API}/team-members/{member.pk}/"
    check_matrix(cast, "patch", url, statuses(401, 404, 404, 403, 404, 200, 200), data={"title": "Chair"})


def test_team_member_delete(cast):
    member = TeamMemberFactory(team=TeamFactory(engagement=cast.engagement))
    url = f"{API}/team-members/{member.pk}/"
    check_matrix(cast, "delete", url, statuses(401, 404, 404, 403, 403, 403, 204))


# ------------------------------------------------------------------------------------------------
# Schema and docs are public: partners read them before they have a key.
# ------------------------------------------------------------------------------------------------
def test_schema_and_docs_are_public(cast):
    check_matrix(cast, "get", "/api/schema/", statuses(200, 200, 200, 200, 200, 200, 200))
    check_matrix(cast, "get", "/api/docs/", statuses(200, 200, 200, 200, 200, 200, 200))


def test_the_schema_is_the_same_for_everyone_and_built_once_per_version(cast, monkeypatch):
    """The schema is built for no one in particular and kept: what every role (and the anonymous
    visitor) gets is what the generator builds with a signed-in caller's own request — a partner's
    or a team member's — and later requests build nothing."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer
    from rest_framework.test import APIRequestFactory

    from api_human.core.api import schema_views
    from tests.matrix import client_for

    schema_views.forget_schemas()
    kept = client_for(cast, "anonymous", api=True).get("/api/schema/?format=json").json()
    for role in ("partner_a", "team_member"):
        request = schema_views.SchemaView().initialize_request(APIRequestFactory().get("/api/schema/"))
        request.user = cast.users[role]
        with translation.override("en"):
            built = SchemaGenerator().get_schema(request=request, public=True)
        assert kept == json.loads(OpenApiJsonRenderer().render(built)), role

    calls = []
    real = SchemaGenerator.get_schema
    monkeypatch.setattr(SchemaGenerator, "get_schema", lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    for role in cast.ROLES:
        assert client_for(cast, role, api=True).get("/api/schema/?format=json").json() == kept, role
    assert not calls
    v2 = client_for(cast, "anonymous", api=True).get("/api/schema/?format=json&version=v2").json()
    assert v2["info"]["version"] == "2.0.0" and len(calls) == 1
