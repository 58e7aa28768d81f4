"""Matching a submitted opportunity to the open needs and the initiatives it could serve.

The fit score (0–100) adds up, for a need (or, for an initiative, its best need):

* ``category`` 40 — the need's category is one of the profile's need categories;
* ``broadcast`` 30 — the profile answers a broadcast that presented this need;
* ``maturity`` 10 — the product is mature enough to pilot (TRL 6 or more);
* ``population`` 15 — the profile's target population or problem shares a word (of four letters or
  more) with the need's title and description (an initiative's title and solution);
* ``languages`` 5 — the product works in Hebrew or Arabic.

Only the best are kept: for each submitted revision, at most ``TOP_NEEDS`` needs and
``TOP_INITIATIVES`` initiatives, each with a fit of at least ``MIN_FIT``, best first; ties go to
more shared population words, then to the older record. Matches the team confirmed stay whatever
the ranking says, and are not suggested again. As the last three reasons add up to 30 < ``MIN_FIT``,
a match must share a category or answer the broadcast: only those needs and initiatives are scored.

Scoring reads a small index of the open needs and the initiatives that have not stopped (their
categories, and which of them each word of four letters or more appears in), built once per
process, so a submission costs a few lookups and at most ``TOP_NEEDS + TOP_INITIATIVES`` fits
beyond the broadcast's own needs and the records sharing a population word. The index is rebuilt
when a stamp read from the database has moved (one query over the needs, the initiatives and their
links: their counts, largest ids, sums of versions — every save adds one — and latest creation or
change). A process checks the stamp at every match after it changed a need or an initiative itself
(until that change commits), and otherwise at most every ``STAMP_CHECK_SECONDS``: a need saved
elsewhere reaches the matching within that time. ``INDEX_MAX_AGE`` bounds what a change made
without ``save()`` (``QuerySet.update``) could leave unseen.
"""

import heapq
import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from api_human.core.prepared import NUMBER, Prepared
from api_human.scoring.registry import OPPORTUNITY
from api_human.scoring.services import mark_dirty
from initiatives.models import Initiative, Need
from webhooks import events as webhook_events
from webhooks.services import publish_event

from .models import Broadcast, Match, Opportunity

CATEGORY, BROADCAST, MATURITY, POPULATION, LANGUAGES = 40, 30, 10, 15, 5
MIN_FIT = 40  # the least fit a match needs
TOP_NEEDS = 10  # at most this many needs per revision (beside the confirmed matches)
TOP_INITIATIVES = 10  # and this many initiatives
MATURE_TRL = 6
LOCAL_LANGUAGES = frozenset({"he", "ar"})
# The two reads of every matching, compiled once per process (see api_human.core.prepared).
LOCKED_OPPORTUNITY = Prepared(
    lambda pk: Opportunity.objects.select_for_update().filter(pk=pk), placeholder=NUMBER
)
MATCHES_OF = Prepared(
    lambda pk: Match.objects.filter(opportunity_id=pk).only(
        "pk", "need_id", "initiative_id", "revision", "score", "reasons", "confirmed_at"
    ),
    placeholder=NUMBER,
)
STAMP_CHECK_SECONDS = 1.0  # a process looks for changes made elsewhere at most this often
INDEX_MAX_AGE = 300  # seconds: the index is rebuilt at least this often, whatever the stamp says

if MATURITY + POPULATION + LANGUAGES >= MIN_FIT:  # the candidates below would miss matches
    raise RuntimeError("MIN_FIT must exceed the points a need gets without its category or broadcast")

OPEN_NEED = ~Q(status__in=[Need.Status.ANSWERED, Need.Status.DROPPED])
LIVE_INITIATIVE = ~Q(status=Initiative.Status.STOPPED)


def words(text: str) -> frozenset[str]:
    """The words of four letters or more, in lower case (letters and digits of any script)."""
    cleaned = "".join(c if c.isalnum() else " " for c in (text or "").lower())
    return frozenset(w for w in cleaned.split() if len(w) > 3)


# ------------------------------------------------------------------------------------------------
# The index
# ------------------------------------------------------------------------------------------------
@dataclass
class Index:
    stamp: tuple
    built_at: float
    need_category: dict = field(default_factory=dict)  # need id -> category (open needs)
    need_words: dict = field(default_factory=dict)  # need id -> words of its title and description
    needs_by_category: dict = field(default_factory=dict)  # category -> [need id], ascending
    need_postings: dict = field(default_factory=dict)  # word -> {need id}
    initiative_words: dict = field(default_factory=dict)  # initiative id -> words of title and solution
    initiative_needs: dict = field(default_factory=dict)  # initiative id -> [(need id, category)]
    initiative_categories: dict = field(default_factory=dict)  # initiative id -> {its needs' categories}
    initiatives_by_category: dict = field(default_factory=dict)  # category -> [initiative id], ascending
    initiatives_by_need: dict = field(default_factory=dict)  # need id -> {initiative id}
    initiative_postings: dict = field(default_factory=dict)  # word -> {initiative id}


class _State(threading.local):
    checked_at = float("-inf")  # when this thread last compared the stamp
    local_changes = 0  # needs or initiatives this thread changed, not yet committed


_index: Index | None = None
_lock = threading.Lock()
_state = _State()


def _stamp() -> tuple:
    """One query: what changes whenever a need, an initiative or a link between them is saved,
    created or deleted (one scan of each table's few thousand rows)."""
    quote = connection.ops.quote_name
    tables = [
        (Need._meta.db_table, "SUM(version)", "MAX(created_at)"),
        (Initiative._meta.db_table, "SUM(version)", "MAX(updated_at)"),
        (Initiative.needs.through._meta.db_table, "0", "NULL"),
    ]
    sql = " UNION ALL ".join(
        f"SELECT {n}, COUNT(*), MAX(id), {versions}, {latest} FROM {quote(table)}"  # noqa: S608 - names, not input
        for n, (table, versions, latest) in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(sorted(tuple(row) for row in cursor.fetchall()))


def _build(stamp: tuple) -> Index:
    index = Index(stamp=stamp, built_at=time.monotonic())
    rows = Need.objects.filter(OPEN_NEED).order_by("pk").values_list("pk", "category", "title", "description")
    for pk, category, title, description in rows:
        index.need_category[pk] = category
        index.need_words[pk] = found_words = words(f"{title} {description}")
        index.needs_by_category.setdefault(category, []).append(pk)
        for word in found_words:
            index.need_postings.setdefault(word, set()).add(pk)
    rows = Initiative.objects.filter(LIVE_INITIATIVE).order_by("pk").values_list("pk", "title", "solution")
    for pk, title, solution in rows:
        index.initiative_words[pk] = found_words = words(f"{title} {solution}")
        index.initiative_needs[pk] = []
        index.initiative_categories[pk] = set()
        for word in found_words:
            index.initiative_postings.setdefault(word, set()).add(pk)
    links = Initiative.needs.through.objects.filter(initiative__in=Initiative.objects.filter(LIVE_INITIATIVE))
    for initiative_id, need_id, category in links.order_by("pk").values_list(
        "initiative_id", "need_id", "need__category"
    ):
        index.initiative_needs[initiative_id].append((need_id, category))
        index.initiative_categories[initiative_id].add(category)
        index.initiatives_by_need.setdefault(need_id, set()).add(initiative_id)
    for pk, categories in index.initiative_categories.items():
        for category in categories:
            index.initiatives_by_category.setdefault(category, []).append(pk)  # ascending: pk order
    return index


def current_index() -> Index:
    """The index for the database as this transaction sees it (see the module): the one built
    before while the stamp has not moved, a new one otherwise."""
    global _index
    index, now = _index, time.monotonic()
    if (
        index is not None
        and not _state.local_changes
        and now - _state.checked_at < STAMP_CHECK_SECONDS
        and now - index.built_at < INDEX_MAX_AGE
    ):
        return index
    stamp = _stamp()  # read before the rows: a change committed in between only means a rebuild later
    _state.checked_at = now
    if index is not None and index.stamp == stamp and now - index.built_at < INDEX_MAX_AGE:
        return index
    with _lock:
        index = _index
        if index is None or index.stamp != stamp or now - index.built_at >= INDEX_MAX_AGE:
            index = _index = _build(stamp)
    return index


def forget_index() -> None:
    global _index
    _index = None


def _changed(sender, **kwargs):
    """A need, an initiative or their links changed in this thread: compare the stamp at every match
    until the change commits (a rolled-back change keeps it so, which costs only the query)."""
    if kwargs.get("raw") or kwargs.get("action", "post_")[:5] != "post_":
        return
    _state.local_changes += 1
    transaction.on_commit(_committed)


def _committed():
    _state.local_changes = max(0, _state.local_changes - 1)


for _model in (Need, Initiative, Initiative.needs.through):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"matching-{_model._meta.label}-save")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"matching-{_model._meta.label}-delete")
m2m_changed.connect(_changed, sender=Initiative.needs.through, dispatch_uid="matching-initiative-needs")


# ------------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    need_id: int | None
    initiative_id: int | None
    score: int
    reasons: list
    shared: int  # population words shared (the tie-break)

    @property
    def target(self) -> tuple:
        return (self.need_id, self.initiative_id)


def _order(found: "Found") -> tuple:
    return (-found.score, -found.shared, found.need_id or found.initiative_id)


def score_opportunity(
    opportunity: Opportunity, broadcast_needs: set[int], index: Index, *, skip=frozenset()
) -> list[Found]:
    """The best ``TOP_NEEDS`` needs and ``TOP_INITIATIVES`` initiatives with a fit of at least
    ``MIN_FIT``, needs first, each kind best first; the targets in ``skip`` (``(need id, initiative
    id)`` pairs) are left out and do not count."""
    categories = set(opportunity.need_categories or [])
    population = words(opportunity.target_population) | words(opportunity.problem)
    constant, constant_reasons = 0, []
    if (opportunity.trl or 0) >= MATURE_TRL:
        constant += MATURITY
        constant_reasons.append("maturity")
    speaks_local = bool(LOCAL_LANGUAGES & set(opportunity.languages or []))

    def fit(variable: int, variable_reasons: list, text_words) -> tuple[int, list, int]:
        shared = len(population & text_words)
        points, reasons = variable + constant, [*variable_reasons, *constant_reasons]
        if shared:
            points += POPULATION
            reasons.append("population")
        if speaks_local:
            points += LANGUAGES
            reasons.append("languages")
        return points, reasons, shared

    def by_need(need_id: int, category: str) -> tuple[int, list]:
        points, reasons = 0, []
        if category in categories:
            points += CATEGORY
            reasons.append("category")
        if need_id in broadcast_needs:
            points += BROADCAST
            reasons.append("broadcast")
        return points, reasons

    def best(special, in_categories, by_category, postings, words_of, make, limit, excluded):
        """``special``: id -> (points, reasons) before the population, languages and maturity;
        every other record of the categories starts at the category's points."""
        found = []

        def consider(pk, variable, variable_reasons):
            points, reasons, shared = fit(variable, variable_reasons, words_of[pk])
            if points >= MIN_FIT:
                found.append(make(pk, points, reasons, shared))

        for pk, (variable, variable_reasons) in special.items():
            if pk not in excluded:
                consider(pk, variable, variable_reasons)
        sharing = set().union(*(postings.get(word, ()) for word in population))
        for pk in sharing:
            if pk not in special and pk not in excluded and in_categories(pk):
                consider(pk, CATEGORY, ["category"])
        # The rest of the categories' records all fit alike: the oldest ``limit`` are enough.
        taken, previous = 0, None
        for pk in heapq.merge(*by_category):
            if taken >= limit:
                break
            if pk == previous or pk in special or pk in excluded or pk in sharing:
                continue
            previous = pk
            consider(pk, CATEGORY, ["category"])
            taken += 1
        found.sort(key=_order)
        return found[:limit]

    open_broadcast_needs = broadcast_needs & index.need_category.keys()
    needs = best(
        {pk: by_need(pk, index.need_category[pk]) for pk in open_broadcast_needs},
        lambda pk: index.need_category[pk] in categories,
        [index.needs_by_category.get(c, ()) for c in sorted(categories)],
        index.need_postings,
        index.need_words,
        lambda pk, points, reasons, shared: Found(pk, None, points, reasons, shared),
        TOP_NEEDS,
        {need for need, initiative in skip if need is not None},
    )
    answering = set().union(*(index.initiatives_by_need.get(pk, ()) for pk in broadcast_needs))
    initiatives = best(
        {  # the initiative's best need (equal points have equal reasons)
            pk: max(
                (by_need(need, category) for need, category in index.initiative_needs[pk]),
                key=lambda pair: pair[0],
            )
            for pk in answering
        },
        lambda pk: bool(index.initiative_categories[pk] & categories),
        [index.initiatives_by_category.get(c, ()) for c in sorted(categories)],
        index.initiative_postings,
        index.initiative_words,
        lambda pk, points, reasons, shared: Found(None, pk, points, reasons, shared),
        TOP_INITIATIVES,
        {initiative for need, initiative in skip if initiative is not None},
    )
    return needs + initiatives


# ------------------------------------------------------------------------------------------------
# Writing the matches
# ------------------------------------------------------------------------------------------------
@transaction.atomic(savepoint=False)  # no savepoint inside the task's transaction (tasks.py)
def opportunity_match(*, opportunity: Opportunity, revision: int | None = None) -> int:
    """Make the unconfirmed matches of an opportunity those of its current revision's best (see the
    module); returns how many were added. A fixed number of queries however many needs and
    initiatives there are. Idempotent: run again (a redelivered task) it writes nothing; asked for an
    older revision than the one submitted now, it does nothing (the newer revision's own task
    matches it). Confirmed matches are never changed."""
    opportunity = LOCKED_OPPORTUNITY.get(opportunity.pk)
    if opportunity is None:
        raise Opportunity.DoesNotExist
    if revision is not None and revision != opportunity.revision:
        return 0
    broadcast_needs = (
        set(
            Broadcast.needs.through.objects.filter(broadcast_id=opportunity.broadcast_id).values_list(
                "need_id", flat=True
            )
        )
        if opportunity.broadcast_id
        else set()
    )

    existing = MATCHES_OF.list(opportunity.pk)
    confirmed = {(m.need_id, m.initiative_id) for m in existing if m.confirmed_at is not None}
    current = {
        (m.need_id, m.initiative_id): m
        for m in existing
        if m.confirmed_at is None and m.revision == opportunity.revision
    }
    kept, changed, added = set(), [], []
    for item in score_opportunity(opportunity, broadcast_needs, current_index(), skip=confirmed):
        row = current.get(item.target)
        if row is None:
            added.append(
                Match(
                    opportunity=opportunity,
                    need_id=item.need_id,
                    initiative_id=item.initiative_id,
                    revision=opportunity.revision,
                    score=item.score,
                    reasons=item.reasons,
                )
            )
            continue
        kept.add(row.pk)
        if (row.score, row.reasons) != (item.score, item.reasons):
            row.score, row.reasons = item.score, item.reasons
            changed.append(row)
    stale = [m.pk for m in existing if m.confirmed_at is None and m.pk not in kept]
    if stale:
        # One statement, without a signal per row: the opportunity is marked for rescoring once below.
        Match.objects.filter(pk__in=stale)._raw_delete(Match.objects.db)
    if changed:
        Match.objects.bulk_update(changed, ["score", "reasons"])
    if added:
        Match.objects.bulk_create(added)
    if stale or changed or added:
        mark_dirty([(OPPORTUNITY, opportunity.pk)])  # its broadcast-fit metric reads the best match
    if added:
        reference = {"id": opportunity.pk, "title": opportunity.title, "revision": opportunity.revision}
        publish_event(
            webhook_events.OPPORTUNITY_MATCHED,
            data={"opportunity": reference, "matches": len(added)},
            organization_ids=[opportunity.organization_id],
        )
    return len(added)
