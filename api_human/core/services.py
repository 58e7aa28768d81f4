"""Writes to the core records. Views, serializers, commands and tasks call these, never ``save()``.

Each service validates with ``full_clean()``, runs in one transaction and records the acting user in
the change history.
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .concurrency import locked
from .models import (
    Engagement,
    EngagementMembership,
    EngagementPartner,
    Notification,
    Organization,
    PartnerKey,
    Role,
    Team,
    TeamMember,
    User,
    World,
)
from .registry import ENGAGEMENT_CREATED


def save_with_history(instance, *, actor: User | None):
    """Validate (model rules and constraints), save, and record ``actor`` in the change history."""
    instance.full_clean()
    instance._history_user = actor
    instance.save()
    return instance


def assign(instance, data: dict):
    for field, value in data.items():
        setattr(instance, field, value)
    return instance


# ------------------------------------------------------------------------------------------------
# Organisations
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def organization_create(*, actor: User | None, **data) -> Organization:
    return save_with_history(Organization(**data), actor=actor)


@transaction.atomic
def organization_update(*, organization: Organization, actor: User | None, data: dict) -> Organization:
    return save_with_history(assign(locked(organization), data), actor=actor)


# ------------------------------------------------------------------------------------------------
# Engagements and their partners
# ------------------------------------------------------------------------------------------------
def _set_partners(*, engagement: Engagement, organizations: Iterable[Organization], actor: User | None):
    wanted = {org.pk: org for org in organizations}
    existing = {p.organization_id: p for p in engagement.partnerships.all()}
    for org_id, partnership in existing.items():
        if org_id not in wanted:
            partnership._history_user = actor
            partnership.delete()
    for org_id, org in wanted.items():
        if org_id not in existing:
            save_with_history(EngagementPartner(engagement=engagement, organization=org), actor=actor)


@transaction.atomic
def engagement_create(
    *,
    actor: User,
    name: str,
    change_object_kind: str,
    change_object: str,
    start_date: date,
    change_object_organization: Organization | None = None,
    description: str = "",
    end_date: date | None = None,
    status: str = Engagement.Status.PLANNED,
    partner_organizations: Iterable[Organization] = (),
) -> Engagement:
    """Create an engagement; a team member who creates it becomes its lead from the start date."""
    engagement = save_with_history(
        Engagement(
            name=name,
            description=description,
            change_object_kind=change_object_kind,
            change_object=change_object,
            change_object_organization=change_object_organization,
            start_date=start_date,
            end_date=end_date,
            status=status,
            created_by=actor,
        ),
        actor=actor,
    )
    _set_partners(engagement=engagement, organizations=partner_organizations, actor=actor)
    for created in ENGAGEMENT_CREATED.values():  # the apps' own parts of a new engagement (its stages)
        created(engagement)
    if actor.role == Role.TEAM:
        membership_create(
            engagement=engagement,
            actor=actor,
            user=actor,
            role=EngagementMembership.Role.LEAD,
            world=actor.organization.world if actor.organization_id else World.WELFARE,
            valid_from=start_date,
        )
    return engagement


@transaction.atomic
def engagement_update(*, engagement: Engagement, actor: User, data: dict) -> Engagement:
    engagement = locked(engagement)
    data = dict(data)
    partners = data.pop("partner_organizations", None)
    save_with_history(assign(engagement, data), actor=actor)
    if partners is not None:
        _set_partners(engagement=engagement, organizations=partners, actor=actor)
    return engagement


# ------------------------------------------------------------------------------------------------
# Memberships: who was on the engagement, in which role and world, and when
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def membership_create(
    *,
    engagement: Engagement,
    actor: User,
    user: User,
    role: str,
    world: str,
    valid_from: date,
    valid_to: date | None = None,
) -> EngagementMembership:
    membership = EngagementMembership(
        engagement=engagement, user=user, role=role, world=world, valid_from=valid_from, valid_to=valid_to
    )
    return save_with_history(membership, actor=actor)


@transaction.atomic
def membership_update(*, membership: EngagementMembership, actor: User, data: dict) -> EngagementMembership:
    return save_with_history(assign(locked(membership), data), actor=actor)


# ------------------------------------------------------------------------------------------------
# Teams and their members
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def team_create(*, actor: User, engagement: Engagement, **data) -> Team:
    return save_with_history(Team(engagement=engagement, **data), actor=actor)


@transaction.atomic
def team_update(*, team: Team, actor: User, data: dict) -> Team:
    return save_with_history(assign(locked(team), data), actor=actor)


@transaction.atomic
def team_member_create(*, actor: User, team: Team, **data) -> TeamMember:
    return save_with_history(TeamMember(team=team, **data), actor=actor)


@transaction.atomic
def team_member_update(*, member: TeamMember, actor: User, data: dict) -> TeamMember:
    return save_with_history(assign(locked(member), data), actor=actor)


# ------------------------------------------------------------------------------------------------
# Partner API keys
# ------------------------------------------------------------------------------------------------
class KeyLimitReached(ValidationError, BadRequest):
    """The organisation holds ``PARTNER_MAX_ACTIVE_KEYS`` active keys. A ValidationError (the API
    answers 400 naming ``key``), and a BadRequest so a page that does not catch it answers 400, not 500."""


def partner_active_keys(organization_id):
    """Keys an organisation holds for good: not revoked and without an end date (a key rotated away
    has one: it stops at the end of the overlap, so it does not count)."""
    return PartnerKey.objects.filter(
        user__organization_id=organization_id, revoked=False, expiry_date__isnull=True
    )


@transaction.atomic
def partner_key_issue(
    *, user: User, name: str, replacing: PartnerKey | None = None
) -> tuple[PartnerKey, str]:
    """Issue a key for a partner user. The plain key is returned once and never stored.

    An organisation holds at most ``PARTNER_MAX_ACTIVE_KEYS`` active keys (``replacing``: the key a
    rotation is about to end, not counted)."""
    if user.role != Role.PARTNER:
        raise ValidationError({"user": _("API keys are issued to partner users only.")})
    Organization.objects.select_for_update().filter(pk=user.organization_id).exists()  # one issue at a time
    limit = getattr(settings, "PARTNER_MAX_ACTIVE_KEYS", 5)
    active = partner_active_keys(user.organization_id)
    if replacing is not None:
        active = active.exclude(pk=replacing.pk)
    if active.count() >= limit:
        raise KeyLimitReached(
            {
                "key": ValidationError(
                    _(
                        "Your organisation already has %(limit)d active API keys, the most it may hold. "
                        "Revoke a key you no longer use, then issue a new one."
                    )
                    % {"limit": limit},
                    code="key_limit",
                )
            }
        )
    key = PartnerKey(user=user, name=name)
    key.full_clean(exclude=["id", "prefix", "hashed_key"])
    return PartnerKey.objects.create_key(user=user, name=name)


@transaction.atomic
def partner_key_revoke(*, key: PartnerKey) -> PartnerKey:
    key = locked(key)
    key.revoked = True
    key.save(update_fields=["revoked"])
    return key


# ------------------------------------------------------------------------------------------------
# Records of an engagement (stage artefacts, needs, tensions...): one create/update/delete for all
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def record_create(model, *, actor: User, data: dict, many: dict | None = None):
    """Create a record; ``many`` holds many-to-many values (e.g. a logic-model item's change foci)."""
    record = save_with_history(model(**data), actor=actor)
    for field, values in (many or {}).items():
        getattr(record, field).set(values)
    return record


@transaction.atomic
def record_update(record, *, actor: User, data: dict, many: dict | None = None):
    """Change the fields in ``data`` (and the many-to-many fields in ``many``) of the record as it is
    now: its row is locked and read again, so a concurrent change of other fields is kept."""
    record = save_with_history(assign(locked(record), data), actor=actor)
    for field, values in (many or {}).items():
        getattr(record, field).set(values)
    return record


@transaction.atomic
def record_delete(record, *, actor: User):
    record._history_user = actor
    record.delete()


@transaction.atomic
def notification_mark(*, notification, read: bool = False, dismissed: bool = False):
    notification = locked(notification)
    now = timezone.now()
    if read and not notification.read_at:
        notification.read_at = now
    if dismissed and not notification.dismissed_at:
        notification.dismissed_at = now
    notification.save(update_fields=["read_at", "dismissed_at"])
    return notification


@transaction.atomic
def notifications_email(*, ids) -> int:
    """E-mail each notification of ``ids`` once (``emailed_at``); rows another worker is sending are
    skipped. Returns how many were sent."""
    rows = list(
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=ids, emailed_at__isnull=True)
        .exclude(user__email="")
        .select_related("user")
    )
    if not rows:
        return 0
    with translation.override(settings.LANGUAGE_CODE), get_connection() as mail:
        mail.send_messages(
            [
                EmailMessage(str(n.subject_line), str(n.text), settings.DEFAULT_FROM_EMAIL, [n.user.email])
                for n in rows
            ]
        )
    Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=timezone.now())
    return len(rows)
