"""The rules of moving an engagement between its overlapping stages, and the gate sign-off flow."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from api_human.core.models import EngagementMembership, Intensity, Stage
from stages import services
from stages.models import GateDecision, StageEvent, StagePhase
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def people():
    team = UserFactory(username="t", role="team")
    manager = UserFactory(username="m", role="manager")
    return team, manager


@pytest.fixture
def engagement(people):
    team, manager = people
    engagement = EngagementFactory()
    MembershipFactory(engagement=engagement, user=team, role="lead")
    MembershipFactory(
        engagement=engagement, user=manager, role=EngagementMembership.Role.MANAGER, world="welfare"
    )
    return engagement


def phase(engagement, stage) -> StagePhase:
    return StagePhase.objects.get(engagement=engagement, stage=stage)


START_DATE = D(2024, 2, 1)


def move(engagement, people, stage, transition="start", on=START_DATE, decision="go"):
    team, manager = people
    gate = services.gate_decision_propose(
        phase=phase(engagement, stage),
        actor=team,
        transition=transition,
        decision=decision,
        justification="Ready",
        effective_on=on,
    )
    return services.gate_decision_sign_off(decision=gate, actor=manager)


def refused(callable_, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        callable_(*args, **kwargs)
    return " ".join(m for messages in error.value.message_dict.values() for m in messages)


def test_every_engagement_has_the_five_stages(engagement):
    assert list(engagement.stage_phases.values_list("stage", "status")) == [
        (s, "not_started") for s in Stage.values
    ]


def test_a_proposal_changes_nothing_until_a_manager_signs_it_off(engagement, people):
    team, manager = people
    gate = services.gate_decision_propose(
        phase=phase(engagement, "A"),
        actor=team,
        transition="start",
        decision="go",
        justification="Plan approved",
        effective_on=D(2024, 1, 15),
    )
    assert phase(engagement, "A").status == "not_started"
    services.gate_decision_sign_off(decision=gate, actor=manager, comment="Agreed")
    a = phase(engagement, "A")
    assert (a.status, a.started_on) == ("active", D(2024, 1, 15))
    gate.refresh_from_db()
    assert gate.status == "signed_off" and gate.reviewed_by == manager and gate.review_comment == "Agreed"
    assert a.intensity_changes.get().intensity == Intensity.HIGH
    assert a.events.get().kind == StageEvent.Kind.STARTED


def test_b1_and_b2_wait_for_a_and_may_run_together(engagement, people):
    assert refused(move, engagement, people, "B1")
    assert phase(engagement, "B1").status == "not_started"
    move(engagement, people, "A")
    move(engagement, people, "B1")
    move(engagement, people, "B2")
    assert {phase(engagement, s).status for s in ("B1", "B2")} == {"active"}


def test_c_starts_while_b1_or_b2_is_active(engagement, people):
    move(engagement, people, "A")
    assert refused(move, engagement, people, "C")
    move(engagement, people, "B2")
    move(engagement, people, "C")
    assert phase(engagement, "C").status == "active"
    assert phase(engagement, "B2").status == "active"


def test_d_starts_only_after_c_is_active(engagement, people):
    move(engagement, people, "A")
    move(engagement, people, "B1")
    assert refused(move, engagement, people, "D")
    move(engagement, people, "C")
    move(engagement, people, "D")
    assert phase(engagement, "D").status == "active"


def test_c_is_not_completed_by_default_its_intensity_changes(engagement, people):
    team, _manager = people
    for stage in ("A", "B1", "C"):
        move(engagement, people, stage)
    message = refused(
        services.gate_decision_propose,
        phase=phase(engagement, "C"),
        actor=team,
        transition="complete",
        decision="go",
        justification="Done",
    )
    assert message
    services.stage_set_intensity(phase=phase(engagement, "C"), actor=team, intensity="low", on=D(2024, 6, 1))
    assert list(phase(engagement, "C").intensity_changes.values_list("intensity", flat=True)) == [
        "high",
        "low",
    ]
    move(engagement, people, "D")
    move(engagement, people, "C", transition="complete", on=D(2024, 12, 31))
    assert phase(engagement, "C").status == "completed"


def test_a_stage_cannot_start_twice_nor_complete_before_it_runs(engagement, people):
    assert refused(move, engagement, people, "A", transition="complete")
    move(engagement, people, "A")
    assert refused(move, engagement, people, "A")


def test_reopening_records_why(engagement, people):
    team, _manager = people
    move(engagement, people, "A")
    assert refused(services.stage_reopen, phase=phase(engagement, "A"), actor=team, reason="again")
    move(engagement, people, "A", transition="complete", on=D(2024, 5, 1))
    assert refused(services.stage_reopen, phase=phase(engagement, "A"), actor=team, reason="  ")
    services.stage_reopen(phase=phase(engagement, "A"), actor=team, reason="New division joined")
    a = phase(engagement, "A")
    assert a.status == "reopened" and a.completed_on is None
    assert a.events.filter(kind="reopened").get().reason == "New division joined"
    move(engagement, people, "A", transition="complete", on=D(2024, 9, 1))
    assert phase(engagement, "A").status == "completed"


def test_intensity_is_set_only_on_a_running_stage_and_not_before_it_started(engagement, people):
    team, _manager = people
    assert refused(services.stage_set_intensity, phase=phase(engagement, "A"), actor=team, intensity="low")
    move(engagement, people, "A", on=D(2024, 3, 1))
    assert refused(
        services.stage_set_intensity,
        phase=phase(engagement, "A"),
        actor=team,
        intensity="low",
        on=D(2024, 2, 1),
    )


def test_go_with_actions_needs_actions_and_keeps_them(engagement, people):
    team, _manager = people
    a = phase(engagement, "A")
    assert refused(
        services.gate_decision_propose,
        phase=a,
        actor=team,
        transition="start",
        decision="go_with_actions",
        justification="x",
    )
    gate = services.gate_decision_propose(
        phase=a,
        actor=team,
        transition="start",
        decision="go_with_actions",
        justification="x",
        actions=[
            {
                "description": "Appoint a steering committee",
                "owner": "Director-general",
                "due_on": D(2024, 3, 1),
            }
        ],
    )
    assert gate.actions.get().owner == "Director-general"


def test_one_pending_decision_per_move(engagement, people):
    team, _manager = people
    kwargs = dict(
        phase=phase(engagement, "A"), actor=team, transition="start", decision="go", justification="x"
    )
    services.gate_decision_propose(**kwargs)
    assert refused(services.gate_decision_propose, **kwargs)


def test_a_hold_is_recorded_and_changes_nothing(engagement, people):
    gate = move(engagement, people, "A", decision="hold")
    assert gate.status == "signed_off"
    assert phase(engagement, "A").status == "not_started"


def test_a_returned_decision_changes_nothing_and_needs_a_comment(engagement, people):
    team, manager = people
    gate = services.gate_decision_propose(
        phase=phase(engagement, "A"), actor=team, transition="start", decision="go", justification="x"
    )
    assert refused(services.gate_decision_return, decision=gate, actor=manager, comment="")
    services.gate_decision_return(decision=gate, actor=manager, comment="Name the change object first")
    gate.refresh_from_db()
    assert gate.status == "returned" and phase(engagement, "A").status == "not_started"
    assert refused(services.gate_decision_sign_off, decision=gate, actor=manager)


def test_only_a_manager_of_the_engagement_signs_off(engagement, people):
    team, _manager = people
    outsider = UserFactory(username="other_manager", role="manager")
    gate = services.gate_decision_propose(
        phase=phase(engagement, "A"), actor=team, transition="start", decision="go", justification="x"
    )
    assert refused(services.gate_decision_sign_off, decision=gate, actor=outsider)
    assert refused(services.gate_decision_sign_off, decision=gate, actor=team)


def test_rules_are_checked_again_at_sign_off(engagement, people):
    team, manager = people
    move(engagement, people, "A")
    gate = services.gate_decision_propose(
        phase=phase(engagement, "B1"), actor=team, transition="start", decision="go", justification="x"
    )
    # Meanwhile an administrator corrects the record: stage A had not really started.
    StagePhase.objects.filter(engagement=engagement, stage="A").update(status="not_started", started_on=None)
    assert refused(services.gate_decision_sign_off, decision=gate, actor=manager)
    assert GateDecision.objects.get(pk=gate.pk).status == "pending"
    assert phase(engagement, "B1").status == "not_started"
