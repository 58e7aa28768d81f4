"""Thin viewsets for stages, gate decisions and stage records."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api_human.core.api.concurrency import WriteSafetyMixin
from api_human.core.api.permissions import RoleAccess
from api_human.core.api.views import MINISTRY_SIDE, TEAM_ONLY, record_viewset
from api_human.core.models import Engagement, Role

from .. import filtersets, models, services
from ..selectors import decisions_with_related, phases_with_related
from . import serializers


@extend_schema(parameters=[OpenApiParameter("engagement_pk", int, OpenApiParameter.PATH)])
class StagePhaseViewSet(
    WriteSafetyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The five stages of one engagement, with their intensity over time, events and pending decisions.

    Starting or completing a stage is a proposal (a gate decision) that a manager signs off."""

    queryset = models.StagePhase.objects.none()  # the real one depends on the engagement in the URL
    serializer_class = serializers.StagePhaseSerializer
    filterset_class = filtersets.StagePhaseFilterSet
    lookup_field = "stage"
    lookup_value_regex = "A|B1|B2|C|D"
    pagination_class = None
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = frozenset()
    ordering = ("stage",)
    permission_classes = [RoleAccess]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        engagement = get_object_or_404(
            Engagement.objects.visible_to(self.request.user), pk=self.kwargs["engagement_pk"]
        )
        return phases_with_related(models.StagePhase.objects.filter(engagement=engagement))

    def _phase(self):
        return self.get_object()

    def _answer(self, phase, code=status.HTTP_200_OK):
        phase = phases_with_related(models.StagePhase.objects.filter(pk=phase.pk)).get()
        return Response(
            serializers.StagePhaseSerializer(phase, context=self.get_serializer_context()).data, status=code
        )

    def _propose(self, request, transition):
        phase = self._phase()
        payload = serializers.GateProposalSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = services.gate_decision_propose(
            phase=phase, actor=request.user, transition=transition, **payload.validated_data
        )
        data = serializers.GateDecisionSerializer(decision, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.GateProposalSerializer, responses={201: serializers.GateDecisionSerializer}
    )
    @action(detail=True, methods=["post"])
    def start(self, request, **kwargs):
        """Propose to start the stage (a gate decision waiting for a manager's sign-off)."""
        return self._propose(request, models.GateDecision.Transition.START)

    @extend_schema(
        request=serializers.GateProposalSerializer, responses={201: serializers.GateDecisionSerializer}
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, **kwargs):
        """Propose to complete the stage (a gate decision waiting for a manager's sign-off)."""
        return self._propose(request, models.GateDecision.Transition.COMPLETE)

    @extend_schema(request=serializers.ReopenSerializer, responses={200: serializers.StagePhaseSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, **kwargs):
        payload = serializers.ReopenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        phase = services.stage_reopen(
            phase=self._phase(), actor=request.user, reason=data["reason"], on=data.get("on")
        )
        return self._answer(phase)

    @extend_schema(request=serializers.IntensitySerializer, responses={200: serializers.StagePhaseSerializer})
    @action(detail=True, methods=["post"])
    def intensity(self, request, **kwargs):
        payload = serializers.IntensitySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        phase = self._phase()
        services.stage_set_intensity(phase=phase, actor=request.user, **payload.validated_data)
        return self._answer(phase)


class GateDecisionViewSet(
    WriteSafetyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Gate decisions of the engagements the user sees. Managers sign them off or return them."""

    queryset = decisions_with_related(models.GateDecision.objects.all())
    serializer_class = serializers.GateDecisionSerializer
    filterset_class = filtersets.GateDecisionFilterSet
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = frozenset()
    action_roles = {"sign_off": frozenset({Role.MANAGER}), "return_to_team": frozenset({Role.MANAGER})}
    ordering = ("-proposed_at", "-id")
    ordering_fields = ("proposed_at", "effective_on")
    permission_classes = [RoleAccess]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    @extend_schema(request=serializers.ReviewSerializer, responses={200: serializers.GateDecisionSerializer})
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, **kwargs):
        payload = serializers.ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = services.gate_decision_sign_off(
            decision=self.get_object(), actor=request.user, comment=payload.validated_data["comment"]
        )
        return Response(
            self.get_serializer(decisions_with_related(type(decision).objects).get(pk=decision.pk)).data
        )

    @extend_schema(request=serializers.ReviewSerializer, responses={200: serializers.GateDecisionSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_team(self, request, **kwargs):
        payload = serializers.ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = services.gate_decision_return(
            decision=self.get_object(), actor=request.user, comment=payload.validated_data["comment"]
        )
        return Response(
            self.get_serializer(decisions_with_related(type(decision).objects).get(pk=decision.pk)).data
        )


ChangeDesignViewSet = record_viewset(
    models.ChangeDesign, serializers.ChangeDesignSerializer, filtersets.ChangeDesignFilterSet
)
ChangeFocusViewSet = record_viewset(
    models.ChangeFocus, serializers.ChangeFocusSerializer, filtersets.ChangeFocusFilterSet
)
LogicModelItemViewSet = record_viewset(
    models.LogicModelItem,
    serializers.LogicModelItemSerializer,
    filtersets.LogicModelItemFilterSet,
    prefetch=["change_foci"],
)
GoalViewSet = record_viewset(models.Goal, serializers.GoalSerializer, filtersets.GoalFilterSet)
RoleHolderViewSet = record_viewset(
    models.RoleHolder, serializers.RoleHolderSerializer, filtersets.RoleHolderFilterSet
)
WorkingPrincipleViewSet = record_viewset(
    models.WorkingPrinciple, serializers.WorkingPrincipleSerializer, filtersets.WorkingPrincipleFilterSet
)
MechanismViewSet = record_viewset(
    models.Mechanism, serializers.MechanismSerializer, filtersets.MechanismFilterSet, prefetch=["initiatives"]
)
ChangeSignalViewSet = record_viewset(
    models.ChangeSignal, serializers.ChangeSignalSerializer, filtersets.ChangeSignalFilterSet
)
PublicationViewSet = record_viewset(
    models.Publication, serializers.PublicationSerializer, filtersets.PublicationFilterSet
)


class SuccessMetricViewSet(
    record_viewset(
        models.SuccessMetric,
        serializers.SuccessMetricSerializer,
        filtersets.SuccessMetricFilterSet,
        prefetch=["measurements"],
    )
):
    """Success metrics of goals, with their dated measurements."""

    @extend_schema(
        methods=["GET"], request=None, responses={200: serializers.MeasurementSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=serializers.MeasurementSerializer,
        responses={201: serializers.MeasurementSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def measurements(self, request, **kwargs):
        """The metric's dated measurements; POST adds one."""
        metric = self.get_object()
        if request.method == "GET":
            return Response(serializers.MeasurementSerializer(metric.measurements.all(), many=True).data)
        payload = serializers.MeasurementSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        measurement = services.record_create(
            models.Measurement, actor=request.user, data={"metric": metric, **payload.validated_data}
        )
        return Response(serializers.MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


class ExitReviewViewSet(
    record_viewset(
        models.ExitReview,
        serializers.ExitReviewSerializer,
        filtersets.ExitReviewFilterSet,
        prefetch=["handover"],
    )
):
    """Stage D's exit reviews; a manager of the engagement signs them off, after which they are final."""

    action_roles = {"sign_off": frozenset({Role.MANAGER})}

    @extend_schema(request=None, responses={200: serializers.ExitReviewSerializer})
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, **kwargs):
        review = services.exit_review_sign_off(review=self.get_object(), actor=request.user)
        return Response(self.get_serializer(review).data)
