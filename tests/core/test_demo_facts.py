"""The facts of the "Digital Welfare" demo, checked against the source (the operating-model
document): who came in through which door and when, who held which relationship at the farewell, which
teams worked on which initiative, and that every historical date stays inside 2016–2021.

The demo is loaded once for the module, inside a transaction rolled back after its last test (as the
contract tests do); each test runs in a savepoint of it.
"""

import pytest

from api_human.core.demo import DEMO_LOGINS, DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import (
    Engagement,
    EngagementMembership,
    Organization,
    Role,
    Team,
    TeamMember,
    User,
    World,
)
from api_human.scoring.core_metrics import ministry_owned_relationships
from api_human.scoring.models import CurrentScore
from dashboards.selectors import engagement_dashboard
from initiatives.models import Initiative, Need, Pilot, ProcessStep
from opportunities.models import Broadcast, KnowledgeFlow, Match, Opportunity, ScoutingActivity
from stages.demo import DW_EXIT_REVIEW_ON
from stages.models import ChangeSignal, ExitReview, GateDecision, Mechanism, WorkingPrinciple
from tensions.models import Tension
from tests.conftest import load_demo_now

pytestmark = [pytest.mark.django_db]

VENTURES = ("Uniper", "atvisor", "Howazit", 'הילמ"ה – הייטק למען החברה')


@pytest.fixture(scope="module")
def demo(module_demo):
    """The demo, loaded once for this module (tests/conftest.py)."""


@pytest.fixture
def dw(demo, db):
    return Engagement.objects.get(name=DIGITAL_WELFARE)


def need(dw, subcategory_en):
    return Need.objects.get(engagement=dw, subcategory__name_en=subcategory_en)


def initiative(dw, title_start):
    return Initiative.objects.get(engagement=dw, title__startswith=title_start)


def venture_initiative(dw, org_name):
    return Initiative.objects.get(
        engagement=dw, partnerships__organization__name=org_name, partnerships__role="venture"
    )


# 1 -----------------------------------------------------------------------------------------------
def test_the_howazit_tender_answers_the_probation_need_and_not_the_shelters(dw):
    probation, shelters = (
        need(dw, "Probation community-service process"),
        need(dw, "Placing women in shelters"),
    )
    tender = Broadcast.objects.get(engagement=dw, status=Broadcast.Status.AWARDED)
    assert list(tender.needs.all()) == [probation]
    assert ScoutingActivity.objects.get(engagement=dw, kind="challenge_tender").needs.get() == probation

    howazit = Opportunity.objects.get(organization__name="Howazit")
    assert howazit.broadcast == tender
    assert probation in howazit.initiative.needs.all()
    confirmed = Match.objects.filter(opportunity=howazit, confirmed_at__isnull=False)
    assert [m.initiative for m in confirmed] == [howazit.initiative]

    shelter_initiative = shelters.initiatives.get()
    assert not shelter_initiative.partnerships.filter(organization__name="Howazit").exists()
    assert not shelters.broadcasts.exists()
    assert (
        not confirmed.filter(need=shelters).exists()
        and not confirmed.filter(initiative=shelter_initiative).exists()
    )


# 2, 3 --------------------------------------------------------------------------------------------
def test_the_bi_hackathon_and_the_datathon_are_two_events_without_deloitte(dw):
    events = list(ScoutingActivity.objects.filter(engagement=dw, kind="hackathon").order_by("happened_on"))
    hackathon = [e for e in events if "האקתון" in e.title]
    datathon = [e for e in events if "דטאתון" in e.title]
    assert len(hackathon) == 1 and len(datathon) == 1 and hackathon[0] != datathon[0]
    assert hackathon[0].happened_on != datathon[0].happened_on
    for event in (hackathon[0], datathon[0]):
        assert dw.start_date <= event.happened_on <= dw.end_date
        assert not event.organizations.filter(name="Deloitte").exists()
        assert "מעולם הדיגיטל" in event.outcome  # the guests, described without inventing names
    assert "אתגרי הליבה" in hackathon[0].outcome and "חיזוי מגמות" in datathon[0].outcome
    assert not ScoutingActivity.objects.filter(organizations__name="Deloitte").exists()


# 4 -----------------------------------------------------------------------------------------------
def test_each_partner_organisation_was_first_met_at_its_own_first_step(dw):
    firsts = {}
    for name in VENTURES:
        org = Organization.objects.get(name=name)
        steps = ProcessStep.objects.filter(
            initiative=venture_initiative(dw, name), kind__in=["presence", "introduction"]
        ).order_by("happened_on")
        assert org.first_contact_on == steps.first().happened_on, name
        assert org.first_contact_on <= org.last_contact_on
        firsts[name] = org.first_contact_on
    assert len(set(firsts.values())) == len(VENTURES)
    assert firsts["Uniper"] < firsts["atvisor"] < firsts["Howazit"] < firsts['הילמ"ה – הייטק למען החברה']
    assert firsts["Howazit"].year == 2018  # the challenge tender at JDC
    assert firsts['הילמ"ה – הייטק למען החברה'].year == 2020  # the COVID period
    judging = ScoutingActivity.objects.get(engagement=dw, kind="fund_judging", organizations__name="atvisor")
    assert firsts["atvisor"] == judging.happened_on
    earlier = ScoutingActivity.objects.filter(
        organizations__name="atvisor", happened_on__lt=judging.happened_on
    )
    assert not earlier.exists()


# 5, 13 -------------------------------------------------------------------------------------------
def test_the_steering_committee_is_unipers_and_atvisor_has_its_biweekly_joint_team(dw):
    uniper = venture_initiative(dw, "Uniper")
    committee = uniper.joint_team
    assert committee.kind == Team.Kind.STEERING_COMMITTEE
    assert "steering_committee" in uniper.methods
    worlds = set(committee.members.values_list("world", flat=True))
    assert worlds == {World.DIGITAL, World.WELFARE, World.BRIDGE}  # the entrepreneur, the ministry, the team
    assert committee.members.filter(organization__name="Uniper").exists()

    atvisor = venture_initiative(dw, "atvisor")
    assert "steering_committee" not in atvisor.methods
    joint = atvisor.joint_team
    assert joint.kind == Team.Kind.JOINT_TEAM and "שבועיים" in joint.description
    assert joint.members.filter(organization__name="atvisor").exists()
    assert joint.members.filter(world=World.WELFARE).count() >= 2
    assert not Team.objects.filter(
        engagement=dw, kind=Team.Kind.STEERING_COMMITTEE, initiatives=atvisor
    ).exists()


def test_built_and_the_task_force_are_the_teams_of_their_initiatives(dw):
    built = Team.objects.get(engagement=dw, name__contains="BUILT")
    assert initiative(dw, "BUILT").joint_team == built
    task_force = Team.objects.get(engagement=dw, kind=Team.Kind.TASK_FORCE)
    probation = need(dw, "Probation community-service process").initiatives.get()
    assert probation.joint_team == task_force
    assert task_force.members.filter(organization__name="Howazit").exists()


# 6, 7 --------------------------------------------------------------------------------------------
def test_every_bud_of_change_is_dated_before_the_exit_review(dw):
    review = ExitReview.objects.get(engagement=dw)
    signals = ChangeSignal.objects.filter(engagement=dw)
    assert signals.count() >= 3
    for signal in signals:
        assert dw.start_date <= signal.observed_on <= review.reviewed_on, signal.title


def test_the_exit_review_and_its_dates_are_of_2021(dw):
    assert DW_EXIT_REVIEW_ON.year == 2021
    review = ExitReview.objects.get(engagement=dw)
    assert review.reviewed_on == DW_EXIT_REVIEW_ON
    assert review.signed_off_at is not None and review.signed_off_at.year == 2021
    assert review.created_at.year == 2021
    assert review.decision == ExitReview.Decision.FAREWELL
    assert all(item.due_on <= dw.end_date for item in review.handover.all())
    for decision in GateDecision.objects.filter(phase__engagement=dw):
        assert decision.proposed_at.date() <= dw.end_date
        assert decision.reviewed_at is None or decision.reviewed_at.date() <= dw.end_date


def test_the_steps_of_historical_tensions_are_dated_within_the_engagement(dw):
    for tension in Tension.objects.filter(engagement=dw):
        assert tension.closed_on is None or tension.closed_on <= dw.end_date, tension.title
        for event in tension.events.all():
            assert event.happened_at.date() <= dw.end_date, tension.title


# 8 -----------------------------------------------------------------------------------------------
def test_ministry_staff_hold_the_relationships_after_the_farewell(dw):
    assert ministry_owned_relationships([dw.pk])[dw.pk] >= 0.8
    for name in VENTURES:
        owner = Organization.objects.get(name=name).relationship_owner
        assert owner is not None and owner.role == Role.MANAGER, name
        assert owner.organization.world == World.WELFARE, name
    # The four demo logins are as they were.
    logins = {u.username: u.role for u in User.objects.filter(username__in=[row[0] for row in DEMO_LOGINS])}
    assert logins == {
        "team": Role.TEAM,
        "manager": Role.MANAGER,
        "partner": Role.PARTNER,
        "admin": Role.ADMIN,
    }


# 9 -----------------------------------------------------------------------------------------------
def test_the_funnel_of_the_stage_dashboard_counts_the_partners_profiles(dw):
    tables = {t.key: t for t in engagement_dashboard(dw, filters={}, rtl=True)["tables"]}
    funnel = {row[0].value: row[1].value for row in tables["opportunity-funnel"].rows}
    labels = dict(Opportunity.Pipeline.choices)
    assert funnel[str(labels["pilot"])] + funnel[str(labels["scale"])] >= 4
    for name in VENTURES:
        profile = Opportunity.objects.exclude(revision=0).get(organization__name=name)
        assert profile.initiative.engagement == dw, name


# 12 ----------------------------------------------------------------------------------------------
def test_initiatives_answer_the_several_needs_the_source_names(dw):
    click = initiative(dw, "קליק לרווחה")
    assert click.needs.count() >= 2
    basket = venture_initiative(dw, "atvisor").needs.get()
    assert basket in click.needs.all()  # part of the answer to the flexible basket
    built = set(initiative(dw, "BUILT").needs.values_list("subcategory__name_en", flat=True))
    assert {"Data-driven management", "Supervision processes"} <= built
    irisk = initiative(dw, "i-risk")
    shared = set(irisk.needs.all())
    for follower in ("ask-s", "Howru"):
        assert shared & set(initiative(dw, follower).needs.all()), follower


# 14 ----------------------------------------------------------------------------------------------
def test_the_fears_of_the_three_parties_in_the_uniper_case_are_recorded(dw):
    uniper = venture_initiative(dw, "Uniper")
    descriptions = [t.description for t in Tension.objects.filter(engagement=dw, initiatives=uniper)]
    for party in ("מרכזי היום", "צוות המשרד", "צוות Uniper"):
        fears = [d for d in descriptions if d.startswith(party) or f"{party} חש" in d]
        assert len(fears) == 1, party
        assert "אי-הוודאות" in fears[0] and "לפעולה" in fears[0]  # the team held the uncertainty
    fears = Tension.objects.filter(engagement=dw, initiatives=uniper, description__contains="חשש")
    assert fears.count() == 3
    assert all(t.origin != Tension.Origin.UNKNOWN for t in fears)


# 10, 15 ------------------------------------------------------------------------------------------
def test_every_initiative_starts_from_a_shared_big_dream(dw):
    for item in Initiative.objects.filter(engagement=dw):
        assert len(item.big_dream.strip()) > 30, item.title


def test_the_tension_principle_keeps_the_sources_distinction(dw):
    principle = WorkingPrinciple.objects.get(engagement=dw, title="מתחים הם לגיטימיים")
    assert "חולף" not in principle.description
    assert "תהליך השינוי" in principle.description and "דיגיטל לרווחה" in principle.description


# 16 ----------------------------------------------------------------------------------------------
def test_the_human_api_team_sits_between_the_worlds(dw):
    memberships = EngagementMembership.objects.filter(engagement=dw)
    assert memberships.get(user__username="team").world == World.BRIDGE
    assert memberships.get(user__username="manager").world == World.WELFARE
    assert memberships.filter(world=World.BRIDGE).count() >= 2
    members = TeamMember.objects.filter(team__engagement=dw)
    assert members.filter(world=World.BRIDGE).exists()
    for member in members.select_related("organization"):
        if member.organization.kind in (
            Organization.Kind.MINISTRY_DIVISION,
        ) or member.organization.name.startswith("משרד הרווחה"):
            assert member.world == World.WELFARE, member
        if member.organization.kind in (Organization.Kind.STARTUP, Organization.Kind.COMPANY):
            assert member.world == World.DIGITAL, member
    team_table = next(t for t in engagement_dashboard(dw, filters={}, rtl=True)["tables"] if t.key == "team")
    assert len(team_table.columns) == 1 + len(World.values)
    assert sum(row[World.values.index(World.BRIDGE) + 1].value for row in team_table.rows) > 0


# 17 ----------------------------------------------------------------------------------------------
def test_pilots_and_early_profiles_have_learning_plans(dw):
    pilot = Pilot.objects.get(initiative=venture_initiative(dw, "Uniper"))
    assert pilot.participants == 60 and "נתיבות" in pilot.sites
    assert "לא פעל" in pilot.learning_plan and "אבני דרך" in pilot.learning_plan
    early = Opportunity.objects.filter(maturity__in=["idea", "prototype"])
    assert early.exists()
    assert all(p.learning_plan.strip() for p in early)


# 11 ----------------------------------------------------------------------------------------------
def test_demo_texts_follow_the_glossary(dw):
    """ "מיזם" is the engagement only, never a partner organisation; a dashboard is "לוח בקרה"."""
    active = Engagement.objects.get(name=DOMESTIC_VIOLENCE)
    partner_texts = [org.description for org in Organization.objects.filter(world=World.DIGITAL)]
    partner_texts += [
        text
        for p in Opportunity.objects.all()
        for text in (p.title, p.summary, p.problem, p.evidence, p.feedback, p.learning_plan)
    ]
    partner_texts += [
        text for b in Broadcast.objects.all() for text in (b.title_he, b.description_he, b.eligibility)
    ]
    partner_texts += list(ScoutingActivity.objects.values_list("outcome", flat=True))
    partner_texts += list(KnowledgeFlow.objects.values_list("description", flat=True))
    partner_texts += list(ProcessStep.objects.values_list("notes", flat=True))
    partner_texts += list(Tension.objects.values_list("description", flat=True))
    assert [t for t in partner_texts if "מיזם" in t] == []

    texts = (
        partner_texts
        + [i.title for i in Initiative.objects.all()]
        + [i.solution for i in Initiative.objects.all()]
    )
    texts += list(Mechanism.objects.values_list("title", flat=True))
    texts += [t.description for t in Team.objects.filter(engagement__in=[dw, active])]
    texts += [org.description for org in Organization.objects.all()]
    assert [t for t in texts if "מחוונ" in t] == []
    assert all(b.title_he.startswith("קול קורא") for b in Broadcast.objects.all())


# The active engagement ---------------------------------------------------------------------------
def test_the_active_engagement_has_a_believable_mix_of_scores_with_next_actions(demo):
    """In its third year the active engagement is neither all red nor all green: stage A is close to its
    exit, and every score that is not green still says what to do next (a criterion that applies and
    is not met)."""
    active = Engagement.objects.get(name=DOMESTIC_VIOLENCE)
    scores = {
        c.rubric_key: c
        for c in CurrentScore.objects.filter(engagement=active, subject_type="stage").select_related(
            "snapshot"
        )
    }
    assert scores["stage-a-exit"].band in ("green", "amber"), scores["stage-a-exit"].snapshot.criteria
    assert {c.band for c in scores.values()} & {"green", "amber"}

    def gaps(score):
        return [
            r["key"]
            for r in score.snapshot.criteria
            if r["status"] not in ("n/a", "not_yet") and not r["met"]
        ]

    assert any(gaps(c) for c in scores.values())
    for key in ("stage-b1-exit", "stage-b2-exit", "stage-c-readiness"):
        assert scores[key].band == "amber" and gaps(scores[key]), key
    assert not Tension.objects.filter(engagement=active, blocking=True).exists()
    assert all(b.title_he.startswith("קול קורא") for b in Broadcast.objects.filter(engagement=active))


# Idempotent --------------------------------------------------------------------------------------
def test_loading_again_changes_nothing(dw):
    models = (
        Organization,
        User,
        EngagementMembership,
        Team,
        TeamMember,
        Need,
        Initiative,
        ProcessStep,
        Pilot,
        Tension,
        Broadcast,
        Opportunity,
        Match,
        ScoutingActivity,
        KnowledgeFlow,
        ChangeSignal,
        ExitReview,
        Mechanism,
        GateDecision,
    )

    def snapshot():
        counts = {m.__name__: m.objects.count() for m in models}
        counts |= {f"history of {m.__name__}": m.history.count() for m in models if hasattr(m, "history")}
        counts["tension events"] = sum(t.events.count() for t in Tension.objects.all())
        return counts

    before = snapshot()
    load_demo_now()
    assert snapshot() == before
