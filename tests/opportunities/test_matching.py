"""Matching: the documented fit, only the best matches per revision, confirmed matches kept, the
index of needs and initiatives rebuilt when the database moves, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative, Need
from opportunities import matching, services
from opportunities.models import Broadcast, Match, Opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    matching.forget_index()
    yield
    matching.forget_index()


def need(cast, title, category="citizen_services", **extra):
    return Need.objects.create(
        engagement=cast.engagement, title=title, source="citizens", category=category, **extra
    )


def initiative(cast, title, needs, status="exploring"):
    reason = "No budget" if status == "stopped" else ""
    item = Initiative.objects.create(
        engagement=cast.engagement, title=title, status=status, stop_reason=reason
    )
    item.needs.set(needs)
    return item


def profile(cast, **fields):
    data = {
        "organization": cast.org_a,
        "title": "Remote day centre",
        "state": "submitted",
        "revision": 1,
        "summary": "Older people join the day centre from home",
        "need_categories": ["citizen_services"],
        **fields,
    }
    return Opportunity.objects.create(**data)


def matched(opportunity):
    return list(
        Match.objects.filter(opportunity=opportunity)
        .order_by("-score", "id")
        .values_list("need__title", "initiative__title", "score", "reasons")
    )


def test_the_fit_adds_up_the_documented_reasons(cast):
    target = need(cast, "Older people alone at home")
    other_category = need(cast, "Older people in care homes", category="quality_of_care")
    unrelated = need(cast, "Paperwork of the divisions", category="division_methods")
    today = datetime.date.today()
    call = Broadcast.objects.create(
        engagement=cast.engagement,
        title_he="אתגר",
        title_en="Challenge",
        description_he="תיאור",
        description_en="What it asks",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        status=Broadcast.Status.OPEN,
    )
    call.needs.set([target, other_category])
    opportunity = profile(
        cast, broadcast=call, maturity="pilot", languages=["he"], target_population="older people"
    )
    services.opportunity_match(opportunity=opportunity)
    everything = ["category", "broadcast", "maturity", "population", "languages"]
    assert matched(opportunity) == [
        ("Older people alone at home", None, 100, everything),
        # answers the broadcast without the category: 30 + 10 + 15 + 5
        ("Older people in care homes", None, 60, ["broadcast", "maturity", "population", "languages"]),
    ]
    assert not Match.objects.filter(need=unrelated).exists()  # 10 + 5 < the minimum fit

    # Without the broadcast, maturity or languages, a shared population word alone is not enough.
    plain = profile(cast, title="Plain", need_categories=["quality_of_care"], target_population="people")
    services.opportunity_match(opportunity=plain)
    assert matched(plain) == [("Older people in care homes", None, 55, ["category", "population"])]


def test_only_the_best_matches_above_the_minimum_fit_are_kept(cast):
    plain = [need(cast, f"Need {i:02d}") for i in range(matching.TOP_NEEDS + 5)]
    sharing = [need(cast, f"Loneliness {i}", description="older residents") for i in range(3)]
    need(cast, "Older residents, other category", category="professional_tools")
    need(cast, "Answered long ago", status=Need.Status.ANSWERED)
    for i in range(matching.TOP_INITIATIVES + 2):
        initiative(cast, f"Initiative {i:02d}", [plain[i % len(plain)]])
    initiative(cast, "Stopped", [sharing[0]], status="stopped")
    initiative(cast, "Without needs", [])
    opportunity = profile(cast, target_population="older residents")
    assert (
        services.opportunity_match(opportunity=opportunity) == matching.TOP_NEEDS + matching.TOP_INITIATIVES
    )

    rows = matched(opportunity)
    needs = [(title, score) for title, initiative_title, score, _ in rows if title]
    initiatives = [initiative_title for title, initiative_title, _, _ in rows if initiative_title]
    # the needs sharing a population word first, then the oldest of the rest; never one below the fit
    assert needs == [(n.title, 55) for n in sharing] + [
        (n.title, 40) for n in plain[: matching.TOP_NEEDS - len(sharing)]
    ]
    assert initiatives == [f"Initiative {i:02d}" for i in range(matching.TOP_INITIATIVES)]
    assert all(score >= matching.MIN_FIT for _, _, score, _ in rows)


def test_matching_again_writes_nothing_keeps_confirmed_matches_and_follows_the_revision(cast):
    first, second = need(cast, "First older need"), need(cast, "Second need")
    opportunity = profile(cast, target_population="older people")
    assert services.opportunity_match(opportunity=opportunity) == 2
    before = list(Match.objects.filter(opportunity=opportunity).values_list("pk", "score", "revision"))
    with CaptureQueriesContext(connection) as queries:
        assert services.opportunity_match(opportunity=opportunity) == 0  # a redelivered task
    assert (
        list(Match.objects.filter(opportunity=opportunity).values_list("pk", "score", "revision")) == before
    )
    assert not [q for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]

    confirmed = Match.objects.get(opportunity=opportunity, need=first)
    services.match_confirm(match=confirmed, actor=cast.team_member)
    Opportunity.objects.filter(pk=opportunity.pk).update(revision=2, target_population="")
    opportunity.refresh_from_db()
    assert services.opportunity_match(opportunity=opportunity, revision=1) == 0  # an older revision's task
    assert services.opportunity_match(opportunity=opportunity, revision=2) == 1
    rows = Match.objects.filter(opportunity=opportunity).order_by("need__title")
    assert [(m.need, m.revision, m.score, m.confirmed_at is not None) for m in rows] == [
        (first, 1, 55, True),  # confirmed: kept as it was, not suggested again
        (second, 2, 40, False),  # the new revision's fit, the old row gone
    ]


def test_a_need_saved_by_another_process_is_matched_once_the_stamp_is_read(cast, monkeypatch):
    need(cast, "Known need")
    services.opportunity_match(opportunity=profile(cast))  # builds the index
    # Another process adds a need (no signal here) while this one has no change of its own pending.
    Need.objects.bulk_create(
        [
            Need(
                engagement=cast.engagement,
                title="Added elsewhere",
                source="citizens",
                category="citizen_services",
            )
        ]
    )
    monkeypatch.setattr(matching._state, "local_changes", 0)
    monkeypatch.setattr(matching._state, "checked_at", float("inf"))  # as if just compared
    later = profile(cast, title="Within the check interval")
    services.opportunity_match(opportunity=later)
    assert [r[0] for r in matched(later)] == ["Known need"]  # not looked for yet
    monkeypatch.setattr(matching._state, "checked_at", float("-inf"))
    services.opportunity_match(opportunity=(latest := profile(cast, title="After the interval")))
    assert sorted(r[0] for r in matched(latest)) == ["Added elsewhere", "Known need"]

    # A change made here is seen at once, without waiting for the interval.
    monkeypatch.setattr(matching._state, "checked_at", float("inf"))
    Need.objects.filter(title="Known need").get().delete()
    services.opportunity_match(opportunity=(last := profile(cast, title="After a delete")))
    assert [r[0] for r in matched(last)] == ["Added elsewhere"]


def test_matching_queries_do_not_grow_with_needs_and_initiatives(cast):
    def add():
        for i in range(5):
            item = need(cast, f"Older need {Need.objects.count()}-{i}")
            initiative(cast, f"Initiative for {item.pk}", [item])

    def count():
        opportunity = profile(cast, title=f"Profile {Opportunity.objects.count()}", target_population="older")
        with CaptureQueriesContext(connection) as queries:
            services.opportunity_match(opportunity=opportunity)
        return len(queries)

    add()
    before = count()
    add()
    assert count() == before <= 13
