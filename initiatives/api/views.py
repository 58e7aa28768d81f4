from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api_human.core.api.lists import SummaryListMixin, count_of
from api_human.core.api.views import record_viewset, summary_schema

from .. import filtersets, models, services
from . import serializers

NeedViewSet = record_viewset(
    models.Need,
    serializers.NeedSerializer,
    filtersets.NeedFilterSet,
    related=["subcategory", "requested_by"],
)


@summary_schema(serializers.InitiativeRowSerializer, "Initiatives")
class InitiativeViewSet(
    SummaryListMixin,
    record_viewset(
        models.Initiative,
        serializers.InitiativeSerializer,
        filtersets.InitiativeFilterSet,
        prefetch=[
            "needs",
            "mechanisms",
            "intensity_changes",
            Prefetch(
                "partnerships", queryset=models.InitiativePartner.objects.select_related("organization")
            ),
        ],
    ),
):
    """Initiatives: need → the Human API's process → solution → impact, with partners and steps."""

    ordering = ("title", "id")
    summary_serializer_class = serializers.InitiativeRowSerializer

    def annotate_summary(self, queryset):
        return queryset.annotate(
            need_count=count_of(models.Initiative.needs.through, "initiative"),
            partner_count=count_of(models.InitiativePartner, "initiative"),
            mechanism_count=count_of(models.Initiative.mechanisms.through, "initiative"),
        )

    @extend_schema(
        methods=["GET"], request=None, responses={200: serializers.ProcessStepSerializer(many=True)}
    )
    @extend_schema(
        methods=["POST"],
        request=serializers.ProcessStepSerializer,
        responses={201: serializers.ProcessStepSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def steps(self, request, **kwargs):
        """The dated steps of the Human API's work on the initiative; POST records one."""
        initiative = self.get_object()
        if request.method == "GET":
            return Response(serializers.ProcessStepSerializer(initiative.steps.all(), many=True).data)
        payload = serializers.ProcessStepSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        step = services.step_add(initiative=initiative, actor=request.user, data=payload.validated_data)
        return Response(serializers.ProcessStepSerializer(step).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.InitiativeMoveSerializer, responses={200: serializers.InitiativeSerializer}
    )
    @action(detail=True, methods=["post"])
    def move(self, request, **kwargs):
        """Move the initiative to another status (stopping needs a reason)."""
        payload = serializers.InitiativeMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        initiative = services.initiative_move(
            initiative=self.get_object(),
            actor=request.user,
            status=payload.validated_data["status"],
            reason=payload.validated_data["reason"],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=initiative.pk)).data)


PilotViewSet = record_viewset(
    models.Pilot, serializers.PilotSerializer, filtersets.PilotFilterSet, prefetch=["kpis"]
)
