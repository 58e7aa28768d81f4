"""Automatic evidence read from the core's records — the engagement, its partners and teams (see
``registry.py``). The scoring package builds on the core, so the metrics about the core's records live here."""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.core.models import Engagement, EngagementPartner, Organization, Role, Team, TeamMember, World

from .registry import ENGAGEMENT, NOT_APPLICABLE, metric, watch

STAGE = "stage"
ENGAGEMENT_SUBJECT = ENGAGEMENT  # the subject type of the engagement-wide rubrics (engagement ids)


def _live_teams(ids, kind=None):
    """Teams (of ``kind``, or of any kind) working now — or, for an engagement that ended, working until
    its end."""
    today = timezone.localdate()
    teams = Team.objects.filter(engagement_id__in=ids)
    if kind is not None:
        teams = teams.filter(kind=kind)
    return teams.filter(Q(formed_on__isnull=True) | Q(formed_on__lte=today)).filter(
        Q(dissolved_on__isnull=True)
        | Q(dissolved_on__gt=today)
        | Q(engagement__end_date__isnull=False, dissolved_on__gte=F("engagement__end_date"))
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


@metric(
    "core.teams_of_both_worlds",
    subject_type=ENGAGEMENT_SUBJECT,
    label=_("Working teams with current members from both the welfare and the digital world"),
)
def teams_of_both_worlds(ids):
    today = timezone.localdate()
    rows = (
        TeamMember.objects.filter(team__in=_live_teams(ids), world__in=[World.WELFARE, World.DIGITAL])
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(
            Q(valid_to__isnull=True)
            | Q(valid_to__gte=today)
            | Q(team__engagement__end_date__isnull=False, valid_to__gte=F("team__engagement__end_date"))
        )
        .values("team__engagement_id", "team_id")
        .annotate(worlds=Count("world", distinct=True))
    )
    found = {}
    for row in rows:
        if row["worlds"] == 2:
            engagement_id = row["team__engagement_id"]
            found[engagement_id] = found.get(engagement_id, 0) + 1
    return {i: found.get(i, 0) for i in ids}


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
watch(TeamMember, lambda row: [(ENGAGEMENT, row.team.engagement_id)])
watch(Organization, _partner_engagements)
