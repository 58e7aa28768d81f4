"""Writes to needs and initiatives, and the alert about initiatives that stall."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from api_human.core.alerts import Alert
from api_human.core.concurrency import locked
from api_human.core.models import Engagement, Intensity, Notification, Organization, User
from api_human.core.services import save_with_history

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
# Alerts (the scan is the core's, api_human/core/alerts.py): initiatives with no step for too long
# ------------------------------------------------------------------------------------------------
def stale_initiative_alerts(today: date) -> list[Alert]:
    """Initiatives of active engagements, neither sustained nor stopped, with no step since
    ``INITIATIVE_STALE_ALERT_DAYS`` (or none since they were created); the cause is the last step's day."""
    stale_before = today - timedelta(days=settings.INITIATIVE_STALE_ALERT_DAYS)
    stale = (
        Initiative.objects.filter(engagement__status=Engagement.Status.ACTIVE)
        .exclude(status__in=[Initiative.Status.SUSTAINED, Initiative.Status.STOPPED])
        .annotate(last_step=Max("steps__happened_on"))
        .filter(Q(last_step__lt=stale_before) | Q(last_step__isnull=True, created_at__date__lt=stale_before))
    )
    return [
        Alert(
            kind=Notification.Kind.INITIATIVE_STALE,
            subject=initiative,
            params={"title": initiative.title, "since": since.isoformat()},
            link=f"/initiatives/{initiative.pk}/",
            cause=since.isoformat(),
        )
        for initiative in stale
        for since in [initiative.last_step or initiative.created_at.date()]
    ]
