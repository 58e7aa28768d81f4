"""Writes of stage B2: partners joining, opportunity profiles and their revisions, attachments,
the pipeline, broadcasts, and matching opportunities to needs and initiatives.
"""

import datetime
import posixpath
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api_human.core.concurrency import locked
from api_human.core.models import Organization, PartnerKey, PartnerStatus, Role, User, World
from api_human.core.outbox import outbox_enqueue
from api_human.core.services import assign, partner_key_issue, save_with_history
from api_human.core.text import INVISIBLE_CATEGORIES, normalise
from initiatives.models import Initiative, InitiativePartner
from initiatives.services import initiative_create
from webhooks import events as webhook_events
from webhooks.services import publish_event

from .matching import opportunity_match  # noqa: F401  (the pages and the demo call it here)
from .models import Attachment, Broadcast, KeyRotation, Match, Opportunity, OpportunityRevision


# ------------------------------------------------------------------------------------------------
# Partners
# ------------------------------------------------------------------------------------------------
def _partner_user(organization, *, name: str, email: str, active: bool) -> User:
    username = f"partner-{get_random_string(8).lower()}"
    first, _sep, last = name.partition(" ")
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=email,
        role=Role.PARTNER,
        organization=organization,
        is_active=active,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def partner_register(
    *, name: str, kind: str, website: str = "", description: str = "", contact_name: str, contact_email: str
) -> Organization:
    """A digital-world organisation asks to join; it waits for the team's approval.

    The answer is the same whether or not an organisation of that name is in the directory (the
    directory is not public): the team sees the duplicate on the approvals page, and approving it is
    refused while the name is taken."""
    organization = save_with_history(
        Organization(
            name=name,
            kind=kind,
            world=World.DIGITAL,
            website=website,
            description=description,
            contact_name=contact_name,
            contact_email=contact_email,
            partner_status=PartnerStatus.PENDING,
        ),
        actor=None,
    )
    _partner_user(organization, name=contact_name, email=contact_email, active=False)
    return organization


REGISTRATION_SALT = "opportunities.partner-registration"
REGISTRATION_STATUSES = (PartnerStatus.PENDING, PartnerStatus.APPROVED, PartnerStatus.REJECTED)


def registration_token(organization: Organization) -> str:
    """An unguessable token (the organisation's id, signed with SECRET_KEY) for the registrant to
    follow its registration without an API key."""
    return signing.dumps(organization.pk, salt=REGISTRATION_SALT)


def registration_from_token(token: str) -> Organization | None:
    try:
        pk = signing.loads(token, salt=REGISTRATION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Organization.objects.filter(pk=pk, partner_status__in=REGISTRATION_STATUSES).first()


def registration_decided_at(organization: Organization) -> datetime.datetime | None:
    """When the team approved or declined the registration (from the change history); None while pending."""
    if organization.partner_status == PartnerStatus.PENDING:
        return None
    return (
        organization.history.filter(partner_status=organization.partner_status)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )


@transaction.atomic
def partner_approve(*, organization: Organization, actor: User) -> tuple[PartnerKey, str]:
    """Approve a registration: the contact becomes an active partner and gets an API key, shown once."""
    organization = locked(organization)
    if organization.partner_status != PartnerStatus.PENDING:
        raise ValidationError(
            {
                "partner_status": [
                    ValidationError(
                        _("Only a registration waiting for approval can be approved."), code="not_pending"
                    )
                ]
            }
        )
    organization.partner_status = PartnerStatus.APPROVED
    save_with_history(organization, actor=actor)
    user = organization.people.filter(role=Role.PARTNER).order_by("date_joined").first()
    user.is_active = True
    user.save(update_fields=["is_active"])
    return partner_key_issue(user=user, name=_("Issued on approval"))


@transaction.atomic
def partner_reject(*, organization: Organization, actor: User) -> Organization:
    organization = locked(organization)
    if organization.partner_status != PartnerStatus.PENDING:
        raise ValidationError(
            {
                "partner_status": [
                    ValidationError(
                        _("Only a registration waiting for approval can be declined."), code="not_pending"
                    )
                ]
            }
        )
    organization.partner_status = PartnerStatus.REJECTED
    return save_with_history(organization, actor=actor)


@transaction.atomic
def partner_invite(
    *, actor: User, organization: Organization, contact_name: str, contact_email: str
) -> tuple[PartnerKey, str]:
    """The team invites an organisation it met: the contact becomes a partner with a key, shown once."""
    organization = locked(organization)
    if organization.world != World.DIGITAL:
        raise ValidationError({"organization": [_("Partners come from the digital world.")]})
    organization.partner_status = PartnerStatus.APPROVED
    save_with_history(organization, actor=actor)
    user = _partner_user(organization, name=contact_name, email=contact_email, active=True)
    return partner_key_issue(user=user, name=_("Issued with the invitation"))


def key_rotation_overlap() -> datetime.timedelta:
    overlap = getattr(settings, "PARTNER_KEY_ROTATION_OVERLAP", datetime.timedelta(hours=24))
    return overlap if isinstance(overlap, datetime.timedelta) else datetime.timedelta(seconds=overlap)


@transaction.atomic
def partner_key_rotate(*, key: PartnerKey) -> tuple[PartnerKey, str]:
    """A new key for the same partner. The old one keeps working for ``PARTNER_KEY_ROTATION_OVERLAP``
    (default 24 hours; never longer than it would have anyway), so the partner's systems can move
    over without a gap, then stops. A key rotates once."""
    key = locked(key)
    if key.revoked or key.has_expired or KeyRotation.objects.filter(old_key=key).exists():
        raise ValidationError(
            {"key": [ValidationError(_("This key has already been rotated or revoked."), code="rotated")]}
        )
    new_key, raw = partner_key_issue(user=key.user, name=key.name, replacing=key)
    until = timezone.now() + key_rotation_overlap()
    if key.expiry_date is None or key.expiry_date > until:
        key.expiry_date = until
        key.save(update_fields=["expiry_date"])
    KeyRotation.objects.create(old_key=key, new_key=new_key)
    return new_key, raw


# ------------------------------------------------------------------------------------------------
# Opportunity profiles
# ------------------------------------------------------------------------------------------------
def _check_broadcast(data):
    broadcast = data.get("broadcast")
    if broadcast is not None and broadcast.status != Broadcast.Status.OPEN:
        raise ValidationError(
            {"broadcast": [ValidationError(_("Answer only a broadcast that is open."), code="not_open")]}
        )


def _not_a_draft():
    return ValidationError(
        {
            "state": [
                ValidationError(
                    _("A submitted profile is not edited in place: revise it to open a new draft."),
                    code="not_draft",
                )
            ]
        }
    )


# A profile's links (foreign keys). ``full_clean`` reads each linked row again only to see that it
# exists; a partner write has just read them (the actor's own organisation and user; a broadcast the
# serializer found open; the links of a row read under its lock, which a deletion would have to wait
# for), so they are left out of it where that is so. The database's foreign keys still hold them.
LINKS = ("organization", "broadcast", "initiative", "created_by")


def _save_profile(opportunity: Opportunity, *, actor: User, known=()) -> Opportunity:
    """``save_with_history`` for a profile whose links ``known`` are known to exist."""
    opportunity.full_clean(exclude=known)
    opportunity._history_user = actor
    opportunity.save()
    return opportunity


# The partner API calls the two below inside its request's transaction, which an error rolls back
# whole (WriteSafetyMixin): a savepoint of their own would cost two more round trips and save nothing.
# (Called on their own, they are their own transaction as before.)
@transaction.atomic(savepoint=False)
def opportunity_create(*, actor: User, data: dict) -> Opportunity:
    _check_broadcast(data)
    opportunity = Opportunity(organization_id=actor.organization_id, created_by=actor, **data)
    known = ["created_by"]
    if actor.organization_id is not None:  # the partner's own organisation (else: "cannot be null")
        known.append("organization")
    if data.get("broadcast") is None or isinstance(data["broadcast"], Broadcast):  # read and checked open
        known.append("broadcast")
    return _save_profile(opportunity, actor=actor, known=known)


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, actor: User, data: dict) -> Opportunity:
    """Change a draft. A profile never submitted is changed in place; a revised one keeps its
    submitted revision on the row (what the team reads) and its edits in ``draft`` until submitted."""
    opportunity = locked(opportunity)
    if opportunity.state != Opportunity.State.DRAFT:
        raise _not_a_draft()
    _check_broadcast(data)
    if opportunity.revision == 0:
        return save_with_history(assign(opportunity, data), actor=actor)
    working = assign(opportunity.draft_copy(), data)
    working.full_clean()
    opportunity.draft = working.partner_values()
    return save_with_history(opportunity, actor=actor)


def _snapshot(opportunity: Opportunity, attachments) -> dict:
    data = opportunity.partner_values()
    data["attachments"] = [attachment.original_name for attachment in attachments]
    return data


@transaction.atomic(savepoint=False)
def opportunity_submit(*, opportunity: Opportunity, actor: User, locked_already: bool = False) -> Opportunity:
    """Freeze the draft as a new revision and send it to the team; matching runs in the background
    (the outbox message is written with the revision, so a submission is never left unmatched).

    ``locked_already``: the caller read ``opportunity`` (and any attachments it prefetched) under the
    row's lock in this transaction, as the API does; otherwise the row is locked and read again here."""
    if not locked_already:
        opportunity = locked(opportunity)
        getattr(opportunity, "_prefetched_objects_cache", {}).pop("attachments", None)  # read before the lock
    if opportunity.state != Opportunity.State.DRAFT:
        raise ValidationError(
            {
                "state": [
                    ValidationError(_("This revision has already been submitted."), code="already_submitted")
                ]
            }
        )
    draft = opportunity.draft
    if draft:  # the partner's edits since the last revision become the row the team reads
        broadcast = draft.get("broadcast")
        if broadcast is not None and not Broadcast.objects.filter(pk=broadcast).exists():
            broadcast = None  # deleted since the edit (the row's own link would have been cleared too)
        assign(
            opportunity,
            {k: v for k, v in draft.items() if k in Opportunity.PARTNER_FIELDS and k != "broadcast"},
        )
        opportunity.broadcast_id = broadcast
        opportunity.draft = {}
    if not opportunity.summary.strip() or not opportunity.need_categories:
        raise ValidationError(
            {
                "summary": [
                    ValidationError(
                        _("Before submitting, write a summary and choose need categories."), code="incomplete"
                    )
                ]
            }
        )
    opportunity.revision += 1
    opportunity.state = Opportunity.State.SUBMITTED
    opportunity.submitted_at = timezone.now()
    # every link was read under the lock (a draft's broadcast was looked up just above)
    _save_profile(opportunity, actor=actor, known=LINKS)
    # Adding a file locks the profile too: the files read under the lock are all there are.
    attachments = list(opportunity.attachments.all())
    waiting = [attachment for attachment in attachments if attachment.submitted_in is None]
    if waiting:
        Attachment.objects.filter(pk__in=[attachment.pk for attachment in waiting]).update(
            submitted_in=opportunity.revision
        )
        for attachment in waiting:
            attachment.submitted_in = opportunity.revision
    OpportunityRevision.objects.create(
        opportunity=opportunity,
        number=opportunity.revision,
        data=_snapshot(opportunity, attachments),
        submitted_by=actor,
    )
    outbox_enqueue(
        "opportunities.match_opportunity",
        kwargs={"opportunity_id": opportunity.pk, "revision": opportunity.revision},
    )
    return opportunity


@transaction.atomic
def opportunity_revise(*, opportunity: Opportunity, actor: User) -> Opportunity:
    opportunity = locked(opportunity)
    if opportunity.state != Opportunity.State.SUBMITTED:
        raise ValidationError(
            {"state": [ValidationError(_("Only a submitted profile can be revised."), code="not_submitted")]}
        )
    opportunity.state = Opportunity.State.DRAFT
    opportunity.draft = {}  # the new draft starts as the submitted revision; edits go here, not to the row
    return save_with_history(opportunity, actor=actor)


@transaction.atomic
def opportunity_set_pipeline(
    *, opportunity: Opportunity, actor: User, pipeline: str, feedback: str = "", decline_reason: str = ""
) -> Opportunity:
    """The team moves the opportunity in the pipeline; the partner reads the feedback."""
    opportunity = locked(opportunity)
    if pipeline == Opportunity.Pipeline.DECLINED and not decline_reason.strip():
        raise ValidationError(
            {"decline_reason": [ValidationError(_("Say why the opportunity is declined."), code="required")]}
        )
    moved = opportunity.pipeline != pipeline
    told = bool(feedback) and feedback != opportunity.feedback
    opportunity.pipeline = pipeline
    opportunity.decline_reason = decline_reason if pipeline == Opportunity.Pipeline.DECLINED else ""
    if feedback:
        opportunity.feedback = feedback
    opportunity = save_with_history(opportunity, actor=actor)
    if moved:
        _tell_partner(webhook_events.OPPORTUNITY_PIPELINE_CHANGED, opportunity, pipeline=opportunity.pipeline)
    if told:
        _tell_partner(webhook_events.OPPORTUNITY_FEEDBACK_ADDED, opportunity, feedback=opportunity.feedback)
    return opportunity


def _tell_partner(event: str, opportunity: Opportunity, **data) -> None:
    """A webhook event for the profile's organisation, sent after this transaction commits."""
    reference = {"id": opportunity.pk, "title": opportunity.title, "revision": opportunity.revision}
    publish_event(
        event, data={"opportunity": reference, **data}, organization_ids=[opportunity.organization_id]
    )


def _broadcast_reference(broadcast: Broadcast) -> dict:
    return {
        "id": broadcast.pk,
        "title_he": broadcast.title_he,
        "title_en": broadcast.title_en,
        "closes_on": broadcast.closes_on.isoformat(),
    }


@transaction.atomic
def opportunity_to_initiative(
    *, opportunity: Opportunity, actor: User, initiative: Initiative | None = None, engagement=None
) -> Initiative:
    """The opportunity becomes an initiative (or joins one), with its organisation as the venture."""
    opportunity = locked(opportunity)
    if initiative is None and opportunity.initiative_id:  # a repeated "make it an initiative" does it once
        return opportunity.initiative
    if initiative is None:
        initiative = initiative_create(
            actor=actor,
            data={
                "engagement": engagement,
                "title": opportunity.title,
                "solution": opportunity.summary,
                "status": Initiative.Status.EXPLORING,
            },
            partners=[(opportunity.organization, "venture")],
        )
    elif not initiative.partnerships.filter(organization=opportunity.organization).exists():
        save_with_history(
            InitiativePartner(
                initiative=initiative,
                organization=opportunity.organization,
                role=InitiativePartner.Role.VENTURE,
            ),
            actor=actor,
        )
    opportunity.initiative = initiative
    save_with_history(opportunity, actor=actor)
    return initiative


# ------------------------------------------------------------------------------------------------
# Attachments: PDF, PNG or JPEG, recognised by their first bytes, never by their name
# ------------------------------------------------------------------------------------------------
SIGNATURES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
NAME_MAX = 200


def sniff_content_type(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def attachment_name(uploaded_name: str, content_type: str) -> str:
    """The name a file is kept and served under: the name it was sent with, without its folders,
    invisible characters or extension, and the extension of the type its content really is — a PDF
    sent as ``evil.html`` is ``evil.pdf``."""
    name = posixpath.basename(normalise(uploaded_name or "").replace("\\", "/"))
    name = "".join(c for c in name if unicodedata.category(c) not in INVISIBLE_CATEGORIES).strip(" .")
    stem = name.rsplit(".", 1)[0].strip(" .") if "." in name else name
    extension = EXTENSIONS[content_type]
    stem = stem[: NAME_MAX - len(extension) - 1].strip(" .") or "attachment"
    return f"{stem}.{extension}"


def _file_error(message, code):
    return ValidationError({"file": [ValidationError(message, code=code)]})


@transaction.atomic
def attachment_add(*, opportunity: Opportunity, actor: User, upload) -> Attachment:
    opportunity = locked(opportunity)
    if opportunity.state != Opportunity.State.DRAFT:
        raise _file_error(_("Attach files to a draft; revise a submitted profile first."), "not_draft")
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise _file_error(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            "too_large",
        )
    if upload.size == 0:
        raise _file_error(_("The file is empty."), "empty")
    content = upload.read()
    content_type = sniff_content_type(content[:16])
    if content_type is None:
        raise _file_error(
            _("Only PDF, PNG and JPEG files are accepted (checked by their content)."), "unsupported_type"
        )
    extension = EXTENSIONS[content_type]
    attachment = Attachment(
        opportunity=opportunity,
        original_name=attachment_name(upload.name, content_type),
        content_type=content_type,
        size=len(content),
    )
    attachment.file.save(f"{get_random_string(20)}.{extension}", ContentFile(content), save=False)
    attachment.save()
    return attachment


# ------------------------------------------------------------------------------------------------
# Broadcasts
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def broadcast_save(*, actor: User, data: dict, needs=None, criteria=None, broadcast: Broadcast | None = None):
    """Create or change a broadcast; its evaluation criteria are fixed once it opens."""
    if broadcast is not None:
        broadcast = locked(broadcast)
    if broadcast is not None and criteria is not None and broadcast.status != Broadcast.Status.DRAFT:
        raise ValidationError(
            {"criteria": [_("The evaluation criteria are fixed once the broadcast opens.")]}
        )
    was_open = broadcast is not None and broadcast.status == Broadcast.Status.OPEN
    broadcast = save_with_history(assign(broadcast or Broadcast(), data), actor=actor)
    if needs is not None:
        if any(n.engagement_id != broadcast.engagement_id for n in needs):
            raise ValidationError({"needs": [_("Choose needs of the same engagement.")]})
        broadcast.needs.set(needs)
    if criteria is not None:
        broadcast.criteria.all().delete()
        for row in criteria:
            broadcast.criteria.create(**row)
    if broadcast.status == Broadcast.Status.OPEN and not broadcast.criteria.exists():
        raise ValidationError(
            {"criteria": [_("Set the evaluation criteria and their weights before opening.")]}
        )
    if broadcast.status == Broadcast.Status.OPEN and not was_open:
        publish_event(webhook_events.BROADCAST_PUBLISHED, data={"broadcast": _broadcast_reference(broadcast)})
    return broadcast


@transaction.atomic
def broadcasts_announce_closing(*, today: datetime.date | None = None) -> int:
    """Tell partners (webhook ``broadcast.closing``) of each open broadcast that closes within
    ``BROADCAST_CLOSING_NOTICE_DAYS``, once per broadcast however often the task runs."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.BROADCAST_CLOSING_NOTICE_DAYS)
    closing = list(
        Broadcast.objects.select_for_update(skip_locked=True)
        .filter(
            status=Broadcast.Status.OPEN,
            closes_on__gte=today,
            closes_on__lte=horizon,
            closing_announced_on__isnull=True,
        )
        .order_by("closes_on", "id")
    )
    for broadcast in closing:
        publish_event(webhook_events.BROADCAST_CLOSING, data={"broadcast": _broadcast_reference(broadcast)})
    Broadcast.objects.filter(pk__in=[b.pk for b in closing]).update(closing_announced_on=today)
    return len(closing)


# ------------------------------------------------------------------------------------------------
# Matching (the scoring and the writes are in matching.py; the team confirms here)
# ------------------------------------------------------------------------------------------------
@transaction.atomic
def match_confirm(*, match: Match, actor: User) -> Match:
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.confirmed_at is None:  # confirming twice keeps the first confirmation
        match.confirmed_by, match.confirmed_at = actor, timezone.now()
        match.save(update_fields=["confirmed_by", "confirmed_at"])
    return match


REASON_LABELS = {  # shown to the team next to each match
    "category": gettext_lazy("shares a need category"),
    "broadcast": gettext_lazy("answers the broadcast of this need"),
    "maturity": gettext_lazy("mature enough to pilot (TRL 6 or more)"),
    "population": gettext_lazy("speaks of the same population"),
    "languages": gettext_lazy("works in Hebrew or Arabic"),
}
