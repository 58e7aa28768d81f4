"""Webhook endpoints of partner organisations, and the log of what was delivered to them.

An endpoint belongs to an organisation (all its partner users manage it) and keeps a change history,
without its secret. Deliveries are a log — one row per event and endpoint, updated on each attempt —
and keep no history of their own.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.core.historical import HistoricalRecords
from api_human.core.models import Organization, Role, Versioned

from .events import SUBSCRIBABLE

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_local_host(host: str) -> bool:
    return (host or "").lower().rstrip(".") in LOCAL_HOSTS


def validate_endpoint_url(value: str) -> None:
    """HTTPS to a public host. ``http://127.0.0.1``/``localhost`` only where
    ``WEBHOOKS_ALLOW_HTTP_LOCALHOST`` is true (development and tests)."""
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise ValidationError(_("Enter a valid address (URL)."), code="invalid") from None
    local_allowed = settings.WEBHOOKS_ALLOW_HTTP_LOCALHOST
    if parts.username or parts.password:
        raise ValidationError(
            _("Do not put a user name or password in the address; check the signature instead."),
            code="credentials",
        )
    if not host:
        raise ValidationError(_("Enter a valid address (URL)."), code="invalid")
    if is_local_host(host):
        if local_allowed and parts.scheme in {"http", "https"}:
            return
        raise ValidationError(
            _("The address must be reachable from the internet; this one points at the server itself."),
            code="local",
        )
    if parts.scheme != "https":
        raise ValidationError(_("The address must start with https://."), code="https")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return  # a name: its addresses are checked again when each delivery is sent
    if not address.is_global:
        raise ValidationError(
            _("The address must be reachable from the internet; this one is a private network address."),
            code="private",
        )


def url_pattern() -> str:
    """The shape of an acceptable address as a regular expression, for the API schema (the full rules,
    private addresses included, are ``validate_endpoint_url``'s)."""
    https = r"https://[^/?#@\s]+"
    if settings.WEBHOOKS_ALLOW_HTTP_LOCALHOST:
        return rf"^({https}|http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?)([/?#]|$)"
    return rf"^{https}([/?#]|$)"


def validate_events(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one event."), code="required")
    unknown = [str(name) for name in value if name not in SUBSCRIBABLE]
    if unknown:
        raise ValidationError(
            _("Unknown events: %(names)s."), code="invalid_choice", params={"names": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each event may be chosen once."), code="duplicate")


class WebhookEndpointQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A partner sees the endpoints of their own organisation; nobody else sees any here (the
        administrators use /admin/)."""
        if not user.is_authenticated or user.role != Role.PARTNER or not user.organization_id:
            return self.none()
        return self.filter(organization_id=user.organization_id)

    editable_by = visible_to


class SecretNotKept(models.Model):
    """Base of the endpoint's history rows. The secret is not kept in the history (excluded); there it
    reads as an empty string, so code that compares every field of the model across history rows
    (``api_human.core.history``: edit conflicts, change logs) sees no change in it."""

    secret = ""

    class Meta:
        abstract = True


class WebhookEndpoint(Versioned):
    """A URL of a partner organisation that receives the events it chose, signed with its secret."""

    class DisabledReason(models.TextChoices):
        NONE = "", _("Not disabled")
        FAILURES = "failures", _("Disabled automatically: too many failed deliveries in a row")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("address (URL)"), max_length=500, validators=[validate_endpoint_url])
    events = models.JSONField(_("events"), default=list, validators=[validate_events])
    # Kept in clear because every delivery is signed with it; shown once (at creation and on rotation),
    # never in reads, never in the change history.
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    active = models.BooleanField(_("active"), default=True)
    disabled_reason = models.CharField(
        _("why it was disabled"), max_length=16, choices=DisabledReason.choices, blank=True
    )
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(
        _("failed attempts in a row"), default=0, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["secret"], bases=[SecretNotKept])
    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "url"],
                name="webhook_endpoint_url_unique",
                violation_error_message=_("Your organisation already has an endpoint with this address."),
            ),
        ]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: its payload (the same bytes' content on every attempt, under the
    same ``event_id``), where it stands, and what the last attempt got."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed; will be retried")
        DEAD = "dead", _("Given up")

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("event id"))
    event = models.CharField(_("event"), max_length=64)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    is_test = models.BooleanField(_("test event"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    first_attempt_at = models.DateTimeField(_("first attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "failed"]),
                name="webhook_delivery_due_idx",
            ),
            models.Index(fields=["endpoint", "-id"], name="webhook_delivery_log_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_delivery_event_once"),
        ]

    def __str__(self):
        return f"{self.event} {self.event_id} → {self.endpoint_id} ({self.status})"
