"""The connective work's metrics: the share of an engagement's live connections that run without the team
and the share kept by a ministry owner — on crafted data, on a past day, for an ended engagement, with no
connection at all (the criterion does not apply), the watcher that marks the engagement dirty, a number of
queries that does not grow with the engagements, and the stage-D exit criteria that read them."""

import datetime

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api_human.scoring.definitions import RUBRICS
from api_human.scoring.models import DirtySubject
from api_human.scoring.registry import METRICS, NOT_APPLICABLE
from connections.models import Connection
from tests.factories import EngagementFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DIRECT, OWNED = "connections.direct_share", "connections.ministry_owned_share"
START = D(2016, 1, 1)


@pytest.fixture
def worlds():
    return (
        [OrganizationFactory(world="welfare", kind="ministry_division") for _ in range(4)],
        [OrganizationFactory(world="digital", kind="startup") for _ in range(4)],
    )


def connect(engagement, worlds, n, began_on=START, **extra):
    """The n-th connection of ``engagement`` (a distinct pair of parties)."""
    welfare, digital = worlds
    return Connection.objects.create(
        engagement=engagement,
        welfare_party=welfare[n % 4],
        digital_party=digital[n // 4],
        origin=Connection.Origin.INTRODUCTION,
        began_on=began_on,
        **extra,
    )


def test_metrics_are_registered_for_stage_subjects():
    assert METRICS[DIRECT].subject_type == "stage" and METRICS[DIRECT].dated
    assert METRICS[OWNED].subject_type == "stage" and not METRICS[OWNED].dated


def test_direct_share_counts_the_live_connections_that_run_without_the_team(worlds):
    e, other = EngagementFactory(), EngagementFactory()
    connect(e, worlds, 0, direct_since=D(2018, 1, 1))
    connect(e, worlds, 1, direct_since=D(2016, 1, 1))  # began directly
    connect(e, worlds, 2)  # still through the team
    connect(e, worlds, 3, direct_since=D(2017, 1, 1), ended_on=D(2019, 1, 1))  # no longer live
    connect(other, worlds, 0)
    assert METRICS[DIRECT].compute([e.pk, other.pk]) == {e.pk: 2 / 3, other.pk: 0.0}


def test_direct_share_on_a_past_day_counts_what_was_live_and_direct_then(worlds):
    e = EngagementFactory()
    connect(e, worlds, 0, direct_since=D(2018, 1, 1))
    connect(e, worlds, 1, direct_since=D(2020, 6, 1))
    connect(e, worlds, 2, began_on=D(2019, 1, 1), direct_since=D(2019, 6, 1))
    connect(e, worlds, 3, ended_on=D(2016, 12, 31))  # through the team, over by 2017
    metric = METRICS[DIRECT]
    assert metric.value_on([e.pk], D(2016, 6, 1)) == {e.pk: 0.0}  # three live, none direct yet
    assert metric.value_on([e.pk], D(2018, 6, 1)) == {e.pk: 0.5}  # the ended one is gone
    assert metric.value_on([e.pk], D(2019, 12, 31)) == {e.pk: 2 / 3}
    assert metric.value_on([e.pk], D(2021, 1, 1)) == {e.pk: 1.0}
    assert metric.value_on([e.pk], D(2015, 1, 1)) == {e.pk: NOT_APPLICABLE}  # nothing had begun


def test_an_ended_engagement_is_judged_as_it_stood_at_its_end(worlds):
    ended = EngagementFactory(start_date=D(2016, 1, 1), end_date=D(2021, 12, 31), status="completed")
    connect(ended, worlds, 0, direct_since=D(2020, 1, 1))
    connect(ended, worlds, 1, ministry_owner="The division's referent")
    connect(ended, worlds, 2, began_on=D(2023, 1, 1), direct_since=D(2023, 1, 1))  # after the farewell
    connect(ended, worlds, 3, ended_on=D(2021, 6, 30), direct_since=D(2017, 1, 1))  # over before it
    assert METRICS[DIRECT].compute([ended.pk]) == {ended.pk: 0.5}
    assert METRICS[OWNED].compute([ended.pk]) == {ended.pk: 0.5}


def test_ministry_owned_share_counts_live_connections_with_an_owner(worlds):
    e = EngagementFactory()
    connect(e, worlds, 0, ministry_owner="Dana, the elderly service's referent", direct_since=D(2019, 1, 1))
    connect(e, worlds, 1, ministry_owner="Sami, the disabilities division's referent")  # handed over
    connect(e, worlds, 2, ministry_owner="   ")  # blank is no owner
    connect(e, worlds, 3)
    connect(e, worlds, 4, ministry_owner="Gone", ended_on=D(2018, 1, 1))  # not live
    assert METRICS[OWNED].compute([e.pk]) == {e.pk: 0.5}


def test_a_connection_that_begins_later_is_not_counted_yet(worlds):
    e = EngagementFactory()
    later = timezone.localdate() + datetime.timedelta(days=30)
    connect(e, worlds, 0, direct_since=D(2019, 1, 1), ministry_owner="Owner")
    connect(e, worlds, 1, began_on=later)
    assert METRICS[DIRECT].compute([e.pk]) == {e.pk: 1.0}
    assert METRICS[OWNED].compute([e.pk]) == {e.pk: 1.0}


@pytest.mark.parametrize("key", [DIRECT, OWNED])
def test_without_connections_the_metric_does_not_apply(key, worlds):
    empty = EngagementFactory()
    only_ended = EngagementFactory()
    connect(only_ended, worlds, 0, ended_on=D(2017, 1, 1))
    assert METRICS[key].compute([empty.pk, only_ended.pk]) == {
        empty.pk: NOT_APPLICABLE,
        only_ended.pk: NOT_APPLICABLE,
    }
    assert METRICS[key].compute([]) == {}


def test_a_change_to_a_connection_marks_its_engagement_dirty(worlds):
    e, other = EngagementFactory(), EngagementFactory()
    DirtySubject.objects.all().delete()
    record = connect(e, worlds, 0)
    assert set(DirtySubject.objects.values_list("kind", "subject_id")) == {("engagement", e.pk)}

    DirtySubject.objects.all().delete()
    record.direct_since = D(2019, 1, 1)
    record.save()
    assert set(DirtySubject.objects.values_list("kind", "subject_id")) == {("engagement", e.pk)}

    DirtySubject.objects.all().delete()
    connect(other, worlds, 1).delete()
    assert set(DirtySubject.objects.values_list("kind", "subject_id")) == {("engagement", other.pk)}


@pytest.mark.parametrize("key", [DIRECT, OWNED])
def test_one_query_however_many_engagements(key, worlds):
    engagements = [EngagementFactory() for _ in range(12)]
    for n, e in enumerate(engagements):
        connect(e, worlds, 0, direct_since=D(2018, 1, 1), ministry_owner="Owner")
        connect(e, worlds, 1 + n % 3)
    ids = [e.pk for e in engagements]
    counts = []
    for some in (ids[:2], ids):
        with CaptureQueriesContext(db_connection) as queries:
            result = METRICS[key].compute(some)
        assert set(result) == set(some)
        counts.append(len(queries))
    assert counts == [1, 1]


def test_the_stage_d_exit_review_reads_both_metrics():
    """The exit review's "connection without mediation": both metrics are criteria of the stage-D exit,
    in the dimension of the ministry's own connection with the digital world."""
    exit_d = next(r for r in RUBRICS if r["key"] == "stage-d-exit")
    dimension = next(d for d in exit_d["dimensions"] if d["key"] == "digital-connection")
    criteria = {c["key"]: c for c in dimension["criteria"]}
    assert criteria["direct-connections"]["metric"] == DIRECT
    assert criteria["ministry-owned-connections"]["metric"] == OWNED
    for key in ("direct-connections", "ministry-owned-connections"):
        assert criteria[key]["target"] == 0.8 and criteria[key]["source"]["quote"]
