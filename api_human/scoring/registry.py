"""What the domain apps register with the scoring engine, in their ``metrics.py``:

- **metrics**: automatic evidence, computed for many subjects in one pass. A metric takes a list of
  ids and returns ``{id: value}`` — a number, a boolean, ``NOT_APPLICABLE``, or nothing for "no evidence".
  Stage metrics take *engagement* ids: every stage of an engagement reads the same engagement data.
- **watchers**: which saved or deleted rows make which subjects dirty (so their scores are recomputed).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

NOT_APPLICABLE = "n/a"

# The kinds of dirty marks (see models.DirtySubject): an engagement stands for all its stages.
ENGAGEMENT, INITIATIVE, OPPORTUNITY, ORGANIZATION = "engagement", "initiative", "opportunity", "organization"


@dataclass(frozen=True)
class Metric:
    key: str
    subject_type: str
    label: str
    unit: str
    compute: Callable[[list[int]], dict]


METRICS: dict[str, Metric] = {}


def metric(key: str, *, subject_type: str, label, unit: str = "count"):
    """Register ``fn(ids) -> {id: value}`` as the metric ``key`` (unit: count, share, yes/no, days, level)."""

    def register(fn):
        METRICS[key] = Metric(key=key, subject_type=subject_type, label=label, unit=unit, compute=fn)
        return fn

    return register


def metric_choices(subject_type: str | None = None) -> list[tuple[str, str]]:
    return sorted(
        (m.key, f"{m.key} — {m.label}")
        for m in METRICS.values()
        if subject_type is None or m.subject_type == subject_type
    )


def count_by(queryset, ids, field: str = "engagement_id") -> dict:
    """How many rows of ``queryset`` each id has (0 for none), in one grouped query."""
    from django.db.models import Count

    found = dict(queryset.filter(**{f"{field}__in": ids}).values_list(field).annotate(n=Count("pk")))
    return {i: found.get(i, 0) for i in ids}


def share(part: dict, whole: dict, ids: Iterable[int]) -> dict:
    """part/whole per id; no whole means the criterion does not apply to that subject."""
    return {i: (part.get(i, 0) / whole[i]) if whole.get(i) else NOT_APPLICABLE for i in ids}


# ------------------------------------------------------------------------------------------------
# Watchers: changes that make subjects dirty
# ------------------------------------------------------------------------------------------------
Resolver = Callable[[object], Iterable[tuple[str, int | None]]]


def watch(model, resolve: Resolver, *, m2m: Iterable = ()):
    """After a row of ``model`` is saved or deleted (or its many-to-many ``m2m`` fields change),
    mark the subjects ``resolve(row)`` names dirty; they are recomputed after the commit."""

    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        action = kwargs.get("action")
        if action is not None and action not in {"post_add", "post_remove", "post_clear"}:
            return
        if not isinstance(instance, model):  # reverse side of a many-to-many change
            return
        try:
            pairs = [(kind, pk) for kind, pk in resolve(instance) if pk is not None]
        except Exception:  # a row half-deleted in a cascade: nothing left to resolve
            logger.debug("scoring: could not resolve subjects of %r", instance, exc_info=True)
            return
        if pairs:
            from .services import mark_dirty

            mark_dirty(pairs)

    uid = f"scoring-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-delete")
    for field in m2m:
        m2m_changed.connect(
            changed, sender=field.through, weak=False, dispatch_uid=f"{uid}-{field.field.name}"
        )
