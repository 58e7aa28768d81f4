"""``loaddemo``: the Digital Welfare case, idempotent, with the four demo logins."""

import pytest
from django.core.management import call_command
from django.test import Client

from api_human.core.demo import DIGITAL_WELFARE
from api_human.core.models import Engagement, EngagementMembership, Organization, Team, User

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Organization, User, Engagement, EngagementMembership, Team)
    } | {"history": Engagement.history.count() + Organization.history.count() + Team.history.count()}


def test_loaddemo_loads_the_digital_welfare_case_and_is_idempotent(capsys):
    call_command("loaddemo")
    first = _snapshot()
    call_command("loaddemo")
    assert _snapshot() == first
    out = capsys.readouterr().out
    assert "team" in out and "demo" in out

    engagement = Engagement.objects.get(name=DIGITAL_WELFARE)
    assert engagement.start_date.year == 2016 and engagement.end_date.year == 2021
    assert engagement.change_object_organization.name == "משרד הרווחה והביטחון החברתי"
    assert {o.name for o in engagement.partner_organizations.all()} == {"מערך הדיגיטל הלאומי", "ג'וינט אלכא"}
    names = set(Organization.objects.values_list("name", flat=True))
    assert {"Uniper", "atvisor", "Howazit", "רשות החדשנות"} <= names
    assert any("הילמ" in name for name in names)
    kinds = set(engagement.teams.values_list("kind", flat=True))
    assert kinds == set(Team.Kind.values)


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("team", "/engagements/"),
        ("manager", "/engagements/"),
        ("partner", "/partner/"),
        ("admin", "/engagements/"),
    ],
)
def test_each_demo_login_works(username, landing):
    call_command("loaddemo")
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "demo"}, follow=True)
    assert response.redirect_chain[-1][0] == landing
    assert response.status_code == 200


def test_demo_team_member_sees_both_engagements_and_can_edit_them():
    call_command("loaddemo")
    team = User.objects.get(username="team")
    assert Engagement.objects.visible_to(team).count() == 2
    assert Engagement.objects.editable_by(team).count() == 2


def test_without_demo_logins_the_demo_people_cannot_sign_in(settings):
    settings.DEMO_LOGINS_ENABLED = False
    call_command("loaddemo")
    assert not any(user.has_usable_password() for user in User.objects.all())
