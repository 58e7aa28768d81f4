"""The partner API (the contract partners code against) and the team's opportunities endpoints."""

from collections.abc import Mapping

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api_human.core.api.concurrency import WriteSafetyMixin
from api_human.core.api.errors import ErrorSerializer
from api_human.core.api.lists import SummaryListMixin, ValuesListMixin, count_of
from api_human.core.api.parsers import JSONParser
from api_human.core.api.permissions import RoleAccess
from api_human.core.api.strict import unknown_fields
from api_human.core.api.throttling import AnonRateThrottle
from api_human.core.api.views import MINISTRY_SIDE, TEAM_ONLY, record_viewset, summary_schema
from api_human.core.models import PartnerKey, Role

from .. import filtersets, services
from ..downloads import attachment_response
from ..models import Attachment, Broadcast, KnowledgeFlow, Match, Opportunity, ScoutingActivity
from . import examples as ex
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
NO_STORE = "no-store"  # every answer that carries a raw API key


class BodySerializerMixin:
    """For an APIView: the serializer of its body (DRF's OPTIONS answer describes it). WriteSafetyMixin's
    ``get_serializer`` expects a GenericAPIView's; this one stands in for it."""

    body_serializer_class = drf_serializers.Serializer

    def get_serializer(self, *args, **kwargs):
        return self.body_serializer_class(*args, **kwargs)


def _errors(*codes):
    """The error answers an operation documents itself (with its own examples); the schema adds the rest."""
    return {code: ErrorSerializer for code in codes}


class PartnerAccess(RoleAccess):
    """``RoleAccess``; a partner's write to one of the profiles is checked on the row in hand (read
    under its lock) by ``Opportunity.editable_by_partner``, the rule of ``editable_by``, not by a query."""

    def has_object_permission(self, request, view, obj):
        if (
            isinstance(obj, Opportunity)
            and request.user.is_partner
            and request.method not in SAFE_METHODS
            and getattr(view, "action", None) not in getattr(view, "action_roles", {})
        ):
            return obj.editable_by_partner(request.user)
        return super().has_object_permission(request, view, obj)


class PartnerViewMixin(WriteSafetyMixin):
    """Partner endpoints: for partners only (others get 404), throttled per organisation."""

    permission_classes = [PartnerAccess]
    admins_allowed = False  # partner endpoints act for a partner organisation: everyone else gets a 404
    read_roles = write_roles = PARTNERS
    destroy_roles = frozenset()
    throttle_classes = [PartnerKeyThrottle]


# ------------------------------------------------------------------------------------------------
# Registration
# ------------------------------------------------------------------------------------------------
@extend_schema(
    tags=["partner"],
    summary="Ask to join as a partner organisation",
    auth=[],  # no credentials: a generated client calls it with its plain Client
    request=serializers.RegisterSerializer,
    responses={201: serializers.RegistrationSerializer, **_errors(400)},
    examples=[ex.REGISTER_REQUEST, ex.REGISTER_RESPONSE, ex.REGISTER_INVALID],
)
class PartnerRegisterView(WriteSafetyMixin, BodySerializerMixin, APIView):
    """Creates a pending organisation and its contact. The team approves it; approval issues an API key.

    The answer is the same whether or not an organisation of that name is already known: the
    directory is not public. Keep ``status_token``: ``status_url`` tells you when the team decides."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle]
    body_serializer_class = serializers.RegisterSerializer

    def post(self, request):
        payload = serializers.RegisterSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        organization = services.partner_register(**payload.validated_data)
        token = services.registration_token(organization)
        answer = {
            "organization": organization.pk,
            "partner_status": organization.partner_status,
            "status_token": token,
            "status_url": reverse("api:partner-registration-status", args=[token]),
        }
        return Response(serializers.RegistrationSerializer(answer).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["partner"],
    summary="Follow your registration: pending, approved or rejected",
    auth=[],
    responses={200: serializers.RegistrationStatusSerializer, **_errors(404)},
    examples=[*ex.REGISTRATION_STATUS_RESPONSES, ex.REGISTRATION_NOT_FOUND],
)
class PartnerRegistrationStatusView(WriteSafetyMixin, BodySerializerMixin, APIView):
    """No key needed: the token the registration answered with is the credential. An unknown or
    altered token is a 404."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle]

    def get(self, request, token):
        organization = services.registration_from_token(token)
        if organization is None:
            raise exceptions.NotFound()
        answer = {
            "partner_status": organization.partner_status,
            "registered_at": organization.created_at,
            "decided_at": services.registration_decided_at(organization),
        }
        return Response(serializers.RegistrationStatusSerializer(answer).data)


# ------------------------------------------------------------------------------------------------
# Broadcasts
# ------------------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(
        tags=["partner"],
        summary="Open broadcasts (needs published to you)",
        responses={200: serializers.PartnerBroadcastSerializer(many=True), **_errors(400)},
        examples=[ex.BROADCAST_RESPONSE, ex.BAD_CURSOR],
    ),
    retrieve=extend_schema(
        tags=["partner"],
        summary="One open broadcast, with its evaluation criteria",
        responses={200: serializers.PartnerBroadcastSerializer, **_errors(404)},
        examples=[ex.BROADCAST_RESPONSE, ex.NOT_FOUND],
    ),
)
class PartnerBroadcastViewSet(
    PartnerViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Broadcast.objects.open_to_partners().prefetch_related("criteria")
    serializer_class = serializers.PartnerBroadcastSerializer
    ordering = ("closes_on", "id")
    ordering_fields = ("closes_on", "opens_on", "id")


# ------------------------------------------------------------------------------------------------
# Opportunity profiles
# ------------------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(
        tags=["partner"],
        summary="Your organisation's opportunity profiles",
        responses={200: serializers.PartnerOpportunitySerializer(many=True), **_errors(400)},
        examples=[ex.PROFILE_RESPONSE, ex.BAD_FILTER],
    ),
    retrieve=extend_schema(
        tags=["partner"],
        summary="One profile, with its pipeline status, the team's feedback and any decline reason",
        responses={200: serializers.PartnerOpportunitySerializer, **_errors(404)},
        examples=[ex.PROFILE_RESPONSE, ex.DECLINED_RESPONSE, ex.NOT_FOUND],
    ),
    create=extend_schema(
        tags=["partner"],
        summary="Start a draft",
        parameters=[IDEMPOTENCY],
        responses={201: serializers.PartnerOpportunitySerializer, **_errors(400)},
        examples=[ex.PROFILE_REQUEST, ex.DRAFT_CREATED, ex.PROFILE_INVALID],
    ),
    partial_update=extend_schema(
        tags=["partner"],
        summary="Change a draft",
        responses={200: serializers.PartnerOpportunitySerializer, **_errors(400, 404)},
        examples=[ex.PATCH_REQUEST, ex.DRAFT_RESPONSE, ex.NOT_A_DRAFT, ex.NOT_FOUND],
    ),
    update=extend_schema(
        tags=["partner"],
        summary="Replace a draft",
        responses={200: serializers.PartnerOpportunitySerializer, **_errors(400, 404)},
        examples=[ex.PROFILE_REQUEST, ex.DRAFT_RESPONSE, ex.NOT_A_DRAFT, ex.NOT_FOUND],
    ),
)
class PartnerOpportunityViewSet(
    PartnerViewMixin,
    ValuesListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Opportunity profiles of the partner's own organisation; anyone else's is a 404.

    A partner reads its drafts as it left them (a revised profile with its unsubmitted edits) and
    all its attachments; the team reads only what was submitted."""

    queryset = Opportunity.objects.prefetch_related("attachments")
    serializer_class = serializers.PartnerOpportunitySerializer
    filterset_class = filtersets.PartnerOpportunityFilterSet
    lock_on_read = True  # a write reads its profile (and files) under the row's lock at once
    ordering = ("-id",)
    ordering_fields = ("id", "created_at", "updated_at", "submitted_at", "revision")

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_serializer(self, *args, **kwargs):
        """A field only the team sets is named in the 400 with the unknown ones, whichever came first."""
        data = kwargs.get("data")
        if isinstance(data, Mapping) and not kwargs.get("many"):
            forbidden = serializers.team_only_errors(data)
            if forbidden:
                serializer = self.get_serializer_class()(
                    *args, **kwargs, context=self.get_serializer_context()
                )
                raise exceptions.ValidationError({**unknown_fields(serializer, data), **forbidden})
        return super().get_serializer(*args, **kwargs)

    def perform_content_negotiation(self, request, force=False):
        # A download is not rendered (the file is the answer): any Accept is fine, errors are JSON.
        return super().perform_content_negotiation(request, force=force or self.action == "attachment")

    @extend_schema(
        tags=["partner"],
        request=None,
        parameters=[IDEMPOTENCY],
        summary="Submit the draft: it becomes a revision the team sees",
        responses={200: serializers.PartnerOpportunitySerializer, **_errors(400, 404)},
        examples=[ex.SUBMITTED_RESPONSE, ex.SUBMIT_INCOMPLETE, ex.NOT_FOUND],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, **kwargs):
        opportunity = services.opportunity_submit(
            opportunity=self.get_object(), actor=request.user, locked_already=True
        )
        return Response(self.get_serializer(opportunity).data)

    @extend_schema(
        tags=["partner"],
        request=None,
        summary="Open a new draft from the submitted profile (the team keeps seeing the submitted one)",
        responses={200: serializers.PartnerOpportunitySerializer, **_errors(400, 404)},
        examples=[ex.REVISED_RESPONSE, ex.REVISE_INVALID, ex.NOT_FOUND],
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, **kwargs):
        opportunity = services.opportunity_revise(opportunity=self.get_object(), actor=request.user)
        return Response(self.get_serializer(opportunity).data)

    @extend_schema(
        tags=["partner"],
        request={"multipart/form-data": serializers.AttachmentUploadSerializer},
        responses={201: serializers.PartnerAttachmentSerializer, **_errors(400, 404)},
        parameters=[IDEMPOTENCY],
        summary="Attach a PDF, PNG or JPEG to the draft",
        description="The type is recognised by the file's content, and the file is named with that type's "
        "extension: a PDF sent as `deck.html` is kept and served as `deck.pdf`. The team sees the file "
        "once the draft is submitted.",
        examples=[
            ex.UPLOAD_REQUEST,
            ex.UPLOADED,
            ex.UPLOAD_REFUSED,
            ex.NOT_FOUND,
        ],
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def attachments(self, request, **kwargs):
        payload = serializers.AttachmentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            opportunity=self.get_object(), actor=request.user, upload=payload.validated_data["file"]
        )
        return Response(
            serializers.PartnerAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        tags=["partner"],
        summary="Download one of your attachments",
        description="The file itself, with `Content-Type` of its recognised type, `Content-Disposition: "
        "attachment; filename=...` and `X-Content-Type-Options: nosniff`.",
        parameters=[OpenApiParameter("attachment_pk", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="A PDF file."),
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY, description="A PNG image."),
            (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY, description="A JPEG image."),
            **_errors(404),
        },
        examples=[ex.DOWNLOADED, ex.NOT_FOUND],
    )
    @action(
        detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_pk>[0-9]+)", url_name="attachment"
    )
    def attachment(self, request, attachment_pk, **kwargs):
        attachment = get_object_or_404(
            Attachment.objects.filter(opportunity=self.get_object()), pk=attachment_pk
        )
        return attachment_response(attachment)


# ------------------------------------------------------------------------------------------------
# Keys
# ------------------------------------------------------------------------------------------------
class ApiKeyRequired(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "api_key_required"
    default_detail = _("Call this with the API key to rotate, in the header Authorization: Api-Key <key>.")


@extend_schema(
    tags=["partner"],
    request=None,
    responses={201: serializers.KeyRotationSerializer, **_errors(400)},
    summary="Rotate your API key: a new key (shown once); the one you used works for an overlap, then stops",
    # Not replayed with an Idempotency-Key: a replay would have to keep the new key; a repeat is refused.
    parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, exclude=True)],
    examples=[ex.ROTATED, ex.ROTATE_WITHOUT_KEY, ex.ROTATE_TWICE],
)
class PartnerKeyRotateView(PartnerViewMixin, BodySerializerMixin, APIView):
    """The key this is called with is rotated: the answer holds the new key (shown once, never
    stored) and when the old one stops (``PARTNER_KEY_ROTATION_OVERLAP``, 24 hours by default).
    A key rotates once. The answer is never cached (``Cache-Control: no-store``) and never kept: an
    ``Idempotency-Key`` is ignored here (the stored answer would hold the key); calling again with the
    rotated key is refused (``rotated``)."""

    unkept_actions = frozenset({"*"})  # the answer holds the new key: never stored for a replay

    def post(self, request):
        if not isinstance(request.auth, PartnerKey):
            raise ApiKeyRequired()
        key, raw = services.partner_key_rotate(key=request.auth)
        answer = {
            "prefix": key.prefix,
            "key": raw,
            "previous_key_expires_at": PartnerKey.objects.get(pk=request.auth.pk).expiry_date,
        }
        response = Response(serializers.KeyRotationSerializer(answer).data, status=status.HTTP_201_CREATED)
        response["Cache-Control"] = NO_STORE
        return response


# ------------------------------------------------------------------------------------------------
# The team's side
# ------------------------------------------------------------------------------------------------
@summary_schema(serializers.TeamOpportunityRowSerializer, "Opportunity profiles")
class OpportunityViewSet(
    WriteSafetyMixin,
    SummaryListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Submitted opportunity profiles, with revisions, attachments and matches; the team moves the pipeline.

    A profile reads as its latest submitted revision with the files submitted with it: what a
    partner changes in a new draft stays with the partner until it submits it."""

    queryset = Opportunity.objects.select_related("organization").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.filter(submitted_in__isnull=False)),
        "revisions",
        Prefetch("matches", queryset=Match.objects.order_by("-score", "id")),
    )
    serializer_class = serializers.TeamOpportunitySerializer
    summary_serializer_class = serializers.TeamOpportunityRowSerializer
    filterset_class = filtersets.OpportunityFilterSet
    permission_classes = [RoleAccess]
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = frozenset()
    ordering = ("-submitted_at", "-id")
    ordering_fields = ("submitted_at", "title", "revision", "id")

    def annotate_summary(self, queryset):
        return queryset.annotate(
            attachment_count=count_of(Attachment, "opportunity", submitted_in__isnull=False),
            match_count=count_of(Match, "opportunity"),
        )

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

    @extend_schema(
        request=None,
        parameters=[OpenApiParameter("match_pk", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: serializers.MatchSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"matches/(?P<match_pk>[0-9]+)/confirm")
    def confirm_match(self, request, match_pk, **kwargs):
        match = get_object_or_404(Match.objects.filter(opportunity=self.get_object()), pk=match_pk)
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
