"""A readable change log built from django-simple-history records: who, when, and what changed.

Each source is one historical queryset; the log costs one query per source, however many rows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

# Book-keeping fields that never make a change worth showing.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at", "created_by", "password", "last_login"}


@dataclass
class HistorySource:
    queryset: models.QuerySet
    label: Callable | None = None  # how to name the row in the log; defaults to str(record)


@dataclass
class FieldChange:
    field: str
    old: object
    new: object

    def resolve(self, names: dict):
        """Replace foreign-key values by the related rows' names (looked up in bulk)."""
        self.old, self.new = (
            names.get(v, v.fallback) if isinstance(v, RelatedValue) else v for v in (self.old, self.new)
        )


@dataclass(frozen=True)
class RelatedValue:
    """A foreign key in a change, named after one bulk lookup per related model."""

    model: type
    pk: object

    @property
    def fallback(self) -> str:
        return f"#{self.pk}"  # the related row no longer exists


@dataclass
class ChangeEntry:
    when: datetime
    who: object
    kind: str  # the changed row's model verbose name
    subject: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)


ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def _display(record, model_field) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return RelatedValue(model_field.related_model, value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime | date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _tracked_fields(record) -> list:
    model = record.instance_type
    kept = {f.name for f in type(record)._meta.concrete_fields}  # a history may leave fields out
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in IGNORED_FIELDS and not f.name.startswith("history_") and f.name in kept
    ]


def _diff(previous, record) -> list[FieldChange]:
    return [
        FieldChange(str(f.verbose_name), _display(previous, f), _display(record, f))
        for f in _tracked_fields(record)
        if getattr(previous, f.attname) != getattr(record, f.attname)
    ]


def _entries(source: HistorySource) -> Iterable[ChangeEntry]:
    queryset = source.queryset.select_related("history_user").order_by("history_date", "history_id")
    previous_by_object = {}
    for record in queryset:
        object_id = record.id
        previous = previous_by_object.get(object_id)
        previous_by_object[object_id] = record
        changes = _diff(previous, record) if previous is not None and record.history_type == "~" else []
        if record.history_type == "~" and not changes:
            continue
        yield ChangeEntry(
            when=record.history_date,
            who=record.history_user,
            kind=str(record.instance_type._meta.verbose_name),
            subject=str(source.label(record) if source.label else record.instance),
            action=str(ACTIONS[record.history_type]),
            changes=changes,
        )


def _resolve_related(entries: list[ChangeEntry]):
    """Name every foreign key that changed with one query per related model (never one per row)."""
    wanted: dict[type, set] = {}
    for entry in entries:
        for change in entry.changes:
            for value in (change.old, change.new):
                if isinstance(value, RelatedValue):
                    wanted.setdefault(value.model, set()).add(value.pk)
    names = {
        RelatedValue(model, obj.pk): str(obj)
        for model, pks in wanted.items()
        for obj in model._base_manager.filter(pk__in=pks)
    }
    for entry in entries:
        for change in entry.changes:
            change.resolve(names)


def change_log(sources: list[HistorySource], *, limit: int = 100) -> list[ChangeEntry]:
    entries = [entry for source in sources for entry in _entries(source)]
    entries.sort(key=lambda e: e.when, reverse=True)
    entries = entries[:limit]
    _resolve_related(entries)
    return entries
