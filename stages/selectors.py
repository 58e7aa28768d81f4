"""Reads of stages and stage records, with related rows loaded in a fixed number of queries."""

from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from api_human.core.history import HistorySource
from api_human.core.models import EngagementMembership
from api_human.scoring.selectors import current_scores

from . import models
from .models import (
    ChangeDesign,
    ChangeFocus,
    ChangeSignal,
    ExitReview,
    GateDecision,
    Goal,
    IntensityChange,
    LogicModelItem,
    Mechanism,
    Publication,
    RoleHolder,
    StageEvent,
    StagePhase,
    SuccessMetric,
    WorkingPrinciple,
)


def phases_with_related(queryset: QuerySet[StagePhase]) -> QuerySet[StagePhase]:
    latest = IntensityChange.objects.filter(phase=OuterRef("pk")).order_by("-changed_on", "-id")
    return queryset.annotate(current_intensity=Subquery(latest.values("intensity")[:1])).prefetch_related(
        "intensity_changes",
        Prefetch("events", queryset=StageEvent.objects.select_related("actor")),
        Prefetch(
            "gate_decisions",
            queryset=GateDecision.objects.filter(status=GateDecision.Status.PENDING).prefetch_related(
                "actions"
            ),
            to_attr="pending_decisions",
        ),
    )


def decisions_with_related(queryset: QuerySet[GateDecision]) -> QuerySet[GateDecision]:
    return queryset.select_related(
        "phase", "phase__engagement", "proposed_by", "reviewed_by"
    ).prefetch_related("actions")


def _awaiting(user) -> QuerySet[GateDecision]:
    """Gate decisions waiting for this manager's sign-off (administrators see all that wait)."""
    pending = GateDecision.objects.filter(status=GateDecision.Status.PENDING)
    if not user.is_admin:
        managed = EngagementMembership.objects.filter(user=user, role=EngagementMembership.Role.MANAGER)
        pending = pending.filter(phase__engagement__in=managed.values("engagement"))
    return pending


def pending_sign_offs(user) -> QuerySet[GateDecision]:
    """The manager's sign-off inbox, oldest proposal first, with what each card shows loaded."""
    return decisions_with_related(_awaiting(user)).order_by("proposed_at", "id")


def pending_sign_off_count(user) -> int:
    """How many decisions wait for this manager (the menu's badge): one COUNT query."""
    return _awaiting(user).count()


# ------------------------------------------------------------------------------------------------
# The stage timeline: one bar per stage, split by intensity, drawn in SVG (no inline styles: CSP)
# ------------------------------------------------------------------------------------------------
def timeline(phases: list[StagePhase], *, today: date | None = None, rtl: bool = False) -> dict:
    """Geometry of the stage timeline on a 0–1000 wide axis (SVG viewBox), plus the years to label."""
    today = today or timezone.localdate()
    started = [p.started_on for p in phases if p.started_on]
    if not started:
        return {"rows": [], "years": []}
    first = min(started)
    running = any(p.is_running for p in phases)
    last = max(
        [*([today] if running else []), *[p.completed_on for p in phases if p.completed_on]] or [today]
    )
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round((day - first).days / span * 1000, 1)

    rows = []
    for phase in phases:
        segments = []
        if phase.started_on:
            end = phase.completed_on or today
            changes = [c for c in phase.intensity_changes.all() if c.changed_on <= end]
            points = changes or [IntensityChange(intensity="", changed_on=phase.started_on)]
            for i, change in enumerate(points):
                seg_start = max(change.changed_on, phase.started_on)
                seg_end = points[i + 1].changed_on if i + 1 < len(points) else end
                left, width = x(seg_start), max(x(seg_end) - x(seg_start), 6)
                segments.append(
                    {
                        "x": round(1000 - left - width, 1) if rtl else left,
                        "width": width,
                        "intensity": change.intensity,
                        "start": seg_start,
                        "end": seg_end,
                    }
                )
        rows.append({"phase": phase, "segments": segments})
    years = [
        {"year": year, "x": (1000 - x(date(year, 1, 1))) if rtl else x(date(year, 1, 1))}
        for year in range(first.year + 1, last.year + 1)
    ]
    return {"rows": rows, "years": years}


# ------------------------------------------------------------------------------------------------
# The engagement page's stage section, and the records' change history
# ------------------------------------------------------------------------------------------------
def stages_page(engagement, *, rtl: bool) -> dict:
    """Everything the stages section of the engagement page shows, in a fixed number of queries."""
    phases = list(phases_with_related(StagePhase.objects.filter(engagement=engagement).order_by("stage")))
    scores = current_scores("stage", [phase.pk for phase in phases])
    for phase in phases:  # readiness (to start) first, then exit criteria
        phase.scores = sorted(scores.get(phase.pk, []), key=lambda score: score.kind != "readiness")
    levels = LogicModelItem.Level
    items = list(LogicModelItem.objects.filter(engagement=engagement).prefetch_related("change_foci"))
    mechanisms = list(
        Mechanism.objects.filter(engagement=engagement)
        .select_related("owner")
        .prefetch_related("initiatives")
    )
    worlds = Mechanism.World
    return {
        "phases": {phase.stage: phase for phase in phases},
        "timeline": timeline(phases, rtl=rtl),
        "design": ChangeDesign.objects.filter(engagement=engagement).first(),
        "foci": list(ChangeFocus.objects.filter(engagement=engagement)),
        "logic_model": [(label, [i for i in items if i.level == value]) for value, label in levels.choices],
        "goals": list(
            Goal.objects.filter(engagement=engagement)
            .select_related("change_focus")
            .prefetch_related(
                Prefetch("metrics", queryset=SuccessMetric.objects.prefetch_related("measurements"))
            )
        ),
        "role_holders": list(RoleHolder.objects.filter(engagement=engagement).select_related("organization")),
        "principles": list(WorkingPrinciple.objects.filter(engagement=engagement)),
        "mechanism_worlds": worlds.choices,
        "mechanism_matrix": [
            (
                label,
                [[m for m in mechanisms if m.category == value and m.world == w] for w, _l in worlds.choices],
            )
            for value, label in Mechanism.Category.choices
        ],
        "signals": list(ChangeSignal.objects.filter(engagement=engagement)),
        "publications": list(Publication.objects.filter(engagement=engagement)),
        "exit_reviews": list(
            ExitReview.objects.filter(engagement=engagement)
            .select_related("signed_off_by")
            .prefetch_related("handover")
        ),
    }


def history_sources(engagement):
    """The change history of the stage records of one engagement (one query per kind of record)."""
    pk = engagement.pk
    phase_ids = StagePhase.objects.filter(engagement=pk).values("id")
    review_ids = models.ExitReview.history.filter(engagement_id=pk).values("id")
    goal_ids = models.Goal.history.filter(engagement_id=pk).values("id")
    sources = [
        HistorySource(StagePhase.history.filter(engagement_id=pk)),
        HistorySource(GateDecision.history.filter(phase_id__in=phase_ids).select_related("phase")),
        HistorySource(
            models.ChangeDesign.history.filter(engagement_id=pk),
            label=lambda r: models.ChangeDesign._meta.verbose_name,
        ),
        HistorySource(models.SuccessMetric.history.filter(goal_id__in=goal_ids)),
        HistorySource(models.HandoverItem.history.filter(review_id__in=review_ids)),
    ]
    for model in (
        models.ChangeFocus,
        models.LogicModelItem,
        models.Goal,
        models.RoleHolder,
        models.WorkingPrinciple,
        models.Mechanism,
        models.ChangeSignal,
        models.Publication,
    ):
        sources.append(HistorySource(model.history.filter(engagement_id=pk)))
    sources.append(
        HistorySource(models.ExitReview.history.filter(engagement_id=pk), label=lambda r: r.reviewed_on)
    )
    return sources
