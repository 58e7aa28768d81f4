"""The connective work's tables on an engagement's stage dashboard (registered as stage dashboard tiles
in apps.py): each is a ``core.tables.Table`` the page draws (with its chart) and the dashboard exports as
CSV and XLSX under its key. Each reads a fixed number of queries, whatever the amount of data."""

from collections import defaultdict

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from api_human.core.charts import Bars
from api_human.core.models import World
from api_human.core.registry import TileFilters
from api_human.core.tables import Cell, Table
from initiatives.models import Initiative

from .exports import dated
from .mediation import mediation_map
from .models import Event, MentoringSession, ReachMeasurement

TWO_WORLDS = [World.WELFARE, World.DIGITAL]
ALL_WORLDS = [World.WELFARE, World.DIGITAL, World.BRIDGE]


def _in_period(year: int, filters: TileFilters) -> bool:
    return (filters.date_from is None or year >= filters.date_from.year) and (
        filters.date_to is None or year <= filters.date_to.year
    )


def mentoring_by_world(engagement, filters: TileFilters) -> Table:
    """Mentoring sessions per year, by the mentee's world (one query)."""
    sessions = dated(MentoringSession.objects.filter(engagement=engagement), "held_on", filters)
    counts = defaultdict(int)
    for held_on, world in sessions.order_by().values_list("held_on", "mentee_world"):
        counts[(held_on.year, world)] += 1
    table = Table(
        "mentoring-by-world",
        _("Mentoring sessions by world and year"),
        [_("Year"), *[str(world.label) for world in TWO_WORLDS], _("Total")],
        caption=_("Personal mentoring sessions of role holders, by the mentee's world."),
    )
    section = reverse("engagement-detail", args=[engagement.pk]) + "#connective-work"
    chart = []
    for year in sorted({year for year, _world in counts}):
        row = [Cell(str(year))]
        for world in TWO_WORLDS:
            n = counts[(year, world.value)]
            row.append(Cell(n, section))
            chart.append((f"{year} · {world.label}", n))
        row.append(Cell(sum(counts[(year, w.value)] for w in TWO_WORLDS), section))
        table.rows.append(row)
    table.chart = Bars(chart, empty=_("No mentoring session in this period.")) if chart else None
    return table


def direct_connections(engagement, filters: TileFilters) -> Table:
    """The share of the engagement's connections that run without the team, year by year (one query)."""
    the_map = mediation_map(engagement)
    table = Table(
        "direct-connections",
        _("Direct connections over time"),
        [_("Year"), _("Connections"), _("Direct"), _("Through the team"), _("Direct (%)")],
        caption=_("Connections live in each year, and how many ran without the team at its end."),
    )
    url = reverse("mediation-map", args=[engagement.pk])
    chart = []
    for share in the_map.series:
        if not _in_period(share.year, filters):
            continue
        percent = round(100 * share.share) if share.share is not None else ""
        link = f"{url}?year={share.year}"
        table.add(
            Cell(str(share.year), link),
            Cell(share.total, link),
            share.direct,
            share.mediated,
            percent,
        )
        if share.total:
            chart.append((str(share.year), percent))
    table.chart = Bars(chart, empty=_("No connection has become direct yet.")) if chart else None
    return table


def events_by_world(engagement, filters: TileFilters) -> Table:
    """Each event of the period with its participants by world (one query)."""
    sums = {
        world.value: Sum("participants__count", filter=Q(participants__world=world.value))
        for world in ALL_WORLDS
    }
    events = list(
        dated(Event.objects.filter(engagement=engagement), "starts_on", filters)
        .annotate(**{f"n_{key}": value for key, value in sums.items()})
        .order_by("starts_on", "id")
    )
    table = Table(
        "events-by-world",
        _("Events with their participants by world"),
        [_("Event"), _("Kind"), _("Date"), *[str(world.label) for world in ALL_WORLDS], _("Total")],
    )
    chart = []
    for event in events:
        link = reverse("event-detail", args=[event.pk])
        figures = [getattr(event, f"n_{world.value}") or 0 for world in ALL_WORLDS]
        table.add(Cell(event.title, link), event.get_kind_display(), event.starts_on, *figures, sum(figures))
        chart.append((event.title, sum(figures)))
    table.chart = Bars(chart, empty=_("No participants counted in this period.")) if chart else None
    return table


def initiative_reach(engagement, filters: TileFilters) -> Table:
    """Each initiative's latest reach in the period: its phase, users, localities and services (two
    queries; a need category narrows the initiatives)."""
    initiatives = Initiative.objects.filter(engagement=engagement)
    if filters.category:
        answering = Initiative.needs.through.objects.filter(need__category=filters.category)
        initiatives = initiatives.filter(pk__in=answering.values("initiative_id"))
    latest = {}
    for measurement in dated(
        ReachMeasurement.objects.filter(initiative__in=initiatives).select_related("initiative"),
        "measured_on",
        filters,
    ).order_by("initiative_id", "measured_on", "id"):
        latest[measurement.initiative_id] = measurement  # the last one of each initiative stays
    table = Table(
        "initiative-reach",
        _("Reach of initiatives: the latest phase and figures"),
        [_("Initiative"), _("Phase"), _("Measured on"), _("Users"), _("Localities"), _("Services")],
        caption=_("From venture to national service: each initiative's latest reach measurement."),
    )
    rows = sorted(latest.values(), key=lambda m: (-(m.users or 0), m.initiative.title))
    for m in rows:
        table.add(
            Cell(
                m.initiative.title, reverse("initiative-detail", args=[m.initiative_id]) + "#connective-work"
            ),
            m.get_phase_display(),
            m.measured_on,
            m.users if m.users is not None else "",
            m.localities if m.localities is not None else "",
            m.services if m.services is not None else "",
        )
    users = [(m.initiative.title, m.users) for m in rows if m.users is not None]
    table.chart = Bars(users, empty=_("No reach measured in this period.")) if users else None
    return table


TILES = {
    "mentoring-by-world": mentoring_by_world,
    "direct-connections": direct_connections,
    "events-by-world": events_by_world,
    "initiative-reach": initiative_reach,
}
