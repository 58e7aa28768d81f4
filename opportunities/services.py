"""Writes of stage B2: partners joining, opportunity profiles and their revisions, attachments,
the pipeline, broadcasts, and matching opportunities to needs and initiatives.
"""

from django.conf import settings
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
from api_human.core.services import assign, partner_key_issue, partner_key_revoke, save_with_history
from initiatives.models import Initiative, Need

from .models import Attachment, Broadcast, Match, Opportunity, OpportunityRevision


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
    """A digital-world organisation asks to join; it waits for the team's approval."""
    if Organization.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": [_("An organisation with this name already exists.")]})
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


@transaction.atomic
def partner_approve(*, organization: Organization, actor: User) -> tuple[PartnerKey, str]:
    """Approve a registration: the contact becomes an active partner and gets an API key, shown once."""
    organization = locked(organization)
    if organization.partner_status != PartnerStatus.PENDING:
        raise ValidationError(
            {"partner_status": [_("Only a registration waiting for approval can be approved.")]}
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
            {"partner_status": [_("Only a registration waiting for approval can be declined.")]}
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


@transaction.atomic
def partner_key_rotate(*, key: PartnerKey) -> tuple[PartnerKey, str]:
    """A new key for the same partner; the old one stops working at once (a key rotates only once)."""
    key = locked(key)
    if key.revoked:
        raise ValidationError({"key": [_("This key has already been rotated or revoked.")]})
    new_key, raw = partner_key_issue(user=key.user, name=key.name)
    partner_key_revoke(key=key)
    return new_key, raw


# ------------------------------------------------------------------------------------------------
# Opportunity profiles
# ------------------------------------------------------------------------------------------------
def _check_broadcast(data):
    broadcast = data.get("broadcast")
    if broadcast is not None and broadcast.status != Broadcast.Status.OPEN:
        raise ValidationError({"broadcast": [_("Answer only a broadcast that is open.")]})


@transaction.atomic
def opportunity_create(*, actor: User, data: dict) -> Opportunity:
    _check_broadcast(data)
    return save_with_history(
        Opportunity(organization=actor.organization, created_by=actor, **data), actor=actor
    )


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, actor: User, data: dict) -> Opportunity:
    opportunity = locked(opportunity)
    if opportunity.state != Opportunity.State.DRAFT:
        raise ValidationError(
            {"state": [_("A submitted profile is not edited in place: revise it to open a new draft.")]}
        )
    _check_broadcast(data)
    return save_with_history(assign(opportunity, data), actor=actor)


def _snapshot(opportunity: Opportunity) -> dict:
    data = {
        field: getattr(opportunity, field) for field in Opportunity.PARTNER_FIELDS if field != "broadcast"
    }
    data["broadcast"] = opportunity.broadcast_id
    data["attachments"] = list(opportunity.attachments.values_list("original_name", flat=True))
    return data


@transaction.atomic
def opportunity_submit(*, opportunity: Opportunity, actor: User) -> Opportunity:
    """Freeze the draft as a new revision and send it to the team; matching runs in the background
    (the outbox message is written with the revision, so a submission is never left unmatched)."""
    opportunity = locked(opportunity)
    if opportunity.state != Opportunity.State.DRAFT:
        raise ValidationError({"state": [_("This revision has already been submitted.")]})
    if not opportunity.summary.strip() or not opportunity.need_categories:
        raise ValidationError(
            {"summary": [_("Before submitting, write a summary and choose need categories.")]}
        )
    opportunity.revision += 1
    opportunity.state = Opportunity.State.SUBMITTED
    opportunity.submitted_at = timezone.now()
    save_with_history(opportunity, actor=actor)
    OpportunityRevision.objects.create(
        opportunity=opportunity, number=opportunity.revision, data=_snapshot(opportunity), submitted_by=actor
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
        raise ValidationError({"state": [_("Only a submitted profile can be revised.")]})
    opportunity.state = Opportunity.State.DRAFT
    return save_with_history(opportunity, actor=actor)


@transaction.atomic
def opportunity_set_pipeline(
    *, opportunity: Opportunity, actor: User, pipeline: str, feedback: str = "", decline_reason: str = ""
) -> Opportunity:
    """The team moves the opportunity in the pipeline; the partner reads the feedback."""
    opportunity = locked(opportunity)
    if pipeline == Opportunity.Pipeline.DECLINED and not decline_reason.strip():
        raise ValidationError({"decline_reason": [_("Say why the opportunity is declined.")]})
    opportunity.pipeline = pipeline
    opportunity.decline_reason = decline_reason if pipeline == Opportunity.Pipeline.DECLINED else ""
    if feedback:
        opportunity.feedback = feedback
    return save_with_history(opportunity, actor=actor)


@transaction.atomic
def opportunity_to_initiative(
    *, opportunity: Opportunity, actor: User, initiative: Initiative | None = None, engagement=None
) -> Initiative:
    """The opportunity becomes an initiative (or joins one), with its organisation as the venture."""
    from initiatives.services import initiative_create

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
        from initiatives.models import InitiativePartner

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


def sniff_content_type(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


@transaction.atomic
def attachment_add(*, opportunity: Opportunity, actor: User, upload) -> Attachment:
    opportunity = locked(opportunity)
    if opportunity.state != Opportunity.State.DRAFT:
        raise ValidationError({"file": [_("Attach files to a draft; revise a submitted profile first.")]})
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": [
                    _("The file is larger than %(mb)s MB.")
                    % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}
                ]
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    content = upload.read()
    content_type = sniff_content_type(content[:16])
    if content_type is None:
        raise ValidationError(
            {"file": [_("Only PDF, PNG and JPEG files are accepted (checked by their content).")]}
        )
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    attachment = Attachment(
        opportunity=opportunity, original_name=upload.name[:200], content_type=content_type, size=len(content)
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
    return broadcast


# ------------------------------------------------------------------------------------------------
# Matching
# ------------------------------------------------------------------------------------------------
def _words(text: str) -> set[str]:
    return {w for w in "".join(c if c.isalnum() else " " for c in (text or "").lower()).split() if len(w) > 3}


def match_scores(opportunity: Opportunity, needs, initiatives) -> list[Match]:
    """Score needs and initiatives for an opportunity (0–100) with the reasons, in memory."""
    categories = set(opportunity.need_categories or [])
    broadcast_needs = (
        set(opportunity.broadcast.needs.values_list("pk", flat=True)) if opportunity.broadcast else set()
    )
    population = _words(opportunity.target_population) | _words(opportunity.problem)
    mature = (opportunity.trl or 0) >= 6
    speaks_local = bool({"he", "ar"} & set(opportunity.languages or []))
    results = []

    def score(*, category: str, pk_in_broadcast: bool, text: str):
        reasons, points = [], 0
        if category in categories:
            points += 40
            reasons.append("category")
        if pk_in_broadcast:
            points += 30
            reasons.append("broadcast")
        if mature:
            points += 10
            reasons.append("maturity")
        if population & _words(text):
            points += 15
            reasons.append("population")
        if speaks_local:
            points += 5
            reasons.append("languages")
        return points, reasons

    for need in needs:
        points, reasons = score(
            category=need.category,
            pk_in_broadcast=need.pk in broadcast_needs,
            text=f"{need.title} {need.description}",
        )
        if points >= 40:
            results.append(Match(opportunity=opportunity, need=need, score=points, reasons=reasons))
    for initiative in initiatives:
        best = max(
            (
                score(
                    category=n.category,
                    pk_in_broadcast=n.pk in broadcast_needs,
                    text=f"{initiative.title} {initiative.solution}",
                )
                for n in initiative.needs.all()
            ),
            default=(0, []),
        )
        if best[0] >= 40:
            results.append(
                Match(opportunity=opportunity, initiative=initiative, score=best[0], reasons=best[1])
            )
    return results


@transaction.atomic
def opportunity_match(*, opportunity: Opportunity, revision: int | None = None) -> int:
    """Replace the unconfirmed matches of an opportunity with those of its current revision; a fixed
    number of queries however many needs. Idempotent: run twice (a redelivered task), it leaves the
    same matches; asked for an older revision than the one submitted now, it does nothing (the newer
    revision's own task matches it)."""
    opportunity = (
        Opportunity.objects.select_for_update(of=("self",)).select_related("broadcast").get(pk=opportunity.pk)
    )
    if revision is not None and revision != opportunity.revision:
        return 0
    needs = Need.objects.exclude(status__in=[Need.Status.ANSWERED, Need.Status.DROPPED])
    initiatives = Initiative.objects.exclude(status=Initiative.Status.STOPPED).prefetch_related("needs")
    found = match_scores(opportunity, needs, initiatives)
    opportunity.matches.filter(confirmed_at__isnull=True).delete()
    confirmed = set(opportunity.matches.values_list("need_id", "initiative_id"))
    fresh = [m for m in found if (m.need_id, m.initiative_id) not in confirmed]
    for match in fresh:
        match.revision = opportunity.revision
    Match.objects.bulk_create(fresh)
    return len(fresh)


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
