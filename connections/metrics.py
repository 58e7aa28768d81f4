"""Automatic evidence of the connective work for the scoring engine: how many of an engagement's
connections across the worlds run without the team, and how many are kept by ministry staff.

Stage metrics take engagement ids (every stage of an engagement reads the same connections). A connection
counts while it is *live* on the day judged (begun, not ended); that day is today, or the engagement's end
when it has ended (a farewell is judged as it stood then), or the past day of a replay. An engagement with
no live connection that day has nothing to measure: the criterion does not apply to it (yet), it is not
a zero.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.scoring.registry import ENGAGEMENT, metric, share, watch

from .models import Connection

STAGE = "stage"


def _live_rows(ids, as_of: date | None):
    """{engagement id: [(direct on the day judged, ministry owner), …]} for its connections live that day
    (one query)."""
    today = timezone.localdate()
    found: dict[int, list[tuple[bool, str]]] = {}
    rows = Connection.objects.filter(engagement_id__in=ids).values_list(
        "engagement_id", "engagement__end_date", "began_on", "direct_since", "ended_on", "ministry_owner"
    )
    for engagement_id, end_date, began_on, direct_since, ended_on, owner in rows:
        day = as_of or (min(today, end_date) if end_date else today)
        if began_on > day or (ended_on is not None and ended_on < day):
            continue
        direct = direct_since is not None and direct_since <= day
        found.setdefault(engagement_id, []).append((direct, owner.strip()))
    return found


@metric(
    "connections.direct_share",
    subject_type=STAGE,
    label=_("Share of live connections across the worlds that run without the team"),
    unit="share",
    dated=True,
)
def direct_share(ids, as_of=None):
    live = _live_rows(ids, as_of)
    return share(
        {i: sum(1 for direct, _owner in rows if direct) for i, rows in live.items()},
        {i: len(rows) for i, rows in live.items()},
        ids,
    )


@metric(
    "connections.ministry_owned_share",
    subject_type=STAGE,
    label=_("Share of live connections across the worlds kept by a ministry owner"),
    unit="share",
)
def ministry_owned_share(ids):
    live = _live_rows(ids, None)
    return share(
        {i: sum(1 for _direct, owner in rows if owner) for i, rows in live.items()},
        {i: len(rows) for i, rows in live.items()},
        ids,
    )


watch(Connection, lambda row: [(ENGAGEMENT, row.engagement_id)])
