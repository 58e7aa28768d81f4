"""Everything that changes scoring data: dirty marks, recompute runs, ratings, rubric versions.

Recomputing is set-based. A batch of dirty subjects is claimed (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL), every metric a rubric needs is computed for the whole batch in one pass, ratings are read
in one query, and the new snapshots are written (one COPY on PostgreSQL) with the current-score pointers
in the same transaction as the removal of the dirty marks — a worker killed mid-batch leaves neither a
partial snapshot nor a lost mark. A subject whose evidence did not change gets no new snapshot. The
formula is worked out once per distinct set of readings, and per dimension (``engine.Evaluator``),
straight to the text COPY reads. A task works on two batches at once (``_lanes``: while one batch's
snapshots are written, the next is read and evaluated on a second connection).
docs/scoring.md (*Recomputing*) says how a run is shared by several tasks and how changes are debounced.
"""

import gc
import io
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from api_human.core.concurrency import locked, serialized
from api_human.core.outbox import in_process, outbox_enqueue
from api_human.core.services import assign, save_with_history

from . import engine
from .models import (
    LANGUAGES,
    Criterion,
    CurrentScore,
    Dimension,
    DirtySubject,
    Rating,
    Rubric,
    ScoreRun,
    ScoreSnapshot,
    SubjectType,
)
from .registry import ENGAGEMENT as ENGAGEMENT_MARK
from .registry import METRICS, ORGANIZATION, SUBJECTS, id_in, life_position, one_batch, subjects_in_order

logger = logging.getLogger(__name__)


def debounce_seconds() -> float:
    """Changes within this window share one recompute (a burst of saves: one new snapshot): short
    enough that a change shows in its score within a second, long enough that a stream of changes
    (partners submitting) shares a recompute between many (settings: SCORING_DEBOUNCE_SECONDS)."""
    return settings.SCORING_DEBOUNCE_SECONDS


RECOMPUTE_TASK = "scoring.recompute"


# ------------------------------------------------------------------------------------------------
# Dirty marks and scheduling
# ------------------------------------------------------------------------------------------------
def mark_dirty(pairs, *, schedule: bool = True) -> None:
    """Mark subjects dirty in the current transaction; after the commit a recompute is scheduled."""
    now = timezone.now()
    rows = {(kind, int(pk)) for kind, pk in pairs if pk is not None}
    if not rows:
        return
    DirtySubject.objects.bulk_create(
        [DirtySubject(kind=kind, subject_id=pk, marked_at=now) for kind, pk in sorted(rows)],
        update_conflicts=True,
        unique_fields=["kind", "subject_id"],
        update_fields=["marked_at"],
        batch_size=5000,
    )
    if schedule:
        transaction.on_commit(schedule_recompute)


def schedule_recompute() -> None:
    """After a commit that marked subjects dirty: one recompute for everything dirty, through the
    outbox. Changes while a recompute waits share it (the message's deduplication key is the debounce);
    if the broker is down nothing fails here — the message waits for the outbox dispatcher, and the
    marks themselves for the sweep. A transaction that marked many subjects schedules once per mark:
    after the first recompute has run (in-process), the others find nothing left and do nothing.
    With a broker the marks just committed are there: nothing is read before the message is added."""
    if in_process() and not DirtySubject.objects.exists():
        return
    outbox_enqueue(
        RECOMPUTE_TASK,
        kwargs={"kind": ScoreRun.Kind.CHANGE},
        dedupe_key=f"{RECOMPUTE_TASK}:{ScoreRun.Kind.CHANGE}",
        countdown=debounce_seconds(),  # in-process (no Redis) it runs at once all the same
    )


def is_dirty(subject_type: str, subject_id: int) -> bool:
    """Whether a recompute of this subject is still waiting (its score may be behind)."""
    spec = SUBJECTS.get(subject_type)
    if spec is None:
        return False
    query = Q(pk__in=[])
    for kind, pk in spec.dirty_pairs([subject_id]):
        query |= Q(kind=kind, subject_id=pk)
    return DirtySubject.objects.filter(query).exists()


def mark_all_dirty() -> int:
    """Every scored subject (the nightly run), set-based per registered subject type; returns the marks."""
    return sum(spec.mark_all() for spec in subjects_in_order())


def mark_table(kind: str, model) -> int:
    """Mark every row of ``model`` dirty as ``kind`` in one statement (a subject type's ``mark_all``)."""
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(DirtySubject._meta.db_table)} (kind, subject_id, marked_at) "  # noqa: S608 - names, not input
        f"SELECT %s, id, %s FROM {quote(model._meta.db_table)} WHERE 1 = 1 "
        "ON CONFLICT (kind, subject_id) DO UPDATE SET marked_at = excluded.marked_at"
    )
    with connection.cursor() as cursor:
        # Adapted as the ORM stores it (SQLite keeps text: a raw aware datetime would carry "+00:00" and
        # never compare equal to the marks the ORM writes, so the batch that read it could not clear it).
        cursor.execute(sql, [kind, connection.ops.adapt_datetimefield_value(timezone.now())])
        return cursor.rowcount


# ------------------------------------------------------------------------------------------------
# Runs
# ------------------------------------------------------------------------------------------------
def run_create(*, kind: str, engagement=None, actor=None) -> ScoreRun:
    return ScoreRun.objects.create(
        kind=kind, engagement=engagement, requested_by=actor, total=DirtySubject.objects.count()
    )


def recompute_request(*, engagement, actor) -> ScoreRun:
    """'Recompute now' in the browser: mark the engagement's subjects dirty and start a run."""
    pairs = []
    for spec in subjects_in_order():
        pairs += spec.dirty_pairs(spec.of_engagement(engagement.pk))
    with transaction.atomic():
        mark_dirty(pairs, schedule=False)
        run = run_create(kind=ScoreRun.Kind.MANUAL, engagement=engagement, actor=actor)
        outbox_enqueue(RECOMPUTE_TASK, kwargs={"run_id": run.pk})
    return run


def run_recompute(
    *, run_id: int | None = None, kind: str = ScoreRun.Kind.CHANGE, budget_seconds=None, parallel: int = 1
) -> dict:
    """Work through the dirty subjects in batches until none is left (or the time budget is spent).

    Idempotent: running it twice, or again after a crash, only finishes what is still dirty. The task
    that starts a run of more than one batch asks ``parallel - 1`` more tasks (through the outbox) to
    share it: each claims its own batches (``SKIP LOCKED``), and the one that finds no mark left closes
    the run. Returns ``{"run": id, "done": n, "finished": bool}`` — finished: nothing is left for this
    task (another may still be finishing its last batch); not finished: the budget ran out.
    """
    run = ScoreRun.objects.filter(pk=run_id).first() if run_id else None
    batch = settings.SCORING_BATCH_SIZE
    if run is None:
        total = DirtySubject.objects.count()
        if not total:
            return {"run": None, "done": 0, "finished": True}
        # this task's own run, created started (one statement: a change's recompute runs often)
        run = ScoreRun.objects.create(
            kind=kind, total=total, status=ScoreRun.Status.RUNNING, started_at=timezone.now()
        )
        started = True
    else:
        if run.is_finished:
            return {"run": run.pk, "done": run.done, "finished": True}
        started = ScoreRun.objects.filter(pk=run.pk, status=ScoreRun.Status.QUEUED).update(
            status=ScoreRun.Status.RUNNING, started_at=timezone.now()
        )
    if started:
        for _ in range(min(parallel, -(-run.total // batch)) - 1):  # one task per batch at most
            outbox_enqueue(RECOMPUTE_TASK, kwargs={"run_id": run.pk})
    # A run of one batch started by this task (a change's recompute) is this task's alone: once its
    # claim finds fewer marks than a batch, it is done. A mark committed after that claim scheduled a
    # recompute of its own (this task's message was no longer waiting), so it is not claimed again.
    alone = bool(started) and run.total <= batch
    claimed = []
    deadline = time.monotonic() + budget_seconds if budget_seconds else None
    helpers, stop = [], threading.Event()
    try:
        gc.freeze()  # what exists before the run (Django, the app) is not scanned again at each collection
        finished = _work(
            run,
            batch,
            deadline,
            stop,
            helpers=_lanes(run, batch) - 1,
            started=helpers,
            once=alone,
            claimed=claimed,
        )
    except BaseException:
        stop.set()
        raise
    finally:
        for helper in helpers:
            helper.join()
        gc.unfreeze()
    for helper in helpers:
        if helper.error is not None:
            raise helper.error
    if not finished or not all(helper.finished for helper in helpers):
        return {"run": run.pk, "done": ScoreRun.objects.get(pk=run.pk).done, "finished": False}
    if alone and len(claimed) == 1:
        ScoreRun.objects.filter(pk=run.pk).update(status=ScoreRun.Status.DONE, finished_at=timezone.now())
        return {"run": run.pk, "done": claimed[0], "finished": True}
    if not DirtySubject.objects.exists():  # else another task holds the last batches and closes the run
        ScoreRun.objects.filter(pk=run.pk).exclude(status=ScoreRun.Status.DONE).update(
            status=ScoreRun.Status.DONE, finished_at=timezone.now()
        )
    run.refresh_from_db()
    return {"run": run.pk, "done": run.done, "finished": True}


# Batches a task works on at once, each on a database connection of its own (``_lanes``); the settings'
# SCORING_LANES (1 by default: processes, not lanes, share a recompute) overrides it.
LANES = 1


def _lanes(run: ScoreRun, batch: int) -> int:
    """How many batches this task works on at once: while one batch's snapshots are written (COPY, the
    commit), the next one is read and evaluated — so a worker is not idle while PostgreSQL writes.
    The lanes share the run as tasks do (each claims its own batches), so only on PostgreSQL (``SKIP
    LOCKED``), only outside a transaction (each lane commits on a connection of its own) and for a run
    of more than one batch (a change's recompute stays on one connection). ``SCORING_LANES`` in the
    settings overrides the number (1: one batch at a time)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    lanes = getattr(settings, "SCORING_LANES", LANES)
    return max(1, min(lanes, -(-run.total // batch)))


class _Lane(threading.Thread):
    """Another batch at a time for the task (``_lanes``): its own connection, its own plans, closed
    when done; an error stops the task's other lanes and is raised by the task."""

    def __init__(self, run: ScoreRun, batch: int, deadline, stop: threading.Event):
        super().__init__(name=f"scoring-lane-{run.pk}", daemon=True)
        self.args = (run, batch, deadline, stop)
        self.finished, self.error = False, None

    def run(self):
        stop = self.args[-1]
        try:
            self.finished = _work(*self.args, from_the_end=True)
        except BaseException as error:  # raised again by the task (run_recompute)
            self.error = error
            stop.set()
        finally:
            connections.close_all()  # this thread's connection


def _work(
    run: ScoreRun,
    batch: int,
    deadline,
    stop: threading.Event,
    *,
    helpers: int = 0,
    started=None,
    from_the_end: bool = False,
    once: bool = False,
    claimed: list | None = None,
) -> bool:
    """Claim, score and clear batches until no mark is left for this lane (True) or the budget is spent
    (False). The first lane starts ``helpers`` more once the organisations are done (stage A reads
    their maturity diagnostic: they are claimed first, and scored before anything reads them);
    ``started`` collects them for the task to wait for. ``once``: stop after a batch that took every
    mark there was and marked none again (a run of one batch); ``claimed`` collects each batch's size.
    """

    plans = PlanCache()
    while not stop.is_set():
        with transaction.atomic():
            rows = _claim(batch, from_the_end=from_the_end)
            if not rows:
                return True
            dependents = []
            written = compute_rows(rows, run=run, plans=plans, marked=dependents)
            # The snapshots' foreign keys checked before the run's row is locked (the lanes share
            # it), not at the commit; a run of its own (``once``) shares it with nobody.
            if connection.vendor == "postgresql" and not once:
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            _clear(rows)
            ScoreRun.objects.filter(pk=run.pk).update(
                done=F("done") + len(rows),
                snapshots=F("snapshots") + written,
                total=Greatest(F("total"), F("done") + len(rows)),
            )
        if claimed is not None:
            claimed.append(len(rows))
        if once and len(rows) < batch and not dependents:  # else: claim the ones it marked
            return True
        if helpers and rows[-1].kind != ORGANIZATION:
            for _ in range(helpers):
                lane = _Lane(run, batch, deadline, stop)
                started.append(lane)
                lane.start()
            helpers = 0
        if deadline and time.monotonic() > deadline:
            return False
    return True


def run_fail(run_id: int, error: str) -> None:
    run = ScoreRun.objects.filter(pk=run_id).first()
    if run is not None:
        ScoreRun.objects.filter(pk=run_id).update(
            status=ScoreRun.Status.FAILED, finished_at=timezone.now(), errors=[*run.errors, error[:500]]
        )


def _clear(rows) -> None:
    """Remove the marks a batch handled, in one statement. A mark set again since it was read (a change
    after the claim — or the org → engagement re-mark of ``compute_rows``) has a later time and stays."""
    if rows:
        seen = max(row.marked_at for row in rows)
        DirtySubject.objects.filter(id_in("pk", [row.pk for row in rows]), marked_at__lte=seen).delete()


class Mark(NamedTuple):
    """A claimed dirty mark (the columns of a ``DirtySubject`` a batch reads, without a model instance)."""

    pk: int
    kind: str
    subject_id: int
    marked_at: datetime


MARK_FIELDS = ("pk", "kind", "subject_id", "marked_at")


def _claim(limit: int, *, from_the_end: bool = False) -> list[Mark]:
    """The next batch of marks, locked (``SKIP LOCKED``: workers sharing a run take different batches).
    Organisations first: stage A reads their maturity diagnostic. Both reads walk the (kind, subject)
    index and stop at ``limit`` — no sort of every mark per batch. A task's second lane (``_lanes``)
    takes the others from the end of the index, so the lanes do not walk past each other's locked
    marks at every claim (after the organisations, the order of the marks does not matter)."""

    def unclaimed(rows):
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        return rows.values_list(*MARK_FIELDS)

    organizations = DirtySubject.objects.filter(kind=ORGANIZATION).order_by("subject_id")
    found = [Mark(*row) for row in unclaimed(organizations)[:limit]]
    if len(found) < limit:
        others = DirtySubject.objects.exclude(kind=ORGANIZATION).order_by("kind", "subject_id")
        if from_the_end:
            others = others.reverse()
        found += [Mark(*row) for row in unclaimed(others)[: limit - len(found)]]
    return found


# ------------------------------------------------------------------------------------------------
# Computing a batch
# ------------------------------------------------------------------------------------------------
COMPILED: dict[tuple, engine.RubricPlan] = {}  # (id, created, published) of a published version → its plan


class PlanCache:
    """The published rubrics of each subject type, compiled once per run — and what a run learns once
    and reuses: which criteria apply at each point of a subject's life, the reading of each metric value,
    and the result (what its snapshot stores) of each set of readings: ``engine.evaluate`` is a pure
    function of the rubric and the readings, and many subjects share both — and many more share the
    readings of a dimension (``engine.Evaluator``)."""

    RESULTS_KEPT = 4_000  # results remembered at most (then forgotten at once: a bounded memory)

    def __init__(self):
        self._plans = {}
        self._applies = {}
        self._readings = {}
        self._results = {}
        self._evaluators = {}

    def for_type(self, subject_type: str) -> list[engine.RubricPlan]:
        """The published versions are read once per run, and compiled once per process: a published
        version never changes (``_editable``), so its plan is kept by its id and its creation."""
        if subject_type not in self._plans:
            published = list(
                Rubric.objects.published()
                .filter(subject_type=subject_type)
                .values_list("pk", "created_at", "published_at")
            )
            missing = [pk for pk, *version in published if (pk, *version) not in COMPILED]
            for rubric in Rubric.objects.filter(pk__in=missing).prefetch_related("dimensions__criteria"):
                COMPILED[(rubric.pk, rubric.created_at, rubric.published_at)] = compile_plan(rubric)
            self._plans[subject_type] = [COMPILED[version] for version in published]
        return self._plans[subject_type]

    def applies(self, plan: engine.RubricPlan, life, lifecycle) -> list[tuple[engine.CriterionPlan, bool]]:
        """Each criterion of ``plan`` with whether it is not yet applicable at ``life``."""
        key = (plan.id, life)
        if key not in self._applies:
            rubric_not_yet = engine.not_yet(plan, life, lifecycle)
            self._applies[key] = [
                (criterion, rubric_not_yet or engine.not_yet(criterion, life, lifecycle))
                for criterion in plan.criteria
            ]
        return self._applies[key]

    def read_metric(self, plan: engine.RubricPlan, criterion: engine.CriterionPlan, raw) -> engine.Reading:
        return self.metric_reader(plan, criterion)(raw)

    def metric_reader(self, plan: engine.RubricPlan, criterion: engine.CriterionPlan):
        """``raw → reading`` of one criterion, each distinct value read once per run (at most
        ``RESULTS_KEPT`` remembered per criterion)."""
        key = (plan.id, criterion.key)
        reader = self._readings.get(key)
        if reader is None:
            known = {}

            def reader(raw):
                reading = known.get(raw)
                if reading is None:
                    if len(known) >= self.RESULTS_KEPT:
                        known.clear()
                    reading = known[raw] = engine.read_metric(criterion, raw)
                return reading

            self._readings[key] = reader
        return reader

    def evaluator(self, plan: engine.RubricPlan) -> engine.Evaluator:
        if plan.id not in self._evaluators:
            self._evaluators[plan.id] = engine.Evaluator(plan)
        return self._evaluators[plan.id]

    def results(self, plan: engine.RubricPlan) -> dict:
        """{readings: what the snapshot stores} of ``plan``, as far as ``evaluate`` remembers them."""
        if plan.id not in self._results:
            self._results[plan.id] = {}
        return self._results[plan.id]

    def evaluate(self, plan: engine.RubricPlan, readings: tuple[engine.Reading, ...]) -> engine.Evaluated:
        """What the snapshot of ``plan`` for ``readings`` (in the order of its criteria) stores."""
        results = self.results(plan)
        found = results.get(readings)
        if found is None:
            if len(results) >= self.RESULTS_KEPT:
                results.clear()
            found = results[readings] = self.evaluator(plan)(readings)
        return found


@dataclass(frozen=True, slots=True)
class NewSnapshot:
    """A snapshot to write: whose it is, the rubric version, the result and the moment it speaks for."""

    plan: engine.RubricPlan
    subject_id: int
    engagement_id: int | None
    evaluated: engine.Evaluated  # PlanCache.evaluate: what the snapshot stores
    computed_at: datetime
    readings: tuple  # what it was evaluated from (``result``, where the rows are written one by one)

    @property
    def result(self) -> engine.Result:
        """The result in full (the same as ``evaluated``: tests/scoring/test_formula.py)."""
        keys = [c.key for c in self.plan.criteria]
        return engine.evaluate(self.plan, dict(zip(keys, self.readings, strict=True)))


def compile_plan(rubric: Rubric) -> engine.RubricPlan:
    dimensions = []
    for dimension in rubric.dimensions.all():
        criteria = []
        for c in dimension.criteria.all():
            values = c.anchor_values() if c.is_manual else []
            criteria.append(
                engine.CriterionPlan(
                    key=c.key,
                    text_he=c.text_he,
                    text_en=c.text_en,
                    weight=float(c.weight),
                    critical=c.critical,
                    pass_level=float(c.pass_level),
                    manual=c.is_manual,
                    partner_actionable=c.partner_actionable,
                    metric=c.metric,
                    floor=float(c.floor or 0),
                    target=float(c.target if c.target is not None else 1),
                    scale=(values[0], values[-1]) if values else (0.0, 1.0),
                    applies_from=c.applies_from,
                )
            )
        dimensions.append(
            engine.DimensionPlan(
                key=dimension.key,
                name_he=dimension.name_he,
                name_en=dimension.name_en,
                weight=float(dimension.weight),
                floor=float(dimension.floor),
                criteria=tuple(criteria),
            )
        )
    return engine.RubricPlan(
        id=rubric.pk,
        key=rubric.key,
        version=rubric.version,
        subject_type=rubric.subject_type,
        kind=rubric.kind,
        stage=rubric.stage,
        threshold=float(rubric.threshold),
        dimensions=tuple(dimensions),
        min_coverage=float(rubric.min_coverage),
        applies_from=rubric.applies_from,
    )


def subjects_of(rows, as_of=None) -> dict[str, dict[int, dict]]:
    """{subject type: {subject id: {"engagement", "metric_id", "stage", "life"}}} of dirty rows, as the
    registered subject types expand their dirty marks."""
    ids = defaultdict(list)
    for row in rows:
        ids[row.kind].append(row.subject_id)
    subjects = {}
    for spec in subjects_in_order():
        kind_ids = ids.get(spec.dirty_kind)
        subjects[spec.key] = spec.expand(kind_ids, as_of=as_of) if kind_ids else {}
    return subjects


class RatingRow(NamedTuple):
    """What ``engine.read_rating`` reads of a rating (its columns, without a model instance)."""

    value: Decimal | None
    not_applicable: bool
    expires_on: date | None
    evidence_note: str


def _latest_ratings(plans, subject_type, subject_ids, as_of=None) -> dict:
    """{(rubric key, criterion key, subject id): the latest rating (given by ``as_of``)}, in one query."""
    keys = [p.key for p in plans if any(c.manual for c in p.criteria)]
    if not keys or not subject_ids:
        return {}
    latest = {}
    ratings = Rating.objects.filter(
        _id_range("subject_id", subject_ids),
        id_in("subject_id", subject_ids),
        subject_type=subject_type,
        rubric_key__in=keys,
    )
    if as_of is not None:
        ratings = ratings.filter(rated_on__lte=as_of)
    rows = ratings.order_by("rated_on", "id").values_list(
        "rubric_key", "criterion_key", "subject_id", "value", "not_applicable", "expires_on", "evidence_note"
    )
    for rubric_key, criterion_key, subject_id, *rating in rows:
        latest[(rubric_key, criterion_key, subject_id)] = RatingRow(*rating)
    return latest


def _id_range(field: str, ids) -> Q:
    """``field`` between the least and the greatest of ``ids`` — redundant beside ``id_in``, it lets the
    planner walk only that span of an index that starts (type, id) even when the table's statistics are
    stale (a table refilled since its last ANALYZE): without it a batch could read every row of a type."""
    return Q(**{f"{field}__gte": min(ids), f"{field}__lte": max(ids)})


def _current_digests(subject_type: str, subject_ids, now, as_of=None) -> dict:
    """{(subject id, rubric key): digests that make a new snapshot unnecessary}: the current scores' (or,
    replaying, those of every snapshot by then: the history already holds them)."""
    current = defaultdict(set)
    if not subject_ids:
        return current
    if as_of is None:
        rows = CurrentScore.objects.filter(
            _id_range("subject_id", subject_ids), id_in("subject_id", subject_ids), subject_type=subject_type
        ).values_list("subject_id", "rubric_key", "snapshot_digest")
    else:
        rows = (
            ScoreSnapshot.objects.filter(
                _id_range("subject_id", subject_ids),
                id_in("subject_id", subject_ids),
                subject_type=subject_type,
                computed_at__lte=now,
            )
            .order_by()
            .values_list("subject_id", "rubric__key", "digest")
        )
    for subject_id, rubric_key, digest in rows:
        current[(subject_id, rubric_key)].add(digest)
    return current


def compute_rows(rows, *, run: ScoreRun | None, plans: PlanCache, as_of=None, marked=None) -> int:
    """Score every subject the dirty rows stand for; returns how many new snapshots were written.

    Subject types are scored in their registered order, each written before the next is read: an
    engagement's bridging score is read by its stages' readiness and exit review.

    ``as_of`` (a past day) replays history: ratings given by then, dated metrics counted up to then
    (the others have no evidence for a past day), snapshots dated that day, current scores untouched.
    ``marked`` (a list) collects the subjects it marked dirty again (those that read the ones scored).
    """
    today, now = timezone.localdate(), timezone.now()
    trigger = run.kind if run else ScoreRun.Kind.CHANGE
    if as_of is not None:
        today, now, trigger = as_of, _end_of(as_of), ScoreRun.Kind.HISTORY
    written, dependents = 0, []
    found = subjects_of(rows, as_of=as_of)
    if as_of is None:
        _forget_deleted(rows, found)
    for spec in subjects_in_order():
        subjects = found.get(spec.key)
        if not subjects:
            continue
        with one_batch():  # the metrics of this subject type share their common reads
            snapshots = _score_type(spec, subjects, plans, today, now, as_of)
        written += _write(
            snapshots, subject_type=spec.key, trigger=trigger, run=run, now=now, current=as_of is None
        )
        scored = sorted({snapshot.subject_id for snapshot in snapshots})
        if scored:
            dependents += spec.dependents(scored)
    if dependents and as_of is None:  # e.g. stage A reads whether the change object's diagnostic is done
        mark_dirty(dependents, schedule=False)
        if marked is not None:
            marked += dependents
    return written


def _end_of(day):
    return timezone.make_aware(datetime.combine(day, clock(23, 59, 59)))


def _score_type(spec, subjects, plans, today, now, as_of=None) -> list[NewSnapshot]:
    type_plans = plans.for_type(spec.key)
    metric_ids = sorted({s["metric_id"] for s in subjects.values()})
    keys = {key for p in type_plans for key in p.metrics if key in METRICS}
    if as_of is None:
        values = {key: METRICS[key].compute(metric_ids) for key in keys}
    else:
        values = {key: METRICS[key].value_on(metric_ids, as_of) for key in keys}
    ratings = _latest_ratings(type_plans, spec.key, list(subjects), as_of=as_of)
    current = _current_digests(spec.key, list(subjects), now, as_of=as_of)
    lives = {}  # a point of life → its position
    ends = {}  # a day → the end of that day, no later than now
    snapshots = []
    for plan in type_plans:
        # The subjects this plan scores, grouped by their position in life (which criteria apply),
        # each with the day it is judged at: a finished subject (a completed stage, an ended
        # engagement) is judged as of its end — the ratings of a farewell do not expire years after
        # the team left.
        scored, by_life = [], defaultdict(list)
        for subject_id, subject in subjects.items():
            if plan.stage and plan.stage != subject["stage"]:
                continue
            point = subject.get("life")
            if point not in lives:
                lives[point] = life_position(spec, point)
            as_of_subject = subject.get("as_of")
            if isinstance(as_of_subject, dict):  # e.g. a stage: readiness as of its start, exit as of its end
                as_of_subject = as_of_subject.get(plan.kind)
            by_life[lives[point]].append(len(scored))
            scored.append((subject_id, subject, min(today, as_of_subject or today)))
        readings = _readings(plan, spec, plans, scored, by_life, values, ratings)
        results = plans.results(plan)
        for (subject_id, subject, day), evidence in zip(scored, readings, strict=True):
            evaluated = results.get(evidence)
            if evaluated is None:
                evaluated = plans.evaluate(plan, evidence)
            if evaluated.digest in current.get((subject_id, plan.key), ()):
                continue
            # ...and its snapshot speaks for that day (a farewell's score is dated at the farewell).
            if day not in ends:
                ends[day] = min(now, _end_of(day))
            snapshots.append(
                NewSnapshot(plan, subject_id, subject["engagement"], evaluated, ends[day], evidence)
            )
    return snapshots


def _readings(plan, spec, plans, scored, by_life, values, ratings) -> list[tuple[engine.Reading, ...]]:
    """The readings of ``plan``'s criteria for each of the ``scored`` subjects (in their order), read a
    criterion at a time for the subjects at one point of life."""
    found = [()] * len(scored)
    not_yet = engine.Reading(engine.NOT_YET)
    for life, positions in by_life.items():
        columns = []
        for criterion, criterion_not_yet in plans.applies(plan, life, spec.lifecycle):
            if criterion_not_yet:
                columns.append([not_yet] * len(positions))
            elif criterion.manual:
                rating = (plan.key, criterion.key)
                columns.append(
                    [
                        engine.read_rating(criterion, ratings.get((*rating, scored[i][0])), scored[i][2])
                        for i in positions
                    ]
                )
            else:
                raw = values.get(criterion.metric, {}).get
                read = plans.metric_reader(plan, criterion)
                columns.append([read(raw(scored[i][1]["metric_id"])) for i in positions])
        if columns:
            for i, evidence in zip(positions, zip(*columns, strict=True), strict=True):
                found[i] = evidence
    return found


def _write(snapshots, *, subject_type, trigger, run, now, current: bool = True) -> int:
    """Write the new snapshots and (unless replaying history) point the current scores at them."""
    if not snapshots:
        return 0
    if connection.vendor == "postgresql":
        _copy_snapshots(
            snapshots, subject_type=subject_type, trigger=trigger, run=run, current=current, now=now
        )
        return len(snapshots)
    created = ScoreSnapshot.objects.bulk_create(
        [
            ScoreSnapshot(
                subject_type=subject_type,
                subject_id=s.subject_id,
                engagement_id=s.engagement_id,
                rubric_id=s.plan.id,
                score=result.score,
                coverage=result.coverage,
                band=result.band,
                dimensions=result.dimensions,
                criteria=result.criteria,
                digest=result.digest,
                trigger=trigger,
                run=run,
                computed_at=s.computed_at,
            )
            for s, result in ((s, s.result) for s in snapshots)  # the rows in full, each evaluated once
        ],
        batch_size=1000,
    )
    if not current:
        return len(created)
    CurrentScore.objects.bulk_create(
        [
            CurrentScore(
                subject_type=subject_type,
                subject_id=s.subject_id,
                rubric_key=s.plan.key,
                kind=s.plan.kind,
                stage=s.plan.stage,
                engagement_id=s.engagement_id,
                snapshot_id=snapshot.pk,
                snapshot_digest=snapshot.digest,
                score=snapshot.score,
                band=snapshot.band,
                checked_at=now,
            )
            for s, snapshot in zip(snapshots, created, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["subject_type", "subject_id", "rubric_key"],
        update_fields=CURRENT_FIELDS,
        batch_size=1000,
    )
    return len(created)


# What a new snapshot changes in the current score (as model fields, and as the table's columns).
CURRENT_FIELDS = ["kind", "stage", "engagement", "snapshot", "snapshot_digest", "score", "band", "checked_at"]
CURRENT_COLUMNS = [
    "kind",
    "stage",
    "engagement_id",
    "snapshot_id",
    "snapshot_digest",
    "score",
    "band",
    "checked_at",
]
NULL = engine.COPY_NULL
SNAPSHOT_COLUMNS = (
    "id, subject_type, subject_id, engagement_id, rubric_id, score, coverage, band, dimensions, criteria, "
    "digest, trigger, run_id, computed_at"
)


_LZ4 = []  # [whether the server compresses with LZ4], asked once per process


def _compress_fast(cursor) -> None:
    """The snapshots' JSON (its criteria are TOASTed) compressed with LZ4 where the server has it
    (PostgreSQL 14 or later, built with it) — for this transaction only: the same values, read back
    alike, about a fifth larger on disk, written with a quarter less of the server's CPU than pglz."""
    if not _LZ4:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
        _LZ4.append(bool(row and row[0]))
    if _LZ4[0]:
        cursor.execute("SET LOCAL default_toast_compression = 'lz4'")


def _copy_snapshots(snapshots, *, subject_type, trigger, run, current, now) -> None:
    """PostgreSQL: the snapshots in one COPY (ids taken from their sequence first), then the current
    scores pointed at them in one INSERT … ON CONFLICT that reads them back — no row built in Python
    twice, no statement per thousand rows."""
    quote = connection.ops.quote_name
    table, scores, rubrics = (quote(model._meta.db_table) for model in (ScoreSnapshot, CurrentScore, Rubric))
    with connection.cursor() as cursor:
        _compress_fast(cursor)
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [ScoreSnapshot._meta.db_table, len(snapshots)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        tail = f"{trigger}\t{run.pk if run else NULL}"
        lines = io.StringIO()
        moments = {}  # computed_at → its text (a batch's snapshots share a few)
        for pk, s in zip(ids, snapshots, strict=True):
            engagement = NULL if s.engagement_id is None else s.engagement_id
            moment = moments.get(s.computed_at)
            if moment is None:
                moment = moments[s.computed_at] = s.computed_at.isoformat()
            lines.write(
                f"{pk}\t{subject_type}\t{s.subject_id}\t{engagement}\t{s.plan.id}\t{s.evaluated.columns}\t"
                f"{tail}\t{moment}\n"
            )
        lines.seek(0)
        cursor.copy_expert(f"COPY {table} ({SNAPSHOT_COLUMNS}) FROM STDIN", lines)
        if not current:
            return
        updates = ", ".join(f"{column} = excluded.{column}" for column in CURRENT_COLUMNS)
        cursor.execute(
            f"INSERT INTO {scores} (subject_type, subject_id, rubric_key, {', '.join(CURRENT_COLUMNS)}) "  # noqa: S608 - names, not input
            f"SELECT s.subject_type, s.subject_id, r.key, r.kind, r.stage, s.engagement_id, s.id, s.digest, "
            f"s.score, s.band, %s FROM {table} s JOIN {rubrics} r ON r.id = s.rubric_id WHERE s.id = ANY(%s) "
            f"ON CONFLICT (subject_type, subject_id, rubric_key) DO UPDATE SET {updates}",
            [now, ids],
        )


def _forget_deleted(rows, found) -> None:
    """Subjects deleted since they were marked keep their snapshots (history) but no current score
    (a subject type whose dirty mark is the subject itself; stages go with their engagement)."""
    for spec in subjects_in_order():
        if spec.dirty_kind != spec.key:
            continue
        gone = {row.subject_id for row in rows if row.kind == spec.dirty_kind} - set(found.get(spec.key, {}))
        if gone:
            CurrentScore.objects.filter(subject_type=spec.key, subject_id__in=gone).delete()


@transaction.atomic
def replay_history(engagement_id: int, days) -> int:
    """Score an engagement and its stages as they stood on each past day (oldest first), from the ratings
    given by then and the dated metrics; returns the snapshots written. Current scores are untouched.
    Two replays of one engagement at once (two past-dated gate decisions) run one after the other, so
    the second finds the first's snapshots and writes nothing twice."""
    serialized(f"scoring.replay:{engagement_id}")
    plans, written = PlanCache(), 0
    for day in sorted(days):
        row = DirtySubject(kind=ENGAGEMENT_MARK, subject_id=engagement_id, marked_at=timezone.now())
        written += compute_rows([row], run=None, plans=plans, as_of=day)
    return written


def score_engagement_now(engagement_id: int, as_of=None) -> None:
    """Bring an engagement's stage scores up to date in this request (used when a gate is decided).

    A decision dated in the past (``as_of`` before today) is scored as the engagement stood that day:
    a replay for that day, which leaves the current scores alone."""
    if as_of is not None and as_of < timezone.localdate():
        replay_history(engagement_id, [as_of])
        return
    with transaction.atomic():
        rows = list(DirtySubject.objects.filter(kind=ENGAGEMENT_MARK, subject_id=engagement_id))
        if (
            not rows
            and CurrentScore.objects.filter(
                subject_type=SubjectType.STAGE, engagement_id=engagement_id
            ).exists()
        ):
            return
        rows = rows or [
            DirtySubject(kind=ENGAGEMENT_MARK, subject_id=engagement_id, marked_at=timezone.now())
        ]
        compute_rows(rows, run=None, plans=PlanCache())
        _clear([row for row in rows if row.pk])


# ------------------------------------------------------------------------------------------------
# Ratings
# ------------------------------------------------------------------------------------------------
def rating_record(
    *,
    criterion: Criterion,
    subject_type: str,
    subject_id: int,
    actor,
    value=None,
    not_applicable: bool = False,
    evidence_note: str,
    evidence_links=(),
    rated_on=None,
) -> Rating:
    """Record the team's rating of a manual criterion (a new row; the latest valid one counts)."""
    rubric = criterion.dimension.rubric
    if not criterion.is_manual:
        raise ValidationError(
            {"criterion": _("This criterion is measured automatically; it cannot be rated.")}
        )
    if rubric.subject_type != subject_type:
        raise ValidationError({"subject_type": _("This criterion does not score this kind of subject.")})
    if not evidence_note or not evidence_note.strip():
        raise ValidationError({"evidence_note": _("Describe the evidence for this rating.")})
    if not_applicable:
        value = None
    elif value is None or float(value) not in criterion.anchor_values():
        raise ValidationError({"value": _("Choose one of the scale's values.")})
    rated_on = rated_on or timezone.localdate()
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": _("A rating cannot be dated in the future.")})
    expires_on = rated_on + timedelta(days=criterion.validity_days) if criterion.validity_days else None
    rating = Rating.objects.create(
        rubric_key=rubric.key,
        criterion_key=criterion.key,
        subject_type=subject_type,
        subject_id=subject_id,
        value=value,
        not_applicable=not_applicable,
        evidence_note=evidence_note.strip(),
        evidence_links=list(evidence_links),
        rated_by=actor,
        rated_on=rated_on,
        expires_on=expires_on,
    )
    mark_dirty(ratings_dirty_pairs(subject_type, [subject_id]))
    return rating


def ratings_dirty_pairs(subject_type: str, subject_ids) -> list[tuple[str, int]]:
    spec = SUBJECTS.get(subject_type)
    return spec.dirty_pairs(subject_ids) if spec else []


# ------------------------------------------------------------------------------------------------
# Rubric versions
# ------------------------------------------------------------------------------------------------
def _decimal(value):
    """A number from a definition as an exact decimal (a float like 0.66 would carry binary noise)."""
    return None if value is None else Decimal(str(value))


def _texts(value) -> tuple[str, str, str]:
    """(he, en, ar) from a definition's text list (an older definition may lack the Arabic)."""
    value = list(value or [])
    return tuple([*value, "", "", ""][:3])


def _languages(prefix: str, value) -> dict:
    return dict(zip((f"{prefix}_{language}" for language in LANGUAGES), _texts(value), strict=True))


@transaction.atomic
def rubric_create_version(
    *, definition: dict, actor, source_digest: str = "", status=Rubric.Status.DRAFT
) -> Rubric:
    """A new version of a rubric from a definition (see definitions.py for its shape)."""
    latest = Rubric.objects.filter(key=definition["key"]).order_by("-version").first()
    if status == Rubric.Status.PUBLISHED:
        Rubric.objects.filter(key=definition["key"], status=Rubric.Status.PUBLISHED).update(
            status=Rubric.Status.RETIRED
        )
    rubric = Rubric.objects.create(
        key=definition["key"],
        version=(latest.version + 1) if latest else 1,
        subject_type=definition["subject_type"],
        kind=definition["kind"],
        stage=definition.get("stage", ""),
        status=status,
        **_languages("name", definition["name"]),
        **_languages("description", definition.get("description")),
        threshold=definition.get("threshold", 75),
        min_coverage=_decimal(definition.get("min_coverage", 0.5)),
        applies_from=definition.get("applies_from", ""),
        source_digest=source_digest,
        created_by=actor,
    )
    for d_order, spec in enumerate(definition["dimensions"]):
        dimension = Dimension.objects.create(
            rubric=rubric,
            key=spec["key"],
            **_languages("name", spec["name"]),
            weight=_decimal(spec.get("weight", 1)),
            floor=spec.get("floor", 0),
            order=d_order,
        )
        for c_order, c in enumerate(spec["criteria"]):
            source = c.get("source") or {}
            criterion = Criterion(
                dimension=dimension,
                key=c["key"],
                **_languages("text", c["text"]),
                **_languages("guidance", c.get("guidance")),
                **_languages("next_action", c.get("next_action")),
                source_section=source.get("section", ""),
                source_quote=source.get("quote", ""),
                source_outside=source.get("outside", ""),
                applies_from=c.get("applies_from", ""),
                weight=_decimal(c.get("weight", 1)),
                critical=c.get("critical", False),
                pass_level=_decimal(c.get("pass_level", 1)),
                partner_actionable=c.get("partner_actionable", False),
                evidence=Criterion.Evidence.AUTOMATIC if c.get("metric") else Criterion.Evidence.MANUAL,
                metric=c.get("metric", ""),
                floor=_decimal(c.get("floor")),
                target=_decimal(c.get("target")),
                direction=(
                    Criterion.Direction.LOWER
                    if c.get("metric") and c.get("target", 1) < c.get("floor", 0)
                    else Criterion.Direction.HIGHER
                ),
                anchors=c.get("anchors", []),
                validity_days=c.get("validity_days"),
                order=c_order,
            )
            if criterion.metric and criterion.metric not in METRICS:
                raise ValidationError({"metric": _("Choose a registered metric.")})
            criterion.full_clean(exclude=["dimension"])
            criterion.save()
    return rubric


def rubric_definition(rubric: Rubric) -> dict:
    """The definition a version was made from (to start a new draft from it)."""
    dimensions = []
    for d in rubric.dimensions.all():
        criteria = []
        for c in d.criteria.all():
            item = {
                "key": c.key,
                "text": [c.text_he, c.text_en, c.text_ar],
                "guidance": [c.guidance_he, c.guidance_en, c.guidance_ar],
                "next_action": [c.next_action_he, c.next_action_en, c.next_action_ar],
                "source": {
                    "section": c.source_section,
                    "quote": c.source_quote,
                    "outside": c.source_outside,
                },
                "applies_from": c.applies_from,
                "weight": float(c.weight),
                "critical": c.critical,
                "pass_level": float(c.pass_level),
                "partner_actionable": c.partner_actionable,
            }
            if c.is_manual:
                item |= {"anchors": c.anchors, "validity_days": c.validity_days}
            else:
                item |= {"metric": c.metric, "floor": float(c.floor), "target": float(c.target)}
            criteria.append(item)
        dimensions.append(
            {
                "key": d.key,
                "name": [d.name_he, d.name_en, d.name_ar],
                "weight": float(d.weight),
                "floor": d.floor,
                "criteria": criteria,
            }
        )
    return {
        "key": rubric.key,
        "name": [rubric.name_he, rubric.name_en, rubric.name_ar],
        "description": [rubric.description_he, rubric.description_en, rubric.description_ar],
        "subject_type": rubric.subject_type,
        "kind": rubric.kind,
        "stage": rubric.stage,
        "threshold": rubric.threshold,
        "min_coverage": float(rubric.min_coverage),
        "applies_from": rubric.applies_from,
        "dimensions": dimensions,
    }


@transaction.atomic
def rubric_draft(*, rubric: Rubric, actor) -> Rubric:
    """Editing a published rubric starts a new draft version copied from it (one draft per rubric:
    two administrators asking at once get the same draft)."""
    serialized(f"scoring.rubric:{rubric.key}")
    existing = Rubric.objects.filter(key=rubric.key, status=Rubric.Status.DRAFT).first()
    if existing is not None:
        return existing
    return rubric_create_version(definition=rubric_definition(rubric), actor=actor)


def _editable(rubric: Rubric):
    if not rubric.is_editable:
        raise ValidationError(_("A published or retired version never changes; start a new draft instead."))


@transaction.atomic
def criterion_update(*, criterion: Criterion, actor, data: dict) -> Criterion:
    criterion = locked(criterion)
    _editable(locked(criterion.dimension.rubric))
    assign(criterion, data)
    if criterion.floor is not None and criterion.target is not None:
        lower = criterion.target < criterion.floor
        criterion.direction = Criterion.Direction.LOWER if lower else Criterion.Direction.HIGHER
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def rubric_update(*, rubric: Rubric, actor, data: dict) -> Rubric:
    rubric = locked(rubric)
    _editable(rubric)
    return save_with_history(assign(rubric, data), actor=actor)


@transaction.atomic
def rubric_publish(*, rubric: Rubric, actor, now=None) -> Rubric:
    """Publish a draft: the version published before is retired, and every subject it scores is
    marked dirty so its score moves to the new version. Publishing twice publishes once."""
    serialized(f"scoring.rubric:{rubric.key}")
    rubric = locked(rubric)
    if rubric.status == Rubric.Status.PUBLISHED:
        return rubric
    if rubric.status == Rubric.Status.RETIRED:
        raise ValidationError(_("A retired version cannot be published again."))
    if not rubric.dimensions.filter(criteria__isnull=False).exists():
        raise ValidationError(_("A rubric needs at least one criterion."))
    Rubric.objects.filter(key=rubric.key, status=Rubric.Status.PUBLISHED).exclude(pk=rubric.pk).update(
        status=Rubric.Status.RETIRED
    )
    rubric.status = Rubric.Status.PUBLISHED
    rubric.published_at = rubric.published_at or now or timezone.now()
    rubric.save(update_fields=["status", "published_at"])
    _mark_rubric_subjects(rubric)
    return rubric


def _mark_rubric_subjects(rubric: Rubric) -> None:
    ids = CurrentScore.objects.filter(rubric_key=rubric.key).values_list("subject_id", flat=True)
    mark_dirty(ratings_dirty_pairs(rubric.subject_type, list(ids)))
