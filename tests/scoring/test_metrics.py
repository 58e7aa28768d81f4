"""Every automatic metric of the scoring engine: a typical value, the empty case, no leak between
subjects, and a number of queries that does not grow with the number of subjects."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api_human.core.models import Engagement, EngagementPartner, Role, Team, TeamMember, World
from api_human.scoring.models import CurrentScore, Rubric, ScoreSnapshot
from api_human.scoring.registry import METRICS, NOT_APPLICABLE
from initiatives.models import Initiative, InitiativePartner, Need, Pilot, PilotKpi, ProcessStep
from opportunities.models import Attachment, Broadcast, KnowledgeFlow, Match, Opportunity, ScoutingActivity
from stages import models as st
from tensions.models import DecisionCriterion, Tension
from tests.factories import EngagementFactory, OrganizationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
NA = NOT_APPLICABLE
DAY = datetime.timedelta(days=1)
MISSING = 987_654_321  # an id no row has

# The metric keys this module tests (filled by @covers): a new metric without a test fails below.
TESTED: list[str] = []


def covers(*keys):
    TESTED.extend(keys)
    return lambda test: test


# The connective work's metrics are tested beside their app (tests/connections/test_metrics.py).
TESTED.extend(["connections.direct_share", "connections.ministry_owned_share"])


def check(key, *expected, absent=()):
    """Compute ``key`` for the subjects of the ``(subject, value)`` pairs and for ``absent``: exactly
    those values come back, and nothing for the ``absent`` ones (no evidence)."""
    ids = [s.pk for s, _ in expected] + [getattr(s, "pk", s) for s in absent]
    assert METRICS[key].compute(ids) == {s.pk: v for s, v in expected}


def engagements(n):
    return [EngagementFactory() for _ in range(n)]


def today():
    return timezone.localdate()


# ------------------------------------------------------------------------------------------------
# Row builders (only the required fields)
# ------------------------------------------------------------------------------------------------
def need(e, **kw):
    return Need.objects.create(
        engagement=e, title="Need", source="citizens", category="citizen_services", **kw
    )


def initiative(e, status="exploring", **kw):
    if status == "stopped":
        kw.setdefault("stop_reason", "No budget")
    return Initiative.objects.create(engagement=e, title="Initiative", status=status, **kw)


def pilot(init, *results, target=10, ended_on=None):
    p = Pilot.objects.create(initiative=init, title="Pilot", ended_on=ended_on)
    for result in results:
        PilotKpi.objects.create(pilot=p, name="KPI", target=target, result=result)
    return p


def tension(e, state="raised", blocked_days=None, **kw):
    if blocked_days is not None:
        kw.update(blocking=True, blocking_since=today() - blocked_days * DAY)
    return Tension.objects.create(
        engagement=e, title="Digital or human", source_type="value", pole_a="a", pole_b="b", state=state, **kw
    )


def mechanism(e, world, category, status, **kw):
    return st.Mechanism.objects.create(
        engagement=e, world=world, category=category, status=status, title="Mechanism", **kw
    )


def broadcast(e, status="open"):
    texts = dict.fromkeys(("title_he", "title_en", "description_he", "description_en"), "Call")
    return Broadcast.objects.create(engagement=e, opens_on=today(), closes_on=today(), status=status, **texts)


def opportunity(**kw):
    return Opportunity.objects.create(organization=OrganizationFactory(), title="Product", **kw)


def attach(opp):
    Attachment.objects.create(
        opportunity=opp, file="a.pdf", original_name="a.pdf", content_type="pdf", size=1
    )


def goal_metric(e, *values, target=80, direction="increase"):
    goal = st.Goal.objects.create(engagement=e, title="Goal")
    metric = st.SuccessMetric.objects.create(
        goal=goal, name="Metric", unit="%", baseline=0, target=target, direction=direction
    )
    for n, value in enumerate(values):
        st.Measurement.objects.create(
            metric=metric, measured_on=datetime.date(2024, 1, 1) + n * DAY, value=value, source="survey"
        )
    return goal


def organization_score(org, coverage):
    """A current maturity score of the organisation, whose questionnaire is ``coverage`` answered."""
    rubric, _ = Rubric.objects.get_or_create(
        key="test-maturity", version=1, defaults={"subject_type": "organization", "kind": "maturity"}
    )
    subject = {"subject_type": "organization", "subject_id": org.pk, "band": "amber"}
    snapshot = ScoreSnapshot.objects.create(
        rubric=rubric, coverage=coverage, dimensions={}, criteria={}, digest="d", trigger="manual", **subject
    )
    CurrentScore.objects.create(
        rubric_key=rubric.key, kind="maturity", snapshot=snapshot, snapshot_digest="d", **subject
    )


# ------------------------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------------------------
@covers("core.change_object_defined")
def test_change_object_defined():
    a, b = engagements(2)
    b.change_object = "   "
    b.save()
    org = OrganizationFactory(world=World.WELFARE, kind="ministry_division")
    c = EngagementFactory(change_object="", change_object_kind="organization", change_object_organization=org)
    check("core.change_object_defined", (a, True), (b, False), (c, True), absent=[MISSING])


@covers("core.steering_committee", "core.leading_team")
@pytest.mark.parametrize(
    ("key", "kind", "other"),
    [
        ("core.steering_committee", Team.Kind.STEERING_COMMITTEE, Team.Kind.LEADING_TEAM),
        ("core.leading_team", Team.Kind.LEADING_TEAM, Team.Kind.STEERING_COMMITTEE),
    ],
)
def test_a_live_team_of_the_kind(key, kind, other):
    a, b, empty = engagements(3)
    TeamFactory(engagement=a, kind=kind, dissolved_on=today() + DAY)  # dissolves tomorrow: works today
    TeamFactory(engagement=b, kind=kind, dissolved_on=today() - DAY)  # dissolved yesterday
    TeamFactory(engagement=b, kind=other)
    ended = EngagementFactory(end_date=datetime.date(2024, 6, 30), status="completed")
    TeamFactory(engagement=ended, kind=kind, dissolved_on=datetime.date(2024, 6, 30))  # worked to the end
    dropped = EngagementFactory(end_date=datetime.date(2024, 6, 30), status="completed")
    TeamFactory(engagement=dropped, kind=kind, dissolved_on=datetime.date(2024, 3, 1))  # gone before it
    check(key, (a, True), (b, False), (empty, False), (ended, True), (dropped, False))


@covers("core.work_team_areas")
def test_work_team_areas_counts_distinct_areas_of_live_work_teams():
    a, b, empty = engagements(3)
    for area in ("Housing", "Housing", "Employment"):
        TeamFactory(engagement=a, kind=Team.Kind.WORK_TEAM, content_area=area)
    TeamFactory(engagement=a, kind=Team.Kind.WORK_TEAM, content_area="Health", dissolved_on=today() - DAY)
    TeamFactory(engagement=a, kind=Team.Kind.TASK_FORCE, content_area="Debt")
    TeamFactory(engagement=b, kind=Team.Kind.WORK_TEAM, content_area="Health")
    check("core.work_team_areas", (a, 2), (b, 1), (empty, 0))


@covers("core.ministry_owned_relationships")
def test_ministry_owned_relationships():
    a, b, empty, welfare_only = engagements(4)
    manager, team_member = UserFactory(role=Role.MANAGER), UserFactory(role=Role.TEAM)
    owned = OrganizationFactory(relationship_owner=manager)
    by_team, unowned = OrganizationFactory(relationship_owner=team_member), OrganizationFactory()
    welfare = OrganizationFactory(world=World.WELFARE, kind="ngo", relationship_owner=manager)  # not counted
    for org in (owned, by_team, unowned, welfare):
        EngagementPartner.objects.create(engagement=a, organization=org)
    EngagementPartner.objects.create(engagement=b, organization=owned)
    EngagementPartner.objects.create(
        engagement=welfare_only, organization=OrganizationFactory(world=World.WELFARE, kind="ngo")
    )
    check("core.ministry_owned_relationships", (a, 1 / 3), (b, 1.0), (empty, NA), (welfare_only, NA))


# ------------------------------------------------------------------------------------------------
# Stages
# ------------------------------------------------------------------------------------------------
@covers("stages.desired_and_current_state")
def test_desired_and_current_state():
    a, b, blank, empty = engagements(4)
    st.ChangeDesign.objects.create(engagement=a, desired_reality="Older people are connected")
    st.ChangeDesign.objects.create(engagement=b, desired_reality="Connected", current_state="Alone")
    st.ChangeDesign.objects.create(engagement=blank, desired_reality="  ", current_state="\n")
    check("stages.desired_and_current_state", (a, 0.5), (b, 1.0), (blank, 0.0), (empty, 0.0))


COUNTED_ROWS = {
    "stages.change_foci": lambda e: st.ChangeFocus.objects.create(engagement=e, title="Focus"),
    "stages.working_principles": lambda e: st.WorkingPrinciple.objects.create(engagement=e, title="P"),
    "stages.change_signals": lambda e: st.ChangeSignal.objects.create(
        engagement=e, title="Signal", observed_on=today()
    ),
    "stages.publications": lambda e: st.Publication.objects.create(
        engagement=e, title="Success", channel="Blog", published_on=today()
    ),
}


@covers(*COUNTED_ROWS)
@pytest.mark.parametrize("key", sorted(COUNTED_ROWS))
def test_counted_stage_rows(key):
    a, b, empty = engagements(3)
    for e in (a, a, b):
        COUNTED_ROWS[key](e)
    check(key, (a, 2), (b, 1), (empty, 0))


@covers("stages.theory_of_change")
def test_theory_of_change_written_or_levels_filled():
    written, levels, empty = engagements(3)
    st.ChangeDesign.objects.create(engagement=written, theory_of_change="If we connect, then...")
    st.ChangeDesign.objects.create(engagement=levels, theory_of_change=" ")
    for level in ("input", "input", "output"):
        st.LogicModelItem.objects.create(engagement=levels, level=level, text="Item")
    check("stages.theory_of_change", (written, 1.0), (levels, 2 / 5), (empty, 0.0))


@covers("stages.goals_measured")
def test_goals_measured():
    a, b, empty = engagements(3)
    goal_metric(a, 10, 20)  # measured twice: still one goal
    goal_metric(a)  # a metric that was never measured
    st.Goal.objects.create(engagement=a, title="Goal without a metric")
    goal_metric(b, 5)
    check("stages.goals_measured", (a, 1 / 3), (b, 1.0), (empty, 0.0))


@covers("stages.metrics_on_target")
def test_metrics_on_target_reads_the_latest_measurement():
    a, b, unmeasured, empty = engagements(4)
    goal_metric(a, 90, 70, target=80)  # reached once, but the latest is below the target
    goal_metric(a, 20, 5, target=10, direction="decrease")  # lower is better: reached
    goal_metric(a, target=80)  # never measured: left out
    goal_metric(b, 50, target=50)  # exactly on target
    goal_metric(unmeasured)
    check("stages.metrics_on_target", (a, 0.5), (b, 1.0), (unmeasured, NA), (empty, NA))


@covers("stages.maturity_diagnostic")
def test_maturity_diagnostic_by_date_or_organisation_questionnaire():
    dated, undated, empty = engagements(3)
    st.ChangeDesign.objects.create(engagement=dated, maturity_diagnosed_on=today())
    st.ChangeDesign.objects.create(engagement=undated, maturity_diagnostic="Some notes")
    answered, partly = (OrganizationFactory(world=World.WELFARE, kind="ministry_division") for _ in range(2))
    organization_score(answered, "0.80")
    organization_score(partly, "0.50")
    by_org, partial = (
        EngagementFactory(change_object_kind="organization", change_object_organization=o)
        for o in (answered, partly)
    )
    key = "stages.maturity_diagnostic"
    check(key, (dated, True), (undated, False), (empty, False), (by_org, True), (partial, False))


@covers("stages.role_holders")
def test_role_holders_in_office():
    a, b, empty = engagements(3)
    since = datetime.date(2024, 2, 1)
    # in office; in office until today; left yesterday; named but not appointed
    for appointed, ended in ((since, None), (since, today()), (since, today() - DAY), (None, None)):
        st.RoleHolder.objects.create(
            engagement=a, role="Referent", full_name="Dana", appointed_on=appointed, ended_on=ended
        )
    st.RoleHolder.objects.create(engagement=b, role="Lead", full_name="Noa", appointed_on=today())
    check("stages.role_holders", (a, 2), (b, 1), (empty, 0))


MECHANISM_EXPECTED = {  # for (a, planned_only, welfare_only, empty) of test_mechanism_metrics
    "stages.mechanism_cells": (3 / 14, 0.0, 1 / 14, 0.0),
    "stages.world_balance": (2 / 3, NA, 0.0, NA),
    "stages.mechanisms_established": (2, 0, 1, 0),
    "stages.unmediated_institutionalised": (0.5, NA, 1.0, NA),
}


@covers(*MECHANISM_EXPECTED)
@pytest.mark.parametrize("key", sorted(MECHANISM_EXPECTED))
def test_mechanism_metrics(key):
    a, planned_only, welfare_only, _empty = subjects = engagements(4)
    mechanism(a, "both", "policy", "established", unmediated=True)  # fills a cell in each world
    mechanism(a, "welfare", "policy", "planned")
    mechanism(a, "welfare", "strategy", "institutionalised")
    mechanism(a, "welfare", "strategy", "planned")
    mechanism(a, "welfare", "human_capital", "building")
    mechanism(a, "digital", "technology", "building")
    mechanism(planned_only, "digital", "policy", "planned")
    mechanism(welfare_only, "welfare", "work_methods", "established", unmediated=True)
    check(key, *zip(subjects, MECHANISM_EXPECTED[key], strict=True))


# ------------------------------------------------------------------------------------------------
# Needs and initiatives: stage metrics
# ------------------------------------------------------------------------------------------------
@covers("initiatives.needs_identified")
def test_needs_identified_leaves_out_dropped_needs():
    a, b, empty = engagements(3)
    need(a)
    need(a, status="answered")
    need(a, status="dropped")
    need(b)
    check("initiatives.needs_identified", (a, 2), (b, 1), (empty, 0))


@covers("initiatives.big_dream_share")
def test_big_dream_share_of_active_initiatives():
    a, b, idle = engagements(3)
    initiative(a, "exploring", big_dream="Every family online")
    initiative(a, "pilot")
    for status in ("idea", "sustained", "stopped"):  # not active: left out
        initiative(a, status, big_dream="Dream")
    initiative(b, "scaling", big_dream="Dream")
    initiative(idle, "idea", big_dream="Dream")
    check("initiatives.big_dream_share", (a, 0.5), (b, 1.0), (idle, NA))


@covers("initiatives.candidates")
def test_candidates_are_exploring_or_beyond():
    a, b = engagements(2)
    for status in ("idea", "exploring", "joint_team", "pilot", "scaling", "sustained", "stopped"):
        initiative(a, status)
    initiative(b, "idea")
    check("initiatives.candidates", (a, 5), (b, 0))


@covers("initiatives.joint_teams")
def test_joint_teams_of_initiatives_not_stopped():
    a, b = engagements(2)
    team = TeamFactory(engagement=a, kind=Team.Kind.JOINT_TEAM)
    initiative(a, "joint_team", joint_team=team)
    initiative(a, "stopped", joint_team=team)
    initiative(a, "exploring")
    initiative(b, "exploring")
    check("initiatives.joint_teams", (a, 1), (b, 0))


@covers("initiatives.needs_in_pilot")
def test_needs_in_pilot():
    a, no_needs, unanswered = engagements(3)
    piloted, exploring, twice, dropped = need(a), need(a), need(a), need(a, status="dropped")
    initiative(a, "pilot").needs.add(piloted, dropped, twice)
    initiative(a, "sustained").needs.add(twice)
    initiative(a, "exploring").needs.add(exploring)
    initiative(no_needs, "pilot")
    need(unanswered)
    check("initiatives.needs_in_pilot", (a, 2 / 3), (no_needs, NA), (unanswered, 0.0))


@covers("initiatives.pilots_meeting_kpis", "initiative.pilot_kpis_met")
def test_pilot_kpis_met_per_engagement_and_per_initiative():
    a, b, empty = engagements(3)
    first, second, unmeasured = initiative(a, "pilot"), initiative(a, "pilot"), initiative(b, "pilot")
    pilot(first, 12, 10, 5, None)  # met, met on the target, missed, not measured
    pilot(second, 1)
    pilot(unmeasured, None)
    check("initiatives.pilots_meeting_kpis", (a, 0.5), (b, NA), (empty, NA))
    # for one initiative, no measured KPI is no evidence (absent)
    check("initiative.pilot_kpis_met", (first, 2 / 3), (second, 0.0), absent=[unmeasured, MISSING])


@covers("initiatives.pilots_completed")
def test_pilots_completed():
    a, b, empty = engagements(3)
    pilot(initiative(a, "pilot"), ended_on=today() - DAY)
    pilot(initiative(a, "scaling"), ended_on=today() - 30 * DAY)
    pilot(initiative(a, "pilot"))  # still running
    pilot(initiative(b, "pilot"))
    check("initiatives.pilots_completed", (a, 2), (b, 0), (empty, 0))


# ------------------------------------------------------------------------------------------------
# One initiative
# ------------------------------------------------------------------------------------------------
@covers("initiative.big_dream", "initiative.impact_described")
@pytest.mark.parametrize(
    ("key", "field"),
    [("initiative.big_dream", "big_dream"), ("initiative.impact_described", "impact_headline")],
)
def test_initiative_text_written(key, field):
    e = EngagementFactory()
    written, blank, empty = initiative(e, **{field: "Written"}), initiative(e, **{field: "  "}), initiative(e)
    check(key, (written, True), (blank, False), (empty, False), absent=[MISSING])


@covers("initiative.joint_team")
def test_initiative_joint_team():
    e = EngagementFactory()
    with_team = initiative(e, joint_team=TeamFactory(engagement=e, kind=Team.Kind.JOINT_TEAM))
    without = initiative(e)
    check("initiative.joint_team", (with_team, True), (without, False), absent=[MISSING])


@covers("initiative.process_steps")
def test_initiative_process_steps_counts_kinds():
    e = EngagementFactory()
    a, b, empty = initiative(e), initiative(e), initiative(e)
    for init, kind in ((a, "scouting"), (a, "scouting"), (a, "policy"), (b, "introduction")):
        ProcessStep.objects.create(initiative=init, kind=kind, happened_on=today())
    check("initiative.process_steps", (a, 2), (b, 1), (empty, 0))


@covers("initiative.operating_partner")
def test_initiative_operating_partner():
    e = EngagementFactory()
    operated, funded, advised, alone = (initiative(e) for _ in range(4))
    for init, role in (
        (operated, "operator"),
        (funded, "funder"),
        (advised, "venture"),
        (advised, "advisor"),
    ):
        InitiativePartner.objects.create(initiative=init, organization=OrganizationFactory(), role=role)
    check("initiative.operating_partner", (operated, True), (funded, True), (advised, False), (alone, False))


@covers("initiative.blocking_tensions")
def test_initiative_blocking_tensions():
    e = EngagementFactory()
    a, b, free = initiative(e), initiative(e), initiative(e)
    tension(e, "raised", blocked_days=1).initiatives.add(a, b)
    tension(e, "criteria_defined", blocked_days=40).initiatives.add(a)
    tension(e, "resolved", blocked_days=40).initiatives.add(a)  # closed
    tension(e, "raised").initiatives.add(b, free)  # not blocking
    check("initiative.blocking_tensions", (a, 2), (b, 1), (free, 0))


# ------------------------------------------------------------------------------------------------
# Tensions
# ------------------------------------------------------------------------------------------------
TENSION_SHARES = {
    "tensions.legitimised_share": (3 / 4, 0.0, NA),
    "tensions.classified_share": (2 / 4, 0.0, NA),
}


@covers(*TENSION_SHARES)
@pytest.mark.parametrize("key", sorted(TENSION_SHARES))
def test_tension_shares(key):
    a, b, _empty = subjects = engagements(3)
    for state, origin in (("raised", "unknown"), ("legitimised", "inherent"), ("resolved", "change_process")):
        tension(a, state, origin=origin)
    tension(a, "dissolved", origin="unknown")
    tension(b, "raised", origin="unknown")
    check(key, *zip(subjects, TENSION_SHARES[key], strict=True))


@covers("tensions.open_with_criteria")
def test_open_with_criteria():
    a, closed_only, b = engagements(3)
    DecisionCriterion.objects.create(tension=tension(a, "criteria_defined"), text="Cost")
    tension(a, "classified")
    DecisionCriterion.objects.create(tension=tension(a, "resolved"), text="Cost")  # not open
    tension(closed_only, "jumped")
    with_two = tension(b, "raised")
    DecisionCriterion.objects.create(tension=with_two, text="Cost")
    DecisionCriterion.objects.create(tension=with_two, text="Reach")
    check("tensions.open_with_criteria", (a, 0.5), (closed_only, NA), (b, 1.0))


@covers("tensions.blocking_too_long")
def test_blocking_too_long(settings):
    assert settings.TENSION_BLOCKING_ALERT_DAYS == 14
    a, b, empty = engagements(3)
    tension(a, "raised", blocked_days=14)  # exactly the alert period
    tension(a, "classified", blocked_days=40)
    tension(a, "raised", blocked_days=13)
    tension(a, "resolved", blocked_days=40)  # closed
    tension(a, "raised")  # not blocking
    tension(b, "legitimised", blocked_days=10)
    check("tensions.blocking_too_long", (a, 2), (b, 0), (empty, 0))
    settings.TENSION_BLOCKING_ALERT_DAYS = 10
    check("tensions.blocking_too_long", (a, 3), (b, 1), (empty, 0))


# ------------------------------------------------------------------------------------------------
# Scouting and opportunities: stage metrics
# ------------------------------------------------------------------------------------------------
def scouting(e, kind="conference", orgs=()):
    activity = ScoutingActivity.objects.create(engagement=e, kind=kind, title="Event", happened_on=today())
    activity.organizations.add(*orgs)
    return activity


@covers("opportunities.organizations_mapped")
def test_organizations_mapped():
    a, b, empty = engagements(3)
    known, met = OrganizationFactory(), OrganizationFactory()
    welfare = OrganizationFactory(world=World.WELFARE, kind="ngo")
    EngagementPartner.objects.create(engagement=a, organization=known)
    EngagementPartner.objects.create(engagement=a, organization=welfare)
    scouting(a, orgs=[known, met, welfare])  # `known` is counted once
    scouting(b, orgs=[known])
    check("opportunities.organizations_mapped", (a, 2), (b, 1), (empty, 0))


@covers("opportunities.channels_used")
def test_channels_used():
    a, b, empty = engagements(3)
    for e, kind in ((a, "conference"), (a, "conference"), (a, "hackathon"), (b, "rfi")):
        scouting(e, kind)
    check("opportunities.channels_used", (a, 2), (b, 1), (empty, 0))


def flow(e, direction, status):
    KnowledgeFlow.objects.create(engagement=e, direction=direction, kind="needs", title="F", status=status)


@covers("opportunities.flow_directions")
def test_flow_directions_counts_flowing_directions():
    a, b, c = engagements(3)
    flow(a, "to_digital", "flowing")
    flow(a, "to_digital", "flowing")
    flow(a, "to_welfare", "planned")
    flow(b, "to_digital", "flowing")
    flow(b, "to_welfare", "flowing")
    flow(c, "to_welfare", "paused")
    check("opportunities.flow_directions", (a, 1), (b, 2), (c, 0))


@covers("opportunities.broadcasts_published")
def test_broadcasts_published_leaves_out_drafts():
    a, b, empty = engagements(3)
    for status in ("draft", "open", "closed", "awarded"):
        broadcast(a, status)
    broadcast(b, "draft")
    check("opportunities.broadcasts_published", (a, 3), (b, 0), (empty, 0))


# ------------------------------------------------------------------------------------------------
# One opportunity
# ------------------------------------------------------------------------------------------------
@covers("opportunity.technology_readiness")
def test_technology_readiness():
    ready, scale, idea, unknown = (opportunity(maturity=m) for m in ("pilot", "at_scale", "idea", ""))
    check("opportunity.technology_readiness", (ready, 7), (scale, 9), (idea, 2), absent=[unknown, MISSING])


@covers("opportunity.evidence")
def test_opportunity_evidence():
    full, files, text, empty = (opportunity(evidence=t) for t in ("3 pilots", "  ", "1,000 users", ""))
    for opp in (full, full, files):
        attach(opp)
    check("opportunity.evidence", (full, 1.0), (files, 0.5), (text, 0.5), (empty, 0.0), absent=[MISSING])


@covers("opportunity.data_protection")
def test_data_protection_applies_to_personal_data_only():
    full = opportunity(personal_data=True, privacy_assessment_done=True, hosting="IL", certifications="ISO")
    partial = opportunity(personal_data=True, privacy_assessment_done=True, hosting="  ")
    none = opportunity(personal_data=True)
    anonymous = opportunity(personal_data=False, hosting="IL")
    key = "opportunity.data_protection"
    check(key, (full, 1.0), (partial, 1 / 3), (none, 0.0), (anonymous, NA), absent=[MISSING])


@covers("opportunity.accessibility")
def test_accessibility_described():
    described, blank, empty = (opportunity(accessibility=t) for t in ("Screen readers, WCAG AA", " ", ""))
    check("opportunity.accessibility", (described, True), (blank, False), (empty, False), absent=[MISSING])


@covers("opportunity.languages")
def test_languages_counts_distinct_languages():
    three, none = opportunity(languages=["he", "ar", "he", "en"]), opportunity(languages=[])
    check("opportunity.languages", (three, 3), (none, 0), absent=[MISSING])


@covers("opportunity.broadcast_fit")
def test_broadcast_fit_is_the_best_match():
    e = EngagementFactory()
    call, target = broadcast(e), need(e)
    matched, unmatched = opportunity(broadcast=call), opportunity(broadcast=call)
    unsolicited = opportunity()
    other = opportunity(broadcast=broadcast(e))
    for opp, revision, score in ((matched, 1, 60), (matched, 2, 85), (unsolicited, 1, 90), (other, 1, 40)):
        Match.objects.create(opportunity=opp, revision=revision, need=target, score=score)
    key = "opportunity.broadcast_fit"
    check(key, (matched, 0.85), (other, 0.4), (unsolicited, NA), absent=[unmatched, MISSING])


# ------------------------------------------------------------------------------------------------
# The metrics of the source's own parameters (bridging), learning plans and ideas
# ------------------------------------------------------------------------------------------------
@covers("initiatives.shared_dreams")
def test_shared_dreams_reads_like_the_stage_metric():
    a, none = engagements(2)
    initiative(a, "exploring", big_dream="Dream")
    initiative(a, "pilot")
    initiative(a, "idea", big_dream="Dream")  # not active
    check("initiatives.shared_dreams", (a, 0.5), (none, NA))


@covers("initiatives.needs_answered")
def test_needs_answered():
    a, no_needs, unanswered = engagements(3)
    answered, idea_only, open_, dropped = need(a), need(a), need(a), need(a, status="dropped")
    initiative(a, "exploring").needs.add(answered, dropped)
    initiative(a, "idea").needs.add(idea_only)
    initiative(a, "stopped").needs.add(open_)
    need(unanswered)
    check("initiatives.needs_answered", (a, 1 / 3), (no_needs, NA), (unanswered, 0.0))


@covers("initiatives.joint_initiatives")
def test_joint_initiatives():
    a, b = engagements(2)
    team = TeamFactory(engagement=a, kind="joint_team")
    digital, welfare = OrganizationFactory(), OrganizationFactory(world=World.WELFARE, kind="ngo")
    initiative(a, "pilot", joint_team=team)
    with_partner = initiative(a, "scaling")
    InitiativePartner.objects.create(initiative=with_partner, organization=digital, role="venture")
    welfare_only = initiative(a, "sustained")
    InitiativePartner.objects.create(initiative=welfare_only, organization=welfare, role="operator")
    initiative(a, "joint_team", joint_team=team)  # not yet in pilot
    initiative(b, "pilot")
    check("initiatives.joint_initiatives", (a, 2), (b, 0))


@covers("initiatives.pilots_learning_plan")
def test_pilots_learning_plan():
    a, b, none = engagements(3)
    Pilot.objects.create(initiative=initiative(a, "pilot"), title="P", learning_plan="Do visits drop?")
    Pilot.objects.create(initiative=initiative(a, "pilot"), title="P", learning_plan="  ")
    Pilot.objects.create(initiative=initiative(b, "pilot"), title="P")
    initiative(none, "pilot")
    check("initiatives.pilots_learning_plan", (a, 0.5), (b, 0.0), (none, NA))


def test_initiative_pilot_kpis_met_is_not_applicable_without_kpis():
    e = EngagementFactory()
    measured, unmeasured, no_kpis, no_pilot = (initiative(e, "pilot") for _ in range(4))
    pilot(measured, 12, 5, None)
    pilot(unmeasured, None)
    pilot(no_kpis)
    check(
        "initiative.pilot_kpis_met",
        (measured, 0.5),
        (no_kpis, NA),
        (no_pilot, NA),
        absent=[unmeasured, MISSING],
    )


@covers("initiative.learning_plan", "initiative.lessons_recorded")
def test_initiative_learning_plan_and_lessons():
    e = EngagementFactory()
    planned, half, none = initiative(e, "pilot"), initiative(e, "pilot"), initiative(e, "idea")
    Pilot.objects.create(
        initiative=planned, title="P", learning_plan="Plan", ended_on=today() - DAY, outcome="Learned"
    )
    Pilot.objects.create(initiative=half, title="P", learning_plan="Plan", ended_on=today() - DAY)
    Pilot.objects.create(initiative=half, title="P", outcome="Interim lessons")  # running, lessons written
    Pilot.objects.create(initiative=half, title="P", ended_on=today() + 30 * DAY)  # not over yet
    check("initiative.learning_plan", (planned, 1.0), (half, 1 / 3), (none, NA), absent=[MISSING])
    check("initiative.lessons_recorded", (planned, 1.0), (half, 0.5), (none, NA), absent=[MISSING])


@covers("stages.policies_in_both_worlds")
def test_policies_in_both_worlds():
    a, b, c = engagements(3)
    mechanism(a, "welfare", "arrangements", "institutionalised")
    mechanism(a, "digital", "policy", "established")
    mechanism(b, "both", "arrangements", "established")
    mechanism(c, "welfare", "policy", "planned")
    mechanism(c, "digital", "work_methods", "established")
    check("stages.policies_in_both_worlds", (a, 2), (b, 2), (c, 0))


@covers("stages.mechanisms_serving_initiatives")
def test_mechanisms_serving_initiatives():
    a, planned_only = engagements(2)
    serving = mechanism(a, "welfare", "work_methods", "established")
    serving.initiatives.add(initiative(a))
    mechanism(a, "digital", "human_capital", "building")
    mechanism(a, "welfare", "policy", "planned").initiatives.add(initiative(a))  # planned: left out
    mechanism(planned_only, "welfare", "policy", "planned")
    check("stages.mechanisms_serving_initiatives", (a, 0.5), (planned_only, NA))


@covers("core.teams_of_both_worlds")
def test_teams_of_both_worlds():
    a, b = engagements(2)
    mixed = TeamFactory(engagement=a, kind="task_force")
    for world in ("welfare", "digital", "bridge"):
        TeamMember.objects.create(team=mixed, full_name="N", world=world)
    former = TeamFactory(engagement=a, kind="joint_team")
    TeamMember.objects.create(team=former, full_name="W", world="welfare")
    TeamMember.objects.create(team=former, full_name="D", world="digital", valid_to=today() - DAY)
    dissolved = TeamFactory(engagement=b, kind="joint_team", dissolved_on=today() - DAY)
    TeamMember.objects.create(team=dissolved, full_name="W", world="welfare")
    TeamMember.objects.create(team=dissolved, full_name="D", world="digital")
    check("core.teams_of_both_worlds", (a, 1), (b, 0))


@covers("opportunity.idea_argued", "opportunity.learning_plan")
def test_opportunity_idea_and_learning_plan():
    argued = opportunity(problem="Loneliness", target_population="Older people", summary="Remote day centre")
    half = opportunity(problem="Loneliness", summary="  ")
    empty = opportunity(learning_plan="Do visits drop?")
    check("opportunity.idea_argued", (argued, 1.0), (half, 1 / 3), (empty, 0.0), absent=[MISSING])
    check("opportunity.learning_plan", (argued, False), (empty, True), absent=[MISSING])


@covers("scoring.bridging_score")
def test_bridging_score_reads_the_engagements_current_bridging_score_unless_grey():
    scored, grey, none = engagements(3)
    rubric = Rubric.objects.get(key="bridging", status="published")
    for engagement, score, band in ((scored, 80, "green"), (grey, 90, "grey")):
        snapshot = ScoreSnapshot.objects.create(
            subject_type="engagement",
            subject_id=engagement.pk,
            engagement=engagement,
            rubric=rubric,
            score=score,
            coverage=1 if band == "green" else 0.2,
            band=band,
            dimensions=[],
            criteria=[],
            digest=str(engagement.pk),
            trigger="change",
        )
        CurrentScore.objects.create(
            subject_type="engagement",
            subject_id=engagement.pk,
            rubric_key="bridging",
            kind="health",
            engagement=engagement,
            snapshot=snapshot,
            snapshot_digest=snapshot.digest,
            score=score,
            band=band,
        )
    check("scoring.bridging_score", (scored, 80.0), absent=[grey, none])


# ------------------------------------------------------------------------------------------------
# The whole registry
# ------------------------------------------------------------------------------------------------
def test_every_metric_is_tested():
    assert len(TESTED) == len(set(TESTED)), "a metric key is listed twice"
    assert set(TESTED) == set(METRICS)


def populate(e, n):
    """Some rows of every kind a metric reads, for one engagement; returns its initiative and opportunity."""
    org = OrganizationFactory(relationship_owner=UserFactory(role=Role.MANAGER))
    Engagement.objects.filter(pk=e.pk).update(change_object_organization=org)
    organization_score(org, "0.90")
    EngagementPartner.objects.create(engagement=e, organization=org)
    for kind in Team.Kind.values:
        TeamFactory(engagement=e, kind=kind, content_area=f"Area {n}")
    st.ChangeDesign.objects.create(engagement=e, desired_reality="D", maturity_diagnosed_on=today())
    st.LogicModelItem.objects.create(engagement=e, level="input", text="Item")
    goal_metric(e, 10, 90)
    st.RoleHolder.objects.create(engagement=e, role="Lead", full_name="Noa", appointed_on=today())
    mechanism(e, "both", "policy", "established", unmediated=True)
    for make in COUNTED_ROWS.values():
        make(e)
    team = e.teams.get(kind="joint_team")
    init = initiative(e, "pilot", big_dream="Dream", impact_headline="Impact", joint_team=team)
    init.needs.add(need(e))
    pilot(init, 12, 5, ended_on=today())
    ProcessStep.objects.create(initiative=init, kind="scouting", happened_on=today())
    InitiativePartner.objects.create(initiative=init, organization=org, role="operator")
    blocking = tension(e, "classified", blocked_days=30)
    DecisionCriterion.objects.create(tension=blocking, text="Cost")
    blocking.initiatives.add(init)
    scouting(e, orgs=[org])
    flow(e, "to_digital", "flowing")
    opp = opportunity(broadcast=broadcast(e), maturity="pilot", evidence="E", languages=["he"])
    Match.objects.create(opportunity=opp, initiative=init, score=70)
    attach(opp)
    return init, opp


def test_metrics_are_set_based():
    subjects = {"stage": [], "engagement": [], "initiative": [], "opportunity": []}
    for n, e in enumerate(engagements(20)):
        init, opp = populate(e, n)
        subjects["stage"].append(e.pk)
        subjects["engagement"].append(e.pk)
        subjects["initiative"].append(init.pk)
        subjects["opportunity"].append(opp.pk)
    grew = {}
    for key, metric in sorted(METRICS.items()):
        ids = subjects[metric.subject_type]
        counts = []
        for some in (ids[:2], ids):
            with CaptureQueriesContext(connection) as queries:
                result = metric.compute(some)
            assert set(result) <= set(some), key
            counts.append(len(queries))
        if counts[0] != counts[1]:
            grew[key] = counts
    assert not grew, f"queries grow with the number of subjects: {grew}"
