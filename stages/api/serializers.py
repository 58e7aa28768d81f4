"""Representations of stages, gate decisions and stage records. Writes go through ``stages.services``."""

from rest_framework import serializers

from api_human.core.api.serializers import record_serializer
from initiatives.models import Initiative

from .. import services
from ..models import (
    ChangeDesign,
    ChangeFocus,
    ChangeSignal,
    ExitReview,
    GateAction,
    GateDecision,
    Goal,
    HandoverItem,
    Intensity,
    IntensityChange,
    LogicModelItem,
    Measurement,
    Mechanism,
    Publication,
    RoleHolder,
    StageEvent,
    StagePhase,
    SuccessMetric,
    WorkingPrinciple,
)


def _user(serializer):
    return serializer.context["request"].user


# ------------------------------------------------------------------------------------------------
# Stages and gate decisions
# ------------------------------------------------------------------------------------------------
class IntensityChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = IntensityChange
        fields = ["intensity", "changed_on", "note"]
        read_only_fields = fields


class StageEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageEvent
        fields = ["kind", "happened_on", "reason", "gate_decision"]
        read_only_fields = fields


class GateActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = GateAction
        fields = ["id", "description", "owner", "due_on", "done_on"]
        read_only_fields = ["id"]


class GateDecisionSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="phase.engagement_id", read_only=True)
    stage = serializers.CharField(source="phase.stage", read_only=True)
    actions = GateActionSerializer(many=True, read_only=True)

    class Meta:
        model = GateDecision
        fields = [
            "id",
            "engagement",
            "stage",
            "transition",
            "decision",
            "justification",
            "effective_on",
            "status",
            "actions",
            "proposed_by",
            "proposed_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "score_snapshot",
        ]
        read_only_fields = fields


class StagePhaseSerializer(serializers.ModelSerializer):
    intensity = serializers.CharField(source="current_intensity", read_only=True, allow_null=True)
    intensity_history = IntensityChangeSerializer(source="intensity_changes", many=True, read_only=True)
    events = StageEventSerializer(many=True, read_only=True)
    pending_decisions = GateDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = StagePhase
        fields = [
            "stage",
            "status",
            "started_on",
            "completed_on",
            "intensity",
            "intensity_history",
            "events",
            "pending_decisions",
        ]
        read_only_fields = fields


class GateProposalSerializer(serializers.Serializer):
    """The team's proposal to start or complete a stage."""

    decision = serializers.ChoiceField(choices=GateDecision.Decision.choices)
    justification = serializers.CharField()
    effective_on = serializers.DateField(required=False)
    actions = GateActionSerializer(many=True, required=False)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField()
    on = serializers.DateField(required=False)


class IntensitySerializer(serializers.Serializer):
    intensity = serializers.ChoiceField(choices=Intensity.choices)
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


# ------------------------------------------------------------------------------------------------
# Stage records (the core's record_serializer: engagement or parent narrowed to what you may change)
# ------------------------------------------------------------------------------------------------
ChangeDesignSerializer = record_serializer(
    ChangeDesign,
    ["desired_reality", "current_state", "theory_of_change", "maturity_diagnostic", "maturity_diagnosed_on"],
)
ChangeFocusSerializer = record_serializer(ChangeFocus, ["title", "description", "order"])
LogicModelItemSerializer = record_serializer(
    LogicModelItem,
    ["level", "text", "order", "change_foci"],
    many=["change_foci"],
    extra={
        "change_foci": serializers.PrimaryKeyRelatedField(
            many=True, queryset=ChangeFocus.objects.all(), required=False
        )
    },
)
RoleHolderSerializer = record_serializer(
    RoleHolder, ["role", "full_name", "organization", "appointed_on", "ended_on"]
)
WorkingPrincipleSerializer = record_serializer(WorkingPrinciple, ["kind", "title", "description", "order"])
MechanismSerializer = record_serializer(
    Mechanism,
    [
        "world",
        "category",
        "title",
        "description",
        "status",
        "started_on",
        "established_on",
        "owner",
        "unmediated",
        "initiatives",
    ],
    many=["initiatives"],
    extra={
        "initiatives": serializers.PrimaryKeyRelatedField(
            many=True, queryset=Initiative.objects.all(), required=False
        )
    },
)
ChangeSignalSerializer = record_serializer(ChangeSignal, ["title", "evidence", "observed_on", "observer"])
PublicationSerializer = record_serializer(
    Publication, ["title", "channel", "audience", "published_on", "url"]
)


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "measured_on", "value", "source"]
        read_only_fields = ["id"]


GoalSerializer = record_serializer(Goal, ["title", "description", "change_focus"])


SuccessMetricSerializer = record_serializer(
    SuccessMetric,
    ["name", "unit", "baseline", "target", "direction", "measurements"],
    parent=("goal", Goal),
    extra={"measurements": MeasurementSerializer(many=True, read_only=True)},
)


class HandoverItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = HandoverItem
        fields = ["function", "ministry_role", "due_on"]


class ExitReviewSerializer(record_serializer(ExitReview, [])):
    handover = HandoverItemSerializer(many=True, required=False)

    class Meta:
        model = ExitReview
        fields = [
            "id",
            "engagement",
            "reviewed_on",
            "infrastructure_rating",
            "infrastructure_evidence",
            "sustainability_rating",
            "sustainability_evidence",
            "connection_rating",
            "connection_evidence",
            "decision",
            "summary",
            "handover",
            "signed_off_by",
            "signed_off_at",
        ]
        read_only_fields = ["id", "signed_off_by", "signed_off_at"]

    def create(self, validated_data):
        handover = validated_data.pop("handover", [])
        return services.exit_review_save(actor=_user(self), data=validated_data, handover=handover)

    def update(self, instance, validated_data):
        handover = validated_data.pop("handover", None)
        return services.exit_review_save(
            actor=_user(self), data=validated_data, handover=handover, review=instance
        )
