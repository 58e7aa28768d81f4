"""What the dashboards show, read in a fixed number of queries whatever the amount of data.

Each function returns plain data and ``Table`` objects (see tables.py); the views render them, the
exports write them. Every count links to the filtered list it counts.
"""

import functools
from collections import defaultdict
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from api_human.core.charts import Bars, Trend
from api_human.core.models import Engagement, EngagementMembership, NeedCategory, Stage, World, stage_code
from api_human.core.registry import DASHBOARD_TILES, TileFilters
from api_human.core.tables import Cell, Table
from api_human.core.views import BoundedPaginator
from api_human.scoring.engine import LEFT_OUT
from api_human.scoring.models import CurrentScore, Rubric, ScoreSnapshot, SubjectType
from api_human.scoring.registry import BRIDGING_RUBRIC
from api_human.scoring.selectors import explain, next_actions, subject_querysets
from initiatives.models import ContentWorld, Initiative, Need
from opportunities.models import Broadcast, Opportunity
from stages.models import (
    ChangeSignal,
    GateAction,
    GateDecision,
    IntensityChange,
    Mechanism,
    StageEvent,
    StagePhase,
    SuccessMetric,
)
from stages.selectors import phases_with_related, timeline
from tensions.metrics import blocking_too_long
from tensions.models import Tension, TensionEvent

from .models import ReportPdf

TREND_DAYS = 90
BOTTOM_UP = {Need.Source.CITIZENS, Need.Source.FIELD_WORKERS}


def link(name: str, *args, **query) -> str:
    query = {k: v for k, v in query.items() if v not in (None, "")}
    path = (
        reverse(name, args=args)
        if args
        else _path(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    )
    return path + (f"?{urlencode(query)}" if query else "")


@functools.lru_cache(maxsize=256)
def _path(name: str, prefix: str, urlconf) -> str:
    """The address of a list page (no arguments), for each script prefix and URLconf it is asked under:
    the tables link every count, dozens a page."""
    return reverse(name, urlconf=urlconf)


# ------------------------------------------------------------------------------------------------
# Portfolio: every engagement the user may see
# ------------------------------------------------------------------------------------------------
PORTFOLIO_PAGE = 20  # engagements on a page of the portfolio (the export has them all)


def portfolio(user, *, filters: dict, rtl: bool, page=None, cards: bool = True) -> dict:
    """The portfolio's cards and table: one page of ``PORTFOLIO_PAGE`` engagements (``page``, a page
    number as in ``?page=``), or every engagement when ``page`` is None (the exports). Without
    ``cards`` (the exports: the table alone) the rows have no timeline and their scores no trend."""
    engagements = Engagement.objects.visible_to(user).order_by("-start_date", "name", "pk")
    if filters.get("engagement"):
        engagements = engagements.filter(pk=filters["engagement"].pk)
    if filters.get("date_from"):
        engagements = engagements.filter(Q(end_date__isnull=True) | Q(end_date__gte=filters["date_from"]))
    if filters.get("date_to"):
        engagements = engagements.filter(start_date__lte=filters["date_to"])
    page_obj = None
    if page is not None:
        page_obj = BoundedPaginator(engagements, PORTFOLIO_PAGE).get_page(page)
        engagements = page_obj.object_list
    engagements = list(engagements)
    ids = [e.pk for e in engagements]

    phases = defaultdict(list)
    codes = _stage_codes()
    # Only what the cards draw: the status and the intensity changes of the timeline.
    all_phases = list(StagePhase.objects.filter(engagement_id__in=ids).order_by("stage"))
    if cards:
        _with_intensity_changes(all_phases)
    for phase in all_phases:
        phase.code = codes.get(phase.stage, "")
        phases[phase.engagement_id].append(phase)
    scores = defaultdict(list)
    kinds, bands = _labels(CurrentScore, "kind"), _labels(CurrentScore, "band")
    # The stages' scores by the stages read (their engagements' ids would match every score of the
    # engagements, opportunities' and initiatives' too, where the index on the subject finds them).
    phase_ids = [phase.pk for phase in all_phases]
    for current in CurrentScore.objects.filter(subject_type="stage", subject_id__in=phase_ids).order_by(
        "stage", "kind"
    ):
        current.code = codes.get(current.stage, "")
        current.kind_label, current.band_label = (
            kinds.get(current.kind, current.kind),
            bands.get(current.band, current.band),
        )
        scores[current.engagement_id].append(current)
    since = timezone.now() - timedelta(days=TREND_DAYS)
    trend = defaultdict(list)
    for subject_id, key, when, score in (
        ScoreSnapshot.objects.filter(subject_type="stage", subject_id__in=phase_ids, computed_at__gte=since)
        .order_by("computed_at")
        .values_list("subject_id", "rubric__key", "computed_at", "score")
        if cards
        else []
    ):
        trend[(subject_id, key)].append((when, None if score is None else float(score)))
    pending = dict(
        GateDecision.objects.filter(phase__engagement_id__in=ids, status=GateDecision.Status.PENDING)
        .values_list("phase__engagement_id")
        .annotate(n=Count("pk"))
    )
    blocking = dict(
        blocking_too_long().filter(engagement_id__in=ids).values_list("engagement_id").annotate(n=Count("pk"))
    )
    overdue = dict(
        _overdue_actions()
        .filter(decision__phase__engagement_id__in=ids)
        .values_list("decision__phase__engagement_id")
        .annotate(n=Count("pk"))
    )

    rows = []
    statuses = _labels(Engagement, "status")
    for engagement in engagements:
        running = [p for p in phases[engagement.pk] if p.is_running]
        running_codes = {p.stage for p in running}
        waiting = {p.stage for p in phases[engagement.pk] if p.status == StagePhase.Status.NOT_STARTED}
        # How ready it is to move on: exit criteria of the running stages, readiness of those not started.
        current = [
            s
            for s in scores[engagement.pk]
            if (s.kind == Rubric.Kind.EXIT and (s.stage in running_codes or not running_codes))
            or (s.kind == Rubric.Kind.READINESS and s.stage in waiting and running_codes)
        ]
        rows.append(
            {
                "engagement": engagement,
                "status": statuses.get(engagement.status, engagement.status),
                "url": reverse("dashboard-engagement", args=[engagement.pk]),
                "detail_url": reverse("engagement-detail", args=[engagement.pk]),
                "timeline": timeline(phases[engagement.pk], rtl=rtl) if cards else None,
                "running": running,
                "scores": [
                    {
                        "current": s,
                        "trend": Trend(
                            trend[(s.subject_id, s.rubric_key)],
                            lo=0,
                            hi=100,
                            decimals=1,
                            name=f"{s.code} {s.kind_label}",
                        )
                        if cards
                        else None,
                    }
                    for s in current
                ],
                "pending": pending.get(engagement.pk, 0),
                "blocking": blocking.get(engagement.pk, 0),
                "overdue": overdue.get(engagement.pk, 0),
            }
        )
    table = Table(
        "portfolio",
        _("Engagements"),
        [
            _("Engagement"),
            _("Active stages"),
            _("Scores of the active stages"),
            _("Waiting for sign-off"),
            _("Tensions blocking too long"),
            _("Overdue gate actions"),
        ],
    )
    for row in rows:
        engagement, detail = row["engagement"], row["url"]
        table.add(
            Cell(engagement.name, detail),
            " ".join(p.code for p in row["running"]) or "—",
            "; ".join(
                f"{s['current'].code} {s['current'].kind_label}: {_score(s['current'].score)} ({s['current'].band_label})"
                for s in row["scores"]
            )
            or "—",
            Cell(row["pending"], row["detail_url"] + "#stages"),
            Cell(
                row["blocking"], link("tension-board", engagement=engagement.pk, blocking="true", open="true")
            ),
            Cell(row["overdue"], detail + "#gate-actions"),
        )
    return {"rows": rows, "table": table, "page_obj": page_obj}


def _stage_codes() -> dict:
    """{stage: its short code} in the language of the request (``stage_code`` once per stage)."""
    return {value: stage_code(value) for value in Stage.values}


def _labels(model, field: str) -> dict:
    """{value: label} of a field's choices in the language of the request, as ``get_FOO_display``
    gives them (which works the choices out again at every call)."""
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def _with_intensity_changes(phases) -> None:
    """``phase.intensity_changes.all()`` of every phase read in one query, oldest first, kept as
    ``prefetch_related`` keeps them, without the filtered queryset it builds for each phase."""
    changes = defaultdict(list)
    for change in IntensityChange.objects.filter(phase__in=[p.pk for p in phases]).order_by(
        "changed_on", "id"
    ):
        changes[change.phase_id].append(change)
    for phase in phases:
        found = IntensityChange.objects.all()
        found._result_cache, found._prefetch_done = changes[phase.pk], True
        phase._prefetched_objects_cache = {"intensity_changes": found}


def _score(value) -> str:
    return "—" if value is None else f"{float(value):.0f}"


def _overdue_actions():
    return GateAction.objects.filter(done_on__isnull=True, due_on__lt=timezone.localdate()).exclude(
        decision__status=GateDecision.Status.RETURNED
    )


# ------------------------------------------------------------------------------------------------
# One engagement
# ------------------------------------------------------------------------------------------------
def engagement_dashboard(engagement: Engagement, *, filters: dict, rtl: bool) -> dict:
    date_from, date_to, category = filters.get("date_from"), filters.get("date_to"), filters.get("category")
    phases = list(phases_with_related(StagePhase.objects.filter(engagement=engagement).order_by("stage")))
    kpis = _kpis(engagement, rtl=rtl)
    open_tensions = _open_tensions(engagement)
    tile_filters = TileFilters(date_from=date_from, date_to=date_to, category=category, rtl=rtl)
    return {
        "timeline": timeline(phases, rtl=rtl),
        "phases": phases,
        "exit_scores": _exit_scores(engagement, phases),
        "kpis": kpis,
        # The tables drawn in their own way on the page, exportable like the others.
        "more_tables": [
            _stages_table(phases),
            _kpi_table(engagement, kpis),
            _open_tensions_table(open_tensions),
        ],
        "actions": list(
            _overdue_actions()
            .filter(decision__phase__engagement=engagement)
            .select_related("decision__phase")
        ),
        "tables": [tile(engagement, tile_filters) for tile in DASHBOARD_TILES.values()],
        "open_tensions": open_tensions,
        "signals": list(
            _dated(
                ChangeSignal.objects.filter(engagement=engagement), "observed_on", date_from, date_to
            ).order_by("-observed_on")[:8]
        ),
    }


# The dashboard's own tiles (registered in apps.py, in this order; other apps may add theirs).
OWN_TILES = {
    "initiatives-by-category": lambda e, f: _initiatives_by_category(e, f.date_from, f.date_to, f.category),
    "initiatives-by-source": lambda e, f: _initiatives_by(
        e, "source", f.date_from, f.date_to, f.category, rtl=f.rtl
    ),
    "initiatives-by-content-world": lambda e, f: _initiatives_by(
        e, "content_world", f.date_from, f.date_to, f.category, rtl=f.rtl
    ),
    "opportunity-funnel": lambda e, f: _funnel(e, f.date_from, f.date_to, f.category, rtl=f.rtl),
    "tensions": lambda e, f: _tensions(e, f.date_from, f.date_to),
    "mechanisms": lambda e, f: mechanisms_table(e),
    "team": lambda e, f: _team(e),
}


def _stages_table(phases) -> Table:
    table = Table(
        "stages",
        _("The stages: status, dates and intensity"),
        [_("Stage"), _("Status"), _("Started"), _("Completed"), _("Intensity")],
    )
    for phase in phases:
        changes = list(phase.intensity_changes.all())
        table.add(
            str(phase),
            phase.get_status_display(),
            phase.started_on or "",
            phase.completed_on or "",
            changes[-1].get_intensity_display() if changes else "",
        )
    return table


def _kpi_table(engagement, kpis) -> Table:
    table = Table(
        "kpis",
        _("Success metrics against their targets"),
        [
            _("Metric"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Latest"),
            _("Measured on"),
            _("Progress (%)"),
        ],
    )
    for kpi in kpis:
        metric, latest = kpi["metric"], kpi["latest"]
        table.add(
            Cell(metric.name, reverse("engagement-detail", args=[engagement.pk]) + "#stage-A"),
            metric.unit,
            float(metric.baseline),
            float(metric.target),
            float(latest.value) if latest else "",
            latest.measured_on if latest else "",
            kpi["percent"] if kpi["percent"] is not None else "",
        )
    return table


def _open_tensions_table(rows) -> Table:
    table = Table(
        "open-tensions",
        _("Open tensions: age and blockers"),
        [_("Tension"), _("State"), _("Age (days)"), _("Blocking for (days)")],
    )
    for row in rows:
        tension = row["tension"]
        table.add(
            Cell(tension.title, reverse("tension-detail", args=[tension.pk])),
            tension.get_state_display(),
            row["age"],
            row["blocking_days"] if row["blocking_days"] is not None else "",
        )
    return table


def _dated(queryset, field, date_from, date_to):
    if date_from:
        queryset = queryset.filter(**{f"{field}__gte": date_from})
    if date_to:
        queryset = queryset.filter(**{f"{field}__lte": date_to})
    return queryset


def _exit_scores(engagement, phases) -> list[dict]:
    """The exit criteria of each running stage (C's health review: C never ends), and the engagement's
    connection between the worlds — each with the criteria that lose the most points and the next
    actions that would change them."""
    running = {p.pk: p for p in phases if p.is_running}
    # The running stages' scores and the engagement's bridging score (as ``bridging_score`` reads it)
    # in one query, explained together.
    currents, bridging = [], None
    for current in (
        CurrentScore.objects.filter(
            Q(
                subject_type="stage",
                subject_id__in=list(running),
                kind__in=[Rubric.Kind.EXIT, Rubric.Kind.HEALTH],
            )
            | Q(subject_type=SubjectType.ENGAGEMENT, subject_id=engagement.pk, rubric_key=BRIDGING_RUBRIC)
        )
        .select_related("snapshot__rubric")
        .order_by("stage", "pk")
    ):
        if current.subject_type == "stage":
            currents.append(current)
        else:
            bridging = current
    explain([c.snapshot for c in currents] + ([bridging.snapshot] if bridging else []))
    result = []
    for current in currents:
        result.append(_score_card(current, title=str(running[current.subject_id])))
    if bridging is not None:
        result.append(_score_card(bridging, title=str(bridging.snapshot.rubric.name)))
    return result


def _score_card(current, *, title) -> dict:
    lost = sorted(
        (
            c
            for c in current.snapshot.criterion_rows
            if c["status"] not in LEFT_OUT and (c["points_lost"] > 0.05 or c["status"] != "ok")
        ),
        key=lambda c: (-c["points_lost"], c["status"] == "ok"),
    )[:3]
    return {
        "title": title,
        "current": current,
        "top_lost": lost,
        "actions": next_actions(current.snapshot)[:3],
        "anchor": reverse("score-subject", args=[current.subject_type, current.subject_id]),
    }


def _kpis(engagement, *, rtl) -> list[dict]:
    """Each success metric: baseline, target, the latest measurement, progress and a small trend."""
    result = []
    for metric in (
        SuccessMetric.objects.filter(goal__engagement=engagement)
        .select_related("goal")
        .prefetch_related("measurements")
    ):
        measurements = sorted(metric.measurements.all(), key=lambda m: (m.measured_on, m.pk))
        latest = measurements[-1] if measurements else None
        span = float(metric.target - metric.baseline) or 1.0
        progress = (
            None if latest is None else max(0.0, min(1.0, float(latest.value - metric.baseline) / span))
        )
        result.append(
            {
                "metric": metric,
                "latest": latest,
                "progress": progress,
                "percent": None if progress is None else round(progress * 100),
                "trend": Trend([(m.measured_on, float(m.value)) for m in measurements], name=metric.name),
            }
        )
    return result


def _initiatives(engagement, date_from, date_to, category):
    initiatives = _dated(
        Initiative.objects.filter(engagement=engagement), "created_at__date", date_from, date_to
    )
    if category:  # a subquery, so the counts below join the needs only once
        answering = Initiative.needs.through.objects.filter(need__category=category).values("initiative_id")
        initiatives = initiatives.filter(pk__in=answering)
    return initiatives


def _initiatives_by_category(engagement, date_from, date_to, category) -> Table:
    statuses = Initiative.Status.choices
    counts = {
        (c, s): n
        for c, s, n in _initiatives(engagement, date_from, date_to, category)
        .values_list("needs__category", "status")
        .annotate(n=Count("pk", distinct=True))
    }
    table = Table(
        "initiatives-by-category",
        _("Initiatives by need category and status"),
        [_("Need category"), *[label for _value, label in statuses], _("Total")],
        caption=_("An initiative answering needs of two categories counts in both."),
    )
    categories = [(v, label) for v, label in NeedCategory.choices if not category or v == category]
    for value, label in categories:
        row = [Cell(str(label), link("need-list", engagement=engagement.pk, category=value))]
        for status, _label in statuses:
            n = counts.get((value, status), 0)
            row.append(
                Cell(n, link("initiative-list", engagement=engagement.pk, category=value, status=status))
            )
        row.append(
            Cell(
                sum(counts.get((value, s), 0) for s, _l in statuses),
                link("initiative-list", engagement=engagement.pk, category=value),
            )
        )
        table.rows.append(row)
    # The chart shows each category's total (the last column); the table has the statuses.
    table.chart = Bars(
        [(row[0].value, row[-1].value) for row in table.rows], empty=_("No initiative to count here yet.")
    )
    return table.shade()


def _initiatives_by(engagement, field, date_from, date_to, category, *, rtl) -> Table:
    queryset = _initiatives(engagement, date_from, date_to, category)
    if field == "source":
        counts = _by_source(queryset)
        items = [
            ("bottom_up", _("Bottom-up (citizens, field workers)")),
            ("top_down", _("Top-down (supervision, management, political)")),
        ]
        table = Table(
            "initiatives-by-source",
            _("Initiatives by the source of their needs"),
            [_("Source"), _("Initiatives")],
        )
        param = "source"
    else:
        counts = dict(queryset.values_list("needs__content_world").annotate(n=Count("pk", distinct=True)))
        items = ContentWorld.choices
        table = Table(
            "initiatives-by-world", _("Initiatives by content world"), [_("Content world"), _("Initiatives")]
        )
        param = "content_world"
    chart_items = []
    for value, label in items:
        target = link("initiative-list", engagement=engagement.pk, category=category, **{param: value})
        table.add(str(label), Cell(counts.get(value, 0), target))
        chart_items.append((str(label), counts.get(value, 0)))
    table.chart = Bars(chart_items, empty=_("No initiative to count here yet."))
    return table


def _by_source(queryset) -> dict:
    """Initiatives answering at least one bottom-up (or top-down) need; one may count in both."""
    top_down = set(Need.Source.values) - BOTTOM_UP
    return queryset.aggregate(  # one query for both
        bottom_up=Count("pk", distinct=True, filter=Q(needs__source__in=BOTTOM_UP)),
        top_down=Count("pk", distinct=True, filter=Q(needs__source__in=top_down)),
    )


def engagement_opportunities(engagement):
    """Submitted opportunities answering one of its broadcasts or joined to one of its initiatives (two
    id lists, so PostgreSQL can use the foreign-key indexes rather than join every opportunity)."""
    # Read as lists first: with two subqueries under an OR PostgreSQL scans every opportunity.
    broadcasts = list(Broadcast.objects.filter(engagement=engagement).values_list("pk", flat=True))
    initiatives = list(Initiative.objects.filter(engagement=engagement).values_list("pk", flat=True))
    return Opportunity.objects.filter(
        Q(broadcast_id__in=broadcasts) | Q(initiative_id__in=initiatives)
    ).exclude(revision=0)


def _funnel(engagement, date_from, date_to, category, *, rtl) -> Table:
    opportunities = _dated(engagement_opportunities(engagement), "created_at__date", date_from, date_to)
    if category:
        opportunities = opportunities.filter(need_categories__icontains=f'"{category}"')
    counts = dict(opportunities.values_list("pipeline").annotate(n=Count("pk", distinct=True)))
    table = Table(
        "opportunity-funnel",
        _("Opportunities by pipeline status"),
        [_("Pipeline status"), _("Opportunities")],
    )
    chart_items = []
    for value, label in Opportunity.Pipeline.choices:
        target = link("opportunity-board", engagement=engagement.pk, pipeline=value, need_category=category)
        table.add(str(label), Cell(counts.get(value, 0), target))
        chart_items.append((str(label), counts.get(value, 0)))
    table.chart = Bars(chart_items, empty=_("No opportunity to count here yet."))
    return table


def _tensions(engagement, date_from, date_to) -> Table:
    tensions = _dated(Tension.objects.filter(engagement=engagement), "raised_on", date_from, date_to)
    counts = {(t, s): n for t, s, n in tensions.values_list("source_type", "state").annotate(n=Count("pk"))}
    states = Tension.State.choices
    table = Table(
        "tensions", _("Tensions by type and state"), [_("Type"), *[label for _v, label in states], _("Total")]
    )
    for value, label in Tension.SourceType.choices:
        row = [Cell(str(label), link("tension-board", engagement=engagement.pk, source_type=value))]
        for state, _label in states:
            row.append(
                Cell(
                    counts.get((value, state), 0),
                    link("tension-board", engagement=engagement.pk, source_type=value, state=state),
                )
            )
        row.append(
            Cell(
                sum(counts.get((value, s), 0) for s, _l in states),
                link("tension-board", engagement=engagement.pk, source_type=value),
            )
        )
        table.rows.append(row)
    return table.shade()


def _open_tensions(engagement) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for tension in Tension.objects.filter(engagement=engagement, state__in=Tension.OPEN_STATES).order_by(
        "raised_on"
    )[:12]:
        rows.append(
            {
                "tension": tension,
                "age": (today - tension.raised_on).days,
                "blocking_days": (today - tension.blocking_since).days
                if tension.blocking and tension.blocking_since
                else None,
            }
        )
    return rows


def mechanisms_table(engagement) -> Table:
    """The table of the operating model: mechanisms by world and category, with how many are established."""
    cells = defaultdict(lambda: {"total": 0, "settled": 0})
    settled = {Mechanism.Status.ESTABLISHED, Mechanism.Status.INSTITUTIONALISED}
    for world, category, status, n in (
        Mechanism.objects.filter(engagement=engagement)
        .values_list("world", "category", "status")
        .annotate(n=Count("pk"))
    ):
        for w in ("welfare", "digital") if world == Mechanism.World.BOTH else (world,):
            cells[(w, category)]["total"] += n
            cells[(w, category)]["settled"] += n if status in settled else 0
    worlds = [(World.WELFARE.value, World.WELFARE.label), (World.DIGITAL.value, World.DIGITAL.label)]
    table = Table(
        "mechanisms",
        _("Mechanisms by world and category"),
        [_("Category"), *[str(label) for _v, label in worlds]],
        caption=_(
            "Mechanisms (of which established or institutionalised). A mechanism of both worlds counts in each."
        ),
    )
    for value, label in Mechanism.Category.choices:
        row = [Cell(str(label))]
        for world, _label in worlds:
            cell = cells[(world, value)]
            row.append(
                Cell(
                    cell["total"],
                    link("mechanism-list", engagement=engagement.pk, world=world, category=value),
                    css="has-settled" if cell["settled"] else "",
                    note=cell["settled"],
                )
            )
        table.rows.append(row)
    return table


def _team(engagement) -> Table:
    """Team composition by world over time: people on the engagement at the end of each year."""
    memberships = list(
        EngagementMembership.objects.filter(engagement=engagement).values_list(
            "world", "valid_from", "valid_to"
        )
    )
    worlds = World.values  # welfare, digital, and the Human API team between them
    table = Table(
        "team",
        _("Team composition by world over time"),
        [_("Year"), *[str(World(world).label) for world in worlds]],
    )
    if not memberships:
        return table
    today = timezone.localdate()
    first = min(m[1] for m in memberships).year
    last = (engagement.end_date or today).year
    members = reverse("engagement-detail", args=[engagement.pk]) + "#team"
    for year in range(first, last + 1):
        on = min(date(year, 12, 31), today, engagement.end_date or today)
        counts = defaultdict(int)
        for world, start, end in memberships:
            if start <= on and (end is None or end >= on):
                counts[world] += 1
        table.add(str(year), *[Cell(counts[world], members) for world in worlds])
    return table


# ------------------------------------------------------------------------------------------------
# "Good morning": what changed since the last visit
# ------------------------------------------------------------------------------------------------
def digest(user, *, since) -> dict:
    """New needs, status moves, score changes beyond the threshold and overdue gate actions since
    ``since``, in the engagements the user sees (a fixed number of queries)."""
    engagements = Engagement.objects.visible_to(user)
    needs = list(
        Need.objects.filter(engagement__in=engagements, created_at__gte=since)
        .select_related("engagement")
        .order_by("-created_at")[:50]
    )
    history = Initiative.history.model.objects
    previous = history.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date")).order_by(
        "-history_date", "-history_id"
    )
    moves = [
        row
        for row in history.filter(engagement__in=engagements, history_date__gte=since)
        .annotate(previous_status=Subquery(previous.values("status")[:1]))
        .select_related("history_user")
        .order_by("-history_date")[:200]
        if row.previous_status and row.previous_status != row.status
    ][:50]
    for row in moves:
        row.previous_label = Initiative.Status(row.previous_status).label
    tension_moves = list(
        TensionEvent.objects.filter(tension__engagement__in=engagements, happened_at__gte=since)
        .select_related("tension", "actor")
        .order_by("-happened_at")[:50]
    )
    stage_events = list(
        StageEvent.objects.filter(phase__engagement__in=engagements, happened_on__gte=since.date())
        .select_related("phase__engagement", "actor")
        .order_by("-happened_on", "-id")[:50]
    )
    score_changes, changed = _score_changes(user, since)
    actions = list(
        _overdue_actions()
        .filter(decision__phase__engagement__in=engagements)
        .select_related("decision__phase__engagement")
        .order_by("due_on")[:50]
    )
    # The labels the page shows, worked out once (get_FOO_display works the choices out at each call).
    codes, categories, sources = _stage_codes(), _labels(Need, "category"), _labels(Need, "source")
    for need in needs:
        need.category_label = categories.get(need.category, need.category)
        need.source_label = sources.get(need.source, need.source)
    statuses = _labels(Initiative, "status")
    for row in moves:
        row.status_label = statuses.get(row.status, row.status)
    states = _labels(TensionEvent, "to_state")
    for event in tension_moves:
        event.to_state_label = states.get(event.to_state, event.to_state)
    kinds = _labels(StageEvent, "kind")
    for event in stage_events:
        event.kind_label = kinds.get(event.kind, event.kind)
        event.phase.code = codes.get(event.phase.stage, "")
    for action in actions:
        action.decision.phase.code = codes.get(action.decision.phase.stage, "")
    return {
        "since": since,
        "needs": needs,
        "moves": moves,
        "tension_moves": tension_moves,
        "stage_events": stage_events,
        "score_changes": score_changes,
        "actions": actions,
        "count": len(needs) + len(moves) + len(tension_moves) + len(stage_events) + changed + len(actions),
    }


def _visible_snapshots(user) -> tuple[dict, Q]:
    """``visible_subject_filter(user)`` as one lookup of the subject per snapshot read: the aliases to
    add and the condition on them. (``subject_id IN (subjects)`` makes PostgreSQL hash every visible
    subject — every submitted opportunity — before it reads a snapshot, a cost that grows with the data,
    where the digest reads only its newest 500 snapshots.)"""
    aliases, visible = {}, Q(pk__in=[])
    for subject_type, subjects in subject_querysets(user, "visible_to").items():
        name = f"visible_{subject_type}"
        aliases[name] = Subquery(subjects.filter(pk=OuterRef("subject_id")).order_by().values("pk")[:1])
        visible |= Q(subject_type=subject_type) & Q(**{f"{name}__isnull": False})
    return aliases, visible


def _score_changes(user, since) -> tuple[list, int]:
    """The snapshots since ``since`` whose score moved by the threshold or whose band changed (the
    newest 50, with their ``delta``), and how many there are among the newest 500 snapshots."""
    earlier = ScoreSnapshot.objects.filter(
        subject_type=OuterRef("subject_type"),
        subject_id=OuterRef("subject_id"),
        rubric__key=OuterRef("rubric__key"),
        computed_at__lt=OuterRef("computed_at"),
    ).order_by("-computed_at", "-id")
    threshold = settings.DIGEST_SCORE_CHANGE
    aliases, visible = _visible_snapshots(user)
    # The newest 500: snapshots are only ever inserted, stamped as they are written, so the newest ids
    # are the newest snapshots, and the primary key's index serves that order (walking back from the
    # newest until 500 are found) where "-computed_at" sorted every snapshot of the period. Only the
    # figures are read here; the snapshots shown are loaded below.
    newest = (
        ScoreSnapshot.objects.alias(**aliases)
        .filter(visible, computed_at__gte=since)
        .annotate(
            previous_score=Subquery(earlier.values("score")[:1]),
            previous_band=Subquery(earlier.values("band")[:1]),
        )
        .order_by("-id")
        .values_list("id", "computed_at", "score", "band", "previous_score", "previous_band")[:500]
    )
    deltas = {}
    for pk, _when, score, band, previous_score, previous_band in sorted(
        newest, key=lambda row: (row[1], row[0]), reverse=True
    ):
        if previous_score is None or score is None:
            continue
        delta = float(score) - float(previous_score)
        if abs(delta) >= threshold or band != previous_band:
            deltas[pk] = (previous_score, previous_band, round(delta, 1))
    shown = list(deltas)[:50]
    # Read even when nothing moved, so the page makes the same queries whatever the data.
    wanted = Q(pk__in=shown) if shown else Q(pk__isnull=True)
    snapshots = {
        s.pk: s
        for s in ScoreSnapshot.objects.filter(wanted)
        .select_related("rubric", "engagement")
        .defer("criteria", "dimensions")
    }
    changes = []
    for pk in shown:
        snapshot = snapshots.get(pk)
        if snapshot is not None:  # not deleted in between
            snapshot.previous_score, snapshot.previous_band, snapshot.delta = deltas[pk]
            changes.append(snapshot)
    return changes, len(deltas)


# ------------------------------------------------------------------------------------------------
# The report's PDF being drawn
# ------------------------------------------------------------------------------------------------
def report_pdf_progress(report: ReportPdf) -> dict:
    """How far the drawing of ``report`` is: a percentage (None while it is laid out and there is no
    earlier drawing of the engagement to compare with), the seconds it has taken and the seconds the
    last one took."""
    expected = (
        ReportPdf.objects.filter(engagement_id=report.engagement_id, status=ReportPdf.Status.DONE)
        .exclude(pk=report.pk)
        .order_by("-finished_at")
        .values_list("seconds", flat=True)
        .first()
    )
    elapsed = (timezone.now() - report.started_at).total_seconds() if report.started_at else 0.0
    Status = ReportPdf.Status
    if report.status == Status.LAYOUT:
        percent = round(5 + 80 * min(elapsed / expected, 0.95)) if expected else None
    else:
        percent = {Status.QUEUED: 0, Status.WRITING: 90}.get(report.status, 100)
    return {
        "report": report,
        "percent": percent,
        "elapsed": round(elapsed),
        "expected": round(expected) if expected else None,
        "polling": not report.is_finished,
    }
