"""Every list of the connective work exports as CSV and XLSX at the stage dashboard's export address: the
engagement's members only, each record once with its fields named as on the form, the period filter
applied, and a number of queries that does not grow with the rows."""

import csv
import io
from datetime import date
from itertools import count

import pytest
from openpyxl import load_workbook

from api_human.core.services import save_with_history
from connections.exports import EXPORTS
from connections.models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    Pairing,
    ProcurementStep,
    ReachMeasurement,
    TrustNote,
)
from initiatives.models import Initiative, Need
from tests.factories import OrganizationFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
numbers = count(1)


def add_one_of_each(cast):
    """One record of every list (a new connection, event, initiative… each time)."""
    n = next(numbers)
    actor = cast.team_member
    division = OrganizationFactory(name=f"=Division {n}", world="welfare", kind="ministry_division")
    venture = OrganizationFactory(name=f"Venture {n}", world="digital", kind="startup")
    event = save_with_history(
        Event(
            engagement=cast.engagement,
            kind="datathon",
            title=f"Datathon {n}",
            starts_on=date(2019, 5, 1),
        ),
        actor=actor,
    )
    need = save_with_history(
        Need(engagement=cast.engagement, title=f"Need {n}", source="management", category="ministry_methods"),
        actor=actor,
    )
    initiative = save_with_history(
        Initiative(engagement=cast.engagement, title=f"Initiative {n}"), actor=actor
    )
    event.needs.add(need)
    event.initiatives.add(initiative)
    save_with_history(
        EventParticipation(event=event, world="welfare", organization=division, count=10), actor=actor
    )
    connection = save_with_history(
        Connection(
            engagement=cast.engagement,
            welfare_party=division,
            digital_party=venture,
            origin="event",
            event=event,
            introduced_by=actor,
            began_on=date(2019, 5, 2),
        ),
        actor=actor,
    )
    save_with_history(
        TrustNote(connection=connection, on=date(2019, 6, 1), kind="meeting", text="First"), actor=actor
    )
    save_with_history(
        MentoringSession(
            engagement=cast.engagement,
            mentor=actor,
            mentee=f"Referent {n}",
            mentee_world="welfare",
            mentee_organization=division,
            held_on=date(2019, 7, 1),
            topic="Data",
            moved=["confidence"],
        ),
        actor=actor,
    )
    save_with_history(
        Pairing(initiative=initiative, welfare_person="A", digital_person="B", started_on=date(2019, 8, 1)),
        actor=actor,
    )
    save_with_history(ProcurementStep(initiative=initiative, kind="rfi", on=date(2019, 9, 1)), actor=actor)
    save_with_history(
        LearningMilestone(initiative=initiative, question="Will they use it?", due_on=date(2019, 10, 1)),
        actor=actor,
    )
    save_with_history(
        ReachMeasurement(initiative=initiative, measured_on=date(2019, 11, 1), phase="pilot", users=60),
        actor=actor,
    )
    save_with_history(
        Concern(
            engagement=cast.engagement,
            initiative=initiative,
            party="venture",
            organization=venture,
            concern="Being paid late",
            raised_on=date(2019, 12, 1),
        ),
        actor=actor,
    )


def export_url(cast, key, fmt="csv"):
    return f"/dashboards/engagements/{cast.engagement.pk}/export/{key}.{fmt}"


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_only_the_engagements_members_export_its_lists(cast):
    members = statuses(302, 404, 404, 200, 404, 200, 200)
    for key in ("connections", "concerns"):
        check_matrix(cast, "get", export_url(cast, key), members, api=False)


def test_every_list_exports_each_record_with_labels_and_safe_text(client, cast):
    add_one_of_each(cast)
    client.force_login(cast.manager)
    for key in EXPORTS:
        rows = rows_of(client.get(export_url(cast, key)))
        assert len(rows) == 2, (key, rows)
    connections = rows_of(client.get(export_url(cast, "connections")))
    assert connections[1][0].startswith("'=Division")  # a text that starts like a formula stays text
    client.cookies["django_language"] = "en"
    sessions = rows_of(client.get(export_url(cast, "mentoring-sessions")))
    assert "Confidence" in sessions[1] and "Welfare world" in sessions[1]
    events = rows_of(client.get(export_url(cast, "events")))
    assert any(cell.startswith("Need ") for cell in events[1]) and any(
        c.startswith("Initiative ") for c in events[1]
    )
    workbook = load_workbook(
        io.BytesIO(client.get(export_url(cast, "procurement-steps", "xlsx")).content)
    ).active
    assert workbook.max_row == 2


def test_the_period_filter_narrows_each_list_by_its_own_date(client, cast):
    add_one_of_each(cast)
    client.force_login(cast.team_member)
    assert len(rows_of(client.get(export_url(cast, "concerns") + "?date_from=2019-12-01"))) == 2
    assert len(rows_of(client.get(export_url(cast, "concerns") + "?date_to=2019-11-30"))) == 1
    assert len(rows_of(client.get(export_url(cast, "trust-notes") + "?date_from=2019-06-02"))) == 1


def test_exports_cost_the_same_queries_whatever_the_rows(client, cast):
    client.force_login(cast.manager)
    for key in EXPORTS:
        assert_queries_do_not_grow(
            lambda key=key: client.get(export_url(cast, key)), lambda: add_one_of_each(cast), at_most=12
        )


def test_an_export_of_a_period_the_filter_refuses_is_a_400_not_everything(client, cast):
    add_one_of_each(cast)
    client.force_login(cast.team_member)
    for query in ("?date_from=abc", "?date_from=2020-01-01&date_to=2019-01-01"):
        assert client.get(export_url(cast, "connections") + query).status_code == 400, query
