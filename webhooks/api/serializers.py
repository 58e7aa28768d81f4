from rest_framework import serializers

from api_human.core.api.strict import StrictFieldsMixin

from ..events import SUBSCRIBABLE, SUBSCRIBABLE_CHOICES
from ..models import WebhookDelivery, WebhookEndpoint, validate_endpoint_url
from .schema import EndpointURLField


class WebhookEndpointSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """An endpoint as it is read: never with its secret."""

    url = EndpointURLField(
        max_length=500,
        validators=[validate_endpoint_url],
        help_text="Where the events are POSTed: `https://` to a public host (no user name or password in "
        "it, no private network address).",
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE_CHOICES),
        allow_empty=False,
        min_length=1,
        max_length=len(SUBSCRIBABLE),
        help_text="The events to send to this endpoint: "
        + ", ".join(f"`{name}`" for name in SUBSCRIBABLE)
        + ". Each is kept once. (`ping` is sent only by the test action.)",
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "events",
            "active",
            "disabled_reason",
            "disabled_at",
            "consecutive_failures",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = [
            "id",
            "active",
            "disabled_reason",
            "disabled_at",
            "consecutive_failures",
            "created_at",
            "updated_at",
            "version",
        ]
        extra_kwargs = {
            "disabled_reason": {"help_text": "Why the endpoint was switched off (`failures`), or empty."},
            "consecutive_failures": {
                "help_text": "Failed attempts in a row; at `WEBHOOKS_DISABLE_AFTER` (20) the endpoint is disabled."
            },
        }

    def validate_events(self, value):
        return list(dict.fromkeys(value))  # each once, in the order given


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    """An endpoint just created, or whose secret was just rotated: the only answers with the secret."""

    secret = serializers.CharField(
        read_only=True,
        help_text="Shown once. Verify each delivery's `Webhook-Signature` with it; keep it secret.",
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event",
            "is_test",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "first_attempt_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "event_id": {
                "help_text": "The `Webhook-Id` header and the payload's `id`: the same on every retry."
            },
            "status": {
                "help_text": "`pending`: not sent yet; `succeeded`: answered 2xx; `failed`: the last attempt "
                "failed, `next_attempt_at` says when the next one is (none for a test); `dead`: given up."
            },
            "last_error": {"help_text": "What went wrong on the last attempt, in short."},
        }
