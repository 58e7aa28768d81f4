"""Scores that know where a subject is in its life, what it lacked on a past day, and who reads whom:
not-yet-applicable criteria, grey instead of a colour, a finished stage judged as of its end, the
history replayed on past days, and the bridging score read by stage D in the same run."""

import datetime

import pytest
from django.utils import timezone

from api_human.core.models import Role
from api_human.scoring import services
from api_human.scoring.models import Criterion, CurrentScore, Rating, ScoreSnapshot
from stages.models import ChangeSignal, StagePhase
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2020, 6, 30)


@pytest.fixture
def team():
    return UserFactory(role=Role.TEAM)


def current(subject_type, subject_id, rubric_key):
    return CurrentScore.objects.select_related("snapshot").get(
        subject_type=subject_type, subject_id=subject_id, rubric_key=rubric_key
    )


def rate_all(team, rubric_key, subject_type, subject_id, step, day):
    for criterion in Criterion.objects.filter(
        dimension__rubric__key=rubric_key, dimension__rubric__status="published", evidence="manual"
    ).select_related("dimension__rubric"):
        values = criterion.anchor_values()
        services.rating_record(
            criterion=criterion,
            subject_type=subject_type,
            subject_id=subject_id,
            actor=team,
            value=values[min(step, len(values) - 1)],
            evidence_note="evidence",
            rated_on=day,
        )


def score(engagement):
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()


def test_the_exit_of_a_stage_that_has_not_started_is_not_yet_applicable_and_grey_not_red():
    engagement = EngagementFactory()
    score(engagement)
    d_phase = StagePhase.objects.get(engagement=engagement, stage="D")
    exit_d = current("stage", d_phase.pk, "stage-d-exit")
    assert exit_d.band == "grey" and exit_d.score is None
    assert {c["status"] for c in exit_d.snapshot.criteria} == {"not_yet"}
    # Readiness to enter it does apply: it is what the team works towards.
    assert {c["status"] for c in current("stage", d_phase.pk, "stage-d-readiness").snapshot.criteria} != {
        "not_yet"
    }


def test_an_idea_loses_no_points_for_pilots_it_cannot_have_yet(team):
    from initiatives import services as initiative_services

    engagement = EngagementFactory()
    MembershipFactory(engagement=engagement, user=team)
    idea = initiative_services.initiative_create(
        actor=team, data={"engagement": engagement, "title": "New", "big_dream": "A dream"}
    )
    services.mark_dirty([("initiative", idea.pk)], schedule=False)
    services.run_recompute()
    snapshot = current("initiative", idea.pk, "initiative-scale-readiness").snapshot
    statuses = {c["key"]: c["status"] for c in snapshot.criteria}
    assert statuses["pilot-kpis-met"] == statuses["learning-plan"] == statuses["scale-funding"] == "not_yet"
    assert sum(c["points_lost"] for c in snapshot.criteria if c["status"] == "not_yet") == 0
    assert snapshot.band != "red"


def test_a_finished_stage_is_judged_as_of_its_end_so_its_ratings_do_not_expire_later(team):
    engagement = EngagementFactory(
        status="completed", start_date=datetime.date(2016, 1, 1), end_date=datetime.date(2021, 12, 31)
    )
    StagePhase.objects.filter(engagement=engagement, stage="D").update(
        status="completed", started_on=datetime.date(2021, 1, 1), completed_on=datetime.date(2021, 12, 31)
    )
    d_phase = StagePhase.objects.get(engagement=engagement, stage="D")
    rate_all(team, "stage-d-exit", "stage", d_phase.pk, 3, datetime.date(2021, 11, 30))
    assert Rating.objects.filter(subject_id=d_phase.pk, expires_on__lt=timezone.localdate()).exists()
    score(engagement)
    exit_d = current("stage", d_phase.pk, "stage-d-exit").snapshot
    rated = [c for c in exit_d.criteria if c["manual"]]
    assert rated and {c["status"] for c in rated} == {"ok"}, "judged at the farewell, not today"
    assert exit_d.computed_at.date() == datetime.date(2021, 12, 31)


def test_history_is_replayed_on_past_days_from_what_was_known_then_and_leaves_current_scores_alone(team):
    engagement = EngagementFactory()
    StagePhase.objects.filter(engagement=engagement, stage__in=["A", "B1", "B2", "C", "D"]).update(
        status="active", started_on=datetime.date(2019, 1, 1)
    )
    d_phase = StagePhase.objects.get(engagement=engagement, stage="D")
    ChangeSignal.objects.create(engagement=engagement, title="Old", observed_on=datetime.date(2019, 3, 1))
    ChangeSignal.objects.create(engagement=engagement, title="New", observed_on=datetime.date(2021, 3, 1))
    rate_all(team, "bridging", "engagement", engagement.pk, 1, datetime.date(2019, 6, 1))
    rate_all(team, "bridging", "engagement", engagement.pk, 3, DAY)
    score(engagement)
    before = set(CurrentScore.objects.filter(engagement=engagement).values_list("snapshot_id", flat=True))

    written = services.replay_history(engagement.pk, [datetime.date(2019, 6, 30), DAY])
    assert written > 0
    assert (
        set(CurrentScore.objects.filter(engagement=engagement).values_list("snapshot_id", flat=True))
        == before
    )
    bridging = ScoreSnapshot.objects.filter(
        subject_type="engagement", subject_id=engagement.pk, trigger="history"
    ).order_by("computed_at")
    assert [s.computed_at.date() for s in bridging] == [datetime.date(2019, 6, 30), DAY]
    assert bridging[0].score < bridging[1].score, "the ratings given by each day"
    signals = ScoreSnapshot.objects.filter(
        subject_type="stage", subject_id=d_phase.pk, rubric__key="stage-d-readiness", trigger="history"
    ).order_by("computed_at")
    raw = [next(c["raw"] for c in s.criteria if c["key"] == "change-signals") for s in signals]
    assert raw == [1.0, 1.0], "a bud of change observed after the day does not count on it"
    # The stage read the bridging score of the same day, computed first in the same replay.
    read = [next(c["raw"] for c in s.criteria if c["key"] == "bridging") for s in signals]
    assert read[1] == pytest.approx(float(bridging[1].score)) or bridging[1].band == "grey"
    assert services.replay_history(engagement.pk, [DAY]) == 0, "the same day again writes nothing"


def test_the_stages_read_the_bridging_score_of_the_same_run(team):
    engagement = EngagementFactory()
    d_phase = StagePhase.objects.get(engagement=engagement, stage="D")
    rate_all(team, "bridging", "engagement", engagement.pk, 3, timezone.localdate())
    score(engagement)
    bridging = current("engagement", engagement.pk, "bridging")
    readiness = current("stage", d_phase.pk, "stage-d-readiness").snapshot
    read = next(c for c in readiness.criteria if c["key"] == "bridging")
    if bridging.band == "grey":
        assert read["status"] == "missing"
    else:
        assert read["raw"] == pytest.approx(float(bridging.score))


def test_every_unmet_criterion_that_applies_carries_its_next_action_on_the_score_page(team, client):
    engagement = EngagementFactory()
    MembershipFactory(engagement=engagement, user=team)
    StagePhase.objects.filter(engagement=engagement, stage="A").update(status="active")
    score(engagement)
    a_phase = StagePhase.objects.get(engagement=engagement, stage="A")
    snapshot = current("stage", a_phase.pk, "stage-a-exit").snapshot
    unmet = [c["key"] for c in snapshot.criteria if not c["met"] and c["status"] not in ("n/a", "not_yet")]
    assert unmet
    client.force_login(team)
    page = client.get(f"/scores/stage/{a_phase.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for key in unmet:
        action = Criterion.objects.get(
            dimension__rubric__key="stage-a-exit", dimension__rubric__status="published", key=key
        ).next_action_he
        assert action in html


def test_the_marks_of_the_nightly_run_are_cleared_by_the_batch_that_read_them():
    """The nightly marks are written with raw SQL; a batch must be able to clear them (on SQLite a raw
    aware datetime was stored as different text, so the same batch came back forever)."""
    EngagementFactory()
    services.mark_all_dirty()
    result = services.run_recompute(budget_seconds=60)
    assert result["finished"] is True
    from api_human.scoring.models import DirtySubject

    assert not DirtySubject.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_replays_of_one_day_at_once_write_it_once(team):
    """Two past-dated gate decisions at the same moment replay the same day: one waits for the other."""
    from django.db import connection

    from tests.integration.faults import at_once

    engagement = EngagementFactory()
    rate_all(team, "bridging", "engagement", engagement.pk, 2, DAY)

    def replay():
        try:
            return services.replay_history(engagement.pk, [DAY])
        finally:
            connection.close()

    counts = at_once(replay, replay)
    assert min(counts) == 0 and max(counts) > 0
    assert ScoreSnapshot.objects.filter(engagement=engagement, trigger="history").count() == max(counts)


def test_a_criterion_can_only_apply_from_a_point_of_its_subjects_life():
    from django.core.exceptions import ValidationError

    criterion = Criterion.objects.filter(
        dimension__rubric__key="initiative-scale-readiness", dimension__rubric__status="published"
    ).first()
    criterion.applies_from = "pilot"
    criterion.clean()
    criterion.applies_from = "someday"
    with pytest.raises(ValidationError) as refused:
        criterion.clean()
    assert "applies_from" in refused.value.message_dict
