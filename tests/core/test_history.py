"""Changes to the main records keep who, when and what."""

import datetime

import pytest

from api_human.core import services
from api_human.core.models import Organization, Team, TeamMember, User
from api_human.core.selectors import engagement_change_log
from tests.factories import OrganizationFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_the_engagement_log_names_who_changed_which_field_from_what_to_what(cast):
    services.engagement_update(
        engagement=cast.engagement,
        actor=cast.team_member,
        data={"status": "on_hold", "change_object": "Isolation"},
    )
    entry = engagement_change_log(cast.engagement)[0]
    assert entry.who == cast.team_member
    assert entry.action and entry.kind
    changes = {(c.old, c.new) for c in entry.changes}
    assert ("Loneliness of older people", "Isolation") in changes
    assert len(entry.changes) == 2


def test_partners_memberships_teams_and_members_are_in_the_log(cast):
    services.engagement_update(
        engagement=cast.engagement, actor=cast.team_member, data={"partner_organizations": [cast.org_a]}
    )
    team = services.team_create(
        actor=cast.team_member, engagement=cast.engagement, kind=Team.Kind.TASK_FORCE, name="TF"
    )
    services.team_member_create(actor=cast.team_member, team=team, full_name="Miriam", world="welfare")
    subjects = {entry.subject for entry in engagement_change_log(cast.engagement)}
    assert {"Partner A Ltd", "TF", "Miriam", str(cast.team_member)} <= subjects


def test_removing_a_partner_is_recorded(cast):
    services.engagement_update(
        engagement=cast.engagement, actor=cast.admin, data={"partner_organizations": [cast.org_a]}
    )
    services.engagement_update(
        engagement=cast.engagement, actor=cast.team_member, data={"partner_organizations": []}
    )
    deleted = [e for e in engagement_change_log(cast.engagement) if e.subject == "Partner A Ltd"]
    assert [e.who for e in deleted] == [cast.team_member, cast.admin]


def test_a_save_without_changes_adds_nothing_to_the_log(cast):
    before = len(engagement_change_log(cast.engagement))
    services.engagement_update(engagement=cast.engagement, actor=cast.team_member, data={})
    assert len(engagement_change_log(cast.engagement)) == before


def test_history_of_organisations_teams_members_and_the_partner_link(cast):
    org = OrganizationFactory(name="Hilma")
    services.organization_update(
        organization=org, actor=cast.team_member, data={"kind": Organization.Kind.NGO}
    )
    assert org.history.first().history_user == cast.team_member
    team = TeamFactory(engagement=cast.engagement)
    member = services.team_member_create(actor=cast.team_member, team=team, full_name="Gal", world="digital")
    services.team_member_update(
        member=member, actor=cast.team_member, data={"valid_to": datetime.date(2025, 1, 1)}
    )
    assert TeamMember.history.filter(id=member.pk).count() == 2
    partner = cast.partner_a
    partner.organization = cast.org_b
    partner._history_user = cast.admin
    partner.save()
    record = User.history.filter(id=partner.pk).first()
    assert record.organization_id == cast.org_b.pk and record.history_user == cast.admin
    assert not hasattr(record, "password")


def test_changed_foreign_keys_are_named_in_bulk(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team = TeamFactory(engagement=cast.engagement)
    member = services.team_member_create(actor=cast.team_member, team=team, full_name="Gal", world="digital")

    def queries_after(changes):
        for i in range(changes):
            org = OrganizationFactory(name=f"Employer {member.pk}-{i}-{changes}")
            services.team_member_update(member=member, actor=cast.team_member, data={"organization": org})
        with CaptureQueriesContext(connection) as captured:
            log = engagement_change_log(cast.engagement)
        return len(captured), log

    few, _log = queries_after(1)
    many, log = queries_after(6)
    assert few == many
    changes = {(c.old, c.new) for e in log for c in e.changes if e.subject == "Gal"}
    assert (f"Employer {member.pk}-4-6", f"Employer {member.pk}-5-6") in changes


def test_every_main_record_keeps_its_history_through_the_shared_history_manager(cast):
    """The records' ``HistoricalRecords`` make their history manager class once (simple_history makes
    it anew on every read, and reads it on every save); what is recorded is the same."""
    from django.apps import apps
    from simple_history.models import registered_models

    from api_human.core.historical import HistoryManager

    tracked = [model for model in apps.get_models() if model in registered_models.values()]
    assert tracked
    for model in tracked:
        descriptor = model.__dict__[model._meta.simple_history_manager_attribute]
        assert issubclass(descriptor.manager_class, HistoryManager), model
    organization = OrganizationFactory(name="Before")
    assert type(organization.history) is type(organization.history)
    organization.name = "After"
    organization.save()
    assert list(organization.history.order_by("history_id").values_list("name", flat=True)) == [
        "Before",
        "After",
    ]
