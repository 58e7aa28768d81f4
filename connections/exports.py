"""Every list of the connective work as a table, exported as CSV or XLSX at the stage dashboard's export
address (``/dashboards/engagements/<pk>/export/<key>.csv|xlsx``, the point ``engagement list exports``).

A table has one column per field of the record, named as on its form; choices are written as their
labels, related records by name, lists joined. The dashboard's period filter (``date_from``/``date_to``)
narrows each list by its own date. One query per list, one more per many-to-many field.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from api_human.core.tables import Table

from . import models as m


def dated(queryset, field: str, filters):
    """``queryset`` narrowed to the dashboard's period (``TileFilters.date_from``/``date_to``) by ``field``."""
    if filters.date_from:
        queryset = queryset.filter(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        queryset = queryset.filter(**{f"{field}__lte": filters.date_to})
    return queryset


@dataclass(frozen=True)
class RecordList:
    model: type
    title: object
    fields: tuple[str, ...]
    date_field: str
    engagement_lookup: str = "engagement"
    related: tuple[str, ...] = ()  # what the related records' names need besides themselves

    def queryset(self, engagement, filters):
        queryset = dated(
            self.model.objects.filter(**{self.engagement_lookup: engagement}), self.date_field, filters
        )
        opts = self.model._meta
        related = [n for n in self.fields if isinstance(opts.get_field(n), models.ForeignKey)]
        many = [n for n in self.fields if isinstance(opts.get_field(n), models.ManyToManyField)]
        return (
            queryset.select_related(*related, *self.related)
            .prefetch_related(*many)
            .order_by(self.date_field, "id")
        )

    def table(self, key, engagement, filters) -> Table:
        opts = self.model._meta
        fields = [opts.get_field(name) for name in self.fields]
        table = Table(key=key, title=str(self.title), columns=[str(f.verbose_name) for f in fields])
        for record in self.queryset(engagement, filters):
            table.add(*(_value(record, f) for f in fields))
        return table


def _value(record, field):
    if isinstance(field, models.ManyToManyField):
        return "; ".join(str(item) for item in getattr(record, field.name).all())
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    if isinstance(field, models.JSONField) and field.name == "moved":
        return "; ".join(record.get_moved_display())
    value = getattr(record, field.name)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, models.Model):
        return str(value)
    return "" if value is None else value


LISTS = {
    "connections": RecordList(
        m.Connection,
        _("Connections between the worlds"),
        (
            "welfare_party",
            "welfare_person",
            "digital_party",
            "digital_person",
            "origin",
            "event",
            "introduced_by",
            "began_on",
            "direct_since",
            "ended_on",
            "ministry_owner",
            "notes",
        ),
        "began_on",
    ),
    "trust-notes": RecordList(
        m.TrustNote,
        _("Trust notes"),
        ("connection", "on", "kind", "text"),
        "on",
        "connection__engagement",
        ("connection__welfare_party", "connection__digital_party"),
    ),
    "mentoring-sessions": RecordList(
        m.MentoringSession,
        _("Mentoring sessions"),
        ("held_on", "mentor", "mentee", "mentee_world", "mentee_organization", "topic", "moved", "outcome"),
        "held_on",
    ),
    "events": RecordList(
        m.Event,
        _("Events that brought the worlds together"),
        (
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "place",
            "description",
            "needs",
            "initiatives",
            "mechanisms",
            "lessons",
        ),
        "starts_on",
    ),
    "event-participants": RecordList(
        m.EventParticipation,
        _("Participants of events"),
        ("event", "world", "organization", "count", "note"),
        "event__starts_on",
        "event__engagement",
    ),
    "pairings": RecordList(
        m.Pairing,
        _("Two in a box"),
        (
            "initiative",
            "welfare_person",
            "welfare_role",
            "digital_person",
            "digital_role",
            "started_on",
            "ended_on",
            "data_set",
        ),
        "started_on",
        "initiative__engagement",
    ),
    "procurement-steps": RecordList(
        m.ProcurementStep,
        _("Procurement steps"),
        ("initiative", "kind", "on", "status", "outcome"),
        "on",
        "initiative__engagement",
    ),
    "learning-milestones": RecordList(
        m.LearningMilestone,
        _("Learning milestones"),
        ("initiative", "question", "due_on", "reached_on", "learned"),
        "due_on",
        "initiative__engagement",
    ),
    "reach-measurements": RecordList(
        m.ReachMeasurement,
        _("Reach of initiatives"),
        ("initiative", "measured_on", "phase", "users", "localities", "services", "note"),
        "measured_on",
        "initiative__engagement",
    ),
    "concerns": RecordList(
        m.Concern,
        _("Concerns of the parties"),
        ("raised_on", "party", "organization", "initiative", "concern", "holding", "status"),
        "raised_on",
    ),
}


def _export(key, record_list):
    def export(engagement, filters):
        return record_list.table(key, engagement, filters)

    export.__name__ = f"export_{key.replace('-', '_')}"
    return export


EXPORTS = {key: _export(key, record_list) for key, record_list in LISTS.items()}
