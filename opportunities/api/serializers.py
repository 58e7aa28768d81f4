import copy
from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from api_human.core.api.lists import summary_fields
from api_human.core.api.serializers import record_serializer
from api_human.core.api.strict import StrictFieldsMixin
from api_human.core.models import NeedCategory, Organization, PartnerStatus
from api_human.core.text import NameField
from initiatives.models import Need

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
    """An attachment as the team reads it; ``url`` is the team's download page."""

    url = serializers.SerializerMethodField(help_text="Where to download the file (an absolute path).")
    submitted_in = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The revision the file was submitted with; null while it belongs to an unsubmitted draft.",
    )

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "submitted_in", "url"]
        read_only_fields = fields
        computed = {"url": ("id",)}  # for lists (api_human/core/api/lists.py)

    def get_url(self, attachment) -> str:
        return reverse("attachment-download", args=[attachment.pk])


class SubmittedAttachmentsField(serializers.ListSerializer):
    """The team's list of an opportunity's attachments: the submitted ones only (filtered in memory,
    so a prefetch of all of them still costs no query per row)."""

    values_filter = {"submitted_in__isnull": False}

    def to_representation(self, data):
        rows = data.all() if hasattr(data, "all") else data
        return super().to_representation([a for a in rows if a.submitted_in is not None])


class PartnerAttachmentSerializer(AttachmentSerializer):
    """An attachment as its partner reads it; ``url`` downloads it through the API with the key."""

    class Meta(AttachmentSerializer.Meta):
        computed = {"url": ("id", "opportunity_id")}

    def get_url(self, attachment) -> str:
        return reverse(
            "api:partner-opportunity-attachment",
            kwargs={"pk": attachment.opportunity_id, "attachment_pk": attachment.pk},
        )


class AttachmentUploadSerializer(StrictFieldsMixin, serializers.Serializer):
    file = serializers.FileField(
        help_text="A PDF, PNG or JPEG, recognised by its content; its name gets the extension of that type."
    )


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


def team_only_errors(data) -> dict:
    """``{field: [error]}`` for each field of ``data`` only the team sets (code ``read_only``)."""
    if not isinstance(data, Mapping):
        return {}
    return {
        name: [ErrorDetail(_("Partners may not set this field."), code="read_only")]
        for name in sorted(set(data) & set(TEAM_ONLY_FIELDS))
    }


def _with_draft(row: dict) -> dict:
    """A ``.values()`` row of a profile with its unsubmitted edits laid over it (``with_draft``)."""
    if not row["draft"]:
        return row
    row = dict(row)
    for field, value in row["draft"].items():
        if field in Opportunity.PARTNER_FIELDS:
            row[field] = value
    return row


def _fresh(field):
    """A new field like ``field`` (built, never bound): a plain field is copied as it is (``bind``
    then gives the copy its name and parent, as DRF's ``Field.__deepcopy__`` would a field made anew);
    one holding other fields (a list's child) is made again with the arguments it was made with,
    sharing the arguments that are values (texts, choices, validators, querysets, which a field only
    reads); a nested field or serializer is copied whole."""
    if isinstance(field, serializers.BaseSerializer):
        return copy.deepcopy(field)
    if not hasattr(field, "child") and not hasattr(field, "child_relation"):
        # copy.copy, without its generic protocol (a few fields per write, twenty each)
        fresh = object.__new__(field.__class__)
        fresh.__dict__.update(field.__dict__)
        return fresh
    kwargs = {
        name: copy.deepcopy(value) if isinstance(value, serializers.Field) else value
        for name, value in field._kwargs.items()
    }
    return field.__class__(*field._args, **kwargs)


class BuiltOnceMixin:
    """A ModelSerializer whose fields do not depend on the request builds them once per process: DRF
    reads the model and builds every field again for each instance (a few milliseconds, two or three
    times per write). Each instance gets fresh fields made from those (``_fresh``)."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return {name: _fresh(field) for name, field in built.items()}


class PartnerOpportunitySerializer(BuiltOnceMixin, StrictFieldsMixin, serializers.ModelSerializer):
    """An opportunity profile as its partner writes and reads it: with its unsubmitted edits, all its
    attachments, and the team's answer (pipeline status, feedback, why it was declined)."""

    need_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=NeedCategory.choices), required=False
    )
    languages = serializers.ListField(child=serializers.CharField(max_length=10), required=False)
    broadcast = serializers.PrimaryKeyRelatedField(
        queryset=Broadcast.objects.open_to_partners(), required=False, allow_null=True
    )
    contact_name = NameField(max_length=200, required=False, allow_blank=True)
    attachments = PartnerAttachmentSerializer(many=True, read_only=True)
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
            "decline_reason",
            "created_at",
            "updated_at",
            "submitted_at",
            "attachments",
        ]
        read_only_fields = [
            "id",
            "trl",
            "state",
            "revision",
            "pipeline",
            "feedback",
            "decline_reason",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        extra_kwargs = {
            "title": {"required": True},
            "decline_reason": {"help_text": "Why the team declined the profile (when pipeline is declined)."},
            "updated_at": {"help_text": "When the profile last changed (your edits or the team's answer)."},
        }
        computed = {"trl": ("maturity",)}
        values_extra = ("draft",)

    values_row = staticmethod(_with_draft)

    def to_representation(self, instance):
        return super().to_representation(instance.with_draft())

    def validate(self, attrs):
        forbidden = team_only_errors(self.initial_data)
        if forbidden:
            raise serializers.ValidationError(forbidden)
        return attrs

    def create(self, validated_data):
        from .. import services

        opportunity = services.opportunity_create(actor=self.context["request"].user, data=validated_data)
        # a new profile has no files yet: its answer lists none without asking the database
        opportunity._prefetched_objects_cache = {"attachments": Attachment.objects.none()}
        return opportunity

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
        computed = {"reasons_text": ("reasons",)}

    def get_reasons_text(self, match) -> list[str]:
        return [str(REASON_LABELS.get(reason, reason)) for reason in match.reasons]


class TeamOpportunitySerializer(serializers.ModelSerializer):
    """A profile as the team reads it: its latest submitted revision (never the partner's unsubmitted
    edits), the files submitted with it, its revisions and matches."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    attachments = SubmittedAttachmentsField(child=AttachmentSerializer(), read_only=True)
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
        computed = {"trl": ("maturity",)}


class TeamOpportunityRowSerializer(serializers.ModelSerializer):
    """A profile in ``/opportunities/summary/``: its latest submitted revision, with how many files
    were submitted with it and how many needs and initiatives it matches."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    need_categories = serializers.ListField(child=serializers.ChoiceField(choices=NeedCategory.choices))
    languages = serializers.ListField(child=serializers.CharField())
    trl = serializers.IntegerField(read_only=True, allow_null=True)
    attachment_count = serializers.IntegerField(read_only=True, help_text="Files submitted with it.")
    match_count = serializers.IntegerField(read_only=True, help_text="Needs and initiatives it matches.")

    class Meta:
        model = Opportunity
        fields = summary_fields(
            TeamOpportunitySerializer.Meta.fields,
            {"attachments": "attachment_count", "revisions": None, "matches": "match_count"},
        )
        read_only_fields = fields
        computed = {"trl": ("maturity",)}


class PipelineSerializer(StrictFieldsMixin, serializers.Serializer):
    pipeline = serializers.ChoiceField(choices=Opportunity.Pipeline.choices)
    feedback = serializers.CharField(required=False, allow_blank=True, default="")
    decline_reason = serializers.CharField(required=False, allow_blank=True, default="")


class RegisterSerializer(StrictFieldsMixin, serializers.Serializer):
    name = NameField(max_length=200)
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
    contact_name = NameField(max_length=200)
    contact_email = serializers.EmailField()


REGISTRATION_STATUS_CHOICES = [
    (status.value, status.label)
    for status in (PartnerStatus.PENDING, PartnerStatus.APPROVED, PartnerStatus.REJECTED)
]


class RegistrationSerializer(serializers.Serializer):
    """The answer to a registration: the same whether or not the name is already in the directory."""

    organization = serializers.IntegerField(help_text="The id of the registered organisation.")
    partner_status = serializers.ChoiceField(
        choices=REGISTRATION_STATUS_CHOICES[:1],
        help_text="Always `pending`: the team decides later (follow `status_url`).",
    )
    status_token = serializers.CharField(
        help_text="Keep it: it is the only way to follow the registration until a key is issued."
    )
    status_url = serializers.CharField(
        help_text="Where to follow the registration (an absolute path, no key needed)."
    )


class RegistrationStatusSerializer(serializers.Serializer):
    partner_status = serializers.ChoiceField(
        choices=REGISTRATION_STATUS_CHOICES,
        help_text="`pending` (waiting for the team), `approved` (the team sends the API key to the "
        "contact over a safe channel) or `rejected`.",
    )
    registered_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(
        allow_null=True, help_text="When the team approved or declined it; null while pending."
    )


class KeySerializer(serializers.Serializer):
    prefix = serializers.CharField()
    key = serializers.CharField(help_text="Shown once. Send it as `Authorization: Api-Key <key>`.")


class KeyRotationSerializer(KeySerializer):
    previous_key_expires_at = serializers.DateTimeField(
        help_text="The key you rotated keeps working until then (the overlap), so your systems can "
        "move to the new key without a gap; it stops afterwards."
    )
