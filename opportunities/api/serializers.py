from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from api_human.core.api.serializers import record_serializer
from api_human.core.models import Organization
from initiatives.models import Need, NeedCategory

from ..models import (
    Attachment,
    Broadcast,
    BroadcastCriterion,
    KnowledgeFlow,
    Match,
    Opportunity,
    OpportunityRevision,
    ScoutingActivity,
)
from ..services import REASON_LABELS

ScoutingActivitySerializer = record_serializer(
    ScoutingActivity,
    ["kind", "title", "happened_on", "organizations", "needs", "outcome"],
    many=["organizations", "needs"],
    extra={
        "organizations": serializers.PrimaryKeyRelatedField(
            many=True, queryset=Organization.objects.all(), required=False
        ),
        "needs": serializers.PrimaryKeyRelatedField(many=True, queryset=Need.objects.all(), required=False),
    },
)
KnowledgeFlowSerializer = record_serializer(
    KnowledgeFlow, ["direction", "kind", "title", "description", "status", "last_passed_on"]
)


class BroadcastCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = BroadcastCriterion
        fields = ["name", "weight"]


class PartnerBroadcastSerializer(serializers.ModelSerializer):
    """What partners see of an open broadcast."""

    criteria = BroadcastCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Broadcast
        fields = [
            "id",
            "title_he",
            "title_en",
            "description_he",
            "description_en",
            "eligibility",
            "opens_on",
            "closes_on",
            "criteria",
        ]
        read_only_fields = fields


class BroadcastSerializer(record_serializer(Broadcast, [], many=["needs"])):
    needs = serializers.PrimaryKeyRelatedField(many=True, queryset=Need.objects.all())
    criteria = BroadcastCriterionSerializer(many=True, required=False)

    class Meta:
        model = Broadcast
        fields = [
            "id",
            "engagement",
            "needs",
            "title_he",
            "title_en",
            "description_he",
            "description_en",
            "eligibility",
            "opens_on",
            "closes_on",
            "status",
            "criteria",
        ]
        read_only_fields = ["id"]

    def _save(self, validated_data, instance=None):
        from .. import services

        needs = validated_data.pop("needs", None)
        criteria = validated_data.pop("criteria", None)
        return services.broadcast_save(
            actor=self.context["request"].user,
            data=validated_data,
            needs=needs,
            criteria=criteria,
            broadcast=instance,
        )

    def create(self, validated_data):
        return self._save(validated_data)

    def update(self, instance, validated_data):
        return self._save(validated_data, instance)


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, attachment) -> str:
        return reverse("attachment-download", args=[attachment.pk])


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


# Fields the team sets; a partner sending one gets a 400 that names it.
TEAM_ONLY_FIELDS = (
    "pipeline",
    "feedback",
    "decline_reason",
    "state",
    "status",
    "revision",
    "organization",
    "initiative",
    "matches",
    "score",
    "scores",
    "submitted_at",
)


class PartnerOpportunitySerializer(serializers.ModelSerializer):
    """An opportunity profile as its partner writes and reads it."""

    need_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=NeedCategory.choices), required=False
    )
    languages = serializers.ListField(child=serializers.CharField(max_length=10), required=False)
    broadcast = serializers.PrimaryKeyRelatedField(
        queryset=Broadcast.objects.open_to_partners(), required=False, allow_null=True
    )
    attachments = AttachmentSerializer(many=True, read_only=True)
    trl = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            *Opportunity.PARTNER_FIELDS,
            "trl",
            "state",
            "revision",
            "pipeline",
            "feedback",
            "submitted_at",
            "attachments",
        ]
        read_only_fields = ["id", "trl", "state", "revision", "pipeline", "feedback", "submitted_at"]
        extra_kwargs = {"title": {"required": True}}

    def validate(self, attrs):
        forbidden = sorted(set(self.initial_data) & set(TEAM_ONLY_FIELDS))
        if forbidden:
            raise serializers.ValidationError(
                {name: [_("Partners may not set this field.")] for name in forbidden}
            )
        return attrs

    def create(self, validated_data):
        from .. import services

        return services.opportunity_create(actor=self.context["request"].user, data=validated_data)

    def update(self, instance, validated_data):
        from .. import services

        return services.opportunity_update(
            opportunity=instance, actor=self.context["request"].user, data=validated_data
        )


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = OpportunityRevision
        fields = ["number", "data", "submitted_at"]


class MatchSerializer(serializers.ModelSerializer):
    reasons_text = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id",
            "need",
            "initiative",
            "score",
            "reasons",
            "reasons_text",
            "confirmed_by",
            "confirmed_at",
        ]
        read_only_fields = fields

    def get_reasons_text(self, match) -> list[str]:
        return [str(REASON_LABELS.get(reason, reason)) for reason in match.reasons]


class TeamOpportunitySerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    revisions = RevisionSerializer(many=True, read_only=True)
    matches = MatchSerializer(many=True, read_only=True)
    trl = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "organization",
            "organization_name",
            *Opportunity.PARTNER_FIELDS,
            "trl",
            "state",
            "revision",
            "pipeline",
            "decline_reason",
            "feedback",
            "initiative",
            "submitted_at",
            "attachments",
            "revisions",
            "matches",
        ]
        read_only_fields = fields


class PipelineSerializer(serializers.Serializer):
    pipeline = serializers.ChoiceField(choices=Opportunity.Pipeline.choices)
    feedback = serializers.CharField(required=False, allow_blank=True, default="")
    decline_reason = serializers.CharField(required=False, allow_blank=True, default="")


class RegisterSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(
        choices=[
            (k.value, k.label)
            for k in (
                Organization.Kind.STARTUP,
                Organization.Kind.COMPANY,
                Organization.Kind.NGO,
                Organization.Kind.INCUBATOR,
                Organization.Kind.ACADEMIA,
            )
        ]
    )
    website = serializers.URLField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(max_length=200)
    contact_email = serializers.EmailField()


class KeySerializer(serializers.Serializer):
    prefix = serializers.CharField()
    key = serializers.CharField(help_text="Shown once. Send it as `Authorization: Api-Key <key>`.")
