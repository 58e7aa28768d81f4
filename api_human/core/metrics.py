"""Automatic evidence the core provides to the scoring engine (see api_human/scoring/registry.py)."""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.scoring.registry import ENGAGEMENT, NOT_APPLICABLE, metric, watch

from .models import Engagement, EngagementPartner, Organization, Role, Team, World

STAGE = "stage"


def _live_teams(ids, kind):
    """Teams working now — or, for an engagement that ended, working until its end."""
    today = timezone.localdate()
    return (
        Team.objects.filter(engagement_id__in=ids, kind=kind)
        .filter(Q(formed_on__isnull=True) | Q(formed_on__lte=today))
        .filter(
            Q(dissolved_on__isnull=True)
            | Q(dissolved_on__gt=today)
            | Q(engagement__end_date__isnull=False, dissolved_on__gte=F("engagement__end_date"))
        )
    )


@metric(
    "core.change_object_defined", subject_type=STAGE, label=_("The change object is defined"), unit="yes/no"
)
def change_object_defined(ids):
    rows = Engagement.objects.filter(pk__in=ids).values_list(
        "pk", "change_object", "change_object_organization"
    )
    return {pk: bool(text.strip() or org) for pk, text, org in rows}


@metric("core.steering_committee", subject_type=STAGE, label=_("A steering committee works"), unit="yes/no")
def steering_committee(ids):
    found = set(_live_teams(ids, Team.Kind.STEERING_COMMITTEE).values_list("engagement_id", flat=True))
    return {i: i in found for i in ids}


@metric("core.leading_team", subject_type=STAGE, label=_("A leading team works"), unit="yes/no")
def leading_team(ids):
    found = set(_live_teams(ids, Team.Kind.LEADING_TEAM).values_list("engagement_id", flat=True))
    return {i: i in found for i in ids}


@metric(
    "core.work_team_areas",
    subject_type=STAGE,
    label=_("Content areas with a work team"),
    unit="count",
)
def work_team_areas(ids):
    rows = (
        _live_teams(ids, Team.Kind.WORK_TEAM)
        .exclude(content_area="")
        .values("engagement_id")
        .annotate(n=Count("content_area", distinct=True))
    )
    found = {row["engagement_id"]: row["n"] for row in rows}
    return {i: found.get(i, 0) for i in ids}


@metric(
    "core.ministry_owned_relationships",
    subject_type=STAGE,
    label=_("Share of digital-world partner relationships kept by ministry staff"),
    unit="share",
)
def ministry_owned_relationships(ids):
    rows = (
        EngagementPartner.objects.filter(engagement_id__in=ids, organization__world=World.DIGITAL)
        .values("engagement_id")
        .annotate(
            total=Count("organization", distinct=True),
            owned=Count(
                "organization",
                distinct=True,
                filter=Q(organization__relationship_owner__role=Role.MANAGER),
            ),
        )
    )
    found = {row["engagement_id"]: (row["owned"], row["total"]) for row in rows}
    return {i: (found[i][0] / found[i][1]) if i in found else NOT_APPLICABLE for i in ids}


def _engagement(row):
    return [(ENGAGEMENT, row.engagement_id)]


def _partner_engagements(org):
    return [
        (ENGAGEMENT, pk)
        for pk in EngagementPartner.objects.filter(organization=org).values_list("engagement_id", flat=True)
    ]


watch(Engagement, lambda row: [(ENGAGEMENT, row.pk)])
watch(EngagementPartner, _engagement)
watch(Team, _engagement)
watch(Organization, _partner_engagements)
