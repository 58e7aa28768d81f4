"""Automatic evidence of needs and initiatives: stage metrics (by engagement) and initiative metrics."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from api_human.scoring.registry import ENGAGEMENT, INITIATIVE, NOT_APPLICABLE, count_by, metric, share, watch

from .models import Initiative, InitiativePartner, Need, Pilot, PilotKpi, ProcessStep

STAGE = "stage"
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
    needs = Need.objects.exclude(status=Need.Status.DROPPED)
    connected = needs.filter(
        Exists(
            Initiative.needs.through.objects.filter(
                need=OuterRef("pk"), initiative__status__in=PILOT_OR_BEYOND
            )
        )
    )
    return share(count_by(connected, ids), count_by(needs, ids), ids)


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
    return {row[0]: row[1:] for row in Initiative.objects.filter(pk__in=ids).values_list("pk", *names)}


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
    label=_("Share of its measured pilot KPIs that met their target"),
    unit="share",
)
def initiative_pilot_kpis(ids):
    field = "pilot__initiative_id"
    rows = {row[field]: row for row in _kpi_rows(field, ids)}
    return {i: rows[i]["met"] / rows[i]["total"] for i in ids if i in rows}


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
watch(InitiativePartner, lambda row: [(INITIATIVE, row.initiative_id)])
watch(ProcessStep, lambda row: [(INITIATIVE, row.initiative_id)])
watch(Pilot, lambda row: [(INITIATIVE, row.initiative_id), (ENGAGEMENT, row.initiative.engagement_id)])
watch(
    PilotKpi,
    lambda row: [(INITIATIVE, row.pilot.initiative_id), (ENGAGEMENT, row.pilot.initiative.engagement_id)],
)
