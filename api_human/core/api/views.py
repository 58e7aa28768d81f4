"""Thin viewsets: a queryset narrowed by ``visible_to``, a serializer, a FilterSet, role access."""

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import services
from ..filtersets import (
    EngagementFilterSet,
    EngagementMembershipFilterSet,
    OrganizationFilterSet,
    TeamFilterSet,
    TeamMemberFilterSet,
)
from ..models import (
    Engagement,
    EngagementMembership,
    EngagementPartner,
    Notification,
    Organization,
    Role,
    Team,
    TeamMember,
)
from ..selectors import engagements_with_related, teams_with_members
from . import serializers
from .concurrency import WriteSafetyMixin
from .lists import SummaryListMixin, ValuesListMixin, count_of
from .permissions import RoleAccess

MINISTRY_SIDE = frozenset({Role.TEAM, Role.MANAGER})
TEAM_ONLY = frozenset({Role.TEAM})
ADMIN_ONLY = frozenset()


class VisibleModelViewSet(WriteSafetyMixin, viewsets.ModelViewSet):
    """Starts every request from ``queryset.visible_to(user)``: what a user may not see is a 404."""

    permission_classes = [RoleAccess]
    read_roles = MINISTRY_SIDE
    write_roles = TEAM_ONLY
    destroy_roles = ADMIN_ONLY

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class OrganizationViewSet(ValuesListMixin, VisibleModelViewSet):
    """Organisations of both worlds. Partners see (only) their own."""

    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    read_roles = MINISTRY_SIDE | {Role.PARTNER}
    ordering = ("name", "id")
    ordering_fields = ("name", "created_at", "updated_at")


def summary_schema(serializer_class, what: str):
    """The schema of a view's ``summary/`` list (lists.SummaryListMixin)."""
    return extend_schema_view(
        summary=extend_schema(
            summary=f"{what}: the list with collections counted",
            description="The same list, filters, order and pages; each row has every field of the "
            "record except its collections, which are counted. The record itself has them.",
            responses={200: serializer_class(many=True)},
        )
    )


@summary_schema(serializers.EngagementRowSerializer, "Engagements")
class EngagementViewSet(SummaryListMixin, VisibleModelViewSet):
    """Engagements the user belongs to, with their partners and team over time."""

    queryset = engagements_with_related(Engagement.objects.all())
    serializer_class = serializers.EngagementSerializer
    summary_serializer_class = serializers.EngagementRowSerializer
    filterset_class = EngagementFilterSet
    ordering = ("-start_date", "id")
    ordering_fields = ("start_date", "name", "updated_at")

    def annotate_summary(self, queryset):
        today = timezone.localdate()
        current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        return queryset.annotate(
            partner_count=count_of(EngagementPartner, "engagement"),
            member_count=count_of(EngagementMembership, "engagement", current, valid_from__lte=today),
        )


class EngagementMembershipViewSet(VisibleModelViewSet):
    """Who is or was on an engagement, in which role and world, from when to when."""

    queryset = EngagementMembership.objects.select_related("user")
    serializer_class = serializers.EngagementMembershipSerializer
    filterset_class = EngagementMembershipFilterSet
    ordering = ("valid_from", "id")
    ordering_fields = ("valid_from", "valid_to")


class TeamViewSet(VisibleModelViewSet):
    """Steering committees, leading teams, work teams, joint teams and task forces."""

    queryset = teams_with_members(Team.objects.all())
    serializer_class = serializers.TeamSerializer
    filterset_class = TeamFilterSet
    ordering = ("kind", "name", "id")
    ordering_fields = ("kind", "name", "formed_on")


class TeamMemberViewSet(VisibleModelViewSet):
    queryset = TeamMember.objects.select_related("user")
    serializer_class = serializers.TeamMemberSerializer
    filterset_class = TeamMemberFilterSet
    ordering = ("team", "valid_from", "id")
    ordering_fields = ("valid_from", "valid_to")


@extend_schema(summary="The signed-in user (or the partner the API key belongs to)")
class MeView(WriteSafetyMixin, generics.RetrieveAPIView):
    serializer_class = serializers.MeSerializer

    def get_object(self):
        return self.request.user


class RecordViewSet(VisibleModelViewSet):
    """Stage records: the team keeps them (including deleting — the history keeps what was deleted)."""

    destroy_roles = TEAM_ONLY
    ordering = ("id",)

    def perform_destroy(self, instance):
        services.record_delete(instance, actor=self.request.user)


def record_viewset(model, serializer, filterset, *, related=(), prefetch=(), doc=""):
    """A stage record's viewset; its list is built from ``.values()`` rows (``lists.py``)."""
    return type(
        f"{model.__name__}ViewSet",
        (ValuesListMixin, RecordViewSet),
        {
            "queryset": model.objects.select_related(*related).prefetch_related(*prefetch),
            "serializer_class": serializer,
            "filterset_class": filterset,
            "__doc__": doc or model.__doc__,
        },
    )


class NotificationViewSet(
    WriteSafetyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your own notifications (alerts of stalled work); mark them read or dismiss them."""

    queryset = Notification.objects.all()
    serializer_class = serializers.NotificationSerializer
    permission_classes = [RoleAccess]
    read_roles = MINISTRY_SIDE
    write_roles = MINISTRY_SIDE
    destroy_roles = frozenset()
    action_roles = {"read": MINISTRY_SIDE, "dismiss": MINISTRY_SIDE}
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    @extend_schema(request=None, responses={200: serializers.NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request, **kwargs):
        notification = services.notification_mark(notification=self.get_object(), read=True)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses={200: serializers.NotificationSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, **kwargs):
        notification = services.notification_mark(notification=self.get_object(), dismissed=True)
        return Response(self.get_serializer(notification).data)
