"""The connective work's rules: what a connection, a note, a session, a reach figure or a concern may be;
a connection becoming direct; a need raised at an event; the handover at the exit review; the map."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from api_human.core.services import save_with_history
from connections import services
from connections.mediation import mediation_map
from connections.models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    ReachMeasurement,
    TrustNote,
)
from initiatives.models import Need
from stages.models import ExitReview, HandoverItem
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    return {
        "division": OrganizationFactory(name="Elderly division", world="welfare", kind="ministry_division"),
        "town": OrganizationFactory(name="A local authority", world="welfare", kind="local_authority"),
        "venture": OrganizationFactory(name="A venture", world="digital", kind="startup"),
        "company": OrganizationFactory(name="A company", world="digital", kind="company"),
    }


def connection(cast, parties, welfare="division", digital="venture", **extra):
    data = {
        "engagement": cast.engagement,
        "welfare_party": parties[welfare],
        "digital_party": parties[digital],
        "origin": Connection.Origin.INTRODUCTION,
        "began_on": date(2016, 5, 1),
        **extra,
    }
    return save_with_history(Connection(**data), actor=cast.team_member)


def refused(make, field):
    with pytest.raises(ValidationError) as error:
        make()
    assert field in error.value.message_dict, error.value.message_dict
    return error.value.message_dict[field]


# ------------------------------------------------------------------------------------------------
# Connections
# ------------------------------------------------------------------------------------------------
def test_each_party_comes_from_its_own_world(cast, parties):
    refused(lambda: connection(cast, parties, welfare="venture"), "welfare_party")
    refused(lambda: connection(cast, parties, digital="town"), "digital_party")


def test_a_connection_is_not_direct_before_it_began_nor_ends_before(cast, parties):
    refused(lambda: connection(cast, parties, direct_since=date(2016, 4, 30)), "__all__")
    refused(lambda: connection(cast, parties, ended_on=date(2015, 1, 1)), "__all__")
    assert connection(cast, parties, direct_since=date(2016, 5, 1)).is_direct  # began directly


def test_a_connection_begun_at_an_event_names_an_event_of_its_engagement(cast, parties):
    refused(lambda: connection(cast, parties, origin=Connection.Origin.EVENT), "event")
    elsewhere = save_with_history(
        Event(
            engagement=cast.other_engagement, kind="hackathon", title="Elsewhere", starts_on=date(2017, 1, 1)
        ),
        actor=cast.team_member,
    )
    with override("en"):
        message = refused(lambda: connection(cast, parties, origin="event", event=elsewhere), "event")
    assert "same engagement" in message[0]
    here = save_with_history(
        Event(engagement=cast.engagement, kind="hackathon", title="Here", starts_on=date(2017, 9, 1)),
        actor=cast.team_member,
    )
    for too_early_or_late in (date(2017, 8, 31), date(2018, 9, 3)):  # before it, or over a year after
        refused(
            lambda d=too_early_or_late: connection(cast, parties, origin="event", event=here, began_on=d),
            "began_on",
        )
    assert connection(cast, parties, origin="event", event=here, began_on=date(2018, 6, 1)).event == here


def test_the_same_connection_is_recorded_once(cast, parties):
    connection(cast, parties)
    refused(lambda: connection(cast, parties), "__all__")
    connection(cast, parties, welfare_person="The division's head")  # another person: another connection


def test_dates_before_1990_are_refused_with_a_domain_code(cast, parties):
    with pytest.raises(ValidationError) as error:
        connection(cast, parties, began_on=date(1989, 12, 31))
    assert error.value.error_dict["began_on"][0].code == "too_early"


def test_what_happened_is_not_dated_in_the_future(cast, parties):
    tomorrow = timezone.localdate() + timedelta(days=1)
    for field in ("began_on", "direct_since", "ended_on"):
        with pytest.raises(ValidationError) as error:
            connection(cast, parties, **{field: tomorrow})
        assert error.value.error_dict[field][0].code == "in_future"
    mediated = connection(cast, parties)
    refused(
        lambda: services.connection_make_direct(connection=mediated, actor=cast.team_member, since=tomorrow),
        "direct_since",
    )
    refused(
        lambda: save_with_history(
            TrustNote(connection=mediated, on=tomorrow, kind="meeting", text="Later"), actor=None
        ),
        "on",
    )
    refused(
        lambda: save_with_history(
            Concern(engagement=cast.engagement, party="ministry", concern="x", raised_on=tomorrow), actor=None
        ),
        "raised_on",
    )
    # a day that is still to come may be planned: an event, a procurement step, a milestone's due day
    assert save_with_history(
        Event(engagement=cast.engagement, kind="conference", title="Next year", starts_on=tomorrow),
        actor=None,
    ).pk


def test_a_connection_does_not_become_direct_after_it_ended(cast, parties):
    refused(
        lambda: connection(cast, parties, ended_on=date(2019, 1, 1), direct_since=date(2020, 1, 1)),
        "direct_since",
    )
    ended = connection(cast, parties, ended_on=date(2019, 1, 1))
    refused(
        lambda: services.connection_make_direct(
            connection=ended, actor=cast.team_member, since=date(2020, 1, 1)
        ),
        "direct_since",
    )


def test_a_connection_becomes_direct_once_with_a_breakthrough_note_and_history(cast, parties):
    mediated = connection(cast, parties)
    services.connection_make_direct(
        connection=mediated, actor=cast.team_member, since=date(2019, 3, 1), note="They met without us."
    )
    mediated.refresh_from_db()
    assert mediated.direct_since == date(2019, 3, 1)
    note = mediated.trust_notes.get()
    assert (note.kind, note.on) == (TrustNote.Kind.BREAKTHROUGH, date(2019, 3, 1))
    latest = mediated.history.latest()
    assert (latest.history_user, latest.direct_since) == (cast.team_member, date(2019, 3, 1))
    refused(
        lambda: services.connection_make_direct(
            connection=mediated, actor=cast.team_member, since=date(2020, 1, 1)
        ),
        "direct_since",
    )


def test_a_trust_note_is_not_older_than_its_connection(cast, parties):
    mediated = connection(cast, parties)
    refused(
        lambda: save_with_history(
            TrustNote(connection=mediated, on=date(2016, 1, 1), kind="meeting", text="Too early"),
            actor=cast.team_member,
        ),
        "on",
    )


# ------------------------------------------------------------------------------------------------
# Events, mentoring, reach, milestones, concerns
# ------------------------------------------------------------------------------------------------
def test_event_participants_belong_to_the_world_they_are_counted_in(cast, parties):
    event = save_with_history(
        Event(engagement=cast.engagement, kind="datathon", title="Datathon", starts_on=date(2019, 6, 1)),
        actor=cast.team_member,
    )
    refused(
        lambda: save_with_history(
            EventParticipation(event=event, world="digital", organization=parties["division"], count=3),
            actor=None,
        ),
        "organization",
    )
    save_with_history(
        EventParticipation(event=event, world="welfare", organization=parties["division"], count=12),
        actor=None,
    )
    save_with_history(EventParticipation(event=event, world="digital", count=30), actor=None)
    refused(
        lambda: save_with_history(EventParticipation(event=event, world="digital", count=5), actor=None),
        "__all__",
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # the database keeps the count positive
        EventParticipation.objects.create(event=event, world="bridge", count=0)
    assert event.participant_total == 42
    refused(
        lambda: save_with_history(EventParticipation(event=event, world="bridge", count=100_001), actor=None),
        "count",
    )
    refused(
        lambda: save_with_history(
            Event(
                engagement=cast.engagement,
                kind="hackathon",
                title="Backwards",
                starts_on=date(2019, 6, 2),
                ends_on=date(2019, 6, 1),
            ),
            actor=None,
        ),
        "__all__",
    )


def test_a_need_raised_at_an_event_is_listed_among_what_it_raised(cast):
    event = save_with_history(
        Event(engagement=cast.engagement, kind="hackathon", title="BI hackathon", starts_on=date(2018, 2, 1)),
        actor=cast.team_member,
    )
    need = services.event_raise_need(
        event=event,
        actor=cast.team_member,
        data={"title": "A supervisor's morning view", "source": "management", "category": "ministry_methods"},
    )
    assert need.engagement == cast.engagement
    assert list(event.needs.all()) == [need]
    assert Need.history.filter(id=need.pk).latest().history_user == cast.team_member


def test_a_mentoring_session_moves_only_the_listed_kinds(cast, parties):
    def session(**extra):
        data = {
            "engagement": cast.engagement,
            "mentee": "A division's digital referent",
            "mentee_world": "welfare",
            "held_on": date(2018, 1, 10),
            "topic": "Working with a startup",
            **extra,
        }
        return save_with_history(MentoringSession(**data), actor=cast.team_member)

    refused(lambda: session(moved=["courage"]), "moved")
    refused(lambda: session(mentee_organization=parties["venture"]), "mentee_organization")
    with override("en"):
        assert session(moved=["confidence", "decision"]).get_moved_display() == ["Confidence", "A decision"]


def test_reach_has_a_figure_and_one_row_a_day(cast):
    from initiatives.models import Initiative

    initiative = save_with_history(
        Initiative(engagement=cast.engagement, title="Remote community"), actor=None
    )
    refused(
        lambda: save_with_history(
            ReachMeasurement(initiative=initiative, measured_on=date(2018, 1, 1), phase="pilot"), actor=None
        ),
        "__all__",
    )
    save_with_history(
        ReachMeasurement(
            initiative=initiative, measured_on=date(2018, 1, 1), phase="pilot", users=60, localities=4
        ),
        actor=None,
    )
    refused(
        lambda: save_with_history(
            ReachMeasurement(initiative=initiative, measured_on=date(2018, 1, 1), phase="pilot", users=70),
            actor=None,
        ),
        "__all__",
    )


def test_a_reached_milestone_says_what_was_learned_and_a_held_concern_how(cast):
    from initiatives.models import Initiative

    initiative = save_with_history(
        Initiative(engagement=cast.engagement, title="Remote community"), actor=None
    )
    refused(
        lambda: save_with_history(
            LearningMilestone(
                initiative=initiative,
                question="Do they join?",
                due_on=date(2018, 3, 1),
                reached_on=date(2018, 3, 2),
            ),
            actor=None,
        ),
        "learned",
    )
    refused(
        lambda: save_with_history(
            Concern(
                engagement=cast.engagement,
                party="venture",
                concern="Slow payment",
                raised_on=date(2018, 1, 1),
                status="held",
            ),
            actor=None,
        ),
        "holding",
    )
    other = save_with_history(Initiative(engagement=cast.other_engagement, title="Elsewhere"), actor=None)
    refused(
        lambda: save_with_history(
            Concern(
                engagement=cast.engagement,
                initiative=other,
                party="ministry",
                concern="x",
                raised_on=date(2018, 1, 1),
            ),
            actor=None,
        ),
        "initiative",
    )


# ------------------------------------------------------------------------------------------------
# The handover at the exit review
# ------------------------------------------------------------------------------------------------
def exit_review(cast, **extra):
    data = {
        "engagement": cast.engagement,
        "reviewed_on": date(2022, 1, 10),
        "infrastructure_rating": 4,
        "infrastructure_evidence": "Forums run by the ministry",
        "sustainability_rating": 4,
        "sustainability_evidence": "Budget lines",
        "connection_rating": 3,
        "connection_evidence": "Most ventures work directly",
        "decision": "farewell",
        **extra,
    }
    return save_with_history(ExitReview(**data), actor=cast.team_member)


def test_connections_still_through_the_team_are_handed_over_to_ministry_owners(cast, parties):
    waiting = connection(cast, parties)
    second = connection(cast, parties, welfare="town", digital="company")
    connection(cast, parties, welfare="town", direct_since=date(2019, 1, 1))  # direct: not in the list
    assert [c.pk for c in services.still_mediated(cast.engagement)] == [waiting.pk, second.pk]
    review = exit_review(cast)
    owners = [
        services.HandoverOwner(waiting.pk, "Head of the elderly division", date(2022, 3, 1)),
        services.HandoverOwner(second.pk, "Local authorities' digital referent", date(2022, 4, 1)),
    ]
    items = services.connections_hand_over(review=review, actor=cast.team_member, owners=owners)
    assert [(i.ministry_role, i.due_on) for i in items] == [
        ("Head of the elderly division", date(2022, 3, 1)),
        ("Local authorities' digital referent", date(2022, 4, 1)),
    ]
    waiting.refresh_from_db()
    assert (waiting.ministry_owner, waiting.handover_item) == ("Head of the elderly division", items[0])
    assert not services.still_mediated(cast.engagement).exists()
    assert HandoverItem.objects.filter(review=review).count() == 2
    # handed over once: a second handover of the same connection is refused, nothing is written
    with override("en"):
        message = refused(
            lambda: services.connections_hand_over(review=review, actor=cast.team_member, owners=owners[:1]),
            "owners",
        )
    assert "no longer waiting" in message[0]
    assert HandoverItem.objects.filter(review=review).count() == 2


def test_a_handover_is_all_or_nothing_and_never_on_a_signed_off_review(cast, parties):
    first, second = connection(cast, parties), connection(cast, parties, welfare="town")
    review = exit_review(cast)
    refused(
        lambda: services.connections_hand_over(
            review=review,
            actor=cast.team_member,
            owners=[
                services.HandoverOwner(first.pk, "An owner", date(2022, 3, 1)),
                services.HandoverOwner(second.pk, "  ", date(2022, 3, 1)),
            ],
        ),
        "owners",
    )
    assert not HandoverItem.objects.exists()
    first.refresh_from_db()
    assert first.ministry_owner == "" and first.handover_item is None
    refused(
        lambda: services.connections_hand_over(
            review=review,
            actor=cast.team_member,
            owners=[services.HandoverOwner(first.pk, "An owner", date(2021, 3, 1))],
        ),
        "owners",
    )
    refused(
        lambda: services.connections_hand_over(review=review, actor=cast.team_member, owners=[]), "owners"
    )
    ExitReview.objects.filter(pk=review.pk).update(signed_off_at=timezone.now())
    refused(
        lambda: services.connections_hand_over(
            review=review,
            actor=cast.team_member,
            owners=[services.HandoverOwner(first.pk, "An owner", date(2022, 3, 1))],
        ),
        "review",
    )


# ------------------------------------------------------------------------------------------------
# The mediation map
# ------------------------------------------------------------------------------------------------
def test_the_map_of_a_year_shows_live_connections_and_which_are_direct(
    cast, parties, django_assert_num_queries
):
    a = connection(cast, parties, began_on=date(2016, 3, 1), direct_since=date(2019, 6, 1))
    b = connection(cast, parties, welfare="town", began_on=date(2017, 9, 1))
    connection(cast, parties, digital="company", began_on=date(2016, 1, 1), ended_on=date(2016, 12, 1))
    connection(
        cast,
        parties,
        welfare="town",
        digital="company",
        began_on=date(2018, 1, 1),
        direct_since=date(2018, 1, 1),
    )
    with django_assert_num_queries(1):
        early = mediation_map(cast.engagement, 2016)
    assert early.years[0] == 2016 and early.years[-1] == timezone.localdate().year
    assert (len(early.connections), early.direct_count) == (2, 0)
    assert {p.name for p in early.welfare} == {"Elderly division"}
    assert [p.count for p in early.digital] == [1, 1]
    later = mediation_map(cast.engagement, 2019)
    assert (len(later.connections), later.direct_count, later.mediated_count) == (3, 2, 1)
    by_year = {s.year: (s.total, s.direct) for s in later.series}
    assert by_year[2016] == (2, 0) and by_year[2018] == (3, 1) and by_year[2019] == (3, 2)
    assert later.share.share == pytest.approx(2 / 3)
    assert [c.id for c in later.waiting] == [b.pk]
    assert next(c for c in later.connections if c.id == a.pk).direct
    # a year outside the range comes to its nearest end; an engagement without connections has no map
    assert mediation_map(cast.engagement, 1990).year == 2016
    assert mediation_map(cast.engagement, 2999).year == timezone.localdate().year
    assert mediation_map(cast.other_engagement).year is None
