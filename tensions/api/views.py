"""The tensions API: the register, its transitions and decision criteria."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from api_human.core.api.lists import SummaryListMixin, count_of, summary_fields
from api_human.core.api.serializers import record_serializer
from api_human.core.api.views import record_viewset, summary_schema
from initiatives.models import Initiative

from .. import filtersets, services
from ..models import DecisionCriterion, Tension, TensionEvent


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionCriterion
        fields = ["id", "text", "order"]
        read_only_fields = ["id"]


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = TensionEvent
        fields = ["from_state", "to_state", "note", "actor", "happened_at"]


class TensionSerializer(record_serializer(Tension, [], many=["initiatives"])):
    initiatives = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Initiative.objects.all(), required=False
    )
    criteria = CriterionSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    age_days = serializers.IntegerField(read_only=True)
    blocking_days = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Tension
        fields = [
            "id",
            "engagement",
            "title",
            "description",
            "source_type",
            "origin",
            "pole_a",
            "pole_b",
            "stage",
            "initiatives",
            "state",
            "raised_on",
            "resolution",
            "closing_note",
            "blocking",
            "blocking_since",
            "age_days",
            "blocking_days",
            "closed_on",
            "criteria",
            "events",
        ]
        read_only_fields = ["id", "state", "closing_note", "blocking", "blocking_since", "closed_on"]
        computed = {"age_days": ("raised_on", "closed_on"), "blocking_days": ("blocking", "blocking_since")}

    def create(self, validated_data):
        initiatives = validated_data.pop("initiatives", [])
        return services.tension_create(
            actor=self.context["request"].user, data=validated_data, initiatives=initiatives
        )


class TensionRowSerializer(serializers.ModelSerializer):
    """A tension in ``/tensions/summary/``: its initiatives and criteria counted, without its moves."""

    initiative_count = serializers.IntegerField(read_only=True, help_text="Initiatives it touches.")
    criterion_count = serializers.IntegerField(read_only=True, help_text="Decision criteria defined.")
    age_days = serializers.IntegerField(read_only=True)
    blocking_days = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Tension
        fields = summary_fields(
            TensionSerializer.Meta.fields,
            {"initiatives": "initiative_count", "criteria": "criterion_count", "events": None},
        )
        read_only_fields = fields
        computed = TensionSerializer.Meta.computed


class TensionMoveSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Tension.State.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    resolution = serializers.CharField(required=False, allow_blank=True, default="")
    origin = serializers.ChoiceField(
        choices=[c for c in Tension.Origin.choices if c[0] != Tension.Origin.UNKNOWN],
        required=False,
        help_text="Inherent or caused by the change process: what a move to `classified` needs.",
    )
    criteria = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=20,
        help_text="Decision criteria added with the move (what `criteria_defined` needs).",
    )
    on = serializers.DateField(required=False, help_text="When the step happened, if recorded afterwards.")


class BlockingSerializer(serializers.Serializer):
    blocking = serializers.BooleanField()
    since = serializers.DateField(required=False)


@summary_schema(TensionRowSerializer, "Tensions")
class TensionViewSet(
    SummaryListMixin,
    record_viewset(
        Tension,
        TensionSerializer,
        filtersets.TensionFilterSet,
        prefetch=[
            "initiatives",
            "criteria",
            Prefetch("events", queryset=TensionEvent.objects.order_by("happened_at")),
        ],
    ),
):
    """Tensions, with transitions in the source's order (raised → legitimised → classified → decision
    criteria defined → resolved), or "jumped into the water", or dissolved."""

    ordering = ("-raised_on", "id")
    summary_serializer_class = TensionRowSerializer

    def annotate_summary(self, queryset):
        return queryset.annotate(
            initiative_count=count_of(Tension.initiatives.through, "tension"),
            criterion_count=count_of(DecisionCriterion, "tension"),
        )

    def _answer(self, tension):
        return Response(self.get_serializer(self.get_queryset().get(pk=tension.pk)).data)

    @extend_schema(request=TensionMoveSerializer, responses={200: TensionSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, **kwargs):
        payload = TensionMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        tension = services.tension_move(
            tension=self.get_object(),
            actor=request.user,
            to_state=payload.validated_data["state"],
            note=payload.validated_data["note"],
            resolution=payload.validated_data["resolution"],
            origin=payload.validated_data.get("origin", ""),
            criteria=payload.validated_data.get("criteria", ()),
            on=payload.validated_data.get("on"),
        )
        return self._answer(tension)

    @extend_schema(request=BlockingSerializer, responses={200: TensionSerializer})
    @action(detail=True, methods=["post"])
    def blocking(self, request, **kwargs):
        payload = BlockingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        tension = services.tension_set_blocking(
            tension=self.get_object(), actor=request.user, **payload.validated_data
        )
        return self._answer(tension)

    @extend_schema(request=CriterionSerializer, responses={201: CriterionSerializer})
    @action(detail=True, methods=["post"])
    def criteria(self, request, **kwargs):
        payload = CriterionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        criterion = services.criterion_add(
            tension=self.get_object(), actor=request.user, **payload.validated_data
        )
        return Response(CriterionSerializer(criterion).data, status=status.HTTP_201_CREATED)
