"""The connective work of the demo tells the source's story: the team's connections of "Digital Welfare"
become direct between 2016 and 2021, the events brought both worlds together and something followed,
role holders of both worlds were mentored by the team members of their time, the two-in-a-box pairs
agreed on a data set, each procurement path is the one the source tells, Uniper grew from 60 older people
in four localities to thousands of homes, and the three parties' fears in the Uniper case were held. The
exit review's score reads the mediation map, and loading again changes nothing.

The demo is loaded once for the module, inside a transaction rolled back after its last test.
"""

import datetime

import pytest
from django.db.models import Q

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, EngagementMembership, Organization, World
from api_human.scoring.models import CurrentScore
from connections import demo as story
from connections.mediation import mediation_map
from connections.models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    Pairing,
    Phase,
    ProcurementStep,
    ReachMeasurement,
    TrustNote,
)
from initiatives.demo import BI_DASHBOARDS, ELDERLY
from initiatives.models import Initiative, Pilot, ProcessStep
from stages.models import ExitReview
from tests.conftest import load_demo_now

pytestmark = [pytest.mark.django_db]
D = datetime.date
VENTURES = ("Uniper", "atvisor", "Howazit", 'הילמ"ה – הייטק למען החברה')
# How the team begins a connection (every one of the ventures began through the team).
THROUGH_THE_TEAM = {
    Connection.Origin.INTRODUCTION,
    Connection.Origin.SCOUTING,
    Connection.Origin.EVENT,
    Connection.Origin.BROADCAST,
}


@pytest.fixture(scope="module")
def demo(module_demo):
    """The demo, loaded once for this module (tests/conftest.py)."""


@pytest.fixture
def dw(demo, db):
    return Engagement.objects.get(name=DIGITAL_WELFARE)


def initiative(dw, title):
    return Initiative.objects.get(engagement=dw, title=title)


def venture_initiative(dw, org_name):
    return Initiative.objects.get(
        engagement=dw, partnerships__organization__name=org_name, partnerships__role="venture"
    )


# The mediation map ---------------------------------------------------------------------------------------
def test_in_2016_every_connection_runs_through_the_team_and_by_2021_most_are_direct(dw):
    early, late = mediation_map(dw, 2016), mediation_map(dw, 2021)
    assert early.year == 2016 and late.year == 2021
    assert early.share.total >= 3 and early.share.direct == 0
    assert all(not c.direct for c in early.connections)
    assert late.share.total >= 12 and late.share.share >= 0.75
    assert late.mediated_count >= 2, "a few still run through the team at the farewell"
    shares = [s.share for s in late.series if 2016 <= s.year <= 2021]
    assert shares == sorted(shares) and len(shares) == 6, "the share of direct connections only grows"
    becoming_direct = Connection.objects.filter(engagement=dw, direct_since__year__range=(2018, 2021))
    assert becoming_direct.count() >= 10
    assert not Connection.objects.filter(engagement=dw, direct_since__year__gt=2021).exists()
    # Both worlds on the map: divisions, local authorities and operators; ventures and government bodies.
    kinds = set(
        Organization.objects.filter(pk__in=[p.id for p in late.welfare]).values_list("kind", flat=True)
    )
    assert {"ministry_division", "local_authority", "ngo"} <= kinds
    digital = {p.name for p in late.digital}
    assert set(VENTURES) <= digital and "מערך הדיגיטל הלאומי" in digital


def test_the_connections_still_through_the_team_are_handed_over_or_waiting(dw):
    review = ExitReview.objects.get(engagement=dw)
    mediated = Connection.objects.filter(engagement=dw, direct_since__isnull=True, ended_on__isnull=True)
    handed = mediated.filter(handover_item__isnull=False)
    assert handed.count() >= 2
    for item in handed:
        assert item.handover_item.review == review and item.ministry_owner.strip()
        assert item.handover_item.ministry_role.strip()
    waiting = mediation_map(dw).waiting
    assert [c.digital_label for c in waiting] == ["רשות החדשנות"], "the scouting still leaned on the partners"
    assert all(not c.handed_over and not c.direct for c in waiting)
    # The active engagement is at the start of the story: most of its connections run through the team.
    active = mediation_map(Engagement.objects.get(name=DOMESTIC_VIOLENCE))
    assert len(active.waiting) >= 3 and active.share.share < 0.5


def test_the_team_brought_each_venture_to_the_ministry_on_the_day_of_its_step_and_it_became_direct(dw):
    for name in VENTURES:
        found = Connection.objects.filter(engagement=dw, digital_party__name=name).order_by("began_on")
        first = found.first()
        assert first is not None, name
        assert first.origin in THROUGH_THE_TEAM, name
        assert first.introduced_by is not None, name
        steps = ProcessStep.objects.filter(
            initiative=venture_initiative(dw, name), kind__in=["presence", "introduction"]
        ).values_list("happened_on", flat=True)
        assert first.began_on in set(steps), name
        assert first.direct_since is not None and 2018 <= first.direct_since.year <= 2021, name
        assert first.ministry_owner.strip(), name
    howazit = Connection.objects.get(
        engagement=dw, digital_party__name="Howazit", welfare_party__name__contains="מבחן"
    )
    assert howazit.origin == Connection.Origin.BROADCAST  # the challenge tender at JDC


def test_every_connection_has_trust_notes_and_a_breakthrough_when_it_became_direct(dw):
    for item in Connection.objects.all():
        notes = list(item.trust_notes.all())
        assert notes, str(item)
        assert all(note.on >= item.began_on for note in notes), str(item)
        if item.direct_since and item.direct_since > item.began_on:
            assert any(
                n.kind == TrustNote.Kind.BREAKTHROUGH and n.on <= item.direct_since for n in notes
            ) or any(n.on == item.direct_since for n in notes), str(item)
    uniper = Connection.objects.get(
        engagement=dw, digital_party__name="Uniper", welfare_party__name="השירות לאזרחים ותיקים"
    )
    kinds = set(uniper.trust_notes.values_list("kind", flat=True))
    assert kinds == set(TrustNote.Kind.values), "meetings, joint work, a difficulty and breakthroughs"


def test_the_pilot_localities_are_connected_to_uniper_from_the_pilot_on(dw):
    pilot = Pilot.objects.get(initiative=initiative(dw, ELDERLY))
    towns = Connection.objects.filter(
        engagement=dw, digital_party__name="Uniper", welfare_party__kind="local_authority"
    )
    assert towns.count() == 4
    for town in towns:
        assert town.welfare_party.name.split()[-1] in pilot.sites
        assert town.began_on == pilot.started_on and town.direct_since > pilot.started_on


# Events -------------------------------------------------------------------------------------------------
def test_the_bi_hackathon_and_the_datathon_brought_both_worlds_and_something_followed(dw):
    bi = initiative(dw, BI_DASHBOARDS)
    steps = set(bi.steps.filter(kind="human_capital").values_list("happened_on", flat=True))
    for kind, title in ((Event.Kind.HACKATHON, "האקתון BI"), (Event.Kind.DATATHON, "דטאתון")):
        event = Event.objects.get(engagement=dw, kind=kind)
        assert event.title == title and event.starts_on in steps
        worlds = set(event.participants.values_list("world", flat=True))
        assert worlds == {World.WELFARE, World.DIGITAL}, title
        divisions = event.participants.filter(world=World.WELFARE, organization__isnull=False)
        assert divisions.count() >= 3, "role holders from several units of the ministry"
        assert event.needs.exists() and bi in event.initiatives.all() and event.mechanisms.exists()
        assert len(event.lessons) > 50 and event.participant_total > 20
        assert not event.participants.filter(organization__name="Deloitte").exists()
    hackathon = Event.objects.get(engagement=dw, kind=Event.Kind.HACKATHON)
    born = hackathon.connections.get()
    assert born.origin == Connection.Origin.EVENT and born.welfare_party.name.startswith("אגף מערכות מידע")


def test_every_event_has_participants_of_both_worlds_and_a_lesson(demo):
    events = Event.objects.all()
    assert {e.kind for e in events} >= {
        "hackathon",
        "datathon",
        "task_force",
        "journey_workshop",
        "study_day",
    }
    for event in events:
        assert set(event.participants.values_list("world", flat=True)) == {"welfare", "digital"}, event.title
        assert event.lessons.strip(), event.title
        assert event.ends_on is None or event.ends_on >= event.starts_on
        for row in event.participants.exclude(organization=None).select_related("organization"):
            assert row.organization.world == row.world, (event.title, row.organization.name)
        if event.engagement.end_date:
            assert event.engagement.start_date <= event.starts_on <= event.engagement.end_date


# Mentoring ----------------------------------------------------------------------------------------------
def test_role_holders_of_both_worlds_were_mentored_over_the_years_by_the_team_of_the_time(dw):
    sessions = MentoringSession.objects.filter(engagement=dw)
    years = {
        world: set(sessions.filter(mentee_world=world).values_list("held_on__year", flat=True))
        for world in (World.WELFARE, World.DIGITAL)
    }
    assert len(years[World.WELFARE]) >= 4 and len(years[World.DIGITAL]) >= 3, years
    ventures = set(
        sessions.filter(mentee_world=World.DIGITAL).values_list("mentee_organization__name", flat=True)
    )
    assert set(VENTURES) <= ventures, "every venture's people were mentored"
    for session in sessions.select_related("mentor", "mentee_organization"):
        assert session.moved and session.outcome.strip(), session.mentee
        assert session.mentee_organization.world == session.mentee_world
        on_the_team = EngagementMembership.objects.filter(
            engagement=dw, user=session.mentor, world=World.BRIDGE, valid_from__lte=session.held_on
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=session.held_on))
        assert on_the_team.exists(), f"{session.mentor} was not on the team on {session.held_on}"
        assert dw.start_date <= session.held_on <= dw.end_date


# Two in a box, procurement, reach -----------------------------------------------------------------------
def test_two_in_a_box_pairs_work_on_the_data_initiatives_with_an_agreed_data_set(dw):
    adopted = initiative(dw, BI_DASHBOARDS).steps.get(kind="work_methods").happened_on
    pairs = Pairing.objects.filter(initiative__engagement=dw)
    assert pairs.count() >= 2
    for pair in pairs:
        assert "two_in_a_box" in pair.initiative.methods, pair.initiative.title
        assert pair.started_on >= adopted and len(pair.data_set) > 40
        assert pair.welfare_role and pair.digital_role


def test_each_procurement_path_is_the_one_the_source_tells(dw):
    def path(title):
        return list(
            ProcurementStep.objects.filter(initiative=initiative(dw, title)).values_list("kind", flat=True)
        )

    assert path("קליק לרווחה")[0] == ProcurementStep.Kind.ADAPTED_TENDER  # a unique tender
    assert path("סל גמיש לאנשים עם מוגבלות")[:2] == ["vendor_conference", "rfi"]
    assert path(ELDERLY)[0] == ProcurementStep.Kind.REGULATION  # adapted to a service never tried
    assert path('מערכת לשירות לתועלת הציבור (של"צ)')[0] == ProcurementStep.Kind.CHALLENGE_TENDER
    for step in ProcurementStep.objects.filter(initiative__engagement=dw):
        assert step.status == ProcurementStep.Status.DONE and step.outcome.strip()
        assert dw.start_date <= step.on <= dw.end_date
    # The procurement steps of the initiatives' process are the first step of each path.
    for title in ("קליק לרווחה", "סל גמיש לאנשים עם מוגבלות", ELDERLY):
        item = initiative(dw, title)
        first = ProcurementStep.objects.filter(initiative=item).order_by("on").first()
        assert item.steps.filter(kind="procurement", happened_on=first.on).exists(), title


def test_uniper_learned_before_it_bought_instead_of_pre_set_success_metrics(dw):
    elderly = initiative(dw, ELDERLY)
    adapted = ProcurementStep.objects.get(initiative=elderly, kind=ProcurementStep.Kind.REGULATION)
    milestones = LearningMilestone.objects.filter(initiative=elderly)
    assert milestones.count() >= 3
    assert all(m.reached_on and m.learned.strip() for m in milestones)
    what_to_buy = milestones.get(question__contains="ברכש")  # the success metrics came from the pilot
    assert what_to_buy.reached_on <= adapted.on
    assert milestones.filter(reached_on__lte=adapted.on).count() >= 3
    pilot = Pilot.objects.get(initiative=elderly)
    assert all(pilot.started_on <= m.due_on <= pilot.ended_on for m in milestones)


def test_uniper_grew_from_sixty_people_in_four_localities_to_thousands_of_homes(dw):
    reach = list(ReachMeasurement.objects.filter(initiative=initiative(dw, ELDERLY)).order_by("measured_on"))
    phases = [r.phase for r in reach]
    order = list(Phase.values)
    assert [order.index(p) for p in phases] == sorted(order.index(p) for p in phases)
    assert set(phases) == set(Phase.values), "venture, pilot, ministry service, national"
    pilot = next(r for r in reach if r.phase == Phase.PILOT)
    assert (pilot.users, pilot.localities) == (60, 4)
    assert (
        reach[-1].phase == Phase.NATIONAL and reach[-1].users >= 2000 and reach[-1].measured_on.year == 2022
    )
    users = [r.users for r in reach if r.users is not None]
    assert users == sorted(users)
    others = ReachMeasurement.objects.filter(initiative__engagement=dw).exclude(initiative__title=ELDERLY)
    assert others.exists()


# Concerns -----------------------------------------------------------------------------------------------
def test_the_fears_of_the_ministry_the_venture_and_the_operators_in_the_uniper_case(dw):
    concerns = Concern.objects.filter(engagement=dw, initiative=initiative(dw, ELDERLY))
    by_party = {c.party: c for c in concerns}
    assert set(by_party) == {Concern.Party.MINISTRY, Concern.Party.VENTURE, Concern.Party.OPERATORS}
    assert concerns.count() == 3
    assert by_party["venture"].organization.name == "Uniper"
    assert by_party["operators"].organization.name == story.DAY_CENTRES
    assert by_party["ministry"].organization.world == World.WELFARE
    assert "מרכז" in by_party["operators"].concern and "ישתפו פעולה" in by_party["ministry"].concern
    for concern in concerns:
        assert concern.holding.strip() and concern.status != Concern.Status.OPEN
        assert dw.start_date <= concern.raised_on <= dw.end_date


# Scores -------------------------------------------------------------------------------------------------
def test_the_exit_review_score_reads_the_mediation_map(dw):
    exit_d = CurrentScore.objects.select_related("snapshot").get(
        engagement=dw, subject_type="stage", rubric_key="stage-d-exit"
    )
    rows = {row["key"]: row for row in exit_d.snapshot.criteria}
    late = mediation_map(dw, 2021).share
    assert rows["direct-connections"]["raw"] == pytest.approx(late.share)
    owned = Connection.objects.filter(engagement=dw, ended_on__isnull=True).exclude(ministry_owner="")
    assert rows["ministry-owned-connections"]["raw"] == pytest.approx(
        owned.count() / Connection.objects.filter(engagement=dw, ended_on__isnull=True).count()
    )
    for key in ("direct-connections", "ministry-owned-connections"):
        assert rows[key]["status"] == "ok" and rows[key]["met"] and rows[key]["contribution"] > 0, key
    assert exit_d.band == "green"


# Idempotent ---------------------------------------------------------------------------------------------
def test_loading_again_changes_nothing(dw):
    models = (
        Organization,
        Event,
        EventParticipation,
        Connection,
        TrustNote,
        MentoringSession,
        Pairing,
        ProcurementStep,
        LearningMilestone,
        ReachMeasurement,
        Concern,
    )

    def snapshot():
        return {m.__name__: (m.objects.count(), m.history.count()) for m in models}

    before = snapshot()
    load_demo_now()
    assert snapshot() == before
