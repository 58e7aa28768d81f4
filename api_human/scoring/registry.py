"""What the domain apps register with the scoring engine — the engine imports no domain app:

- **subject types** (in each app's ``subjects.py``): what can be scored, how to find, scope, label and
  link it, which dirty mark stands for it, and where it is in its life (for "not yet applicable");
- **metrics**: automatic evidence, computed for many subjects in one pass. A metric takes a list of
  ids and returns ``{id: value}`` — a number, a boolean, ``NOT_APPLICABLE``, or nothing for "no evidence".
  Stage metrics take *engagement* ids: every stage of an engagement reads the same engagement data.
- **watchers**: which saved or deleted rows make which subjects dirty (so their scores are recomputed).
"""

import contextvars
import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Expression, F
from django.db.models.signals import m2m_changed, post_delete, post_save

from api_human.core.registry import SCORING_METRICS, SCORING_SUBJECTS

logger = logging.getLogger(__name__)

NOT_APPLICABLE = "n/a"
BRIDGING_RUBRIC = "bridging"  # the connection between the worlds, scored on the engagement

# The kinds of dirty marks (see models.DirtySubject): an engagement stands for all its stages.
ENGAGEMENT, INITIATIVE, OPPORTUNITY, ORGANIZATION = "engagement", "initiative", "opportunity", "organization"


@dataclass(frozen=True)
class Metric:
    key: str
    subject_type: str
    label: str
    unit: str
    compute: Callable[[list[int]], dict]
    dated: bool = False  # compute(ids, as_of=day) can tell the value on a past day

    def value_on(self, ids, day) -> dict:
        """The values on a past day; a metric that cannot tell one has no evidence then."""
        return self.compute(ids, as_of=day) if self.dated else {}


METRICS = SCORING_METRICS  # key → Metric (an extension point of the core's registry)


@dataclass(frozen=True)
class SubjectSpec:
    """A kind of subject the engine scores, as the app that owns it describes it.

    - ``dirty_kind``: the dirty mark that stands for it (a stage is dirty when its engagement is);
    - ``expand(ids, as_of=None)``: for ids of ``dirty_kind`` (on a past day, for a replay) → ``{subject id: {"engagement", "metric_id", "stage",
      "life", "as_of"}}`` — ``metric_id`` is the id its metrics take, ``life`` its point in ``lifecycle``,
      ``as_of`` (optional) the day a finished subject is judged at (ratings expire relative to it), or
      that day per rubric kind (``{"readiness": …, "exit": …}``);
    - ``queryset()``: every subject (narrowed with its ``visible_to`` / ``editable_by``);
    - ``title(subject)`` → ``(title, url)``; ``engagement_of(subject)`` → engagement id or None;
    - ``dirty_of(ids)`` → the dirty marks of these subjects (default: ``(dirty_kind, id)``);
    - ``of_engagement(engagement_id)`` → ids of its subjects in one engagement (for "recompute now");
    - ``mark_all()`` → how many dirty marks the nightly run set (default: none);
    - ``dependents(ids)`` → dirty marks of other subjects that read these subjects' scores;
    - ``lifecycle``: the ordered points of its life that a criterion's ``applies_from`` may name, and
      ``life_labels()`` their names for people;
    - ``order``: subjects scored first are read by later ones (an engagement's bridging score is
      read by its stages).
    """

    key: str  # a value of models.SubjectType, which also names it for people
    dirty_kind: str
    expand: Callable[[list[int]], dict]
    queryset: Callable[[], object]
    title: Callable[[object], tuple[str, str]]
    engagement_of: Callable[[object], int | None] = lambda subject: None
    dirty_of: Callable[[list[int]], list] | None = None
    of_engagement: Callable[[int], list[int]] = lambda engagement_id: []
    mark_all: Callable[[], int] = lambda: 0
    dependents: Callable[[list[int]], list] = lambda ids: []
    lifecycle: tuple[str, ...] = ()
    life_labels: Callable[[], dict] = dict
    staff_only: bool = False
    order: int = 50

    def dirty_pairs(self, ids) -> list[tuple[str, int]]:
        ids = list(ids)
        return self.dirty_of(ids) if self.dirty_of else [(self.dirty_kind, pk) for pk in ids]


SUBJECTS = SCORING_SUBJECTS  # key → SubjectSpec, in the order they are scored


def subject(spec: SubjectSpec) -> SubjectSpec:
    """Register a subject type (each app calls this once, from its ``subjects.py``)."""
    return SUBJECTS.register(spec, key=spec.key, order=spec.order)


def every_row(kind: str, model) -> Callable[[], int]:
    """A ``mark_all`` that marks every row of ``model`` dirty as ``kind`` (one statement)."""

    def mark_all() -> int:
        from .services import mark_table

        return mark_table(kind, model)

    return mark_all


def subjects_in_order() -> list[SubjectSpec]:
    return SUBJECTS.values()


def life_position(spec: SubjectSpec, point: str | None) -> int | None:
    """Where ``point`` stands in the subject's life (None: outside it, e.g. a stopped initiative)."""
    try:
        return spec.lifecycle.index(point)
    except ValueError:
        return None


def metric(key: str, *, subject_type: str, label, unit: str = "count", dated: bool = False):
    """Register ``fn(ids) -> {id: value}`` as the metric ``key`` (unit: count, share, yes/no, days, level).

    A ``dated`` metric also takes ``as_of`` (a day, or None for today) and counts only what had happened
    by then — so the history of an engagement can be replayed (``services.replay_history``)."""

    def register(fn):
        METRICS.register(
            Metric(key=key, subject_type=subject_type, label=label, unit=unit, compute=fn, dated=dated),
            key=key,
            order=0,  # metrics are read by key; their order is the keys'
        )
        return fn

    return register


def metric_choices(subject_type: str | None = None) -> list[tuple[str, str]]:
    return sorted(
        (m.key, f"{m.key} — {m.label}")
        for m in METRICS.values()
        if subject_type is None or m.subject_type == subject_type
    )


# What the metrics of one batch read in common (see ``shared``): set by the engine around a batch.
_BATCH_READS: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "scoring_batch_reads", default=None
)


@contextmanager
def one_batch():
    """The metrics computed inside share their common reads (``shared``); outside, each reads alone."""
    token = _BATCH_READS.set({})
    try:
        yield
    finally:
        _BATCH_READS.reset(token)


def shared(name: str, ids, load: Callable[[list[int]], dict]) -> dict:
    """``load(ids)`` read once per batch however many metrics ask for it (e.g. the eight readiness
    metrics of a partner's profile read one row each): the first metric of a batch reads, the others
    reuse. Only for rows the batch does not write (never scores); outside a batch it simply loads."""
    reads = _BATCH_READS.get()
    if reads is None:
        return load(ids)
    key = (name, tuple(ids))
    if key not in reads:
        reads[key] = load(ids)
    return reads[key]


class IdIn(Expression):
    """``field IN ids`` for a filter, as one parameter on PostgreSQL (``= ANY(array)``): the ORM's own
    ``__in`` prepares every id of a batch one by one, each time a batch's query is built."""

    output_field = BooleanField()

    def __init__(self, field, ids):
        super().__init__()
        self.column = F(field) if isinstance(field, str) else field
        self.ids = [int(pk) for pk in ids]

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{sql} = ANY(%s::bigint[])", [*params, self.ids]
        if not self.ids:
            return "1 = 0", []
        return f"{sql} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


def id_in(field: str, ids) -> IdIn:
    """``queryset.filter(id_in("engagement_id", ids))``: the same rows as ``engagement_id__in=ids``."""
    return IdIn(field, ids)


def count_by(queryset, ids, field: str = "engagement_id") -> dict:
    """How many rows of ``queryset`` each id has (0 for none), in one grouped query."""
    found = dict(queryset.filter(id_in(field, ids)).values_list(field).annotate(n=Count("pk")))
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
