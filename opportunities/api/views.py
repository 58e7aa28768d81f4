"""The partner API (the contract partners code against) and the team's opportunities endpoints."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api_human.core.api.concurrency import WriteSafetyMixin
from api_human.core.api.permissions import RoleAccess
from api_human.core.api.views import MINISTRY_SIDE, TEAM_ONLY, record_viewset
from api_human.core.models import PartnerKey, Role

from .. import filtersets, services
from ..models import Broadcast, KnowledgeFlow, Match, Opportunity, ScoutingActivity
from . import serializers
from .throttling import PartnerKeyThrottle

PARTNERS = frozenset({Role.PARTNER})
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Repeat a POST with the same key and you get the first answer again (nothing is done twice).",
)
OPPORTUNITY_EXAMPLE = OpenApiExample(
    "A remote-services venture",
    value={
        "title": "Remote community services for older people",
        "summary": "Connects older people at home with day centres, services and family by video.",
        "problem": "Loneliness of older people who cannot reach the day centre",
        "target_population": "older people living at home",
        "need_categories": ["citizen_services"],
        "maturity": "in_use",
        "languages": ["he", "ar", "ru"],
        "personal_data": True,
        "hosting": "Israel",
        "privacy_assessment_done": True,
        "contact_name": "Dan Levi",
        "contact_email": "dan@example.com",
    },
    request_only=True,
)


class PartnerViewMixin(WriteSafetyMixin):
    """Partner endpoints: for partners only (others get 404), throttled per API key."""

    permission_classes = [RoleAccess]
    read_roles = write_roles = PARTNERS
    destroy_roles = frozenset()
    throttle_classes = [PartnerKeyThrottle]


@extend_schema(
    tags=["partner"],
    summary="Ask to join as a partner organisation",
    request=serializers.RegisterSerializer,
    responses={201: serializers.RegisterSerializer},
    examples=[
        OpenApiExample(
            "Registration",
            request_only=True,
            value={
                "name": "Example Care Ltd",
                "kind": "startup",
                "website": "https://example.com",
                "description": "Remote services for older people",
                "contact_name": "Dan Levi",
                "contact_email": "dan@example.com",
            },
        )
    ],
)
class PartnerRegisterView(WriteSafetyMixin, APIView):
    """Creates a pending organisation and its contact. The team approves it; approval issues an API key."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle]

    def post(self, request):
        payload = serializers.RegisterSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        organization = services.partner_register(**payload.validated_data)
        return Response(
            {"organization": organization.pk, "partner_status": organization.partner_status},
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(
    list=extend_schema(tags=["partner"], summary="Open broadcasts (needs published to you)"),
    retrieve=extend_schema(tags=["partner"]),
)
class PartnerBroadcastViewSet(
    PartnerViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Broadcast.objects.open_to_partners().prefetch_related("criteria")
    serializer_class = serializers.PartnerBroadcastSerializer
    ordering = ("closes_on", "id")


@extend_schema_view(
    list=extend_schema(tags=["partner"], summary="Your organisation's opportunity profiles"),
    retrieve=extend_schema(tags=["partner"], summary="One profile, with its pipeline status and feedback"),
    create=extend_schema(
        tags=["partner"], summary="Start a draft", parameters=[IDEMPOTENCY], examples=[OPPORTUNITY_EXAMPLE]
    ),
    partial_update=extend_schema(tags=["partner"], summary="Change a draft"),
    update=extend_schema(tags=["partner"], summary="Replace a draft"),
)
class PartnerOpportunityViewSet(
    PartnerViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Opportunity profiles of the partner's own organisation; anyone else's is a 404."""

    queryset = Opportunity.objects.prefetch_related("attachments")
    serializer_class = serializers.PartnerOpportunitySerializer
    ordering = ("-id",)

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(
        tags=["partner"],
        request=None,
        parameters=[IDEMPOTENCY],
        summary="Submit the draft: it becomes a revision the team sees",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, **kwargs):
        opportunity = services.opportunity_submit(opportunity=self.get_object(), actor=request.user)
        return Response(self.get_serializer(opportunity).data)

    @extend_schema(tags=["partner"], request=None, summary="Open a new draft from the submitted profile")
    @action(detail=True, methods=["post"])
    def revise(self, request, **kwargs):
        opportunity = services.opportunity_revise(opportunity=self.get_object(), actor=request.user)
        return Response(self.get_serializer(opportunity).data)

    @extend_schema(
        tags=["partner"],
        request={"multipart/form-data": serializers.AttachmentUploadSerializer},
        responses={201: serializers.AttachmentSerializer},
        parameters=[IDEMPOTENCY],
        summary="Attach a PDF, PNG or JPEG to the draft",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def attachments(self, request, **kwargs):
        payload = serializers.AttachmentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            opportunity=self.get_object(), actor=request.user, upload=payload.validated_data["file"]
        )
        return Response(serializers.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["partner"],
    request=None,
    responses={201: serializers.KeySerializer},
    summary="Rotate your API key: a new key (shown once); the one you used stops working",
)
class PartnerKeyRotateView(PartnerViewMixin, APIView):
    def post(self, request):

        if not isinstance(request.auth, PartnerKey):
            return Response(
                {
                    "status": 400,
                    "code": "invalid",
                    "message": "Call this with the key to rotate.",
                    "fields": {},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        key, raw = services.partner_key_rotate(key=request.auth)
        return Response({"prefix": key.prefix, "key": raw}, status=status.HTTP_201_CREATED)


# ------------------------------------------------------------------------------------------------
# The team's side
# ------------------------------------------------------------------------------------------------
class OpportunityViewSet(
    WriteSafetyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Submitted opportunity profiles, with revisions, attachments and matches; the team moves the pipeline."""

    queryset = Opportunity.objects.select_related("organization").prefetch_related(
        "attachments", "revisions", Prefetch("matches", queryset=Match.objects.order_by("-score"))
    )
    serializer_class = serializers.TeamOpportunitySerializer
    filterset_class = filtersets.OpportunityFilterSet
    permission_classes = [RoleAccess]
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = frozenset()
    ordering = ("-submitted_at", "-id")

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    @extend_schema(
        request=serializers.PipelineSerializer, responses={200: serializers.TeamOpportunitySerializer}
    )
    @action(detail=True, methods=["post"])
    def pipeline(self, request, **kwargs):
        payload = serializers.PipelineSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        opportunity = services.opportunity_set_pipeline(
            opportunity=self.get_object(), actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=opportunity.pk)).data)

    @extend_schema(request=None, responses={200: serializers.MatchSerializer})
    @action(detail=True, methods=["post"], url_path=r"matches/(?P<match_pk>\d+)/confirm")
    def confirm_match(self, request, match_pk, **kwargs):
        match = get_object_or_404(self.get_object().matches, pk=match_pk)
        return Response(
            serializers.MatchSerializer(services.match_confirm(match=match, actor=request.user)).data
        )


BroadcastViewSet = record_viewset(
    Broadcast, serializers.BroadcastSerializer, filtersets.BroadcastFilterSet, prefetch=["needs", "criteria"]
)
ScoutingActivityViewSet = record_viewset(
    ScoutingActivity,
    serializers.ScoutingActivitySerializer,
    filtersets.ScoutingActivityFilterSet,
    prefetch=["organizations", "needs"],
)
KnowledgeFlowViewSet = record_viewset(
    KnowledgeFlow, serializers.KnowledgeFlowSerializer, filtersets.KnowledgeFlowFilterSet
)
