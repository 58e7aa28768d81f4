"""The daily alert scan: each engagement's current team is told what stalls.

What stalls is for the apps to say: each registers an alert source with ``registry.ALERT_SOURCES`` — a
function ``fn(today) -> [Alert, …]`` over active engagements, set-based (a fixed number of queries).
The initiatives app tells of initiatives with no recent step, the tensions app of tensions blocking too
long; the scan here decides who is told, once.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .concurrency import serialized
from .models import EngagementMembership, Notification, User
from .outbox import outbox_enqueue
from .registry import ALERT_SOURCES


@dataclass(frozen=True)
class Alert:
    """One thing that stalls: ``cause`` tells this stall from a later one of the same subject (a new
    block, a later stall), so dismissing an alert silences that cause only."""

    kind: str  # a Notification.Kind
    subject: object  # the stalled record (with ``pk`` and ``engagement_id``)
    params: dict
    link: str
    cause: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject.pk}:{self.cause}"


def _team_of(engagement_ids) -> dict[int, list[User]]:
    today = timezone.localdate()
    memberships = (
        EngagementMembership.objects.filter(engagement__in=engagement_ids, user__is_active=True)
        .exclude(role=EngagementMembership.Role.MANAGER)
        .filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("user")
    )
    team: dict[int, list[User]] = {}
    for membership in memberships:
        team.setdefault(membership.engagement_id, []).append(membership.user)
    return team


@transaction.atomic
def alerts_scan(*, today: date | None = None) -> int:
    """Notify each engagement's current team of what stalls; returns how many notifications were made.

    An alert is about one cause: a person who dismissed it is not told again for that cause, one with an
    unread alert about it is not told again, and nobody is told twice a day about the same thing (a
    constraint; two scans at once run one after the other). Set-based: a fixed number of queries
    whatever the number of stalled records. E-mails (``ALERT_EMAILS``) go through the outbox, written
    with the notifications.
    """
    serialized("core.alerts_scan")
    today = today or timezone.localdate()
    alerts = [alert for source in ALERT_SOURCES.values() for alert in source(today)]
    team = _team_of({alert.subject.engagement_id for alert in alerts})
    told = set(
        Notification.objects.filter(subject_key__in=[alert.key for alert in alerts])
        .filter(
            Q(read_at__isnull=True, dismissed_at__isnull=True)
            | Q(created_on=today)
            | Q(dismissed_at__isnull=False)
        )
        .values_list("user_id", "kind", "subject_key")
    )
    created = Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                kind=alert.kind,
                subject_key=alert.key,
                params=alert.params,
                link=alert.link,
                created_on=today,
            )
            for alert in alerts
            for user in team.get(alert.subject.engagement_id, [])
            if (user.pk, alert.kind, alert.key) not in told
        ]
    )
    if settings.ALERT_EMAILS and created:
        outbox_enqueue("core.email_notifications", kwargs={"ids": [n.pk for n in created]})
    return len(created)
