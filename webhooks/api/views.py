"""The partner API of webhooks: ``/api/v1/partner/webhooks/``."""

from contextlib import contextmanager

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api_human.core.api.concurrency import WriteSafetyMixin
from api_human.core.api.errors import Conflict
from api_human.core.api.pagination import CursorPagination
from api_human.core.api.permissions import RoleAccess
from api_human.core.models import Role

from .. import services
from ..events import CATALOGUE, PING, SUBSCRIBABLE
from ..models import WebhookEndpoint
from . import serializers

PARTNERS = frozenset({Role.PARTNER})
TAGS = ["partner"]
NO_STORE = "no-store"
SECRET_ACTIONS = frozenset({"create", "rotate_secret"})  # answers that hold the signing secret

ENDPOINT = {
    "id": 7,
    "url": "https://hooks.example.com/human-api",
    "events": ["opportunity.pipeline_changed", "broadcast.published"],
    "active": True,
    "disabled_reason": "",
    "disabled_at": None,
    "consecutive_failures": 0,
    "created_at": "2026-01-12T09:30:00+02:00",
    "updated_at": "2026-01-12T09:30:00+02:00",
    "version": 1,
}
SECRET = "whsec_3q2-7wZk0vX8yQk9sE1mB4nL6pR0tU2aC5dF7hJ9kM"  # noqa: S105 - an example
DELIVERY = {
    "id": 311,
    "event_id": "6f1c2b7e-3f4d-4a8e-9c51-2d7b8e0a4c19",
    "event": "opportunity.pipeline_changed",
    "is_test": False,
    "status": "failed",
    "attempts": 2,
    "last_status_code": 503,
    "last_error": "HTTP 503 Service Unavailable",
    "created_at": "2026-01-12T10:00:00+02:00",
    "first_attempt_at": "2026-01-12T10:00:01+02:00",
    "last_attempt_at": "2026-01-12T10:01:02+02:00",
    "next_attempt_at": "2026-01-12T10:03:02+02:00",
    "delivered_at": None,
    "payload": {
        "id": "6f1c2b7e-3f4d-4a8e-9c51-2d7b8e0a4c19",
        "type": "opportunity.pipeline_changed",
        "created_at": "2026-01-12T10:00:00.123456+02:00",
        "data": CATALOGUE["opportunity.pipeline_changed"].example,
    },
}
PING_DELIVERY = {
    **DELIVERY,
    "id": 312,
    "event_id": "0b8e61d2-95a3-4c07-8f1e-5a4d3c2b1a09",
    "event": PING,
    "is_test": True,
    "status": "succeeded",
    "attempts": 1,
    "last_status_code": 200,
    "last_error": "",
    "next_attempt_at": None,
    "delivered_at": "2026-01-12T10:05:00+02:00",
    "payload": {
        "id": "0b8e61d2-95a3-4c07-8f1e-5a4d3c2b1a09",
        "type": PING,
        "created_at": "2026-01-12T10:05:00.000000+02:00",
        "data": {"endpoint_id": 7},
    },
}
CREATE_EXAMPLE = OpenApiExample(
    "Pipeline changes and new broadcasts",
    value={"url": "https://hooks.example.com/human-api", "events": list(ENDPOINT["events"])},
    request_only=True,
)
WITH_SECRET_EXAMPLE = OpenApiExample(
    "With its secret (shown this once)", value={**ENDPOINT, "secret": SECRET}, response_only=True
)


@contextmanager
def conflicts_as_409():
    """The organisation's endpoints refuse a valid request (limit reached, address taken): 409."""
    try:
        yield
    except services.EndpointConflict as conflict:
        raise Conflict(" ".join(conflict.messages)) from None


class DeliveryPagination(CursorPagination):
    ordering = ("-id",)


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        summary="Your organisation's webhook endpoints",
        examples=[OpenApiExample("An endpoint", value=[ENDPOINT], response_only=True)],
    ),
    retrieve=extend_schema(
        tags=TAGS,
        summary="One webhook endpoint (never its secret)",
        examples=[OpenApiExample("An endpoint", value=ENDPOINT, response_only=True)],
    ),
    create=extend_schema(
        tags=TAGS,
        summary="Add a webhook endpoint; the answer carries its signing secret, once",
        description="HTTPS only. Events: " + ", ".join(f"`{name}`" for name in SUBSCRIBABLE) + ". "
        "An organisation may have `WEBHOOKS_MAX_ENDPOINTS` endpoints (5), each at its own address "
        "(otherwise 409 `conflict`). The answer is the only one "
        "with the `secret` (and is sent with `Cache-Control: no-store`).",
        request=serializers.WebhookEndpointSerializer,
        responses={201: serializers.WebhookEndpointWithSecretSerializer},
        examples=[CREATE_EXAMPLE, WITH_SECRET_EXAMPLE],
    ),
    partial_update=extend_schema(
        tags=TAGS,
        summary="Change an endpoint's address or events",
        examples=[
            OpenApiExample("Only pipeline changes", value={"events": ["opportunity.pipeline_changed"]}),
            OpenApiExample("The endpoint", value=ENDPOINT, response_only=True),
        ],
    ),
    destroy=extend_schema(
        tags=TAGS, summary="Delete an endpoint and its delivery log (retries still waiting are dropped)"
    ),
)
class WebhookEndpointViewSet(
    WriteSafetyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The webhook endpoints of the partner's own organisation; anyone else's is a 404, and so is the
    whole endpoint for the ministry side."""

    permission_classes = [RoleAccess]
    admins_allowed = False  # endpoints belong to a partner organisation: everyone else gets a 404
    unkept_actions = SECRET_ACTIONS  # never stored for an Idempotency-Key replay (they hold the secret)
    read_roles = write_roles = destroy_roles = PARTNERS
    queryset = WebhookEndpoint.objects.all()
    serializer_class = serializers.WebhookEndpointSerializer
    ordering = ("id",)
    ordering_fields = ("id", "created_at")
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with conflicts_as_409():
            endpoint, _secret = services.endpoint_create(actor=request.user, **payload.validated_data)
        return Response(
            serializers.WebhookEndpointWithSecretSerializer(endpoint).data, status=status.HTTP_201_CREATED
        )

    def perform_update(self, serializer):
        with conflicts_as_409():
            serializer.instance = services.endpoint_update(
                endpoint=serializer.instance, actor=self.request.user, data=serializer.validated_data
            )

    def perform_destroy(self, instance):
        services.endpoint_delete(endpoint=instance, actor=self.request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "action", None) in SECRET_ACTIONS:  # also a replayed answer (Idempotency-Key)
            response["Cache-Control"] = NO_STORE
        return response

    def _endpoint_unlocked(self):
        """The endpoint, without the row lock a write takes: sending a test may take seconds, and
        deliveries recording their outcome must not wait on it meanwhile. If-Match still holds."""
        endpoint = generics.GenericAPIView.get_object(self)
        self._check_if_match(endpoint)
        return endpoint

    @extend_schema(
        tags=TAGS,
        summary="Send a test event (`ping`) now; answers with its delivery",
        description="The `ping` is sent at once, signed like every event, and the answer is the "
        "delivery with what your endpoint answered (`status` `succeeded` or `failed`). A test is "
        "sent once, is not retried, does not count towards disabling, and may be sent to a disabled "
        "endpoint (to check it before enabling it).",
        request=None,
        responses={200: serializers.WebhookDeliverySerializer},
        examples=[OpenApiExample("Delivered", value=PING_DELIVERY, response_only=True)],
    )
    @action(detail=True, methods=["post"])
    def test(self, request, **kwargs):
        delivery = services.send_test(endpoint=self._endpoint_unlocked())
        return Response(serializers.WebhookDeliverySerializer(delivery).data)

    @extend_schema(
        tags=TAGS,
        summary="Replace the signing secret; the answer carries the new one, once",
        description="Every attempt from now on — retries of earlier events too — is signed with the new "
        "secret; the old one stops at once.",
        request=None,
        responses={200: serializers.WebhookEndpointWithSecretSerializer},
        examples=[WITH_SECRET_EXAMPLE],
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, **kwargs):
        endpoint, _secret = services.endpoint_rotate_secret(endpoint=self.get_object(), actor=request.user)
        return Response(serializers.WebhookEndpointWithSecretSerializer(endpoint).data)

    @extend_schema(
        tags=TAGS,
        summary="Switch an endpoint on again after it was disabled",
        description="Events from now on are delivered again and the failure count starts from zero; "
        "events that happened while it was disabled are not sent.",
        request=None,
        responses={200: serializers.WebhookEndpointSerializer},
        examples=[OpenApiExample("Active again", value=ENDPOINT, response_only=True)],
    )
    @action(detail=True, methods=["post"])
    def enable(self, request, **kwargs):
        endpoint = services.endpoint_enable(endpoint=self.get_object(), actor=request.user)
        return Response(serializers.WebhookEndpointSerializer(endpoint).data)

    @extend_schema(
        tags=TAGS,
        summary="The endpoint's delivery log, newest first",
        description="One entry per event: its status, attempts, the last HTTP status and error, and "
        "when it was first, last and will next be attempted.",
        responses={200: serializers.WebhookDeliverySerializer(many=True)},
        examples=[
            OpenApiExample(
                "A retry waiting",
                value={"next": None, "previous": None, "results": [DELIVERY]},
                response_only=True,
            )
        ],
    )
    @action(detail=True, methods=["get"], pagination_class=DeliveryPagination, filter_backends=[])
    def deliveries(self, request, **kwargs):
        endpoint = self.get_object()
        paginator = DeliveryPagination()
        page = paginator.paginate_queryset(endpoint.deliveries.order_by("-id"), request)
        return paginator.get_paginated_response(serializers.WebhookDeliverySerializer(page, many=True).data)
