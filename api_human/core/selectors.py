"""Reads of the core records, with their related rows loaded in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .history import HistorySource, change_log
from .models import Engagement, EngagementMembership, EngagementPartner, Organization, Team, TeamMember
from .registry import ENGAGEMENT_HISTORY


def engagements_with_related(queryset: QuerySet[Engagement]) -> QuerySet[Engagement]:
    return queryset.select_related("change_object_organization").prefetch_related(
        Prefetch("partner_organizations", queryset=Organization.objects.order_by("name")),
        Prefetch("memberships", queryset=EngagementMembership.objects.select_related("user")),
    )


def engagements_for_list(queryset: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Engagements with partner names and the number of people on them today, for list pages."""
    today = timezone.localdate()
    current = Q(memberships__valid_from__lte=today) & (
        Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today)
    )
    return (
        queryset.select_related("change_object_organization")
        .prefetch_related(Prefetch("partner_organizations", queryset=Organization.objects.order_by("name")))
        .annotate(current_members=Count("memberships", filter=current, distinct=True))
        .order_by(*Engagement._meta.ordering)  # GROUP BY drops the default ordering
    )


def teams_with_members(queryset: QuerySet[Team]) -> QuerySet[Team]:
    return queryset.prefetch_related(
        Prefetch("members", queryset=TeamMember.objects.select_related("user", "organization"))
    )


def engagement_page(engagement: Engagement) -> dict:
    """Everything the engagement page shows, in a fixed number of queries."""
    memberships = list(engagement.memberships.select_related("user", "user__organization"))
    return {
        "memberships": memberships,
        "change_log": engagement_change_log(engagement),
        "partnerships": list(engagement.partnerships.select_related("organization")),
        "teams": list(teams_with_members(engagement.teams.all())),
    }


def organizations_for_directory(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """Organisations with the number of engagements they are partners in."""
    return queryset.annotate(engagement_count=Count("partnerships", distinct=True)).order_by(
        *Organization._meta.ordering
    )


def engagement_change_log(engagement: Engagement, limit: int = 100):
    """Who changed what and when on the engagement, its partners, memberships, teams and records."""
    team_ids = Team.history.filter(engagement_id=engagement.pk).values("id")
    extra = [source for provider in ENGAGEMENT_HISTORY.values() for source in provider(engagement)]
    return change_log(
        [
            HistorySource(Engagement.history.filter(id=engagement.pk)),
            HistorySource(
                EngagementPartner.history.filter(engagement_id=engagement.pk).select_related("organization"),
                label=lambda r: r.organization,
            ),
            HistorySource(
                EngagementMembership.history.filter(engagement_id=engagement.pk).select_related("user"),
                label=lambda r: r.user,
            ),
            HistorySource(Team.history.filter(engagement_id=engagement.pk)),
            HistorySource(
                TeamMember.history.filter(team_id__in=team_ids).select_related("user", "organization"),
                label=lambda r: r.full_name or r.user,
            ),
            *extra,
        ],
        limit=limit,
    )
