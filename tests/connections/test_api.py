"""The connective work's API: a permission matrix per endpoint and action, query-count guards on every
list and detail, ETags, bad input as a 400 in the one error shape, and what the three moves do."""

import datetime
import itertools

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api_human.core.models import World
from api_human.core.services import record_create
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
from initiatives import services as initiative_services
from initiatives.models import Need
from stages import services as stage_services
from stages.models import ExitReview, HandoverItem
from tests.factories import OrganizationFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
API = "/api/v1"
D = datetime.date
READ = statuses(401, 404, 404, 200, 404, 200, 200)  # a row of the engagement under test
LIST = statuses(401, 404, 404, 200, 200, 200, 200)
CREATE = statuses(401, 404, 404, 403, 400, 201, 201)  # another team's member: the parent is unknown to them
CHANGE = statuses(401, 404, 404, 403, 404, 200, 200)
DELETE = statuses(401, 404, 404, 403, 404, 204, 404)  # the admin comes last: already deleted
ACT = statuses(401, 404, 404, 403, 404, 200, 200)
ACT_CREATES = statuses(401, 404, 404, 403, 404, 201, 201)
counter = itertools.count(1)


class World2:
    """The records the tests build on: parties of both worlds, an initiative, an event, a connection."""

    def __init__(self, cast):
        self.cast = cast
        self.team = cast.team_member
        self.division = OrganizationFactory(
            name="Elderly services division", world=World.WELFARE, kind="ministry_division"
        )
        self.venture = OrganizationFactory(name="Uniper", world=World.DIGITAL, kind="startup")
        self.initiative = initiative_services.initiative_create(
            actor=self.team, data={"engagement": cast.engagement, "title": "Remote community services"}
        )
        self.event = record_create(
            Event,
            actor=self.team,
            data={
                "engagement": cast.engagement,
                "kind": Event.Kind.HACKATHON,
                "title": "BI hackathon",
                "starts_on": D(2018, 3, 1),
            },
        )
        self.connection = self.connect("Head of division")

    def connect(self, person, **extra):
        return record_create(
            Connection,
            actor=self.team,
            data={
                "engagement": self.cast.engagement,
                "welfare_party": self.division,
                "welfare_person": person,
                "digital_party": self.venture,
                "origin": Connection.Origin.INTRODUCTION,
                "began_on": D(2017, 5, 1),
                **extra,
            },
        )

    def review(self, engagement=None):
        return stage_services.exit_review_save(
            actor=self.team,
            data={
                "engagement": engagement or self.cast.engagement,
                "reviewed_on": D(2021, 12, 1),
                "infrastructure_rating": 4,
                "infrastructure_evidence": "Own forums",
                "sustainability_rating": 4,
                "sustainability_evidence": "Budget line",
                "connection_rating": 3,
                "connection_evidence": "Direct ties",
                "decision": ExitReview.Decision.FAREWELL,
            },
        )


@pytest.fixture
def w(cast):
    return World2(cast)


@pytest.fixture
def team(cast):
    client = APIClient()
    client.force_login(cast.team_member)
    return client


def _n():
    return next(counter)


# Per endpoint: (model, payload(w, role) for a POST, a row of the engagement under test).
RECORDS = {
    "connections": (
        Connection,
        lambda w, role: {
            "engagement": w.cast.engagement.pk,
            "welfare_party": w.division.pk,
            "welfare_person": f"Referent {role}",
            "digital_party": w.venture.pk,
            "origin": "event",
            "event": w.event.pk,
            "began_on": "2018-03-02",
        },
        lambda w: w.connection,
    ),
    "trust-notes": (
        TrustNote,
        lambda w, role: {
            "connection": w.connection.pk,
            "on": "2018-01-10",
            "kind": "meeting",
            "text": f"First meeting, told by {role}",
        },
        lambda w: record_create(
            TrustNote,
            actor=w.team,
            data={
                "connection": w.connection,
                "on": D(2018, 2, 1),
                "kind": "joint_work",
                "text": "Pilot plan",
            },
        ),
    ),
    "events": (
        Event,
        lambda w, role: {
            "engagement": w.cast.engagement.pk,
            "kind": "datathon",
            "title": f"Datathon {role}",
            "starts_on": "2019-06-01",
            "ends_on": "2019-06-02",
            "needs": [],
            "initiatives": [w.initiative.pk],
        },
        lambda w: w.event,
    ),
    "event-participants": (
        EventParticipation,
        lambda w, role: {
            "event": w.event.pk,
            "world": "welfare",
            "organization": OrganizationFactory(name=f"Division of {role}", world=World.WELFARE).pk,
            "count": 12,
        },
        lambda w: record_create(
            EventParticipation, actor=w.team, data={"event": w.event, "world": "digital", "count": 30}
        ),
    ),
    "mentoring-sessions": (
        MentoringSession,
        lambda w, role: {
            "engagement": w.cast.engagement.pk,
            "mentor": w.team.pk,
            "mentee": f"Digital referent {role}",
            "mentee_world": "welfare",
            "mentee_organization": w.division.pk,
            "held_on": "2019-02-01",
            "topic": "Reading a dashboard",
            "moved": ["confidence", "shared_language"],
        },
        lambda w: record_create(
            MentoringSession,
            actor=w.team,
            data={
                "engagement": w.cast.engagement,
                "mentee": "CEO of a venture",
                "mentee_world": "digital",
                "held_on": D(2019, 3, 1),
                "topic": "How the ministry decides",
                "moved": ["decision"],
            },
        ),
    ),
    "pairings": (
        Pairing,
        lambda w, role: {
            "initiative": w.initiative.pk,
            "welfare_person": f"Supervisor {role}",
            "digital_person": "Data analyst",
            "started_on": "2019-01-01",
            "data_set": "Visits per locality",
        },
        lambda w: record_create(
            Pairing,
            actor=w.team,
            data={
                "initiative": w.initiative,
                "welfare_person": "Social worker",
                "digital_person": "Product lead",
                "started_on": D(2019, 1, 1),
            },
        ),
    ),
    "procurement-steps": (
        ProcurementStep,
        lambda w, role: {
            "initiative": w.initiative.pk,
            "kind": "vendor_conference",
            "on": "2019-04-01",
            "outcome": f"Twelve suppliers came ({role})",
        },
        lambda w: record_create(
            ProcurementStep,
            actor=w.team,
            data={"initiative": w.initiative, "kind": "rfi", "on": D(2019, 2, 1)},
        ),
    ),
    "learning-milestones": (
        LearningMilestone,
        lambda w, role: {
            "initiative": w.initiative.pk,
            "question": f"Do older people join a video group? ({role})",
            "due_on": "2019-09-01",
        },
        lambda w: record_create(
            LearningMilestone,
            actor=w.team,
            data={"initiative": w.initiative, "question": "Who runs the groups?", "due_on": D(2019, 6, 1)},
        ),
    ),
    "reach-measurements": (
        ReachMeasurement,
        lambda w, role: {
            "initiative": w.initiative.pk,
            "measured_on": str(D(2019, 1, 1) + datetime.timedelta(days=_n())),
            "phase": "pilot",
            "users": 60,
            "localities": 4,
        },
        lambda w: record_create(
            ReachMeasurement,
            actor=w.team,
            data={"initiative": w.initiative, "measured_on": D(2018, 12, 1), "phase": "venture", "users": 20},
        ),
    ),
    "concerns": (
        Concern,
        lambda w, role: {
            "engagement": w.cast.engagement.pk,
            "initiative": w.initiative.pk,
            "party": "ministry",
            "concern": f"Who answers for a fall at home? ({role})",
            "raised_on": "2019-01-15",
        },
        lambda w: record_create(
            Concern,
            actor=w.team,
            data={
                "engagement": w.cast.engagement,
                "party": "venture",
                "concern": "Payment terms",
                "raised_on": D(2019, 2, 1),
            },
        ),
    ),
}


# ------------------------------------------------------------------------------------------------
# The permission matrix
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("endpoint", RECORDS)
def test_record_endpoints_matrix(cast, w, endpoint):
    model, payload, row = RECORDS[endpoint]
    url = f"{API}/{endpoint}/"
    check_matrix(cast, "post", url, CREATE, data=lambda role: payload(w, role))
    record = row(w)
    check_matrix(cast, "get", url, LIST)
    check_matrix(cast, "get", f"{url}{record.pk}/", READ)
    check_matrix(cast, "patch", f"{url}{record.pk}/", CHANGE, data={})
    check_matrix(cast, "delete", f"{url}{record.pk}/", DELETE)
    assert not model.objects.filter(pk=record.pk).exists()


def test_events_summary_matrix(cast, w):
    check_matrix(cast, "get", f"{API}/events/summary/", LIST)


def test_make_direct_matrix(cast, w):
    def waiting(role):
        Connection.objects.filter(pk=w.connection.pk).update(direct_since=None)
        return {"since": "2019-05-01"}

    check_matrix(cast, "post", f"{API}/connections/{w.connection.pk}/make-direct/", ACT, data=waiting)


def test_raise_need_matrix(cast, w):
    def need(role):
        return {
            "title": f"Data on loneliness ({role})",
            "source": "field_workers",
            "category": "citizen_services",
        }

    check_matrix(cast, "post", f"{API}/events/{w.event.pk}/raise-need/", ACT_CREATES, data=need)


def test_hand_over_matrix(cast, w):
    review = w.review()

    def owners(role):
        connection = w.connect(f"Referent {role}")
        return {
            "review": review.pk,
            "owners": [{"connection": connection.pk, "ministry_owner": "Head of IT", "due_on": "2022-01-01"}],
        }

    # Another team's member may not change this review: 404, as for a review that does not exist.
    check_matrix(cast, "post", f"{API}/connections/hand-over/", ACT_CREATES, data=owners)


def test_actions_answer_only_post(team, w):
    assert team.get(f"{API}/connections/hand-over/").status_code == 405
    assert team.get(f"{API}/connections/{w.connection.pk}/make-direct/").status_code == 405
    assert team.get(f"{API}/events/{w.event.pk}/raise-need/").status_code == 405


# ------------------------------------------------------------------------------------------------
# What the moves do
# ------------------------------------------------------------------------------------------------
def test_make_direct_records_the_day_the_note_and_who(team, cast, w):
    url = f"{API}/connections/{w.connection.pk}/make-direct/"
    response = team.post(url, {"since": "2019-05-01", "note": "They met without us"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["direct"] is True and body["direct_since"] == "2019-05-01"
    assert (
        body["welfare_party_name"] == "Elderly services division" and body["digital_party_name"] == "Uniper"
    )
    latest = w.connection.history.latest()
    assert latest.history_user == cast.team_member and latest.direct_since == D(2019, 5, 1)
    note = TrustNote.objects.get(connection=w.connection)
    assert (note.kind, note.on, note.text) == ("breakthrough", D(2019, 5, 1), "They met without us")
    assert note.history.latest().history_user == cast.team_member
    listed = team.get(f"{API}/connections/?direct=true").json()["results"]
    assert [c["id"] for c in listed] == [w.connection.pk] and listed[0]["direct"] is True


def test_make_direct_without_a_note_adds_no_trust_note(team, w):
    response = team.post(f"{API}/connections/{w.connection.pk}/make-direct/", {"since": "2019-05-01"})
    assert response.status_code == 200
    assert not TrustNote.objects.exists()


def test_a_need_raised_at_an_event_is_listed_by_the_event(team, cast, w):
    response = team.post(
        f"{API}/events/{w.event.pk}/raise-need/",
        {"title": "Supervisors read data late", "source": "supervision", "category": "ministry_methods"},
        format="json",
    )
    assert response.status_code == 201, response.content
    need = response.json()
    assert need["engagement"] == cast.engagement.pk and need["title"] == "Supervisors read data late"
    assert Need.objects.get(pk=need["id"]).history.latest().history_user == cast.team_member
    event = team.get(f"{API}/events/{w.event.pk}/").json()
    assert event["needs"] == [need["id"]]
    listed = team.get(f"{API}/events/?needs={need['id']}").json()["results"]
    assert [e["id"] for e in listed] == [w.event.pk] and listed[0]["needs"] == [need["id"]]
    summary = team.get(f"{API}/events/summary/").json()["results"]
    assert summary[0]["need_count"] == 1


def test_hand_over_creates_items_with_owners_and_marks_the_connections(team, cast, w):
    review = w.review()
    second = w.connect("Deputy director")
    direct = w.connect("Already direct", direct_since=D(2018, 1, 1))
    response = team.post(
        f"{API}/connections/hand-over/",
        {
            "review": review.pk,
            "owners": [
                {"connection": w.connection.pk, "ministry_owner": "Head of IT", "due_on": "2022-01-01"},
                {"connection": second.pk, "ministry_owner": "Elderly services", "due_on": "2022-02-01"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    items = response.json()
    assert [(i["connection"], i["ministry_role"], i["due_on"]) for i in items] == [
        (w.connection.pk, "Head of IT", "2022-01-01"),
        (second.pk, "Elderly services", "2022-02-01"),
    ]
    assert all(i["review"] == review.pk for i in items)
    assert HandoverItem.objects.filter(review=review).count() == 2
    w.connection.refresh_from_db()
    assert w.connection.ministry_owner == "Head of IT" and w.connection.handover_item_id == items[0]["id"]
    assert w.connection.history.latest().history_user == cast.team_member
    handed = team.get(f"{API}/connections/?handed_over=true").json()["results"]
    assert {c["id"] for c in handed} == {w.connection.pk, second.pk}
    waiting = team.get(f"{API}/connections/?handed_over=false&direct=false").json()["results"]
    assert waiting == []
    assert team.get(f"{API}/connections/{direct.pk}/").json()["handover_item"] is None
    # the review shows its new handover plan
    plan = team.get(f"{API}/exit-reviews/{review.pk}/").json()["handover"]
    assert {p["ministry_role"] for p in plan} == {"Head of IT", "Elderly services"}


# ------------------------------------------------------------------------------------------------
# Bad input: a 400 in the one error shape, never a 500
# ------------------------------------------------------------------------------------------------
def _refused(response, field):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid" and body["message"]
    assert field in body["fields"], body
    assert any(e["field"] == field for e in body["errors"]), body
    return body


def _connection(w, **changes):
    return {
        "engagement": w.cast.engagement.pk,
        "welfare_party": w.division.pk,
        "welfare_person": f"Person {_n()}",
        "digital_party": w.venture.pk,
        "origin": "introduction",
        "began_on": "2018-01-01",
        **changes,
    }


def test_connections_refuse_parties_of_the_wrong_world(team, w):
    _refused(team.post(f"{API}/connections/", _connection(w, welfare_party=w.venture.pk)), "welfare_party")
    _refused(team.post(f"{API}/connections/", _connection(w, digital_party=w.division.pk)), "digital_party")
    url = f"{API}/connections/{w.connection.pk}/"
    _refused(team.patch(url, {"welfare_party": w.venture.pk}, format="json"), "welfare_party")


def test_connections_refuse_bad_dates_and_events(team, cast, w):
    _refused(
        team.post(f"{API}/connections/", _connection(w, direct_since="2017-12-31"), format="json"),
        "direct_since",
    )
    _refused(
        team.patch(f"{API}/connections/{w.connection.pk}/", {"ended_on": "2016-01-01"}, format="json"),
        "ended_on",
    )
    _refused(team.post(f"{API}/connections/", _connection(w, origin="event"), format="json"), "event")
    elsewhere = record_create(
        Event,
        actor=cast.users["other_team_member"],
        data={
            "engagement": cast.other_engagement,
            "kind": "conference",
            "title": "Elsewhere",
            "starts_on": D(2018, 1, 1),
        },
    )
    _refused(
        team.post(f"{API}/connections/", _connection(w, origin="event", event=elsewhere.pk), format="json"),
        "event",
    )
    _refused(
        team.post(f"{API}/connections/", _connection(w, began_on="1989-12-31"), format="json"), "began_on"
    )
    _refused(team.post(f"{API}/connections/", _connection(w, origin="telepathy"), format="json"), "origin")
    duplicate = _connection(w, welfare_person="Head of division")
    assert team.post(f"{API}/connections/", duplicate, format="json").status_code == 400
    _refused(
        team.patch(f"{API}/connections/{w.connection.pk}/", {"handover_item": 1}, format="json"),
        "handover_item",
    )
    assert Connection.objects.count() == 1


def test_make_direct_refusals(team, w):
    url = f"{API}/connections/{w.connection.pk}/make-direct/"
    _refused(team.post(url, {"since": "2016-01-01"}, format="json"), "since")
    _refused(team.post(url, {}, format="json"), "since")
    _refused(team.post(url, {"since": "yesterday"}, format="json"), "since")
    assert team.post(url, {"since": "2019-01-01"}, format="json").status_code == 200
    _refused(team.post(url, {"since": "2019-02-01"}, format="json"), "since")  # already direct
    w.connection.refresh_from_db()
    assert w.connection.direct_since == D(2019, 1, 1)
    assert team.post(f"{API}/connections/999999/make-direct/", {"since": "2019-01-01"}).status_code == 404


def test_hand_over_refusals(team, cast, w):
    review = w.review()
    url = f"{API}/connections/hand-over/"

    def body(connection=None, **owner):
        return {
            "review": review.pk,
            "owners": [
                {
                    "connection": (connection or w.connection).pk,
                    "ministry_owner": "Head of IT",
                    "due_on": "2022-01-01",
                    **owner,
                }
            ],
        }

    direct = w.connect("Direct already", direct_since=D(2018, 1, 1))
    _refused(team.post(url, body(direct), format="json"), "owners")
    ended = w.connect("Ended", ended_on=D(2019, 1, 1))
    _refused(team.post(url, body(ended), format="json"), "owners")
    _refused(team.post(url, body(due_on="2021-01-01"), format="json"), "owners")
    _refused(team.post(url, body(ministry_owner="   "), format="json"), "owners.0.ministry_owner")
    _refused(team.post(url, {"review": review.pk, "owners": []}, format="json"), "owners")
    _refused(team.post(url, {"review": review.pk, "owners": "all"}, format="json"), "owners")
    _refused(team.post(url, {"owners": body()["owners"]}, format="json"), "review")
    # a connection of another engagement is not waiting in this one
    other_division = OrganizationFactory(name="Another division", world=World.WELFARE)
    elsewhere = record_create(
        Connection,
        actor=cast.users["other_team_member"],
        data={
            "engagement": cast.other_engagement,
            "welfare_party": other_division,
            "digital_party": w.venture,
            "origin": "scouting",
            "began_on": D(2018, 1, 1),
        },
    )
    _refused(team.post(url, body(elsewhere), format="json"), "owners")
    # all or nothing: a refused second owner leaves the first connection waiting
    mixed = body()
    mixed["owners"].append({"connection": direct.pk, "ministry_owner": "X", "due_on": "2022-01-01"})
    _refused(team.post(url, mixed, format="json"), "owners")
    assert not HandoverItem.objects.exists()
    w.connection.refresh_from_db()
    assert w.connection.handover_item_id is None and w.connection.ministry_owner == ""
    # a signed-off review is final
    ExitReview.objects.filter(pk=review.pk).update(signed_off_at=timezone.now(), signed_off_by=cast.manager)
    _refused(team.post(url, body(), format="json"), "review")
    # a review the user may not change, or none at all: 404
    theirs = w.review(cast.other_engagement)
    assert team.post(url, {**body(), "review": theirs.pk}, format="json").status_code == 404
    missing = team.post(url, {**body(), "review": 999999}, format="json")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_raise_need_refusals(team, w):
    url = f"{API}/events/{w.event.pk}/raise-need/"
    _refused(team.post(url, {"source": "citizens", "category": "citizen_services"}, format="json"), "title")
    _refused(
        team.post(url, {"title": "x", "source": "aliens", "category": "citizen_services"}, format="json"),
        "source",
    )
    _refused(
        team.post(
            url, {"title": "x" * 201, "source": "citizens", "category": "citizen_services"}, format="json"
        ),
        "title",
    )
    _refused(
        team.post(url, {"title": "x", "source": "citizens", "category": "dreams"}, format="json"), "category"
    )
    assert not Need.objects.exists() and not w.event.needs.exists()


def test_record_rules_are_400s(team, cast, w):
    post = lambda endpoint, data: team.post(f"{API}/{endpoint}/", data, format="json")
    _refused(
        post(
            "trust-notes", {"connection": w.connection.pk, "on": "2016-01-01", "kind": "meeting", "text": "x"}
        ),
        "on",
    )
    _refused(
        post(
            "mentoring-sessions",
            {
                "engagement": cast.engagement.pk,
                "mentee": "x",
                "mentee_world": "welfare",
                "held_on": "2019-01-01",
                "topic": "t",
                "moved": ["happiness"],
            },
        ),
        "moved.0",
    )
    _refused(
        post(
            "mentoring-sessions",
            {
                "engagement": cast.engagement.pk,
                "mentee": "x",
                "mentee_world": "bridge",
                "held_on": "2019-01-01",
                "topic": "t",
            },
        ),
        "mentee_world",
    )
    _refused(
        post(
            "mentoring-sessions",
            {
                "engagement": cast.engagement.pk,
                "mentee": "x",
                "mentee_world": "digital",
                "mentee_organization": w.division.pk,
                "held_on": "2019-01-01",
                "topic": "t",
            },
        ),
        "mentee_organization",
    )
    _refused(
        post(
            "reach-measurements",
            {"initiative": w.initiative.pk, "measured_on": "2019-01-01", "phase": "pilot"},
        ),
        "non_field_errors",
    )
    record_create(
        ReachMeasurement,
        actor=w.team,
        data={"initiative": w.initiative, "measured_on": D(2020, 1, 1), "phase": "pilot", "users": 60},
    )
    assert (
        post(
            "reach-measurements",
            {"initiative": w.initiative.pk, "measured_on": "2020-01-01", "phase": "pilot", "users": 61},
        ).status_code
        == 400
    )
    _refused(
        post(
            "concerns",
            {
                "engagement": cast.engagement.pk,
                "party": "operators",
                "concern": "x",
                "raised_on": "2019-01-01",
                "status": "held",
            },
        ),
        "holding",
    )
    _refused(
        post(
            "learning-milestones",
            {
                "initiative": w.initiative.pk,
                "question": "q",
                "due_on": "2019-01-01",
                "reached_on": "2019-02-01",
            },
        ),
        "learned",
    )
    _refused(
        post(
            "events",
            {
                "engagement": cast.engagement.pk,
                "kind": "hackathon",
                "title": "t",
                "starts_on": "2019-01-02",
                "ends_on": "2019-01-01",
            },
        ),
        "ends_on",
    )
    _refused(
        post(
            "event-participants",
            {"event": w.event.pk, "world": "digital", "organization": w.division.pk, "count": 3},
        ),
        "organization",
    )
    _refused(post("event-participants", {"event": w.event.pk, "world": "digital", "count": 0}), "count")
    _refused(
        post(
            "pairings",
            {
                "initiative": w.initiative.pk,
                "welfare_person": "a",
                "digital_person": "b",
                "started_on": "2019-02-01",
                "ended_on": "2019-01-01",
            },
        ),
        "non_field_errors",
    )
    other_need = Need.objects.create(
        engagement=cast.other_engagement, title="Elsewhere", source="citizens", category="citizen_services"
    )
    _refused(team.patch(f"{API}/events/{w.event.pk}/", {"needs": [other_need.pk]}, format="json"), "needs")
    _refused(
        post(
            "concerns",
            {
                "engagement": cast.engagement.pk,
                "party": "ministry",
                "concern": "x",
                "raised_on": "2019-01-01",
                "colour": "red",
            },
        ),
        "colour",
    )


def test_bad_filters_and_orders_are_400s(team):
    for query in ["event=abc", "began_from=soon", "origin=telepathy", "ordering=notes", "page_size=0"]:
        assert team.get(f"{API}/connections/?{query}").status_code == 400, query
    assert team.get(f"{API}/events/?kind=picnic").status_code == 400
    assert team.get(f"{API}/mentoring-sessions/?moved=happiness").status_code == 400
    assert team.get(f"{API}/reach-measurements/?phase=galactic").status_code == 400


# ------------------------------------------------------------------------------------------------
# Filters
# ------------------------------------------------------------------------------------------------
def test_filters(team, cast, w):
    late = w.connect("Late one", began_on=D(2020, 2, 1), direct_since=D(2021, 1, 1))
    ids = lambda url: [r["id"] for r in team.get(f"{API}/{url}").json()["results"]]
    assert ids("connections/?direct=true") == [late.pk]
    assert ids("connections/?direct=false") == [w.connection.pk]
    assert ids("connections/?began_from=2020-01-01") == [late.pk]
    assert ids("connections/?began_to=2017-05-01") == [w.connection.pk]
    assert ids("connections/?direct_from=2021-01-01&direct_to=2021-12-31") == [late.pk]
    assert ids("connections/?q=late") == [late.pk]
    assert ids("connections/?q=uniper") == [w.connection.pk, late.pk]
    assert ids(f"connections/?engagement={cast.engagement.pk}&origin=introduction") == [
        w.connection.pk,
        late.pk,
    ]
    assert ids("connections/?origin=event") == []
    assert ids("connections/?ordering=-began_on") == [late.pk, w.connection.pk]
    assert team.get(f"{API}/connections/?engagement={cast.other_engagement.pk}").status_code == 400

    session = RECORDS["mentoring-sessions"][2](w)
    assert ids("mentoring-sessions/?moved=decision") == [session.pk]
    assert ids("mentoring-sessions/?moved=skill") == []
    assert ids("mentoring-sessions/?mentee_world=digital&held_from=2019-01-01") == [session.pk]
    reach = RECORDS["reach-measurements"][2](w)
    assert ids(f"reach-measurements/?initiative={w.initiative.pk}&phase=venture") == [reach.pk]
    assert ids("reach-measurements/?phase=national") == []
    assert ids(f"events/?kind=hackathon&initiatives={w.initiative.pk}") == []
    assert ids("events/?kind=hackathon&starts_from=2018-01-01") == [w.event.pk]
    concern = RECORDS["concerns"][2](w)
    assert ids("concerns/?party=venture&status=open") == [concern.pk]
    milestone = RECORDS["learning-milestones"][2](w)
    assert ids("learning-milestones/?reached=false") == [milestone.pk]
    assert ids(f"procurement-steps/?engagement={cast.engagement.pk}") == []


# ------------------------------------------------------------------------------------------------
# ETags and If-Match
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("endpoint", RECORDS)
def test_a_detail_carries_its_etag_and_a_stale_if_match_is_a_412(team, w, endpoint):
    model, _payload, row = RECORDS[endpoint]
    record = row(w)
    url = f"{API}/{endpoint}/{record.pk}/"
    read = team.get(url)
    assert read["ETag"] == f'"{record.version}"'
    assert team.get(url, HTTP_IF_NONE_MATCH=read["ETag"]).status_code == 304
    changed = team.patch(url, {}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != read["ETag"]
    stale = team.patch(url, {}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert stale.status_code == 412 and stale.json()["code"] == "stale"
    assert stale["ETag"] == changed["ETag"]
    assert team.delete(url, HTTP_IF_MATCH=read["ETag"]).status_code == 412
    assert model.objects.filter(pk=record.pk).exists()


def test_make_direct_with_a_stale_if_match_is_a_412_and_changes_nothing(team, w):
    etag = team.get(f"{API}/connections/{w.connection.pk}/")["ETag"]
    team.patch(f"{API}/connections/{w.connection.pk}/", {"notes": "changed"}, format="json")
    stale = team.post(
        f"{API}/connections/{w.connection.pk}/make-direct/", {"since": "2019-01-01"}, HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412 and stale.json()["code"] == "stale"
    w.connection.refresh_from_db()
    assert w.connection.direct_since is None


# ------------------------------------------------------------------------------------------------
# Query counts: lists and details cost the same however much they hold
# ------------------------------------------------------------------------------------------------
def grow(w):
    team, e = w.team, w.cast.engagement
    for _ in range(3):
        n = _n()
        division = OrganizationFactory(name=f"Division {n}", world=World.WELFARE)
        venture = OrganizationFactory(name=f"Venture {n}", world=World.DIGITAL)
        need = record_create(
            Need,
            actor=team,
            data={"engagement": e, "title": f"N{n}", "source": "citizens", "category": "citizen_services"},
        )
        event = record_create(
            Event,
            actor=team,
            data={"engagement": e, "kind": "datathon", "title": f"E{n}", "starts_on": D(2019, 1, 1)},
        )
        for target in (event, w.event):
            target.needs.add(need)
            target.initiatives.add(w.initiative)
            record_create(
                EventParticipation,
                actor=team,
                data={"event": target, "world": "welfare", "organization": division, "count": 5},
            )
        connection = record_create(
            Connection,
            actor=team,
            data={
                "engagement": e,
                "welfare_party": division,
                "digital_party": venture,
                "origin": "event",
                "event": w.event,
                "began_on": D(2019, 1, 2),
                "introduced_by": team,
            },
        )
        record_create(
            TrustNote,
            actor=team,
            data={"connection": connection, "on": D(2019, 2, 1), "kind": "meeting", "text": "t"},
        )
        record_create(
            MentoringSession,
            actor=team,
            data={
                "engagement": e,
                "mentor": team,
                "mentee": f"M{n}",
                "mentee_world": "welfare",
                "mentee_organization": division,
                "held_on": D(2019, 1, 1),
                "topic": "t",
                "moved": ["skill"],
            },
        )
        record_create(
            Pairing,
            actor=team,
            data={
                "initiative": w.initiative,
                "welfare_person": "a",
                "digital_person": "b",
                "started_on": D(2019, 1, 1),
            },
        )
        record_create(
            ProcurementStep, actor=team, data={"initiative": w.initiative, "kind": "rfi", "on": D(2019, 1, 1)}
        )
        record_create(
            LearningMilestone,
            actor=team,
            data={"initiative": w.initiative, "question": "q", "due_on": D(2019, 1, 1)},
        )
        record_create(
            ReachMeasurement,
            actor=team,
            data={
                "initiative": w.initiative,
                "phase": "pilot",
                "measured_on": D(2019, 1, 1) + datetime.timedelta(n),
                "users": n,
            },
        )
        record_create(
            Concern,
            actor=team,
            data={
                "engagement": e,
                "initiative": w.initiative,
                "party": "ministry",
                "organization": division,
                "concern": "c",
                "raised_on": D(2019, 1, 1),
            },
        )


@pytest.mark.parametrize("endpoint", [*RECORDS, "events/summary"])
def test_lists_do_not_grow(team, w, endpoint):
    # the session and the user, the page; an event's five collections one query each
    at_most = 8 if endpoint == "events" else 3
    assert_queries_do_not_grow(lambda: team.get(f"{API}/{endpoint}/"), lambda: grow(w), at_most=at_most)


@pytest.mark.parametrize("endpoint", RECORDS)
def test_details_do_not_grow(team, w, endpoint):
    record = RECORDS[endpoint][2](w)
    url = f"{API}/{endpoint}/{record.pk}/"
    assert_queries_do_not_grow(
        lambda: team.get(url), lambda: grow(w), at_most=8 if endpoint == "events" else 3
    )


def test_the_event_detail_lists_what_grew(team, w):
    grow(w)
    event = team.get(f"{API}/events/{w.event.pk}/").json()
    assert len(event["needs"]) == 3 and len(event["participants"]) == 3 and len(event["connections"]) == 3
    assert event["initiatives"] == [w.initiative.pk]
    assert event["participants"][0]["organization_name"].startswith("Division")
    row = next(r for r in team.get(f"{API}/events/summary/").json()["results"] if r["id"] == w.event.pk)
    assert (row["need_count"], row["participation_count"], row["connection_count"]) == (3, 3, 3)
    assert (row["initiative_count"], row["mechanism_count"]) == (1, 0)
