"""The connective work's API: connections and their trust notes, events and who took part, mentoring
sessions, two-in-a-box pairs, procurement steps, learning milestones, reach measurements and concerns —
record viewsets like the stages' (the team writes, managers read, partners see none of it) — and the
three moves: a connection becomes direct, an event raises a need, connections are handed over at the
exit review."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api_human.core.api.lists import SummaryListMixin, count_of
from api_human.core.api.views import record_viewset, summary_schema
from initiatives.api.serializers import NeedSerializer
from stages.models import ExitReview

from .. import filtersets, services
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
from . import serializers


def _renamed(error: DjangoValidationError, names: dict) -> DjangoValidationError:
    """A service's refusal with its fields named as the request names them (``direct_since`` → ``since``)."""
    if not hasattr(error, "error_dict"):
        return DjangoValidationError({names.get(NON_FIELD_ERRORS, NON_FIELD_ERRORS): error.messages})
    renamed = {}
    for name, errors in error.error_dict.items():
        renamed.setdefault(names.get(name, name), []).extend(errors)
    return DjangoValidationError(renamed)


def _ordered(viewset, ordering, fields):
    """A record viewset with its default order and the fields a list may be ordered by."""
    viewset.ordering = ordering
    viewset.ordering_fields = fields
    return viewset


class ConnectionViewSet(
    record_viewset(
        Connection,
        serializers.ConnectionSerializer,
        filtersets.ConnectionFilterSet,
        related=["welfare_party", "digital_party"],
    )
):
    """Connections between a party of the welfare world and a party of the digital world: how each
    began, and from when it runs without the team (``direct_since``; ``direct``)."""

    ordering = ("began_on", "id")
    ordering_fields = ("began_on", "updated_at")

    def _answer(self, connection, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=connection.pk)).data, status=code)

    @extend_schema(
        request=serializers.MakeDirectSerializer, responses={200: serializers.ConnectionSerializer}
    )
    @action(detail=True, methods=["post"], url_path="make-direct")
    def make_direct(self, request, **kwargs):
        """Record that the parties work together without the team from ``since`` (a note, if given, is
        kept as a breakthrough trust note of that day)."""
        payload = serializers.MakeDirectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            connection = services.connection_make_direct(
                connection=self.get_object(), actor=request.user, **payload.validated_data
            )
        except DjangoValidationError as error:
            raise _renamed(error, {"direct_since": "since", NON_FIELD_ERRORS: "since"}) from None
        return self._answer(connection)

    @extend_schema(
        request=serializers.HandOverSerializer, responses={201: serializers.HandedOverSerializer(many=True)}
    )
    @action(detail=False, methods=["post"], url_path="hand-over")
    def hand_over(self, request, **kwargs):
        """At the exit review: each connection still through the team becomes a handover item with the
        ministry owner who keeps it. All or nothing; a signed-off review is refused."""
        payload = serializers.HandOverSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        review = get_object_or_404(ExitReview.objects.editable_by(request.user), pk=data["review"])
        owners = [
            services.HandoverOwner(
                connection_id=owner["connection"],
                ministry_owner=owner["ministry_owner"],
                due_on=owner["due_on"],
            )
            for owner in data["owners"]
        ]
        items = services.connections_hand_over(review=review, actor=request.user, owners=owners)
        for item, owner in zip(items, owners, strict=True):
            item.connection_id = owner.connection_id
        return Response(
            serializers.HandedOverSerializer(items, many=True).data, status=status.HTTP_201_CREATED
        )


TrustNoteViewSet = _ordered(
    record_viewset(TrustNote, serializers.TrustNoteSerializer, filtersets.TrustNoteFilterSet),
    ("on", "id"),
    ("on", "updated_at"),
)


@summary_schema(serializers.JointEventRowSerializer, "Events")
class EventViewSet(
    SummaryListMixin,
    record_viewset(
        Event,
        serializers.JointEventSerializer,
        filtersets.EventFilterSet,
        prefetch=[
            "needs",
            "initiatives",
            "mechanisms",
            Prefetch("participants", queryset=EventParticipation.objects.select_related("organization")),
            "connections",
        ],
    ),
):
    """Events that bring the worlds together — hackathons, datathons, task forces, customer-journey
    workshops, conferences, study days — with who took part and what followed."""

    ordering = ("-starts_on", "id")
    ordering_fields = ("starts_on", "updated_at")
    summary_serializer_class = serializers.JointEventRowSerializer

    def annotate_summary(self, queryset):
        return queryset.annotate(
            need_count=count_of(Event.needs.through, "event"),
            initiative_count=count_of(Event.initiatives.through, "event"),
            mechanism_count=count_of(Event.mechanisms.through, "event"),
            participation_count=count_of(EventParticipation, "event"),
            connection_count=count_of(Connection, "event"),
        )

    @extend_schema(request=serializers.RaiseNeedSerializer, responses={201: NeedSerializer})
    @action(detail=True, methods=["post"], url_path="raise-need")
    def raise_need(self, request, **kwargs):
        """A need raised at the event: created in the event's engagement and listed among its needs."""
        payload = serializers.RaiseNeedSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        need = services.event_raise_need(
            event=self.get_object(), actor=request.user, data=payload.validated_data
        )
        data = NeedSerializer(need, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


EventParticipationViewSet = record_viewset(
    EventParticipation,
    serializers.EventParticipationSerializer,
    filtersets.EventParticipationFilterSet,
    related=["organization"],
    doc="How many people of each world (and division or organisation) took part in an event.",
)


MentoringSessionViewSet = _ordered(
    record_viewset(
        MentoringSession, serializers.MentoringSessionSerializer, filtersets.MentoringSessionFilterSet
    ),
    ("-held_on", "id"),
    ("held_on", "updated_at"),
)
PairingViewSet = _ordered(
    record_viewset(Pairing, serializers.PairingSerializer, filtersets.PairingFilterSet),
    ("started_on", "id"),
    ("started_on", "updated_at"),
)
ProcurementStepViewSet = _ordered(
    record_viewset(
        ProcurementStep, serializers.ProcurementStepSerializer, filtersets.ProcurementStepFilterSet
    ),
    ("on", "id"),
    ("on", "updated_at"),
)
LearningMilestoneViewSet = _ordered(
    record_viewset(
        LearningMilestone, serializers.LearningMilestoneSerializer, filtersets.LearningMilestoneFilterSet
    ),
    ("due_on", "id"),
    ("due_on", "updated_at"),
)
ReachMeasurementViewSet = _ordered(
    record_viewset(
        ReachMeasurement, serializers.ReachMeasurementSerializer, filtersets.ReachMeasurementFilterSet
    ),
    ("measured_on", "id"),
    ("measured_on", "updated_at"),
)
ConcernViewSet = _ordered(
    record_viewset(Concern, serializers.ConcernSerializer, filtersets.ConcernFilterSet),
    ("-raised_on", "id"),
    ("raised_on", "updated_at"),
)
