"""Scoring over REST: rubrics with their versions, ratings, scores (latest and history, with the
breakdown), and scoring runs. Partners see only their own opportunity's band and actionable criteria."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api_human.core.api.concurrency import WriteSafetyMixin
from api_human.core.api.permissions import RoleAccess
from api_human.core.api.views import MINISTRY_SIDE, TEAM_ONLY
from api_human.core.models import Engagement, Role

from .. import filtersets, services
from ..models import Criterion, Dimension, Rating, Rubric, ScoreRun, ScoreSnapshot, SubjectType
from ..selectors import subject_of
from . import serializers

ADMIN_ONLY = frozenset()


class RubricViewSet(
    WriteSafetyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Every version of every rubric. ``/rubrics/{id}/`` has its dimensions, criteria and versions.

    Administrators start a new draft from a version (``draft``), change the draft, and ``publish`` it:
    the version published before is retired, and the scores move to the new version."""

    queryset = Rubric.objects.all()
    permission_classes = [RoleAccess]
    filterset_class = filtersets.RubricFilterSet
    read_roles = MINISTRY_SIDE
    write_roles = ADMIN_ONLY
    destroy_roles = ADMIN_ONLY
    ordering = ("subject_type", "stage", "kind", "key", "-version")
    ordering_fields = ("key", "version", "published_at")

    def get_queryset(self):
        queryset = super().get_queryset().visible_to(self.request.user)
        if self.action != "list":
            criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id"))
            queryset = queryset.prefetch_related(
                Prefetch(
                    "dimensions",
                    queryset=Dimension.objects.order_by("order", "id").prefetch_related(criteria),
                )
            )
        return queryset

    def get_serializer_class(self):
        return serializers.RubricSerializer if self.action == "list" else serializers.RubricDetailSerializer

    def perform_update(self, serializer):
        services.rubric_update(
            rubric=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )

    @extend_schema(request=None, responses={201: serializers.RubricDetailSerializer})
    @action(detail=True, methods=["post"])
    def draft(self, request, **kwargs):
        draft = services.rubric_draft(rubric=self.get_object(), actor=request.user)
        return Response(self._detail(draft), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: serializers.RubricDetailSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, **kwargs):
        rubric = services.rubric_publish(rubric=self.get_object(), actor=request.user)
        return Response(self._detail(rubric))

    def _detail(self, rubric):
        rubric = self.get_queryset().get(pk=rubric.pk)
        return serializers.RubricDetailSerializer(rubric, context=self.get_serializer_context()).data


class RatingViewSet(
    WriteSafetyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The team's ratings of manual criteria, with their evidence. A rating is never changed: record
    a new one (the latest valid rating counts; it expires after the criterion's validity)."""

    queryset = Rating.objects.select_related("rated_by")
    serializer_class = serializers.RatingSerializer
    permission_classes = [RoleAccess]
    filterset_class = filtersets.RatingFilterSet
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = ADMIN_ONLY
    ordering = ("-rated_on", "-id")
    ordering_fields = ("rated_on", "created_at")

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        if subject_of(data["subject_type"], data["subject_id"], self.request.user, "editable_by") is None:
            raise NotFound
        criterion = (
            Criterion.objects.filter(
                dimension__rubric__key=data["rubric_key"],
                dimension__rubric__status=Rubric.Status.PUBLISHED,
                key=data["criterion_key"],
            )
            .select_related("dimension__rubric")
            .first()
        )
        if criterion is None:
            raise NotFound
        serializer.instance = services.rating_record(
            criterion=criterion,
            subject_type=data["subject_type"],
            subject_id=data["subject_id"],
            actor=self.request.user,
            value=data.get("value"),
            not_applicable=data.get("not_applicable", False),
            evidence_note=data["evidence_note"],
            evidence_links=data.get("evidence_links", []),
            rated_on=data.get("rated_on"),
        )


@extend_schema(
    parameters=[
        OpenApiParameter(
            "subject_type",
            str,
            enum=SubjectType.values,  # the filter refuses any other (a detail is filtered too)
            description="stage, initiative, opportunity or organization",
        ),
        OpenApiParameter(
            "subject_id", int, description="The id of the scored stage, initiative, opportunity…"
        ),
        OpenApiParameter("latest", bool, description="Only the current score of each rubric"),
    ]
)
@extend_schema_view(
    list=extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="ScoreForRole",
            serializers=[serializers.ScoreSerializer, serializers.PartnerScoreSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        description="The team and managers get `Score`; a partner gets `PartnerScore` (its own opportunities).",
    ),
    retrieve=extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="ScoreDetailForRole",
            serializers=[serializers.ScoreDetailSerializer, serializers.PartnerScoreSerializer],
            resource_type_field_name=None,
        ),
        description="The team and managers get `ScoreDetail`; a partner gets `PartnerScore`.",
    ),
)
class ScoreViewSet(
    WriteSafetyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Score snapshots, newest first: ``?subject_type=&subject_id=`` gives a subject's history,
    ``&latest=true`` its current scores; ``/scores/{id}/`` explains a score criterion by criterion.

    A partner sees only their own opportunities' scores: the band and the criteria they can act on."""

    queryset = ScoreSnapshot.objects.select_related("rubric")
    permission_classes = [RoleAccess]
    filterset_class = filtersets.ScoreFilterSet
    read_roles = MINISTRY_SIDE | {Role.PARTNER}
    write_roles = ADMIN_ONLY
    destroy_roles = ADMIN_ONLY
    ordering = ("-computed_at", "-id")
    ordering_fields = ("computed_at", "score")

    def get_queryset(self):
        queryset = super().get_queryset().visible_to(self.request.user)
        if self.request.user.is_authenticated and self.request.user.is_partner:
            queryset = queryset.filter(subject_type="opportunity")
        if self.action == "list":
            queryset = queryset.defer("criteria", "dimensions")
        return queryset

    def get_serializer_class(self):
        user = self.request.user
        if user.is_authenticated and user.is_partner:
            return serializers.PartnerScoreSerializer
        return serializers.ScoreSerializer if self.action == "list" else serializers.ScoreDetailSerializer


class ScoreRunViewSet(
    WriteSafetyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Scoring runs and their progress (done / total). ``POST {"engagement": id}`` recomputes an
    engagement's scores now."""

    queryset = ScoreRun.objects.select_related("engagement")
    serializer_class = serializers.ScoreRunSerializer
    permission_classes = [RoleAccess]
    filterset_class = filtersets.ScoreRunFilterSet
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = ADMIN_ONLY
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        user = self.request.user
        queryset = super().get_queryset()
        if user.is_admin:
            return queryset
        return queryset.filter(engagement__in=Engagement.objects.visible_to(user))

    def perform_create(self, serializer):
        serializer.instance = services.recompute_request(
            engagement=serializer.validated_data["engagement"], actor=self.request.user
        )

    @extend_schema(responses={202: serializers.ScoreRunSerializer})
    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        run = get_object_or_404(ScoreRun, pk=response.data["id"])
        response.data = self.get_serializer(run).data
        response.status_code = status.HTTP_202_ACCEPTED
        return response
