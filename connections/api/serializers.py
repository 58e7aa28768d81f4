"""Representations of the connective work's records. Plain writes go through the core's record services
(``RecordSerializer``); making a connection direct, raising a need at an event and handing connections
over at the exit review go through ``connections.services``."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from api_human.core.api.lists import summary_fields
from api_human.core.api.serializers import record_serializer
from api_human.core.models import User, World
from api_human.core.text import INVISIBLE_CLASS, InvisibleCharactersValidator
from initiatives.models import Initiative, Need
from stages.models import HandoverItem, Mechanism

from ..models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    Pairing,
    ProcurementStep,
    ReachMeasurement,
    TrustNote,
)

STAMPS = ["created_at", "updated_at"]
INITIATIVE = ("initiative", Initiative)


class Written(RegexValidator):
    """A text that must say something: more than spaces (DRF trims a text and refuses it blank before its
    validators run; this says so in the OpenAPI document, as a ``pattern``, which ``minLength`` alone
    does not). With ``visible``, the pattern also states the invisible-characters rule of the field."""

    message = gettext_lazy("This field may not be blank.")
    code = "blank"

    def __init__(self, visible: bool):
        regex = rf"\A[^{INVISIBLE_CLASS}]*[^\s{INVISIBLE_CLASS}][^{INVISIBLE_CLASS}]*\Z" if visible else r"\S"
        super().__init__(regex)

    def __call__(self, value):
        if not str(value).strip():
            raise serializers.ValidationError(self.message, code=self.code)


class WrittenTexts:
    """Every required text of the serializer says, in the schema, that it must be more than spaces."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if (
                type(field) is serializers.CharField
                and not field.read_only
                and not field.allow_blank
                and field.trim_whitespace
            ):
                visible = any(isinstance(v, InvisibleCharactersValidator) for v in field.validators)
                field.validators = [Written(visible), *field.validators]
        return fields


def _record(model, fields, *, parent=("engagement", None), many=(), extra=None, stamps=True):
    """The core's record serializer, with the record's timestamps, and no uniqueness validators of DRF's
    own: the model's rules and constraints are checked when the record is saved, with their messages."""
    base = record_serializer(model, fields, parent=parent, many=many, extra=extra)
    meta = type(
        "Meta",
        (base.Meta,),
        {"fields": [*base.Meta.fields, *(STAMPS if stamps else [])], "validators": []},
    )
    return type(base.__name__, (WrittenTexts, base), {"Meta": meta})


def _ministry_side_person(**kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=User.objects.ministry_side(), allow_null=True, required=False, **kwargs
    )


# ------------------------------------------------------------------------------------------------
# Connections and trust notes
# ------------------------------------------------------------------------------------------------
class ConnectionSerializer(_record(Connection, [])):
    welfare_party_name = serializers.CharField(source="welfare_party.name", read_only=True)
    digital_party_name = serializers.CharField(source="digital_party.name", read_only=True)
    introduced_by = _ministry_side_person()
    direct = serializers.BooleanField(
        source="is_direct",
        read_only=True,
        help_text="Whether the parties work together without the team (``direct_since`` is set).",
    )
    handover_item = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The exit review's handover item that gave the connection its owner.",
    )

    class Meta:
        model = Connection
        fields = [
            "id",
            "engagement",
            "welfare_party",
            "welfare_party_name",
            "welfare_person",
            "digital_party",
            "digital_party_name",
            "digital_person",
            "origin",
            "event",
            "introduced_by",
            "began_on",
            "direct_since",
            "direct",
            "ended_on",
            "ministry_owner",
            "handover_item",
            "notes",
            *STAMPS,
        ]
        read_only_fields = ["id", "handover_item"]
        validators = []
        computed = {"is_direct": ("direct_since",)}  # for lists (api_human/core/api/lists.py)

    def validate(self, attrs):
        attrs = super().validate(attrs)

        def now(name):
            return attrs[name] if name in attrs else getattr(self.instance, name, None)

        errors = {}
        welfare, digital = now("welfare_party"), now("digital_party")
        if welfare is not None and welfare.world != World.WELFARE:
            errors["welfare_party"] = [_("Choose an organisation of the welfare world.")]
        if digital is not None and digital.world != World.DIGITAL:
            errors["digital_party"] = [_("Choose an organisation of the digital world.")]
        if now("origin") == Connection.Origin.EVENT and now("event") is None:
            errors["event"] = [_("Say at which event the connection began.")]
        began, direct, ended = now("began_on"), now("direct_since"), now("ended_on")
        if began is not None and direct is not None and direct < began:
            errors["direct_since"] = [_("A connection cannot be direct before it began.")]
        if began is not None and ended is not None and ended < began:
            errors["ended_on"] = [_("A connection cannot end before it began.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


TrustNoteSerializer = _record(TrustNote, ["on", "kind", "text"], parent=("connection", Connection))


# ------------------------------------------------------------------------------------------------
# Events and who took part
# ------------------------------------------------------------------------------------------------
class ParticipantSerializer(serializers.ModelSerializer):
    """One world's (and one division's or organisation's) participants, inside an event."""

    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True)

    class Meta:
        model = EventParticipation
        fields = ["id", "world", "organization", "organization_name", "count", "note"]
        read_only_fields = fields


EventParticipationSerializer = _record(
    EventParticipation,
    ["world", "organization", "organization_name", "count", "note"],
    parent=("event", Event),
    extra={
        "organization_name": serializers.CharField(
            source="organization.name", read_only=True, allow_null=True
        ),
        "count": serializers.IntegerField(
            min_value=1, max_value=2_147_483_647, help_text="How many took part."
        ),
    },
    stamps=False,
)


def _many(model, help_text):
    return serializers.PrimaryKeyRelatedField(
        many=True, queryset=model.objects.all(), required=False, help_text=help_text
    )


EVENT_FIELDS = [
    "id",
    "engagement",
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "description",
    "needs",
    "initiatives",
    "mechanisms",
    "participants",
    "connections",
    "lessons",
    *STAMPS,
]


class JointEventSerializer(_record(Event, [], many=["needs", "initiatives", "mechanisms"])):
    needs = _many(Need, "Needs raised at the event (of the same engagement).")
    initiatives = _many(Initiative, "Initiatives that followed it.")
    mechanisms = _many(Mechanism, "Mechanisms that followed it.")
    participants = ParticipantSerializer(many=True, read_only=True)
    connections = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Connections that began at the event."
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        read_only_fields = ["id"]
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        starts = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts is not None and ends is not None and ends < starts:
            raise serializers.ValidationError({"ends_on": [_("An event cannot end before it starts.")]})
        return attrs


class JointEventRowSerializer(serializers.ModelSerializer):
    """An event in ``/events/summary/``: what it raised and what followed, counted."""

    need_count = serializers.IntegerField(read_only=True, help_text="Needs it raised.")
    initiative_count = serializers.IntegerField(read_only=True, help_text="Initiatives that followed.")
    mechanism_count = serializers.IntegerField(read_only=True, help_text="Mechanisms that followed.")
    participation_count = serializers.IntegerField(
        read_only=True, help_text="Groups of participants recorded (a world, and a division of it)."
    )
    connection_count = serializers.IntegerField(read_only=True, help_text="Connections that began there.")

    class Meta:
        model = Event
        fields = summary_fields(
            EVENT_FIELDS,
            {
                "needs": "need_count",
                "initiatives": "initiative_count",
                "mechanisms": "mechanism_count",
                "participants": "participation_count",
                "connections": "connection_count",
            },
        )
        read_only_fields = fields


class RaiseNeedSerializer(WrittenTexts, serializers.ModelSerializer):
    """A need raised at an event: the fields of a need, its engagement the event's."""

    class Meta:
        model = Need
        fields = [
            "title",
            "description",
            "source",
            "category",
            "subcategory",
            "content_world",
            "requested_by",
            "status",
        ]


# ------------------------------------------------------------------------------------------------
# Mentoring
# ------------------------------------------------------------------------------------------------
MentoringSessionSerializer = _record(
    MentoringSession,
    [
        "mentor",
        "mentee",
        "mentee_world",
        "mentee_organization",
        "held_on",
        "topic",
        "moved",
        "outcome",
    ],
    extra={
        "mentor": _ministry_side_person(help_text="A member of the team (or another ministry-side person)."),
        "moved": serializers.ListField(
            child=serializers.ChoiceField(choices=MentoringSession.Moved.choices),
            required=False,
            help_text="What the session moved: confidence, a shared language, a decision, a skill.",
        ),
    },
)


# ------------------------------------------------------------------------------------------------
# An initiative's connective work
# ------------------------------------------------------------------------------------------------
PairingSerializer = _record(
    Pairing,
    [
        "welfare_person",
        "welfare_role",
        "digital_person",
        "digital_role",
        "started_on",
        "ended_on",
        "data_set",
    ],
    parent=INITIATIVE,
)
ProcurementStepSerializer = _record(ProcurementStep, ["kind", "on", "status", "outcome"], parent=INITIATIVE)
LearningMilestoneSerializer = _record(
    LearningMilestone, ["question", "due_on", "reached_on", "learned"], parent=INITIATIVE
)
ReachMeasurementSerializer = _record(
    ReachMeasurement,
    ["measured_on", "phase", "users", "localities", "services", "note"],
    parent=INITIATIVE,
)
ConcernSerializer = _record(
    Concern,
    ["initiative", "party", "organization", "concern", "holding", "raised_on", "status"],
)


# ------------------------------------------------------------------------------------------------
# Actions
# ------------------------------------------------------------------------------------------------
class MakeDirectSerializer(serializers.Serializer):
    since = serializers.DateField(help_text="From when the parties work together without the team.")
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="What made it direct: kept as a breakthrough trust note of that day.",
    )


class HandoverOwnerSerializer(WrittenTexts, serializers.Serializer):
    connection = serializers.IntegerField(help_text="A connection still through the team, not handed over.")
    ministry_owner = serializers.CharField(
        max_length=200, help_text="The ministry role or person keeping it."
    )
    due_on = serializers.DateField(help_text="By when (not before the exit review).")


class HandOverSerializer(serializers.Serializer):
    review = serializers.IntegerField(help_text="An exit review of the engagement, not yet signed off.")
    owners = serializers.ListField(
        child=HandoverOwnerSerializer(),
        allow_empty=False,
        min_length=1,
        max_length=500,
        help_text="Who in the ministry keeps each connection handed over.",
    )


class HandedOverSerializer(serializers.ModelSerializer):
    """A handover item created for a connection."""

    connection = serializers.IntegerField(source="connection_id", read_only=True)

    class Meta:
        model = HandoverItem
        fields = ["id", "review", "connection", "function", "ministry_role", "due_on"]
        read_only_fields = fields
