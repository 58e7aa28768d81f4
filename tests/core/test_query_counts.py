"""Every list and detail, in the API and in the browser, costs a fixed number of queries."""

import datetime

import pytest
from rest_framework.test import APIClient

from api_human.core import services
from api_human.core.models import EngagementMembership
from tests.factories import (
    EngagementFactory,
    MembershipFactory,
    OrganizationFactory,
    TeamFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _grow_engagement(cast, engagement=None, n=6):
    """More of everything around an engagement: partners, people, teams, members, history."""
    engagement = engagement or cast.engagement
    orgs = [OrganizationFactory() for _ in range(n)]
    services.engagement_update(engagement=engagement, actor=cast.admin, data={"partner_organizations": orgs})
    for i in range(n):
        MembershipFactory(engagement=engagement, user=UserFactory(), valid_from=datetime.date(2024, 1, 1 + i))
        team = TeamFactory(engagement=engagement)
        TeamMemberFactory(team=team, user=UserFactory())
        TeamMemberFactory(team=team, organization=orgs[i])
        services.team_update(team=team, actor=cast.team_member, data={"description": f"changed {i}"})


def _grow_engagements(cast, n=6):
    for _ in range(n):
        engagement = EngagementFactory()
        MembershipFactory(engagement=engagement, user=cast.team_member)
        _grow_engagement(cast, engagement, n=2)


@pytest.fixture
def api(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    return client


@pytest.fixture
def browser(client, cast):
    client.force_login(cast.team_member)
    return client


# ------------------------------------------------------------------------------------------------
# API
# ------------------------------------------------------------------------------------------------
def test_api_organization_list(api, cast):
    assert_queries_do_not_grow(
        lambda: api.get("/api/v1/organizations/"),
        lambda: [OrganizationFactory() for _ in range(8)],
        at_most=6,
    )


def test_api_organization_detail(api, cast):
    assert_queries_do_not_grow(
        lambda: api.get(f"/api/v1/organizations/{cast.org_a.pk}/"), lambda: _grow_engagement(cast), at_most=6
    )


def test_api_engagement_list(api, cast):
    assert_queries_do_not_grow(
        lambda: api.get("/api/v1/engagements/"), lambda: _grow_engagements(cast), at_most=8
    )


def test_api_engagement_detail(api, cast):
    url = f"/api/v1/engagements/{cast.engagement.pk}/"
    assert_queries_do_not_grow(lambda: api.get(url), lambda: _grow_engagement(cast), at_most=8)


def test_api_membership_list(api, cast):
    assert_queries_do_not_grow(
        lambda: api.get("/api/v1/memberships/"), lambda: _grow_engagement(cast), at_most=6
    )


def test_api_membership_detail(api, cast):
    membership = EngagementMembership.objects.get(engagement=cast.engagement, user=cast.team_member)
    url = f"/api/v1/memberships/{membership.pk}/"
    assert_queries_do_not_grow(lambda: api.get(url), lambda: _grow_engagement(cast), at_most=6)


def test_api_team_list(api, cast):
    TeamFactory(engagement=cast.engagement)
    assert_queries_do_not_grow(lambda: api.get("/api/v1/teams/"), lambda: _grow_engagement(cast), at_most=7)


def test_api_team_detail(api, cast):
    team = TeamFactory(engagement=cast.engagement)
    url = f"/api/v1/teams/{team.pk}/"
    grow = lambda: [TeamMemberFactory(team=team, user=UserFactory()) for _ in range(5)]
    assert_queries_do_not_grow(lambda: api.get(url), grow, at_most=7)


def test_api_team_member_list(api, cast):
    TeamMemberFactory(team=TeamFactory(engagement=cast.engagement))
    assert_queries_do_not_grow(
        lambda: api.get("/api/v1/team-members/"), lambda: _grow_engagement(cast), at_most=6
    )


def test_api_team_member_detail(api, cast):
    member = TeamMemberFactory(team=TeamFactory(engagement=cast.engagement), user=cast.team_member)
    url = f"/api/v1/team-members/{member.pk}/"
    assert_queries_do_not_grow(lambda: api.get(url), lambda: _grow_engagement(cast), at_most=6)


# ------------------------------------------------------------------------------------------------
# Browser
# ------------------------------------------------------------------------------------------------
def test_page_engagement_list(browser, cast):
    assert_queries_do_not_grow(
        lambda: browser.get("/engagements/"), lambda: _grow_engagements(cast), at_most=12
    )


def test_page_engagement_detail(browser, cast):
    url = f"/engagements/{cast.engagement.pk}/"
    # The page also carries the stages section and the change history of every kind of record.
    assert_queries_do_not_grow(lambda: browser.get(url), lambda: _grow_engagement(cast), at_most=61)


def test_page_organization_list(browser, cast):
    assert_queries_do_not_grow(
        lambda: browser.get("/organizations/"), lambda: [OrganizationFactory() for _ in range(8)], at_most=10
    )


def test_page_organization_detail(browser, cast):
    def grow():
        for _ in range(4):
            engagement = EngagementFactory()
            MembershipFactory(engagement=engagement, user=cast.team_member)
            services.engagement_update(
                engagement=engagement, actor=cast.admin, data={"partner_organizations": [cast.org_a]}
            )

    url = f"/organizations/{cast.org_a.pk}/"
    assert_queries_do_not_grow(lambda: browser.get(url), grow, at_most=10)


def test_page_partner_home(client, cast, settings):
    settings.PARTNER_MAX_ACTIVE_KEYS = (
        100  # the page must not grow with many keys (the cap is tested elsewhere)
    )
    client.force_login(cast.partner_a)
    grow = lambda: [services.partner_key_issue(user=cast.partner_a, name=f"k{i}") for i in range(5)]
    assert_queries_do_not_grow(lambda: client.get("/partner/"), grow, at_most=8)
