"""Thin viewsets: a queryset narrowed by ``visible_to``, a serializer, a FilterSet, role access."""

from drf_spectacular.utils import extend_schema
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
from ..models import Engagement, EngagementMembership, Notification, Organization, Role, Team, TeamMember
from ..selectors import engagements_with_related, teams_with_members
from . import serializers
from .concurrency import WriteSafetyMixin
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


class OrganizationViewSet(VisibleModelViewSet):
    """Organisations of both worlds. Partners see (only) their own."""

    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    read_roles = MINISTRY_SIDE | {Role.PARTNER}
    ordering = ("name", "id")
    ordering_fields = ("name", "created_at", "updated_at")


class EngagementViewSet(VisibleModelViewSet):
    """Engagements the user belongs to, with their partners and team over time."""

    queryset = engagements_with_related(Engagement.objects.all())
    serializer_class = serializers.EngagementSerializer
    filterset_class = EngagementFilterSet
    ordering = ("-start_date", "id")
    ordering_fields = ("start_date", "name", "updated_at")


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
    return type(
        f"{model.__name__}ViewSet",
        (RecordViewSet,),
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
