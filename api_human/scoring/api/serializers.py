from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api_human.core.api.serializers import EditableEngagementField

from ..models import Criterion, Dimension, Rating, Rubric, ScoreRun, ScoreSnapshot, in_language
from ..selectors import explain


def _explained(snapshot):
    if not hasattr(snapshot, "criterion_rows"):
        explain([snapshot])
    return snapshot


def _local(item: dict, name: str) -> str:
    return in_language(item.get(f"{name}_he", ""), item.get(f"{name}_en", ""), item.get(f"{name}_ar", ""))


class RubricCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = [
            "id",
            "key",
            "text_he",
            "text_en",
            "text_ar",
            "guidance_he",
            "guidance_en",
            "guidance_ar",
            "next_action_he",
            "next_action_en",
            "next_action_ar",
            "source_section",
            "source_quote",
            "source_outside",
            "applies_from",
            "weight",
            "critical",
            "pass_level",
            "partner_actionable",
            "evidence",
            "metric",
            "floor",
            "target",
            "direction",
            "anchors",
            "validity_days",
        ]
        read_only_fields = fields


class DimensionSerializer(serializers.ModelSerializer):
    criteria = RubricCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["id", "key", "name_he", "name_en", "name_ar", "weight", "floor", "criteria"]
        read_only_fields = fields


class RubricVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rubric
        fields = ["id", "version", "status", "published_at"]
        read_only_fields = fields


class RubricSerializer(serializers.ModelSerializer):
    """A rubric version. Only a draft can be changed (its names, descriptions, threshold and the least
    coverage for a colour)."""

    # A number 0–1 (the schema states its bounds; a decimal string could not).
    min_coverage = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("1"),
        coerce_to_string=False,
        required=False,
        help_text=_("Below this share of weight with evidence the badge says 'not enough evidence yet'."),
    )

    class Meta:
        model = Rubric
        fields = [
            "id",
            "key",
            "version",
            "subject_type",
            "kind",
            "stage",
            "status",
            "name_he",
            "name_en",
            "name_ar",
            "description_he",
            "description_en",
            "description_ar",
            "threshold",
            "min_coverage",
            "created_at",
            "published_at",
        ]
        read_only_fields = [
            "id",
            "key",
            "version",
            "subject_type",
            "kind",
            "stage",
            "status",
            "created_at",
            "published_at",
        ]


class RubricDetailSerializer(RubricSerializer):
    dimensions = DimensionSerializer(many=True, read_only=True)
    versions = serializers.SerializerMethodField()

    class Meta(RubricSerializer.Meta):
        fields = [*RubricSerializer.Meta.fields, "dimensions", "versions"]

    def get_versions(self, rubric) -> list[dict]:
        versions = Rubric.objects.filter(key=rubric.key).order_by("version")
        return RubricVersionSerializer(versions, many=True).data


class RatingSerializer(serializers.ModelSerializer):
    evidence_links = serializers.ListField(
        child=serializers.URLField(max_length=500), required=False, max_length=10
    )
    rated_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Rating
        fields = [
            "id",
            "rubric_key",
            "criterion_key",
            "subject_type",
            "subject_id",
            "value",
            "not_applicable",
            "evidence_note",
            "evidence_links",
            "rated_by",
            "rated_on",
            "expires_on",
            "created_at",
        ]
        read_only_fields = ["id", "rated_by", "expires_on", "created_at"]
        extra_kwargs = {"rated_on": {"required": False}}


class ScoreSerializer(serializers.ModelSerializer):
    """A score snapshot; the list leaves out the breakdown, ``/scores/{id}/`` has it."""

    rubric_key = serializers.CharField(source="rubric.key", read_only=True)
    rubric_version = serializers.IntegerField(source="rubric.version", read_only=True)
    rubric_name = serializers.CharField(source="rubric.name", read_only=True)
    kind = serializers.CharField(source="rubric.kind", read_only=True)
    stage = serializers.CharField(source="rubric.stage", read_only=True)
    threshold = serializers.IntegerField(source="rubric.threshold", read_only=True)

    class Meta:
        model = ScoreSnapshot
        fields = [
            "id",
            "subject_type",
            "subject_id",
            "engagement",
            "rubric_key",
            "rubric_version",
            "rubric_name",
            "kind",
            "stage",
            "threshold",
            "score",
            "coverage",
            "band",
            "trigger",
            "computed_at",
        ]
        read_only_fields = fields


class ScoreDetailSerializer(ScoreSerializer):
    dimensions = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()

    class Meta(ScoreSerializer.Meta):
        fields = [*ScoreSerializer.Meta.fields, "dimensions", "criteria"]
        read_only_fields = fields

    def get_dimensions(self, snapshot) -> list[dict]:
        return [{**d, "name": _local(d, "name")} for d in _explained(snapshot).dimension_rows]

    def get_criteria(self, snapshot) -> list[dict]:
        return [
            {**c, "text": _local(c, "text"), "next_action": _local(c, "next_action")}
            for c in _explained(snapshot).criterion_rows
        ]


class PartnerScoreSerializer(serializers.ModelSerializer):
    """What a partner sees of their own opportunity's score: the band and the criteria they can act on."""

    rubric_name = serializers.CharField(source="rubric.name", read_only=True)
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = ScoreSnapshot
        fields = ["id", "subject_type", "subject_id", "rubric_name", "band", "computed_at", "criteria"]
        read_only_fields = fields

    def get_criteria(self, snapshot) -> list[dict]:
        return [
            {
                "key": c["key"],
                "text": _local(c, "text"),
                "status": c["status"],
                "met": c["met"],
                "next_action": _local(c, "next_action") if c["needs_action"] else "",
            }
            for c in _explained(snapshot).criterion_rows
            if c.get("partner_actionable")
        ]


class ScoreRunSerializer(serializers.ModelSerializer):
    engagement = EditableEngagementField(
        help_text="Recompute this engagement's scores now. (Null in a run over every engagement.)",
        allow_null=True,
    )

    def validate_engagement(self, engagement):
        if engagement is None:
            raise serializers.ValidationError(self.fields["engagement"].error_messages["null"], code="null")
        return engagement

    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = ScoreRun
        fields = [
            "id",
            "kind",
            "status",
            "engagement",
            "created_at",
            "started_at",
            "finished_at",
            "total",
            "done",
            "percent",
            "snapshots",
            "errors",
        ]
        read_only_fields = [f for f in fields if f != "engagement"]
