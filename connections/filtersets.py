"""One FilterSet per record of the connective work, shared by the API and the pages; each has ``q`` and
``engagement`` (through the record's parent when it has no engagement of its own), and date ranges as
``<field>_from`` / ``<field>_to`` (both days included)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import SearchFilterSet, visible_engagements

from . import models


def _engagement_filter(lookup="engagement"):
    return django_filters.ModelChoiceFilter(
        field_name=lookup, queryset=visible_engagements, label=_("Engagement")
    )


def _date_range(field_name, label_from, label_to):
    return (
        django_filters.DateFilter(field_name=field_name, lookup_expr="gte", label=label_from),
        django_filters.DateFilter(field_name=field_name, lookup_expr="lte", label=label_to),
    )


class ConnectionFilterSet(SearchFilterSet):
    search_fields = (
        "welfare_party__name",
        "welfare_person",
        "digital_party__name",
        "digital_person",
        "ministry_owner",
        "notes",
    )
    engagement = _engagement_filter()
    direct = django_filters.BooleanFilter(
        field_name="direct_since", lookup_expr="isnull", exclude=True, label=_("Direct (without the team)")
    )
    handed_over = django_filters.BooleanFilter(
        field_name="handover_item", lookup_expr="isnull", exclude=True, label=_("Handed over")
    )
    ended = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", exclude=True, label=_("Ended")
    )
    began_from, began_to = _date_range("began_on", _("Began from"), _("Began until"))
    direct_from, direct_to = _date_range("direct_since", _("Direct from"), _("Direct until"))

    class Meta:
        model = models.Connection
        fields = [
            "q",
            "engagement",
            "origin",
            "event",
            "welfare_party",
            "digital_party",
            "direct",
            "handed_over",
            "ended",
            "began_from",
            "began_to",
            "direct_from",
            "direct_to",
        ]


class TrustNoteFilterSet(SearchFilterSet):
    search_fields = ("text",)
    engagement = _engagement_filter("connection__engagement")
    on_from, on_to = _date_range("on", _("From"), _("Until"))

    class Meta:
        model = models.TrustNote
        fields = ["q", "engagement", "connection", "kind", "on_from", "on_to"]


class EventFilterSet(SearchFilterSet):
    search_fields = ("title", "description", "place", "lessons")
    engagement = _engagement_filter()
    starts_from, starts_to = _date_range("starts_on", _("Starts from"), _("Starts until"))

    class Meta:
        model = models.Event
        fields = ["q", "engagement", "kind", "initiatives", "needs", "starts_from", "starts_to"]


class EventParticipationFilterSet(SearchFilterSet):
    search_fields = ("note", "organization__name", "event__title")
    engagement = _engagement_filter("event__engagement")

    class Meta:
        model = models.EventParticipation
        fields = ["q", "engagement", "event", "world", "organization"]


class MentoringSessionFilterSet(SearchFilterSet):
    search_fields = ("mentee", "topic", "outcome")
    engagement = _engagement_filter()
    moved = django_filters.ChoiceFilter(
        method="filter_moved", choices=models.MentoringSession.Moved.choices, label=_("What moved")
    )
    held_from, held_to = _date_range("held_on", _("Held from"), _("Held until"))

    class Meta:
        model = models.MentoringSession
        fields = [
            "q",
            "engagement",
            "mentee_world",
            "mentor",
            "mentee_organization",
            "moved",
            "held_from",
            "held_to",
        ]

    def filter_moved(self, queryset, name, value):
        # The JSON list holds the codes in quotes; this works on PostgreSQL and SQLite alike.
        return queryset.filter(moved__icontains=f'"{value}"') if value else queryset


class PairingFilterSet(SearchFilterSet):
    search_fields = ("welfare_person", "welfare_role", "digital_person", "digital_role", "data_set")
    engagement = _engagement_filter("initiative__engagement")
    ended = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", exclude=True, label=_("Parted")
    )
    started_from, started_to = _date_range("started_on", _("Started from"), _("Started until"))

    class Meta:
        model = models.Pairing
        fields = ["q", "engagement", "initiative", "ended", "started_from", "started_to"]


class ProcurementStepFilterSet(SearchFilterSet):
    search_fields = ("outcome",)
    engagement = _engagement_filter("initiative__engagement")
    on_from, on_to = _date_range("on", _("From"), _("Until"))

    class Meta:
        model = models.ProcurementStep
        fields = ["q", "engagement", "initiative", "kind", "status", "on_from", "on_to"]


class LearningMilestoneFilterSet(SearchFilterSet):
    search_fields = ("question", "learned")
    engagement = _engagement_filter("initiative__engagement")
    reached = django_filters.BooleanFilter(
        field_name="reached_on", lookup_expr="isnull", exclude=True, label=_("Learned")
    )
    due_from, due_to = _date_range("due_on", _("Due from"), _("Due until"))

    class Meta:
        model = models.LearningMilestone
        fields = ["q", "engagement", "initiative", "reached", "due_from", "due_to"]


class ReachMeasurementFilterSet(SearchFilterSet):
    search_fields = ("note",)
    engagement = _engagement_filter("initiative__engagement")
    measured_from, measured_to = _date_range("measured_on", _("Measured from"), _("Measured until"))

    class Meta:
        model = models.ReachMeasurement
        fields = ["q", "engagement", "initiative", "phase", "measured_from", "measured_to"]


class ConcernFilterSet(SearchFilterSet):
    search_fields = ("concern", "holding")
    engagement = _engagement_filter()
    raised_from, raised_to = _date_range("raised_on", _("Raised from"), _("Raised until"))

    class Meta:
        model = models.Concern
        fields = [
            "q",
            "engagement",
            "initiative",
            "party",
            "organization",
            "status",
            "raised_from",
            "raised_to",
        ]
