from django.utils.translation import gettext as _
from rest_framework import serializers

from api_human.core.api.lists import summary_fields
from api_human.core.api.serializers import EditableRelatedField, record_serializer
from api_human.core.models import Organization

from .. import services
from ..models import Initiative, InitiativeIntensity, InitiativePartner, Need, Pilot, PilotKpi, ProcessStep

NeedSerializer = record_serializer(
    Need,
    ["title", "description", "source", "category", "subcategory", "content_world", "requested_by", "status"],
)


class PartnerRoleSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = InitiativePartner
        fields = ["organization", "name", "role"]


class InitiativeIntensitySerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeIntensity
        fields = ["intensity", "changed_on", "note"]


class ProcessStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcessStep
        fields = ["id", "kind", "happened_on", "notes", "actor"]
        read_only_fields = ["id"]


class NeedSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "title", "category", "source"]
        read_only_fields = fields


class InitiativeSerializer(record_serializer(Initiative, [], many=["needs"])):
    needs = serializers.PrimaryKeyRelatedField(many=True, queryset=Need.objects.all(), required=False)
    partners = PartnerRoleSerializer(source="partnerships", many=True, required=False)
    methods = serializers.ListField(
        child=serializers.ChoiceField(choices=Initiative.Method.choices), required=False
    )
    intensity_history = InitiativeIntensitySerializer(source="intensity_changes", many=True, read_only=True)
    needs_detail = NeedSummarySerializer(source="needs", many=True, read_only=True)
    mechanisms = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "engagement",
            "title",
            "needs",
            "needs_detail",
            "big_dream",
            "process_summary",
            "solution",
            "impact_headline",
            "impact_details",
            "status",
            "stop_reason",
            "methods",
            "procurement",
            "joint_team",
            "partners",
            "mechanisms",
            "intensity_history",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("status") == Initiative.Status.STOPPED and not (
            attrs.get("stop_reason") or getattr(self.instance, "stop_reason", "")
        ):
            raise serializers.ValidationError({"stop_reason": [_("Say why the initiative stopped.")]})
        return attrs

    @staticmethod
    def _partners(data):
        rows = data.pop("partnerships", None)
        return None if rows is None else [(row["organization"], row["role"]) for row in rows]

    def create(self, validated_data):
        needs = validated_data.pop("needs", [])
        partners = self._partners(validated_data) or []
        return services.initiative_create(
            actor=self.context["request"].user, data=validated_data, needs=needs, partners=partners
        )

    def update(self, instance, validated_data):
        needs = validated_data.pop("needs", None)
        partners = self._partners(validated_data)
        return services.initiative_update(
            initiative=instance,
            actor=self.context["request"].user,
            data=validated_data,
            needs=needs,
            partners=partners,
        )


class InitiativeRowSerializer(serializers.ModelSerializer):
    """An initiative in ``/initiatives/summary/``: its needs, partners and mechanisms counted."""

    need_count = serializers.IntegerField(read_only=True, help_text="Needs it answers.")
    partner_count = serializers.IntegerField(read_only=True, help_text="Partner organisations.")
    mechanism_count = serializers.IntegerField(read_only=True, help_text="Mechanisms built on it.")
    methods = serializers.ListField(child=serializers.ChoiceField(choices=Initiative.Method.choices))

    class Meta:
        model = Initiative
        fields = summary_fields(
            InitiativeSerializer.Meta.fields,
            {
                "needs": "need_count",
                "needs_detail": None,
                "partners": "partner_count",
                "mechanisms": "mechanism_count",
                "intensity_history": None,
            },
        )
        read_only_fields = fields


class PilotKpiSerializer(serializers.ModelSerializer):
    met = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = PilotKpi
        fields = ["name", "unit", "target", "result", "met"]
        computed = {"met": ("target", "result")}  # for lists (api_human/core/api/lists.py)


class PilotSerializer(record_serializer(Pilot, [], parent=("initiative", Initiative))):
    initiative = EditableRelatedField(Initiative)
    kpis = PilotKpiSerializer(many=True, required=False)

    class Meta:
        model = Pilot
        fields = [
            "id",
            "initiative",
            "title",
            "sites",
            "participants",
            "started_on",
            "ended_on",
            "learning_plan",
            "outcome",
            "kpis",
        ]
        read_only_fields = ["id"]

    def _save_kpis(self, pilot, rows):
        if rows is None:
            return
        pilot.kpis.all().delete()
        for row in rows:
            services.save_with_history(PilotKpi(pilot=pilot, **row), actor=self.context["request"].user)

    def create(self, validated_data):
        rows = validated_data.pop("kpis", [])
        pilot = super().create(validated_data)
        self._save_kpis(pilot, rows)
        return pilot

    def update(self, instance, validated_data):
        rows = validated_data.pop("kpis", None)
        pilot = super().update(instance, validated_data)
        self._save_kpis(pilot, rows)
        return pilot


class InitiativeMoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Initiative.Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
