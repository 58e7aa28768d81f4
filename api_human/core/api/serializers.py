"""Representations of the core records. Writes are delegated to ``services``."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from .. import services
from ..models import (
    Engagement,
    EngagementMembership,
    Notification,
    Organization,
    Team,
    TeamMember,
    User,
)
from .lists import summary_fields


def _request_user(serializer):
    return serializer.context["request"].user


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name", "role"]
        read_only_fields = fields
        computed = {"__str__": ("first_name", "last_name", "username")}  # for lists (api/lists.py)


class MeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name", "email", "role", "organization"]
        read_only_fields = fields


class OrganizationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "world", "kind"]
        read_only_fields = fields


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "world",
            "kind",
            "website",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "relevance",
            "relationship_owner",
            "first_contact_on",
            "last_contact_on",
            "partner_status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "partner_status", "created_at", "updated_at"]
        validators = []  # uniqueness is checked by the model's constraint in the service

    def create(self, validated_data):
        return services.organization_create(actor=_request_user(self), **validated_data)

    def update(self, instance, validated_data):
        return services.organization_update(
            organization=instance, actor=_request_user(self), data=validated_data
        )


class MembershipSummarySerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = EngagementMembership
        fields = ["id", "user", "role", "world", "valid_from", "valid_to", "is_current"]
        read_only_fields = fields
        computed = {"is_current": ("valid_from", "valid_to")}


class EngagementSerializer(serializers.ModelSerializer):
    partner_organizations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organization.objects.all(), required=False
    )
    partners = OrganizationSummarySerializer(source="partner_organizations", many=True, read_only=True)
    memberships = MembershipSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id",
            "name",
            "description",
            "change_object_kind",
            "change_object",
            "change_object_organization",
            "partner_organizations",
            "partners",
            "start_date",
            "end_date",
            "status",
            "memberships",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def create(self, validated_data):
        return services.engagement_create(actor=_request_user(self), **validated_data)

    def update(self, instance, validated_data):
        return services.engagement_update(engagement=instance, actor=_request_user(self), data=validated_data)


class EngagementRowSerializer(serializers.ModelSerializer):
    """An engagement in ``/engagements/summary/``: its partners and people counted, not listed."""

    partner_count = serializers.IntegerField(read_only=True, help_text="Partner organisations on it.")
    member_count = serializers.IntegerField(read_only=True, help_text="People on it today.")

    class Meta:
        model = Engagement
        fields = summary_fields(
            EngagementSerializer.Meta.fields,
            {"partner_organizations": "partner_count", "partners": None, "memberships": "member_count"},
        )
        read_only_fields = fields


class EditableRelatedField(serializers.PrimaryKeyRelatedField):
    """A row the requesting user may change (``Model.objects.editable_by``); any other id is unknown."""

    def __init__(self, model=None, **kwargs):
        self.model = model or self.model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.model.objects.editable_by(request.user) if request else self.model.objects.none()


class EditableEngagementField(EditableRelatedField):
    model = Engagement


class EngagementMembershipSerializer(serializers.ModelSerializer):
    engagement = EditableEngagementField()
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.ministry_side())
    person = PersonSerializer(source="user", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = EngagementMembership
        fields = [
            "id",
            "engagement",
            "user",
            "person",
            "role",
            "world",
            "valid_from",
            "valid_to",
            "is_current",
        ]
        read_only_fields = ["id"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:  # who and where are fixed; end a membership and start another
            fields["engagement"].read_only = True
            fields["user"].read_only = True
        return fields

    def create(self, validated_data):
        return services.membership_create(actor=_request_user(self), **validated_data)

    def update(self, instance, validated_data):
        return services.membership_update(membership=instance, actor=_request_user(self), data=validated_data)


class TeamMemberSerializer(serializers.ModelSerializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.none())
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = TeamMember
        fields = [
            "id",
            "team",
            "user",
            "full_name",
            "name",
            "title",
            "organization",
            "world",
            "valid_from",
            "valid_to",
        ]
        read_only_fields = ["id"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["team"].queryset = Team.objects.editable_by(request.user) if request else Team.objects.none()
        if self.instance is not None:
            fields["team"].read_only = True
        return fields

    def create(self, validated_data):
        return services.team_member_create(actor=_request_user(self), **validated_data)

    def update(self, instance, validated_data):
        return services.team_member_update(member=instance, actor=_request_user(self), data=validated_data)


class TeamMemberSummarySerializer(TeamMemberSerializer):
    class Meta(TeamMemberSerializer.Meta):
        fields = [f for f in TeamMemberSerializer.Meta.fields if f != "team"]
        read_only_fields = fields

    def get_fields(self):
        return serializers.ModelSerializer.get_fields(self)


class TeamSerializer(serializers.ModelSerializer):
    engagement = EditableEngagementField()
    members = TeamMemberSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = [
            "id",
            "engagement",
            "kind",
            "name",
            "content_area",
            "description",
            "formed_on",
            "dissolved_on",
            "members",
        ]
        read_only_fields = ["id"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["engagement"].read_only = True
        return fields

    def create(self, validated_data):
        return services.team_create(actor=_request_user(self), **validated_data)

    def update(self, instance, validated_data):
        return services.team_update(team=instance, actor=_request_user(self), data=validated_data)


class RecordSerializer(serializers.ModelSerializer):
    """A stage record in an engagement the user may change. Many-to-many fields must stay inside
    the record's engagement; ``parent_field`` is fixed once the record exists."""

    parent_field = "engagement"
    many_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and self.parent_field in fields:
            fields[self.parent_field].read_only = True
        return fields

    def _split(self, validated_data):
        many = {name: validated_data.pop(name) for name in self.many_fields if name in validated_data}
        return validated_data, many

    def validate(self, attrs):
        engagement = attrs.get("engagement") or getattr(self.instance, "engagement", None)
        for name in self.many_fields:
            for related in attrs.get(name, []):
                # organisations belong to no engagement (the directory is shared): only the others are checked
                if (
                    engagement is not None
                    and getattr(related, "engagement_id", engagement.pk) != engagement.pk
                ):
                    raise serializers.ValidationError({name: [_("Choose items of the same engagement.")]})
        for name, value in attrs.items():
            other = getattr(value, "engagement_id", None)
            if engagement is not None and name != "engagement" and other not in (None, engagement.pk):
                raise serializers.ValidationError({name: [_("Choose items of the same engagement.")]})
        return attrs

    def create(self, validated_data):
        data, many = self._split(validated_data)
        return services.record_create(self.Meta.model, actor=_request_user(self), data=data, many=many)

    def update(self, instance, validated_data):
        data, many = self._split(validated_data)
        return services.record_update(instance, actor=_request_user(self), data=data, many=many)


def record_serializer(model_, fields_, *, parent=("engagement", None), many=(), extra=None):
    """A RecordSerializer for ``model_`` whose parent field is narrowed to rows the user may change."""
    parent_name, parent_model = parent
    attrs = {
        "parent_field": parent_name,
        "many_fields": tuple(many),
        parent_name: EditableEngagementField()
        if parent_model is None
        else EditableRelatedField(parent_model),
        "Meta": type(
            "Meta", (), {"model": model_, "fields": ["id", parent_name, *fields_], "read_only_fields": ["id"]}
        ),
        **(extra or {}),
    }
    return type(f"{model_.__name__}Serializer", (RecordSerializer,), attrs)


class NotificationSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "link", "created_at", "read_at", "dismissed_at"]
        read_only_fields = fields
