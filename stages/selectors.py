"""Reads of stages and stage records, with related rows loaded in a fixed number of queries."""

from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from .models import GateDecision, IntensityChange, StageEvent, StagePhase


def phases_with_related(queryset: QuerySet[StagePhase]) -> QuerySet[StagePhase]:
    latest = IntensityChange.objects.filter(phase=OuterRef("pk")).order_by("-changed_on", "-id")
    return queryset.annotate(current_intensity=Subquery(latest.values("intensity")[:1])).prefetch_related(
        "intensity_changes",
        Prefetch("events", queryset=StageEvent.objects.select_related("actor")),
        Prefetch(
            "gate_decisions",
            queryset=GateDecision.objects.filter(status=GateDecision.Status.PENDING).prefetch_related("actions"),
            to_attr="pending_decisions",
        ),
    )


def decisions_with_related(queryset: QuerySet[GateDecision]) -> QuerySet[GateDecision]:
    return queryset.select_related("phase", "phase__engagement", "proposed_by", "reviewed_by").prefetch_related(
        "actions"
    )


def pending_sign_offs(user) -> QuerySet[GateDecision]:
    """Gate decisions waiting for this manager's sign-off (administrators see all that wait)."""
    from api_human.core.models import EngagementMembership

    pending = GateDecision.objects.filter(status=GateDecision.Status.PENDING)
    if not user.is_admin:
        managed = EngagementMembership.objects.filter(user=user, role=EngagementMembership.Role.MANAGER)
        pending = pending.filter(phase__engagement__in=managed.values("engagement"))
    return decisions_with_related(pending).order_by("proposed_at")


# ------------------------------------------------------------------------------------------------
# The stage timeline: one bar per stage, split by intensity, drawn in SVG (no inline styles: CSP)
# ------------------------------------------------------------------------------------------------
def timeline(phases: list[StagePhase], *, today: date | None = None, rtl: bool = False) -> dict:
    """Geometry of the stage timeline in percent of the width, plus the years to label."""
    today = today or timezone.localdate()
    started = [p.started_on for p in phases if p.started_on]
    if not started:
        return {"rows": [], "years": []}
    first = min(started)
    last = max([today, *[p.completed_on for p in phases if p.completed_on]])
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round((day - first).days / span * 100, 2)

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
                left, width = x(seg_start), max(x(seg_end) - x(seg_start), 0.6)
                segments.append({
                    "x": round(100 - left - width, 2) if rtl else left,
                    "width": width,
                    "intensity": change.intensity,
                    "start": seg_start,
                    "end": seg_end,
                })
        rows.append({"phase": phase, "segments": segments})
    years = [
        {"year": year, "x": (100 - x(date(year, 1, 1))) if rtl else x(date(year, 1, 1))}
        for year in range(first.year + 1, last.year + 1)
    ]
    return {"rows": rows, "years": years}
