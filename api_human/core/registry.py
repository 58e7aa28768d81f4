"""The extension points of the platform: the one way an app adds to what another app shows or does.

The core imports no domain app, and a lower app never imports a higher one (see docs/architecture.md).
When a lower app's page, command or engine must show or run something a higher app owns, the lower app
reads a named point here and the higher app registers with it — from its ``AppConfig.ready()`` (or from
the modules that ``ready()`` imports, for the scoring engine's metrics and subjects). Each entry carries
an explicit ``order``, so what comes first never depends on the order of ``INSTALLED_APPS``.

A point stores anything; what an entry must be is written where the point is named, below.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class _Entry:
    order: int
    key: str
    item: Any = field(compare=False)


class ExtensionPoint:
    """A named, ordered set of contributions. Entries are kept by key (the name of the contribution, unique
    in the point) and read in ``(order, key)`` order; a point also reads like a mapping from key to item."""

    def __init__(self, name: str):
        self.name = name
        self._entries: dict[str, _Entry] = {}

    def __repr__(self) -> str:
        return f"<ExtensionPoint {self.name}: {', '.join(self.keys())}>"

    def register(self, item, *, key: str, order: int, replace: bool = False):
        """Add ``item`` under ``key``; a second contribution under the same key is a mistake unless it
        says it ``replace``s the first (a benchmark swapping in an instrumented metric, say)."""
        if key in self._entries and not replace:
            raise ImproperlyConfigured(f"{self.name}: {key!r} is registered twice")
        self._entries[key] = _Entry(order, key, item)
        return item

    def _ordered(self) -> list[_Entry]:
        return sorted(self._entries.values(), key=lambda entry: (entry.order, entry.key))

    def keys(self) -> list[str]:
        return [entry.key for entry in self._ordered()]

    def values(self) -> list:
        return [entry.item for entry in self._ordered()]

    def items(self) -> list[tuple[str, Any]]:
        return [(entry.key, entry.item) for entry in self._ordered()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key) -> bool:
        return key in self._entries

    def __getitem__(self, key: str):
        return self._entries[key].item

    def get(self, key: str, default=None):
        entry = self._entries.get(key)
        return default if entry is None else entry.item


# ------------------------------------------------------------------------------------------------
# The points (every one the platform has; docs/architecture.md lists who registers with each)
# ------------------------------------------------------------------------------------------------

#: ``fn(engagement)`` run in the transaction that creates an engagement (stages: its stage phases).
ENGAGEMENT_CREATED = ExtensionPoint("engagement created")

#: ``fn(request, engagement, can_edit) -> {"template": …, **context}``: a section of the engagement page.
ENGAGEMENT_SECTIONS = ExtensionPoint("engagement page sections")

#: ``fn(request, initiative, can_edit) -> {"template": …, **context}``: a section of the initiative page.
INITIATIVE_SECTIONS = ExtensionPoint("initiative page sections")

#: ``fn(engagement) -> [HistorySource, …]``: records of an engagement whose changes its change log shows.
ENGAGEMENT_HISTORY = ExtensionPoint("engagement change log sources")


@dataclass(frozen=True)
class StageRecordKind:
    """A kind of record a stage keeps, edited in place on the engagement page (``/engagements/<pk>/records/
    <slug>/``) and returned to its stage's section."""

    model: type
    form_class: type
    stage: str  # the stage section it belongs to: "A", "B1", "B2", "C" or "D"
    title: str
    #: ``fn(engagement, record) -> url`` where the form returns after a save; None: the stage's section
    back: Any = None


#: ``StageRecordKind``: a kind of stage record; the key is its URL slug.
STAGE_RECORD_KINDS = ExtensionPoint("stage record kinds")

#: ``fn()``: loads an app's part of the demo, after the core's, inside one transaction.
DEMO_LOADERS = ExtensionPoint("demo loaders")

#: ``fn(today) -> [Alert, …]``: what the daily alert scan tells an engagement's team (``core.alerts``).
ALERT_SOURCES = ExtensionPoint("alert sources")

#: ``scoring.registry.SubjectSpec``: a kind of subject the scoring engine scores; the key is its type.
SCORING_SUBJECTS = ExtensionPoint("scoring subjects")

#: ``scoring.registry.Metric``: automatic evidence for the scoring engine; the key is the metric's key.
SCORING_METRICS = ExtensionPoint("scoring metrics")


@dataclass(frozen=True)
class TileFilters:
    """What a stage dashboard's tile is asked for: the period and need category the manager filtered by
    (each may be None), and whether the page reads right to left."""

    date_from: Any = None
    date_to: Any = None
    category: str | None = None
    rtl: bool = False


#: ``fn(engagement, TileFilters) -> core.tables.Table``: a table (with its chart) on an engagement's stage
#: dashboard, exportable as CSV and XLSX under its ``Table.key``.
DASHBOARD_TILES = ExtensionPoint("stage dashboard tiles")

#: ``fn(engagement, TileFilters) -> core.tables.Table``: a list of an engagement's records exportable as CSV
#: and XLSX at the stage dashboard's export address under its key, without being drawn on the dashboard.
ENGAGEMENT_EXPORTS = ExtensionPoint("engagement list exports")

POINTS = [
    ENGAGEMENT_CREATED,
    ENGAGEMENT_SECTIONS,
    INITIATIVE_SECTIONS,
    ENGAGEMENT_HISTORY,
    STAGE_RECORD_KINDS,
    DEMO_LOADERS,
    ALERT_SOURCES,
    SCORING_SUBJECTS,
    SCORING_METRICS,
    DASHBOARD_TILES,
    ENGAGEMENT_EXPORTS,
]
