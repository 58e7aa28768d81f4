"""Writes to needs and initiatives, and the alert scan of stalled work."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from api_human.core.concurrency import locked, serialized
from api_human.core.models import Engagement, EngagementMembership, Notification, Organization, User
from api_human.core.outbox import outbox_enqueue
from api_human.core.services import save_with_history
from stages.models import Intensity

from .models import Initiative, InitiativeIntensity, InitiativePartner, ProcessStep


def _set_partners(initiative: Initiative, partners: Iterable[tuple[Organization, str]], actor):
    wanted = {(org.pk, role) for org, role in partners}
    for partnership in initiative.partnerships.all():
        if (partnership.organization_id, partnership.role) not in wanted:
            partnership._history_user = actor
            partnership.delete()
    existing = {(p.organization_id, p.role) for p in initiative.partnerships.all()}
    for org_id, role in wanted - existing:
        save_with_history(
            InitiativePartner(initiative=initiative, organization_id=org_id, role=role), actor=actor
        )


@transaction.atomic
def initiative_create(
    *, actor: User, data: dict, needs=(), partners=(), on: date | None = None
) -> Initiative:
    """Create an initiative; it starts at high intensity (as stage B1 does)."""
    initiative = save_with_history(Initiative(**data), actor=actor)
    initiative.needs.set(needs)
    _set_partners(initiative, partners, actor)
    InitiativeIntensity.objects.create(
        initiative=initiative, intensity=Intensity.HIGH, changed_on=on or timezone.localdate()
    )
    return initiative


@transaction.atomic
def initiative_update(
    *, initiative: Initiative, actor: User, data: dict, needs=None, partners=None
) -> Initiative:
    initiative = locked(initiative)
    data = dict(data)
    if data.get("status") and data["status"] != Initiative.Status.STOPPED:
        data.setdefault("stop_reason", "")
    for field, value in data.items():
        setattr(initiative, field, value)
    save_with_history(initiative, actor=actor)
    if needs is not None:
        foreign = [n for n in needs if n.engagement_id != initiative.engagement_id]
        if foreign:
            raise ValidationError({"needs": [_("Choose needs of the same engagement.")]})
        initiative.needs.set(needs)
    if partners is not None:
        _set_partners(initiative, partners, actor)
    return initiative


@transaction.atomic
def initiative_move(*, initiative: Initiative, actor: User, status: str, reason: str = "") -> Initiative:
    """Move an initiative on the board; stopping it needs a reason."""
    initiative = locked(initiative)
    if status == Initiative.Status.STOPPED and not reason.strip():
        raise ValidationError({"stop_reason": [_("Say why the initiative stopped.")]})
    initiative.status = status
    initiative.stop_reason = reason if status == Initiative.Status.STOPPED else ""
    return save_with_history(initiative, actor=actor)


@transaction.atomic
def initiative_set_intensity(
    *, initiative: Initiative, intensity: str, on: date | None = None, note: str = ""
) -> InitiativeIntensity:
    change = InitiativeIntensity(
        initiative=initiative, intensity=intensity, changed_on=on or timezone.localdate(), note=note
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def step_add(*, initiative: Initiative, actor: User, data: dict) -> ProcessStep:
    return save_with_history(ProcessStep(initiative=initiative, recorded_by=actor, **data), actor=actor)


# ------------------------------------------------------------------------------------------------
# Alerts: tensions that block too long, initiatives with no step for too long
# ------------------------------------------------------------------------------------------------
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

    Only what can still move is looked at: tensions and initiatives of active engagements, initiatives
    that are neither sustained nor stopped. An alert is about one cause — a tension blocking since a
    day, an initiative without a step since a day: a person who dismissed it is not told again for that
    cause (a new block or a later stall is a new cause), one with an unread alert about it is not told
    again, and nobody is told twice a day about the same thing (a constraint; two scans at once run one
    after the other). Set-based: a fixed number of queries whatever the number of tensions and
    initiatives.
    E-mails (``ALERT_EMAILS``) go through the outbox, written with the notifications.
    """
    from tensions.models import Tension

    serialized("initiatives.alerts_scan")
    today = today or timezone.localdate()
    active = Engagement.Status.ACTIVE
    blocking = Tension.objects.filter(
        engagement__status=active,
        blocking=True,
        state__in=Tension.OPEN_STATES,
        blocking_since__lte=today - timedelta(days=settings.TENSION_BLOCKING_ALERT_DAYS),
    )
    stale_before = today - timedelta(days=settings.INITIATIVE_STALE_ALERT_DAYS)
    stale = (
        Initiative.objects.filter(engagement__status=active)
        .exclude(status__in=[Initiative.Status.SUSTAINED, Initiative.Status.STOPPED])
        .annotate(last_step=Max("steps__happened_on"))
        .filter(Q(last_step__lt=stale_before) | Q(last_step__isnull=True, created_at__date__lt=stale_before))
    )
    subjects = [
        (
            Notification.Kind.TENSION_BLOCKING,
            t,
            {"title": t.title, "days": (today - t.blocking_since).days},
            f"/tensions/?engagement={t.engagement_id}#tension-{t.pk}",
            t.blocking_since.isoformat(),
        )
        for t in blocking
    ] + [
        (
            Notification.Kind.INITIATIVE_STALE,
            i,
            {"title": i.title, "since": (i.last_step or i.created_at.date()).isoformat()},
            f"/initiatives/{i.pk}/",
            (i.last_step or i.created_at.date()).isoformat(),
        )
        for i in stale
    ]
    # The cause is part of what an alert is about: dismissing it silences that cause only.
    subjects = [
        (kind, subject, params, link, f"{kind}:{subject.pk}:{cause}")
        for kind, subject, params, link, cause in subjects
    ]
    team = _team_of({subject.engagement_id for _k, subject, _p, _l, _key in subjects})
    told = set(
        Notification.objects.filter(subject_key__in=[key for *_rest, key in subjects])
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
                kind=kind,
                subject_key=key,
                params=params,
                link=link,
                created_on=today,
            )
            for kind, subject, params, link, key in subjects
            for user in team.get(subject.engagement_id, [])
            if (user.pk, kind, key) not in told
        ]
    )
    if settings.ALERT_EMAILS and created:
        outbox_enqueue("core.email_notifications", kwargs={"ids": [n.pk for n in created]})
    return len(created)
