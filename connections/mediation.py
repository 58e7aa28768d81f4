"""The mediation map of an engagement: who is connected to whom across the two worlds in a year, and
whether each connection still passes through the team.

A connection is *live* in a year when it began on or before the year's last day and did not end before
its first day; it is *direct* in that year when ``direct_since`` is on or before the year's last day (the
map shows where the year ends). The share of direct connections per year is the story of the
engagement at a glance: the source expects the team's connections to become direct and the team to leave.
Everything is read with one query; an engagement has tens of connections, not thousands.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .models import Connection


@dataclass(frozen=True)
class Party:
    id: int
    name: str
    count: int  # its connections live in the year


@dataclass(frozen=True)
class MapConnection:
    id: int
    welfare_id: int
    digital_id: int
    welfare_label: str
    digital_label: str
    began_on: date
    direct_since: date | None
    direct: bool  # direct at the end of the year shown (or today, for the list still through the team)
    ministry_owner: str
    handed_over: bool


@dataclass(frozen=True)
class YearShare:
    year: int
    total: int
    direct: int

    @property
    def share(self) -> float | None:
        return self.direct / self.total if self.total else None

    @property
    def mediated(self) -> int:
        return self.total - self.direct


@dataclass(frozen=True)
class MediationMap:
    years: list[int]
    year: int | None
    welfare: list[Party]
    digital: list[Party]
    connections: list[MapConnection]
    series: list[YearShare]
    waiting: list[MapConnection]

    @property
    def direct_count(self) -> int:
        return sum(1 for c in self.connections if c.direct)

    @property
    def mediated_count(self) -> int:
        return len(self.connections) - self.direct_count

    @property
    def share(self) -> YearShare | None:
        return next((s for s in self.series if s.year == self.year), None)


def _label(name: str, person: str) -> str:
    return f"{name} ({person})" if person else name


def _rows(engagement) -> list[dict]:
    return list(
        Connection.objects.filter(engagement=engagement)
        .order_by("began_on", "id")
        .values(
            "id",
            "welfare_party_id",
            "welfare_party__name",
            "welfare_person",
            "digital_party_id",
            "digital_party__name",
            "digital_person",
            "began_on",
            "direct_since",
            "ended_on",
            "ministry_owner",
            "handover_item_id",
        )
    )


def _live(row: dict, first: date, last: date) -> bool:
    return row["began_on"] <= last and (row["ended_on"] is None or row["ended_on"] >= first)


def _direct(row: dict, on: date) -> bool:
    return row["direct_since"] is not None and row["direct_since"] <= on


def _connection(row: dict, on: date) -> MapConnection:
    return MapConnection(
        id=row["id"],
        welfare_id=row["welfare_party_id"],
        digital_id=row["digital_party_id"],
        welfare_label=_label(row["welfare_party__name"], row["welfare_person"]),
        digital_label=_label(row["digital_party__name"], row["digital_person"]),
        began_on=row["began_on"],
        direct_since=row["direct_since"],
        direct=_direct(row, on),
        ministry_owner=row["ministry_owner"],
        handed_over=row["handover_item_id"] is not None,
    )


def mediation_map(engagement, year: int | None = None) -> MediationMap:
    """The map of ``engagement`` in ``year`` (default: the last year); the years run from the first
    connection to this year, or to the engagement's end once it has ended. A year outside them is
    brought to the nearest end."""
    rows = _rows(engagement)
    today = timezone.localdate()
    if not rows:
        return MediationMap([], None, [], [], [], [], [])
    first_year = rows[0]["began_on"].year
    ended = engagement.end_date if engagement.end_date and engagement.end_date < today else None
    last_year = ended.year if ended else today.year  # a finished engagement's map ends with it
    years = list(range(first_year, max(last_year, first_year) + 1))
    series = []
    for each in years:
        first, last = date(each, 1, 1), date(each, 12, 31)
        live = [row for row in rows if _live(row, first, last)]
        series.append(YearShare(each, len(live), sum(1 for row in live if _direct(row, last))))
    shown = years[-1] if year is None else min(max(year, years[0]), years[-1])
    first, last = date(shown, 1, 1), date(shown, 12, 31)
    on = min(last, today)
    live_rows = [row for row in rows if _live(row, first, last)]
    connections = [_connection(row, on) for row in live_rows]
    welfare: dict[int, list] = {}
    digital: dict[int, list] = {}
    for row in live_rows:
        welfare.setdefault(row["welfare_party_id"], [row["welfare_party__name"], 0])[1] += 1
        digital.setdefault(row["digital_party_id"], [row["digital_party__name"], 0])[1] += 1
    waiting = [
        _connection(row, today)
        for row in rows
        if _live(row, today, today) and not _direct(row, today) and row["handover_item_id"] is None
    ]
    return MediationMap(
        years=years,
        year=shown,
        welfare=sorted(
            (Party(pk, name, n) for pk, (name, n) in welfare.items()), key=lambda p: (-p.count, p.name)
        ),
        digital=sorted(
            (Party(pk, name, n) for pk, (name, n) in digital.items()), key=lambda p: (-p.count, p.name)
        ),
        connections=connections,
        series=series,
        waiting=waiting,
    )
