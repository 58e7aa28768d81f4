"""Automatic evidence of the stages for the scoring engine. Stage metrics take engagement ids, and so do
the metrics of the engagement-wide rubrics (subject type "engagement")."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.core.models import Engagement
from api_human.scoring.models import CurrentScore
from api_human.scoring.registry import ENGAGEMENT, NOT_APPLICABLE, count_by, metric, share, watch

from . import models

STAGE = "stage"
ENGAGEMENT_SUBJECT = ENGAGEMENT  # the subject type of the engagement-wide rubrics
SETTLED = [models.Mechanism.Status.ESTABLISHED, models.Mechanism.Status.INSTITUTIONALISED]


def _designs(ids):
    return {d.engagement_id: d for d in models.ChangeDesign.objects.filter(engagement_id__in=ids)}


@metric(
    "stages.desired_and_current_state",
    subject_type=STAGE,
    label=_("Desired reality and current state written"),
    unit="share",
)
def desired_and_current_state(ids):
    designs = _designs(ids)
    result = {}
    for i in ids:
        design = designs.get(i)
        result[i] = (
            0.0
            if design is None
            else (bool(design.desired_reality.strip()) + bool(design.current_state.strip())) / 2
        )
    return result


@metric("stages.change_foci", subject_type=STAGE, label=_("Change foci defined"))
def change_foci(ids):
    return count_by(models.ChangeFocus.objects.all(), ids)


@metric(
    "stages.theory_of_change",
    subject_type=STAGE,
    label=_("Theory of change: written, or logic-model levels filled"),
    unit="share",
)
def theory_of_change(ids):
    designs = _designs(ids)
    levels = len(models.LogicModelItem.Level.choices)
    filled = dict(
        models.LogicModelItem.objects.filter(engagement_id__in=ids)
        .values_list("engagement_id")
        .annotate(n=Count("level", distinct=True))
    )
    result = {}
    for i in ids:
        written = i in designs and bool(designs[i].theory_of_change.strip())
        result[i] = 1.0 if written else filled.get(i, 0) / levels
    return result


@metric(
    "stages.goals_measured",
    subject_type=STAGE,
    label=_("Share of goals with a measured metric"),
    unit="share",
)
def goals_measured(ids):
    measured = models.Measurement.objects.filter(metric__goal=OuterRef("pk"))
    rows = (
        models.Goal.objects.filter(engagement_id__in=ids)
        .annotate(measured=Exists(measured))
        .values("engagement_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(measured=True)))
    )
    found = {row["engagement_id"]: row for row in rows}
    return {i: (found[i]["done"] / found[i]["total"]) if i in found else 0.0 for i in ids}


@metric(
    "stages.metrics_on_target",
    subject_type=STAGE,
    label=_("Share of success metrics whose latest measurement reached the target"),
    unit="share",
)
def metrics_on_target(ids):
    latest = {}
    rows = (
        models.Measurement.objects.filter(metric__goal__engagement_id__in=ids)
        .order_by("metric_id", "measured_on", "id")
        .values_list("metric_id", "value")
    )
    for metric_id, value in rows:
        latest[metric_id] = value
    totals, reached = {}, {}
    for pk, engagement_id, target, direction in models.SuccessMetric.objects.filter(
        goal__engagement_id__in=ids
    ).values_list("pk", "goal__engagement_id", "target", "direction"):
        if pk not in latest:
            continue
        totals[engagement_id] = totals.get(engagement_id, 0) + 1
        higher = direction == models.SuccessMetric.Direction.INCREASE
        if (latest[pk] >= target) if higher else (latest[pk] <= target):
            reached[engagement_id] = reached.get(engagement_id, 0) + 1
    return share(reached, totals, ids)


@metric(
    "stages.maturity_diagnostic",
    subject_type=STAGE,
    label=_("Digital-maturity diagnostic done"),
    unit="yes/no",
)
def maturity_diagnostic(ids):
    done = set(
        models.ChangeDesign.objects.filter(
            engagement_id__in=ids, maturity_diagnosed_on__isnull=False
        ).values_list("engagement_id", flat=True)
    )
    diagnosed = CurrentScore.objects.filter(
        subject_type="organization",
        subject_id=OuterRef("change_object_organization_id"),
        snapshot__coverage__gte=0.8,
    )
    done |= set(Engagement.objects.filter(pk__in=ids).filter(Exists(diagnosed)).values_list("pk", flat=True))
    return {i: i in done for i in ids}


@metric("stages.working_principles", subject_type=STAGE, label=_("Working principles agreed"))
def working_principles(ids):
    return count_by(models.WorkingPrinciple.objects.all(), ids)


@metric("stages.role_holders", subject_type=STAGE, label=_("Appointed role holders in office"))
def role_holders(ids):
    today = timezone.localdate()
    active = models.RoleHolder.objects.filter(appointed_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    return count_by(active, ids)


def _mechanism_cells(ids):
    """{engagement: {(world, category): [statuses]}} — a mechanism of both worlds fills both cells."""
    cells = {i: {} for i in ids}
    for engagement_id, world, category, status in models.Mechanism.objects.filter(
        engagement_id__in=ids
    ).values_list("engagement_id", "world", "category", "status"):
        worlds = ("welfare", "digital") if world == models.Mechanism.World.BOTH else (world,)
        for w in worlds:
            cells[engagement_id].setdefault((w, category), []).append(status)
    return cells


@metric(
    "stages.mechanism_cells",
    subject_type=STAGE,
    label=_("Share of world × category cells with an established mechanism"),
    unit="share",
)
def mechanism_cells(ids):
    total = 2 * len(models.Mechanism.Category.choices)
    result = {}
    for i, cells in _mechanism_cells(ids).items():
        result[i] = sum(1 for statuses in cells.values() if set(statuses) & set(SETTLED)) / total
    return result


@metric(
    "stages.world_balance",
    subject_type=STAGE,
    label=_("Balance of mechanisms between the worlds (smaller ÷ larger)"),
    unit="share",
)
def world_balance(ids):
    result = {}
    for i, cells in _mechanism_cells(ids).items():
        per_world = {"welfare": 0, "digital": 0}
        for (world, _category), statuses in cells.items():
            per_world[world] += sum(1 for s in statuses if s != models.Mechanism.Status.PLANNED)
        larger = max(per_world.values())
        result[i] = min(per_world.values()) / larger if larger else NOT_APPLICABLE
    return result


def _settled(as_of=None):
    """Established mechanisms — on a past day, those established by then."""
    settled = models.Mechanism.objects.filter(status__in=SETTLED)
    return settled if as_of is None else settled.filter(established_on__lte=as_of)


@metric("stages.mechanisms_established", subject_type=STAGE, label=_("Mechanisms established"), dated=True)
def mechanisms_established(ids, as_of=None):
    return count_by(_settled(as_of), ids)


@metric(
    "stages.unmediated_institutionalised",
    subject_type=STAGE,
    label=_("Share of established mechanisms that work without mediation"),
    unit="share",
    dated=True,
)
def unmediated_institutionalised(ids, as_of=None):
    settled = _settled(as_of)
    return share(count_by(settled.filter(unmediated=True), ids), count_by(settled, ids), ids)


@metric(
    "stages.policies_in_both_worlds",
    subject_type=ENGAGEMENT_SUBJECT,
    label=_("Worlds (0–2) with established arrangements, procedures or policy"),
)
def policies_in_both_worlds(ids):
    C = models.Mechanism.Category
    result = {}
    for i, cells in _mechanism_cells(ids).items():
        worlds = {
            world
            for (world, category), statuses in cells.items()
            if category in (C.ARRANGEMENTS, C.POLICY) and set(statuses) & set(SETTLED)
        }
        result[i] = len(worlds)
    return result


@metric(
    "stages.mechanisms_serving_initiatives",
    subject_type=STAGE,
    label=_("Share of mechanisms (being built or beyond) that serve an initiative"),
    unit="share",
)
def mechanisms_serving_initiatives(ids):
    built = models.Mechanism.objects.exclude(status=models.Mechanism.Status.PLANNED)
    serving = built.filter(
        Exists(models.Mechanism.initiatives.through.objects.filter(mechanism=OuterRef("pk")))
    )
    return share(count_by(serving, ids), count_by(built, ids), ids)


@metric(
    "stages.change_signals", subject_type=STAGE, label=_("Buds of perceptual change observed"), dated=True
)
def change_signals(ids, as_of=None):
    signals = models.ChangeSignal.objects.all()
    return count_by(signals if as_of is None else signals.filter(observed_on__lte=as_of), ids)


@metric("stages.publications", subject_type=STAGE, label=_("Successes published"), dated=True)
def publications(ids, as_of=None):
    published = models.Publication.objects.all()
    return count_by(published if as_of is None else published.filter(published_on__lte=as_of), ids)


def _engagement(row):
    return [(ENGAGEMENT, row.engagement_id)]


for _model in (
    models.StagePhase,
    models.ChangeDesign,
    models.ChangeFocus,
    models.LogicModelItem,
    models.Goal,
    models.RoleHolder,
    models.WorkingPrinciple,
    models.ChangeSignal,
    models.Publication,
):
    watch(_model, _engagement)
watch(models.Mechanism, _engagement, m2m=[models.Mechanism.initiatives])
watch(models.SuccessMetric, lambda row: [(ENGAGEMENT, row.goal.engagement_id)])
watch(models.Measurement, lambda row: [(ENGAGEMENT, row.metric.goal.engagement_id)])
