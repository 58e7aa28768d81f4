"""Automatic evidence of needs and initiatives: stage and engagement metrics (both take engagement ids)
and initiative metrics."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.core.models import World
from api_human.scoring.registry import (
    ENGAGEMENT,
    INITIATIVE,
    NOT_APPLICABLE,
    count_by,
    id_in,
    metric,
    share,
    watch,
)

from .models import Initiative, InitiativePartner, Need, Pilot, PilotKpi, ProcessStep

STAGE = "stage"
# The subject type of the engagement-wide rubrics (the connection between the worlds): engagement ids.
ENGAGEMENT_SUBJECT = ENGAGEMENT
WRITTEN = r"\S"  # a text field with more than whitespace
S = Initiative.Status
ACTIVE = [S.EXPLORING, S.JOINT_TEAM, S.PILOT, S.SCALING]
CANDIDATES = [S.EXPLORING, S.JOINT_TEAM, S.PILOT, S.SCALING, S.SUSTAINED]
PILOT_OR_BEYOND = [S.PILOT, S.SCALING, S.SUSTAINED]


@metric("initiatives.needs_identified", subject_type=STAGE, label=_("Needs identified (not dropped)"))
def needs_identified(ids):
    return count_by(Need.objects.exclude(status=Need.Status.DROPPED), ids)


@metric(
    "initiatives.big_dream_share",
    subject_type=STAGE,
    label=_("Share of active initiatives with a shared big dream"),
    unit="share",
)
@metric(
    "initiatives.shared_dreams",
    subject_type=ENGAGEMENT_SUBJECT,
    label=_("Share of active initiatives with a shared big dream (it builds a shared language)"),
    unit="share",
)
def big_dream_share(ids):
    active = Initiative.objects.filter(status__in=ACTIVE)
    return share(count_by(active.exclude(big_dream=""), ids), count_by(active, ids), ids)


@metric("initiatives.candidates", subject_type=STAGE, label=_("Candidate initiatives (exploring or beyond)"))
def candidates(ids):
    return count_by(Initiative.objects.filter(status__in=CANDIDATES), ids)


@metric("initiatives.joint_teams", subject_type=STAGE, label=_("Initiatives with a joint team"))
def joint_teams(ids):
    return count_by(Initiative.objects.filter(joint_team__isnull=False).exclude(status=S.STOPPED), ids)


@metric(
    "initiatives.needs_in_pilot",
    subject_type=STAGE,
    label=_("Share of needs connected to a solution in pilot or beyond"),
    unit="share",
)
def needs_in_pilot(ids):
    return _needs_connected(ids, PILOT_OR_BEYOND)


def _needs_connected(ids, statuses) -> dict:
    """Share of an engagement's needs (not dropped) answered by an initiative in one of ``statuses``."""
    needs = Need.objects.exclude(status=Need.Status.DROPPED)
    connected = needs.filter(
        Exists(Initiative.needs.through.objects.filter(need=OuterRef("pk"), initiative__status__in=statuses))
    )
    return share(count_by(connected, ids), count_by(needs, ids), ids)


@metric(
    "initiatives.needs_answered",
    subject_type=ENGAGEMENT_SUBJECT,
    label=_("Share of needs connected to an initiative (exploring or beyond)"),
    unit="share",
)
def needs_answered(ids):
    return _needs_connected(ids, CANDIDATES)


@metric(
    "initiatives.joint_initiatives",
    subject_type=ENGAGEMENT_SUBJECT,
    label=_("Joint initiatives in pilot or beyond (a joint team or a digital-world partner)"),
)
def joint_initiatives(ids):
    digital_partner = InitiativePartner.objects.filter(
        initiative=OuterRef("pk"), organization__world=World.DIGITAL
    )
    joint = Initiative.objects.filter(status__in=PILOT_OR_BEYOND).filter(
        Q(joint_team__isnull=False) | Exists(digital_partner)
    )
    return count_by(joint, ids)


@metric(
    "initiatives.pilots_learning_plan",
    subject_type=STAGE,
    label=_("Share of pilots with a learning plan"),
    unit="share",
)
def pilots_learning_plan(ids):
    field = "initiative__engagement_id"
    rows = (
        Pilot.objects.filter(**{f"{field}__in": ids})
        .values(field)
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(learning_plan__regex=WRITTEN)))
    )
    found = {row[field]: row for row in rows}
    return {i: found[i]["done"] / found[i]["total"] if i in found else NOT_APPLICABLE for i in ids}


def _kpi_rows(filter_field, ids):
    return (
        PilotKpi.objects.filter(**{f"{filter_field}__in": ids}, result__isnull=False)
        .values(filter_field)
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(result__gte=F("target"))))
    )


@metric(
    "initiatives.pilots_meeting_kpis",
    subject_type=STAGE,
    label=_("Share of measured pilot KPIs that met their target"),
    unit="share",
)
def pilots_meeting_kpis(ids):
    field = "pilot__initiative__engagement_id"
    rows = {row[field]: row for row in _kpi_rows(field, ids)}
    return {i: rows[i]["met"] / rows[i]["total"] if i in rows else NOT_APPLICABLE for i in ids}


@metric("initiatives.pilots_completed", subject_type=STAGE, label=_("Pilots completed"))
def pilots_completed(ids):
    found = dict(
        Pilot.objects.filter(initiative__engagement_id__in=ids, ended_on__isnull=False)
        .values_list("initiative__engagement_id")
        .annotate(n=Count("pk"))
    )
    return {i: found.get(i, 0) for i in ids}


# ------------------------------------------------------------------------------------------------
# One initiative: readiness to scale
# ------------------------------------------------------------------------------------------------
def _fields(ids, *names):
    return {row[0]: row[1:] for row in Initiative.objects.filter(id_in("pk", ids)).values_list("pk", *names)}


@metric(
    "initiative.big_dream", subject_type=INITIATIVE, label=_("A shared big dream is written"), unit="yes/no"
)
def initiative_big_dream(ids):
    return {pk: bool(dream.strip()) for pk, (dream,) in _fields(ids, "big_dream").items()}


@metric(
    "initiative.joint_team",
    subject_type=INITIATIVE,
    label=_("A joint team of both worlds works"),
    unit="yes/no",
)
def initiative_joint_team(ids):
    return {pk: team is not None for pk, (team,) in _fields(ids, "joint_team").items()}


@metric(
    "initiative.impact_described",
    subject_type=INITIATIVE,
    label=_("The impact is described"),
    unit="yes/no",
)
def initiative_impact(ids):
    return {pk: bool(headline.strip()) for pk, (headline,) in _fields(ids, "impact_headline").items()}


@metric(
    "initiative.pilot_kpis_met",
    subject_type=INITIATIVE,
    label=_("Share of its measured pilot KPIs that met their target (n/a when no KPI was set)"),
    unit="share",
)
def initiative_pilot_kpis(ids):
    kpis = "pilots__kpis"
    measured = Q(**{f"{kpis}__result__isnull": False})
    rows = (
        Initiative.objects.filter(pk__in=ids)
        .annotate(
            kpis=Count(kpis),
            measured=Count(kpis, filter=measured),
            met=Count(kpis, filter=measured & Q(**{f"{kpis}__result__gte": F(f"{kpis}__target")})),
        )
        .values_list("pk", "kpis", "measured", "met")
    )
    # no KPI set: nothing to meet (a service that never ran may have no past to set targets from);
    # KPIs set but none measured yet: no evidence
    result = {}
    for pk, total, done, met in rows:
        if not total:
            result[pk] = NOT_APPLICABLE
        elif done:
            result[pk] = met / done
    return result


@metric(
    "initiative.learning_plan",
    subject_type=INITIATIVE,
    label=_("Share of its pilots with a learning plan (n/a without a pilot)"),
    unit="share",
)
def initiative_learning_plan(ids):
    rows = (
        Initiative.objects.filter(pk__in=ids)
        .annotate(total=Count("pilots"), done=Count("pilots", filter=Q(pilots__learning_plan__regex=WRITTEN)))
        .values_list("pk", "total", "done")
    )
    return {pk: done / total if total else NOT_APPLICABLE for pk, total, done in rows}


@metric(
    "initiative.lessons_recorded",
    subject_type=INITIATIVE,
    label=_("Share of its ended pilots whose lessons are written (n/a before a pilot ends)"),
    unit="share",
)
def initiative_lessons(ids):
    lessons = Q(pilots__outcome__regex=WRITTEN)
    due = Q(pilots__ended_on__lte=timezone.localdate()) | lessons
    rows = (
        Initiative.objects.filter(pk__in=ids)
        .annotate(total=Count("pilots", filter=due), done=Count("pilots", filter=lessons))
        .values_list("pk", "total", "done")
    )
    return {pk: done / total if total else NOT_APPLICABLE for pk, total, done in rows}


@metric(
    "initiative.process_steps",
    subject_type=INITIATIVE,
    label=_("Kinds of Human API process steps taken"),
)
def initiative_steps(ids):
    found = dict(
        ProcessStep.objects.filter(initiative_id__in=ids)
        .values_list("initiative_id")
        .annotate(n=Count("kind", distinct=True))
    )
    return {i: found.get(i, 0) for i in ids}


@metric(
    "initiative.operating_partner",
    subject_type=INITIATIVE,
    label=_("A partner operates or funds it"),
    unit="yes/no",
)
def initiative_operator(ids):
    found = set(
        InitiativePartner.objects.filter(
            initiative_id__in=ids,
            role__in=[InitiativePartner.Role.OPERATOR, InitiativePartner.Role.FUNDER],
        ).values_list("initiative_id", flat=True)
    )
    return {i: i in found for i in ids}


def _initiative_and_engagement(row):
    return [(INITIATIVE, row.pk), (ENGAGEMENT, row.engagement_id)]


watch(Need, lambda row: [(ENGAGEMENT, row.engagement_id)])
watch(Initiative, _initiative_and_engagement, m2m=[Initiative.needs])
watch(
    InitiativePartner,
    lambda row: [(INITIATIVE, row.initiative_id), (ENGAGEMENT, row.initiative.engagement_id)],
)
watch(ProcessStep, lambda row: [(INITIATIVE, row.initiative_id)])
watch(Pilot, lambda row: [(INITIATIVE, row.initiative_id), (ENGAGEMENT, row.initiative.engagement_id)])
watch(
    PilotKpi,
    lambda row: [(INITIATIVE, row.pilot.initiative_id), (ENGAGEMENT, row.pilot.initiative.engagement_id)],
)
