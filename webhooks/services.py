"""Writes of the webhooks app: endpoints, publishing events, and delivering them.

Publishing (``publish_event``) writes one ``WebhookDelivery`` per subscribed endpoint and an outbox
message for each, in the caller's transaction: nothing is sent for a change that rolls back, and
nothing is lost while Redis or the workers are away (the outbox dispatcher sends the message later).

A delivery is attempted by ``attempt_delivery`` (the task ``webhooks.deliver``). The delivery row is
the schedule: an attempt first claims it under a row lock — only a delivery that is due
(``next_attempt_at`` passed) may be claimed, and claiming pushes ``next_attempt_at`` past the
attempt's longest duration (a lease) — then sends with no transaction open, then records the
outcome. A failure sets the next attempt after an exponential backoff; ``send_due`` (beat, every
``WEBHOOKS_SEND_DUE_SECONDS``) sends whatever is due again. So any number of duplicate messages, a
lost message or a worker that died mid-attempt still give one attempt per due time.
"""

import json
import logging
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from api_human.core.concurrency import locked
from api_human.core.models import Organization, Role, User
from api_human.core.outbox import outbox_enqueue
from api_human.core.prepared import NUMBER, Prepared
from api_human.core.services import assign, save_with_history

from . import transport
from .events import PING, SUBSCRIBABLE
from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)
Status = WebhookDelivery.Status
DELIVER_TASK = "webhooks.deliver"
NOTIFY_TASK = "webhooks.notify_disabled"
SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret
# An attempt may take the connect and the read time-outs, and a little more.
LEASE_MARGIN_SECONDS = 60


class EndpointConflict(ValidationError):
    """A valid request that the organisation's endpoints as they are refuse: the most allowed are
    there, or the address is taken. A form shows it as an error; the API answers 409 ``conflict``."""


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def envelope(*, event_id, event: str, created_at, data: dict) -> dict:
    """``{"id", "type", "created_at", "data"}``, made JSON-safe now (dates, decimals and UUIDs become
    strings), so what is stored is exactly what is sent."""
    payload = {"id": str(event_id), "type": event, "created_at": created_at.isoformat(), "data": data}
    return json.loads(transport.encode(payload))


# ------------------------------------------------------------------------------------------------
# Endpoints
# ------------------------------------------------------------------------------------------------
def _partner_organization(actor: User) -> Organization:
    if actor is None or actor.role != Role.PARTNER or not actor.organization_id:
        raise ValidationError(
            _("Webhook endpoints belong to a partner organisation; only its users add them.")
        )
    return Organization.objects.select_for_update().get(pk=actor.organization_id)


def _check_url_free(*, organization_id: int, url: str, exclude_pk=None) -> None:
    taken = WebhookEndpoint.objects.filter(organization_id=organization_id, url=url).exclude(pk=exclude_pk)
    if taken.exists():
        raise EndpointConflict({"url": [_("Your organisation already has an endpoint with this address.")]})


@transaction.atomic
def endpoint_create(*, actor: User, url: str, events: list[str]) -> tuple[WebhookEndpoint, str]:
    """Add an endpoint for the actor's organisation; returns it and its secret (shown once). The
    organisation's row is locked, so two requests at once cannot pass the cap together."""
    organization = _partner_organization(actor)
    limit = settings.WEBHOOKS_MAX_ENDPOINTS
    if WebhookEndpoint.objects.filter(organization=organization).count() >= limit:
        raise EndpointConflict(
            _("Your organisation already has %(limit)s endpoints, the most allowed; delete one first.")
            % {"limit": limit}
        )
    _check_url_free(organization_id=organization.pk, url=url)
    secret = new_secret()
    endpoint = WebhookEndpoint(
        organization=organization, url=url, events=list(events), secret=secret, created_by=actor
    )
    save_with_history(endpoint, actor=actor)
    return endpoint, secret


@transaction.atomic
def endpoint_update(*, endpoint: WebhookEndpoint, actor: User, data: dict) -> WebhookEndpoint:
    """Change the address and/or the events. A new address starts with a clean failure count."""
    data = {name: value for name, value in data.items() if name in {"url", "events"}}
    endpoint = locked(endpoint)
    if "url" in data and data["url"] != endpoint.url:
        _check_url_free(organization_id=endpoint.organization_id, url=data["url"], exclude_pk=endpoint.pk)
        endpoint.consecutive_failures = 0
    return save_with_history(assign(endpoint, data), actor=actor)


@transaction.atomic
def endpoint_delete(*, endpoint: WebhookEndpoint, actor: User) -> None:
    """Delete an endpoint and its delivery log; retries still waiting are dropped with it."""
    endpoint._history_user = actor
    endpoint.delete()


@transaction.atomic
def endpoint_rotate_secret(*, endpoint: WebhookEndpoint, actor: User) -> tuple[WebhookEndpoint, str]:
    """A new secret (returned once); every attempt from now on, retries included, is signed with it."""
    endpoint = locked(endpoint)
    endpoint.secret = new_secret()
    save_with_history(endpoint, actor=actor)
    return endpoint, endpoint.secret


@transaction.atomic
def endpoint_enable(*, endpoint: WebhookEndpoint, actor: User) -> WebhookEndpoint:
    """Switch an endpoint on again (after it was disabled automatically): new events are delivered
    to it from now on, with a clean failure count."""
    endpoint = locked(endpoint)
    if endpoint.active:
        return endpoint
    endpoint.active = True
    endpoint.disabled_reason = WebhookEndpoint.DisabledReason.NONE
    endpoint.disabled_at = None
    endpoint.consecutive_failures = 0
    return save_with_history(endpoint, actor=actor)


def _disable_for_failures(endpoint_id: int) -> None:
    """Switch the endpoint off after ``WEBHOOKS_DISABLE_AFTER`` failed attempts in a row, and tell
    the organisation's partner users (an e-mail, through the outbox: sent only if this commits)."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
    if not endpoint.active:
        return
    endpoint.active = False
    endpoint.disabled_reason = WebhookEndpoint.DisabledReason.FAILURES
    endpoint.disabled_at = timezone.now()
    endpoint._history_user = None  # the platform did it; no validation: nothing the partner set changes
    endpoint.save(update_fields=["active", "disabled_reason", "disabled_at", "updated_at"])
    logger.warning(
        "webhooks: endpoint #%s disabled after %s failed attempts in a row",
        endpoint.pk,
        endpoint.consecutive_failures,
    )
    outbox_enqueue(NOTIFY_TASK, kwargs={"endpoint_id": endpoint.pk})


def notify_disabled(*, endpoint_id: int) -> int:
    """E-mail the partner users of the endpoint's organisation that it was disabled (in the
    platform's language, as the other notices); returns how many were sent."""
    endpoint = WebhookEndpoint.objects.select_related("organization").filter(pk=endpoint_id).first()
    if endpoint is None or endpoint.active:
        return 0
    emails = list(
        User.objects.filter(organization_id=endpoint.organization_id, role=Role.PARTNER, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if not emails:
        return 0
    last = endpoint.deliveries.exclude(last_error="").order_by("-last_attempt_at", "-id").first()
    with translation.override(settings.LANGUAGE_CODE), get_connection() as mail:
        subject = _("A webhook endpoint of %(organization)s was disabled") % {
            "organization": endpoint.organization.name
        }
        body = render_to_string(
            "webhooks/email_disabled.txt",
            {
                "endpoint": endpoint,
                "failures": endpoint.consecutive_failures,
                "last_error": last.last_error if last else "",
            },
        )
        mail.send_messages(
            [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
        )
    return len(emails)


# ------------------------------------------------------------------------------------------------
# Publishing
# ------------------------------------------------------------------------------------------------
def _dedupe_key(delivery_id: int) -> str:
    return f"{DELIVER_TASK}:{delivery_id}"


def _schedule(delivery_ids) -> None:
    for delivery_id in delivery_ids:
        outbox_enqueue(DELIVER_TASK, kwargs={"delivery_id": delivery_id}, dedupe_key=_dedupe_key(delivery_id))


def _endpoints():
    """Active endpoints of organisations with an active partner user: id and events, in order."""
    return (
        WebhookEndpoint.objects.filter(active=True)
        .filter(
            Exists(
                User.objects.filter(
                    organization=OuterRef("organization_id"), role=Role.PARTNER, is_active=True
                )
            )
        )
        .only("pk", "events")
        .order_by("pk")
    )


# One organisation's (compiled once per process: published after every matching).
ENDPOINTS_OF = Prepared(
    lambda organization_id: _endpoints().filter(organization_id=organization_id), placeholder=NUMBER
)


def publish_event(event: str, *, data: dict, organization_ids=None) -> list[WebhookDelivery]:
    """Tell the partners' endpoints that ``event`` happened.

    ``organization_ids=None``: every partner organisation with an active endpoint subscribed to
    ``event`` (broadcast events); otherwise only those organisations. One delivery per endpoint, all
    with the same event id; they are sent after the caller's transaction commits (through the
    outbox), and not at all if it rolls back. Organisations with no active partner user get nothing.
    """
    if event not in SUBSCRIBABLE:
        raise ValueError(f"unknown webhook event {event!r}; see webhooks.events.CATALOGUE")
    if organization_ids is None:
        endpoints = _endpoints()
    else:
        organization_ids = list(organization_ids)
        if not organization_ids:
            return []
        if len(organization_ids) == 1:  # an organisation's event (a match)
            endpoints = ENDPOINTS_OF.list(organization_ids[0])
        else:
            endpoints = _endpoints().filter(organization_id__in=organization_ids)
    # Few rows (a handful per organisation); the subscription test is done here, as JSON containment
    # is not portable across databases.
    subscribed = [e for e in endpoints if event in e.events]
    if not subscribed:
        return []
    event_id, now = uuid.uuid4(), timezone.now()
    payload = envelope(event_id=event_id, event=event, created_at=now, data=data)
    with transaction.atomic():  # the deliveries and their messages (only when there are some to write)
        deliveries = WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    endpoint_id=endpoint.pk,
                    event_id=event_id,
                    event=event,
                    payload=payload,
                    created_at=now,
                    next_attempt_at=now,
                )
                for endpoint in subscribed
            ]
        )
        _schedule(d.pk for d in deliveries)
    return deliveries


# ------------------------------------------------------------------------------------------------
# Delivering
# ------------------------------------------------------------------------------------------------
def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: base, 2×base, 4×base… up to the cap."""
    base = settings.WEBHOOKS_RETRY_BASE_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.WEBHOOKS_RETRY_MAX_DELAY_SECONDS)
    return timedelta(seconds=seconds)


def _lease() -> timedelta:
    return timedelta(seconds=2 * settings.WEBHOOKS_TIMEOUT_SECONDS + LEASE_MARGIN_SECONDS)


@transaction.atomic
def _claim(delivery_id: int):
    """Take a due delivery for one attempt: (delivery, attempt number, url, secret), or None when it
    is not due (finished, waiting for its next attempt, or being attempted by someone else)."""
    now = timezone.now()
    delivery = (
        WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("endpoint")
        .filter(pk=delivery_id, status__in=[Status.PENDING, Status.FAILED], next_attempt_at__lte=now)
        .first()
    )
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    if not endpoint.active:
        delivery.status, delivery.next_attempt_at = Status.DEAD, None
        delivery.last_error = "Not sent: the endpoint is disabled."
        delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
        return None
    delivery.attempts += 1
    delivery.first_attempt_at = delivery.first_attempt_at or now
    delivery.last_attempt_at = now
    delivery.next_attempt_at = now + _lease()
    delivery.save(update_fields=["attempts", "first_attempt_at", "last_attempt_at", "next_attempt_at"])
    return delivery, delivery.attempts, endpoint.url, endpoint.secret


def _send(delivery: WebhookDelivery, *, url: str, secret: str) -> transport.Outcome:
    body = transport.encode(delivery.payload)
    return transport.post(
        url, body=body, headers=transport.headers(secret=secret, event_id=delivery.event_id, body=body)
    )


@transaction.atomic
def _record(delivery: WebhookDelivery, attempt: int, outcome: transport.Outcome) -> WebhookDelivery | None:
    """Write what the attempt got: delivered, or failed with the next attempt after the backoff, or
    given up once the next attempt would fall outside ``WEBHOOKS_RETRY_FOR`` from the first. Counts
    the endpoint's failures in a row (test events do not count) and disables it at the limit."""
    # Locks in the order a deletion takes them (the endpoint, then its deliveries): no deadlock.
    WebhookEndpoint.objects.select_for_update().filter(pk=delivery.endpoint_id).exists()
    delivery_id = delivery.pk
    delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None or delivery.attempts != attempt:
        return None  # deleted meanwhile, or its lease ran out and another attempt took over
    now = timezone.now()
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error[: WebhookDelivery._meta.get_field("last_error").max_length]
    endpoints = WebhookEndpoint.objects.filter(pk=delivery.endpoint_id)
    if outcome.ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = Status.SUCCEEDED, now, None
        if not delivery.is_test:
            endpoints.filter(consecutive_failures__gt=0).update(consecutive_failures=0)
    elif delivery.is_test:
        delivery.status, delivery.next_attempt_at = Status.FAILED, None  # a test is sent once
    else:
        next_at = now + backoff(attempt)
        window_ends = (delivery.first_attempt_at or now) + timedelta(seconds=settings.WEBHOOKS_RETRY_FOR)
        if next_at > window_ends:
            delivery.status, delivery.next_attempt_at = Status.DEAD, None
        else:
            delivery.status, delivery.next_attempt_at = Status.FAILED, next_at
        endpoints.update(consecutive_failures=F("consecutive_failures") + 1)
        failures = endpoints.values_list("consecutive_failures", flat=True).first() or 0
        if failures >= settings.WEBHOOKS_DISABLE_AFTER:
            _disable_for_failures(delivery.endpoint_id)
    delivery.save(
        update_fields=["status", "last_status_code", "last_error", "delivered_at", "next_attempt_at"]
    )
    return delivery


def attempt_delivery(delivery_id: int) -> str | None:
    """One attempt of a due delivery (the task ``webhooks.deliver``); returns its status afterwards,
    or None when there was nothing to do. No transaction is open while the receiver is called."""
    claimed = _claim(delivery_id)
    if claimed is None:
        return None
    delivery, attempt, url, secret = claimed
    outcome = _send(delivery, url=url, secret=secret)
    recorded = _record(delivery, attempt, outcome)
    return recorded.status if recorded else None


def send_test(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send a ``ping`` to the endpoint now (even a disabled one: check it before enabling it) and
    return the delivery with the outcome. A test is attempted once and counts for nothing."""
    now = timezone.now()
    event_id = uuid.uuid4()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=event_id,
        event=PING,
        is_test=True,
        payload=envelope(event_id=event_id, event=PING, created_at=now, data={"endpoint_id": endpoint.pk}),
        attempts=1,
        first_attempt_at=now,
        last_attempt_at=now,
        next_attempt_at=None,  # claimed here: nothing else attempts it
    )
    outcome = _send(delivery, url=endpoint.url, secret=endpoint.secret)
    return _record(delivery, 1, outcome) or delivery


def due_deliveries(now=None):
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        status__in=[Status.PENDING, Status.FAILED], next_attempt_at__lte=now
    )


def send_due(*, limit: int = 500) -> dict:
    """Beat: schedule an attempt of every delivery that is due (a retry whose time has come, or one
    whose message or worker was lost); deliveries of a disabled endpoint are given up."""
    now = timezone.now()
    dead = (
        due_deliveries(now)
        .filter(endpoint__active=False)
        .update(status=Status.DEAD, next_attempt_at=None, last_error="Not sent: the endpoint is disabled.")
    )
    ids = list(
        due_deliveries(now)
        .filter(endpoint__active=True)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    with transaction.atomic():
        _schedule(ids)
    return {"due": len(ids), "dead": dead}


def purge_deliveries() -> int:
    """Forget finished deliveries older than ``WEBHOOKS_KEEP_DAYS`` (nightly)."""
    cutoff = timezone.now() - timedelta(days=settings.WEBHOOKS_KEEP_DAYS)
    deleted, _rows = WebhookDelivery.objects.filter(
        created_at__lt=cutoff, next_attempt_at__isnull=True
    ).delete()
    return deleted
