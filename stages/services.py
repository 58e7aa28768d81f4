"""Writes to the stages of an engagement, and the rules of moving between them.

Starting or completing a stage is proposed by the team as a gate decision and takes effect when a
manager signs it off; the rules are checked both when the move is proposed and when it is signed
off (the engagement may have moved in between). Reopening and intensity are the team's own acts.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api_human.core.concurrency import locked
from api_human.core.models import Engagement, EngagementMembership, User
from api_human.core.services import (  # noqa: F401 - record_* are the stage records' writes too
    assign,
    record_create,
    record_delete,
    record_update,
    save_with_history,
)
from api_human.scoring.selectors import gate_score
from api_human.scoring.services import score_engagement_now

from .models import (
    ChangeDesign,
    ExitReview,
    GateAction,
    GateDecision,
    HandoverItem,
    Intensity,
    IntensityChange,
    Stage,
    StageEvent,
    StagePhase,
)

Status = StagePhase.Status


# ------------------------------------------------------------------------------------------------
# Phases
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def stage_phases_ensure(*, engagement: Engagement) -> list[StagePhase]:
    """Every engagement has one phase per stage; create the missing ones (idempotent)."""
    existing = {phase.stage for phase in engagement.stage_phases.all()}
    StagePhase.objects.bulk_create(
        StagePhase(engagement=engagement, stage=stage) for stage in Stage.values if stage not in existing
    )
    return list(engagement.stage_phases.order_by("stage"))


def _phases(engagement_id) -> dict[str, StagePhase]:
    return {phase.stage: phase for phase in StagePhase.objects.filter(engagement_id=engagement_id)}


def _locked_phase(phase: StagePhase) -> StagePhase:
    """Stage moves of one engagement happen one at a time: all its phases are locked (in key order,
    as every move locks them) and ``phase`` is read again, so the rules are checked on the state the
    move changes."""
    phases = StagePhase.objects.select_for_update().filter(engagement_id=phase.engagement_id).order_by("pk")
    return next(p for p in phases if p.pk == phase.pk)


def _refuse(message):
    raise ValidationError({"transition": [message]})


def check_start(phase: StagePhase):
    """Raise ValidationError with the reason if the stage may not start now."""
    if phase.has_started:
        _refuse(_("Stage %(stage)s has already started.") % {"stage": phase.stage})
    phases = _phases(phase.engagement_id)
    if phase.stage in {Stage.B1, Stage.B2} and not phases[Stage.A].has_started:
        _refuse(_("Stages B1 and B2 start after stage A has started: first define the change object."))
    if phase.stage == Stage.C and not (phases[Stage.B1].has_started or phases[Stage.B2].has_started):
        _refuse(_("Stage C starts close to B1 or B2: start one of them first."))
    if phase.stage == Stage.D and not phases[Stage.C].is_running:
        _refuse(_("Stage D starts only while stage C is active."))


def check_complete(phase: StagePhase):
    """Raise ValidationError with the reason if the stage may not be completed now."""
    if not phase.is_running:
        _refuse(_("Only an active stage can be completed."))
    if phase.stage == Stage.C and not _phases(phase.engagement_id)[Stage.D].has_started:
        _refuse(
            _(
                "Stage C does not end on its own: lower its intensity instead. It can be completed only once stage D has started."
            )
        )


CHECKS = {GateDecision.Transition.START: check_start, GateDecision.Transition.COMPLETE: check_complete}


def _event(phase, *, kind, on, actor, reason="", decision=None):
    StageEvent.objects.create(
        phase=phase, kind=kind, happened_on=on, actor=actor, reason=reason, gate_decision=decision
    )


def _apply(decision: GateDecision, *, actor: User):
    phase = decision.phase  # locked by the sign-off
    on = decision.effective_on
    if decision.transition == GateDecision.Transition.START:
        phase.status, phase.started_on = Status.ACTIVE, on
        save_with_history(phase, actor=actor)
        _event(phase, kind=StageEvent.Kind.STARTED, on=on, actor=actor, decision=decision)
        # Every effort starts at high intensity (stage B1: the team invests most at the start); the team lowers it over time.
        IntensityChange.objects.create(
            phase=phase, intensity=Intensity.HIGH, changed_on=on, recorded_by=actor
        )
    else:
        phase.status, phase.completed_on = Status.COMPLETED, on
        save_with_history(phase, actor=actor)
        _event(phase, kind=StageEvent.Kind.COMPLETED, on=on, actor=actor, decision=decision)


@transaction.atomic
def stage_reopen(*, phase: StagePhase, actor: User, reason: str, on: date | None = None) -> StagePhase:
    phase = _locked_phase(phase)
    if phase.status != Status.COMPLETED:
        _refuse(_("Only a completed stage can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the stage is reopened.")]})
    on = on or timezone.localdate()
    phase.status, phase.completed_on = Status.REOPENED, None
    save_with_history(phase, actor=actor)
    _event(phase, kind=StageEvent.Kind.REOPENED, on=on, actor=actor, reason=reason)
    return phase


@transaction.atomic
def stage_set_intensity(
    *, phase: StagePhase, actor: User, intensity: str, on: date | None = None, note: str = ""
) -> IntensityChange:
    phase = _locked_phase(phase)
    if not phase.is_running:
        _refuse(_("The intensity can be set only while the stage is active."))
    change = IntensityChange(
        phase=phase, intensity=intensity, changed_on=on or timezone.localdate(), note=note, recorded_by=actor
    )
    if phase.started_on and change.changed_on < phase.started_on:
        raise ValidationError({"changed_on": [_("The date is before the stage started.")]})
    change.full_clean()
    change.save()
    return change


# ------------------------------------------------------------------------------------------------
# Gate decisions
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def gate_decision_propose(
    *,
    phase: StagePhase,
    actor: User,
    transition: str,
    decision: str,
    justification: str,
    effective_on: date | None = None,
    actions: Iterable[dict] = (),
) -> GateDecision:
    """The team proposes to start or complete a stage; nothing changes until a manager signs it off."""
    phase = _locked_phase(phase)
    actions = list(actions)
    if decision != GateDecision.Decision.HOLD:
        CHECKS[transition](phase)
    if decision == GateDecision.Decision.GO_WITH_ACTIONS and not actions:
        raise ValidationError({"actions": [_("A “go with actions” decision needs at least one action.")]})
    if GateDecision.objects.filter(
        phase=phase, transition=transition, status=GateDecision.Status.PENDING
    ).exists():
        _refuse(_("A decision on this move is already waiting for sign-off."))
    gate = save_with_history(
        GateDecision(
            phase=phase,
            transition=transition,
            decision=decision,
            justification=justification,
            effective_on=effective_on or timezone.localdate(),
            proposed_by=actor,
            score_snapshot=_gate_score(phase, transition, effective_on),
        ),
        actor=actor,
    )
    for action in actions:
        save_with_history(GateAction(decision=gate, **action), actor=actor)
    return gate


def _gate_score(phase: StagePhase, transition: str, effective_on=None) -> dict | None:
    """The readiness (to start) or exit (to complete) score current now, brought up to date first — or,
    for a move dated in the past, the score as it stood that day."""
    score_engagement_now(phase.engagement_id, as_of=effective_on)
    return gate_score(phase, transition, as_of=effective_on)


def is_engagement_manager(user: User, engagement_id) -> bool:
    """Administrators, and managers who hold (or held) a manager membership of the engagement."""
    return (
        user.is_admin
        or EngagementMembership.objects.filter(
            engagement=engagement_id, user=user, role=EngagementMembership.Role.MANAGER
        ).exists()
    )


def _check_reviewer(decision: GateDecision, actor: User):
    if not is_engagement_manager(actor, decision.phase.engagement_id):
        raise ValidationError({"reviewer": [_("Only a manager of this engagement signs off its gates.")]})
    if decision.status != GateDecision.Status.PENDING:
        _refuse(_("This decision is no longer waiting for sign-off."))


@transaction.atomic
def gate_decision_sign_off(*, decision: GateDecision, actor: User, comment: str = "") -> GateDecision:
    """The manager signs off: a go (with or without actions) takes effect; a hold is recorded."""
    decision = locked(decision)
    decision.phase = _locked_phase(decision.phase)
    _check_reviewer(decision, actor)
    if decision.decision != GateDecision.Decision.HOLD:
        CHECKS[decision.transition](decision.phase)
        _apply(decision, actor=actor)
    decision.status, decision.reviewed_by = GateDecision.Status.SIGNED_OFF, actor
    decision.reviewed_at, decision.review_comment = timezone.now(), comment
    decision.score_snapshot = {
        **(decision.score_snapshot or {}),
        "at_sign_off": _gate_score(decision.phase, decision.transition, decision.effective_on),
    }
    return save_with_history(decision, actor=actor)


@transaction.atomic
def gate_decision_return(*, decision: GateDecision, actor: User, comment: str) -> GateDecision:
    """The manager sends the decision back to the team with a comment; nothing changes."""
    decision = locked(decision)
    _check_reviewer(decision, actor)
    if not comment.strip():
        raise ValidationError({"comment": [_("Tell the team why the decision is returned.")]})
    decision.status, decision.reviewed_by = GateDecision.Status.RETURNED, actor
    decision.reviewed_at, decision.review_comment = timezone.now(), comment
    return save_with_history(decision, actor=actor)


# ------------------------------------------------------------------------------------------------
# Stage records (artefacts): created, changed and deleted with the core's record_* services
# ------------------------------------------------------------------------------------------------


@transaction.atomic
def change_design_save(*, engagement: Engagement, actor: User, data: dict) -> ChangeDesign:
    design, _created = ChangeDesign.objects.get_or_create(engagement=engagement)
    return save_with_history(assign(locked(design), data), actor=actor)


@transaction.atomic
def exit_review_save(
    *, actor: User, data: dict, handover: Iterable[dict] | None = None, review: ExitReview | None = None
) -> ExitReview:
    """Create or change an exit review; a signed-off review is final."""
    if review is not None:
        review = locked(review)
    if review is not None and review.signed_off_at:
        raise ValidationError({"review": [_("A signed-off exit review can no longer be changed.")]})
    review = save_with_history(assign(review or ExitReview(), data), actor=actor)
    if handover is not None:
        review.handover.all().delete()
        for item in handover:
            save_with_history(HandoverItem(review=review, **item), actor=actor)
    return review


@transaction.atomic
def exit_review_sign_off(*, review: ExitReview, actor: User) -> ExitReview:
    review = locked(review)
    if not is_engagement_manager(actor, review.engagement_id):
        raise ValidationError(
            {"reviewer": [_("Only a manager of this engagement signs off its exit review.")]}
        )
    if review.signed_off_at:
        raise ValidationError({"review": [_("This exit review is already signed off.")]})
    if review.decision == ExitReview.Decision.FAREWELL and not review.handover.exists():
        raise ValidationError(
            {"handover": [_("A farewell needs a handover plan: who in the ministry takes what.")]}
        )
    review.signed_off_by, review.signed_off_at = actor, timezone.now()
    return save_with_history(review, actor=actor)
