"""Scoring services on the database: the catalogue, versions, dirty marks, recomputes, ratings, gates."""

import datetime
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from api_human.core.models import Engagement, OutboxMessage, Role
from api_human.core.services import record_create
from api_human.scoring import catalogue, services
from api_human.scoring.definitions import RUBRICS
from api_human.scoring.models import (
    Criterion,
    CurrentScore,
    DirtySubject,
    Rating,
    Rubric,
    ScoreRun,
    ScoreSnapshot,
)
from stages import services as stage_services
from stages.models import ChangeFocus, GateDecision, StagePhase
from tests.factories import EngagementFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_engagement():
    """An engagement whose stage A is under way (a stage's exit criteria apply once it is active)."""
    team = UserFactory(role=Role.TEAM)
    engagement = EngagementFactory()
    MembershipFactory(engagement=engagement, user=team)
    StagePhase.objects.filter(engagement=engagement, stage="A").update(
        status=StagePhase.Status.ACTIVE, started_on=datetime.date(2024, 1, 1)
    )
    return team, engagement


def stage_score(engagement, stage, rubric_key):
    phase = StagePhase.objects.get(engagement=engagement, stage=stage)
    return CurrentScore.objects.filter(
        subject_type="stage", subject_id=phase.pk, rubric_key=rubric_key
    ).first()


def criterion_of(score, key):
    return next(c for c in score.snapshot.criteria if c["key"] == key)


# ------------------------------------------------------------------------------------------------
# The catalogue and versions
# ------------------------------------------------------------------------------------------------
def test_every_catalogue_rubric_is_published_in_three_languages_and_c_has_no_gate():
    published = {r.key: r for r in Rubric.objects.published()}
    assert set(published) == {d["key"] for d in RUBRICS}
    for rubric in published.values():
        assert rubric.name_he and rubric.name_en and rubric.name_ar
        for criterion in Criterion.objects.filter(dimension__rubric=rubric):
            assert criterion.text_he and criterion.text_en and criterion.text_ar
            assert criterion.next_action_he and criterion.next_action_en and criterion.next_action_ar
            assert criterion.source_section or criterion.source_outside
    kinds = {(r.subject_type, r.kind, r.stage) for r in published.values()}
    for stage in ("A", "B1", "B2", "D"):
        assert ("stage", "exit", stage) in kinds
    # Stage C never ends (its intensity changes): a health review of its two parts, never a gate.
    assert ("stage", "exit", "C") not in kinds
    assert ("stage", "health", "C") in kinds
    assert ("engagement", "health", "") in kinds  # the connection between the worlds
    assert ("organization", "maturity", "") in kinds


def test_the_interface_language_chooses_the_rubric_text():
    from django.utils import translation

    criterion = Criterion.objects.filter(
        dimension__rubric__key="bridging", dimension__rubric__status="published"
    )
    criterion = criterion.first()
    for language, field in (("he", "text_he"), ("en", "text_en"), ("ar", "text_ar")):
        with translation.override(language):
            assert criterion.text == getattr(criterion, field)
            assert criterion.next_action == getattr(criterion, f"next_action_{language}")


def test_loading_the_catalogue_again_changes_nothing_and_a_changed_definition_makes_a_new_version():
    assert catalogue.sync_catalogue() == 0
    definition = next(d for d in RUBRICS if d["key"] == "stage-a-exit")
    changed = {**definition, "threshold": definition["threshold"] - 5}

    assert catalogue.sync_catalogue([changed]) == 1

    versions = list(Rubric.objects.filter(key="stage-a-exit").order_by("version"))
    assert [v.status for v in versions] == ["retired", "published"]
    assert versions[-1].threshold == definition["threshold"] - 5


def test_a_published_version_never_changes_editing_starts_a_draft_and_publishing_retires_the_old():
    admin = UserFactory(role=Role.ADMIN)
    published = Rubric.objects.published().get(key="initiative-scale-readiness")
    criterion = Criterion.objects.filter(dimension__rubric=published).first()
    with pytest.raises(ValidationError):
        services.criterion_update(criterion=criterion, actor=admin, data={"weight": 3})

    draft = services.rubric_draft(rubric=published, actor=admin)
    assert (draft.status, draft.version) == ("draft", published.version + 1)
    assert services.rubric_draft(rubric=published, actor=admin) == draft, "one draft at a time"
    copy = Criterion.objects.get(dimension__rubric=draft, key=criterion.key)
    services.criterion_update(criterion=copy, actor=admin, data={"weight": 3})
    services.rubric_publish(rubric=draft, actor=admin)

    published.refresh_from_db()
    assert published.status == "retired"
    assert Rubric.objects.published().get(key="initiative-scale-readiness") == draft
    with pytest.raises(ValidationError):
        services.rubric_publish(rubric=published, actor=admin)


def test_an_automatic_criterion_needs_a_registered_metric():
    criterion = Criterion.objects.filter(evidence="automatic").first()
    criterion.metric = "nowhere.nothing"
    with pytest.raises(ValidationError):
        criterion.full_clean()


# ------------------------------------------------------------------------------------------------
# Dirty marks, recomputes and snapshots
# ------------------------------------------------------------------------------------------------
def test_a_change_marks_its_engagement_dirty_and_the_commit_recomputes(
    team_engagement, django_capture_on_commit_callbacks
):
    team, engagement = team_engagement
    with django_capture_on_commit_callbacks(execute=True):
        record_create(ChangeFocus, actor=team, data={"engagement": engagement, "title": "Access"})
        assert DirtySubject.objects.filter(kind="engagement", subject_id=engagement.pk).exists()

    assert not DirtySubject.objects.exists()
    assert criterion_of(stage_score(engagement, "A", "stage-a-exit"), "change-foci")["raw"] == 1.0


def test_many_changes_in_a_short_window_enqueue_one_recompute(
    team_engagement, not_eager, django_capture_on_commit_callbacks
):
    services.mark_dirty([("engagement", team_engagement[1].pk)], schedule=False)
    with (
        mock.patch("api_human.scoring.tasks.recompute.apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _ in range(5):
            services.schedule_recompute()
    assert apply_async.call_count == 1
    assert apply_async.call_args.kwargs["countdown"] == pytest.approx(services.debounce_seconds(), abs=1)
    waiting = OutboxMessage.objects.filter(task=services.RECOMPUTE_TASK, state=OutboxMessage.State.PENDING)
    assert waiting.count() == 1


def test_a_burst_of_changes_committed_one_by_one_makes_one_recompute_and_one_snapshot(
    team_engagement, not_eager, django_capture_on_commit_callbacks
):
    from api_human.scoring import tasks

    team, engagement = team_engagement
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()
    before = ScoreSnapshot.objects.count()
    with mock.patch("api_human.scoring.tasks.recompute.apply_async") as apply_async:
        for title in ("Access", "Trust", "Speed", "Reach", "Cost"):  # five saves, each committed
            with django_capture_on_commit_callbacks(execute=True):
                record_create(ChangeFocus, actor=team, data={"engagement": engagement, "title": title})
    assert apply_async.call_count == 1  # the first commit sent it; the others found it waiting
    assert (apply_async.call_args.kwargs["countdown"] or 0) <= services.debounce_seconds()
    message = OutboxMessage.objects.get(task=services.RECOMPUTE_TASK, state=OutboxMessage.State.PENDING)

    tasks.recompute.apply(kwargs={**message.kwargs, "_outbox": message.pk})  # the worker, once
    assert not DirtySubject.objects.exists()
    # one new snapshot (stage A's exit reads change foci) that has seen all five changes
    assert ScoreSnapshot.objects.count() == before + 1
    assert criterion_of(stage_score(engagement, "A", "stage-a-exit"), "change-foci")["raw"] == 5.0


def test_when_the_broker_is_down_scheduling_does_not_fail_and_the_marks_stay(
    team_engagement, not_eager, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    _team, engagement = team_engagement
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    with (
        mock.patch("api_human.scoring.tasks.recompute.apply_async", side_effect=OperationalError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.schedule_recompute()
    assert DirtySubject.objects.filter(kind="engagement", subject_id=engagement.pk).exists()
    message = OutboxMessage.objects.get(task=services.RECOMPUTE_TASK)
    assert message.state == OutboxMessage.State.PENDING and message.dispatched_at is None  # the dispatcher's


def test_recomputing_is_idempotent_and_unchanged_evidence_writes_no_snapshot(team_engagement):
    _team, engagement = team_engagement
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    first = services.run_recompute(kind=ScoreRun.Kind.MANUAL)
    count = ScoreSnapshot.objects.count()
    assert first["finished"] and count > 0

    assert services.run_recompute(run_id=first["run"]) == {"run": first["run"], "done": 1, "finished": True}
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)
    assert ScoreSnapshot.objects.count() == count


def test_a_run_counts_its_progress(team_engagement):
    _team, engagement = team_engagement
    other = EngagementFactory()
    services.mark_dirty([("engagement", engagement.pk), ("engagement", other.pk)], schedule=False)
    run = services.run_create(kind=ScoreRun.Kind.MANUAL)
    assert (run.total, run.done, run.percent) == (2, 0, 0)
    services.run_recompute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.done, run.percent) == ("done", 2, 100)
    assert run.snapshots == ScoreSnapshot.objects.filter(run=run).count() > 0


def test_a_change_s_recompute_is_one_batch_of_its_own_and_a_mark_it_makes_is_claimed_in_it(team_engagement):
    """A change's recompute (a few marks, one batch) starts its run as it creates it and closes it
    after its batch, without claiming or counting again. A subject it marks dirty again (an
    organisation's engagement reads its diagnostic) is still recomputed in the same run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _team, engagement = team_engagement
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()  # compiles the rubrics
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    with CaptureQueriesContext(connection) as queries:
        result = services.run_recompute()
    statements = [q["sql"] for q in queries.captured_queries]
    assert result["finished"] and result["done"] == 1 and not DirtySubject.objects.exists()
    run = ScoreRun.objects.get(pk=result["run"])
    assert (run.kind, run.status, run.total, run.done) == ("change", "done", 1, 1)
    assert run.started_at and run.finished_at
    assert sum(s.startswith("SELECT COUNT(*)") for s in statements) == 1  # the run's total, once
    assert not any("SET CONSTRAINTS" in s for s in statements)  # nobody shares its run

    organization = OrganizationFactory()
    Engagement.objects.filter(pk=engagement.pk).update(
        change_object_kind="organization", change_object_organization=organization
    )
    services.mark_dirty([("organization", organization.pk)], schedule=False)
    result = services.run_recompute()
    # the organisation, then the engagement it marked: both in this run, nothing left waiting
    assert result["finished"] and result["done"] == 2 and not DirtySubject.objects.exists()
    assert ScoreRun.objects.get(pk=result["run"]).status == "done"


def test_a_snapshot_is_immutable(team_engagement):
    _team, engagement = team_engagement
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()
    snapshot = ScoreSnapshot.objects.first()
    snapshot.score = 99
    with pytest.raises(TypeError):
        snapshot.save()
    with pytest.raises(TypeError):
        snapshot.delete()


def test_publishing_a_new_version_moves_the_scores_to_it(team_engagement):
    _team, engagement = team_engagement
    admin = UserFactory(role=Role.ADMIN)
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()
    old = stage_score(engagement, "A", "stage-a-exit").snapshot.rubric

    draft = services.rubric_draft(rubric=old, actor=admin)
    services.rubric_update(rubric=draft, actor=admin, data={"threshold": 50})
    services.rubric_publish(rubric=draft, actor=admin)
    services.run_recompute()

    current = stage_score(engagement, "A", "stage-a-exit")
    assert current.snapshot.rubric == draft
    assert ScoreSnapshot.objects.filter(rubric=old, subject_id=current.subject_id).exists(), "history kept"


# ------------------------------------------------------------------------------------------------
# Ratings
# ------------------------------------------------------------------------------------------------
def manual_criterion(rubric_key):
    return (
        Criterion.objects.select_related("dimension__rubric")
        .filter(dimension__rubric__key=rubric_key, dimension__rubric__status="published", evidence="manual")
        .first()
    )


def test_a_rating_counts_until_it_expires(team_engagement):
    team, engagement = team_engagement
    criterion = manual_criterion("stage-b1-readiness")
    phase = StagePhase.objects.get(engagement=engagement, stage="B1")
    top = criterion.anchor_values()[-1]

    rating = services.rating_record(
        criterion=criterion,
        subject_type="stage",
        subject_id=phase.pk,
        actor=team,
        value=top,
        evidence_note="seen",
    )
    assert rating.expires_on == rating.rated_on + timedelta(days=criterion.validity_days)
    services.run_recompute()
    assert criterion_of(stage_score(engagement, "B1", "stage-b1-readiness"), criterion.key)["status"] == "ok"

    old = timezone.localdate() - timedelta(days=criterion.validity_days + 1)
    Rating.objects.filter(pk=rating.pk).update(
        rated_on=old, expires_on=old + timedelta(days=criterion.validity_days)
    )
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    services.run_recompute()
    reading = criterion_of(stage_score(engagement, "B1", "stage-b1-readiness"), criterion.key)
    assert (reading["status"], reading["contribution"]) == ("expired", 0.0)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"value": 17}, "value"),
        ({"value": None}, "value"),
        ({"evidence_note": "  "}, "evidence_note"),
        ({"rated_on": timezone.localdate() + timedelta(days=3)}, "rated_on"),
    ],
)
def test_a_rating_is_refused_with_the_reason(team_engagement, kwargs, field):
    team, engagement = team_engagement
    criterion = manual_criterion("stage-b1-readiness")
    phase = StagePhase.objects.get(engagement=engagement, stage="B1")
    data = {"value": criterion.anchor_values()[0], "evidence_note": "seen", **kwargs}
    with pytest.raises(ValidationError) as error:
        services.rating_record(
            criterion=criterion, subject_type="stage", subject_id=phase.pk, actor=team, **data
        )
    assert field in error.value.message_dict
    assert not Rating.objects.exists()


def test_an_automatic_criterion_cannot_be_rated(team_engagement):
    team, _engagement = team_engagement
    automatic = Criterion.objects.select_related("dimension__rubric").filter(evidence="automatic").first()
    with pytest.raises(ValidationError):
        services.rating_record(
            criterion=automatic, subject_type="stage", subject_id=1, actor=team, value=1, evidence_note="x"
        )


def test_not_applicable_rating_is_left_out(team_engagement):
    team, engagement = team_engagement
    criterion = manual_criterion("stage-b1-readiness")
    phase = StagePhase.objects.get(engagement=engagement, stage="B1")
    services.rating_record(
        criterion=criterion,
        subject_type="stage",
        subject_id=phase.pk,
        actor=team,
        not_applicable=True,
        evidence_note="no systems to integrate",
    )
    services.run_recompute()
    assert criterion_of(stage_score(engagement, "B1", "stage-b1-readiness"), criterion.key)["status"] == "n/a"


# ------------------------------------------------------------------------------------------------
# Gates carry the score current at the time
# ------------------------------------------------------------------------------------------------
def test_a_gate_decision_keeps_the_score_of_its_proposal_and_of_its_sign_off(team_engagement):
    team, engagement = team_engagement
    manager = UserFactory(role=Role.MANAGER)
    MembershipFactory(engagement=engagement, user=manager, role="manager")
    StagePhase.objects.filter(engagement=engagement, stage="A").update(status="not_started", started_on=None)
    phase = StagePhase.objects.get(engagement=engagement, stage="A")

    decision = stage_services.gate_decision_propose(
        phase=phase, actor=team, transition="start", decision="go", justification="ready"
    )
    assert decision.score_snapshot is None, "stage A has no readiness rubric"

    StagePhase.objects.filter(pk=phase.pk).update(status="active", started_on=timezone.localdate())
    phase.refresh_from_db()
    GateDecision.objects.filter(pk=decision.pk).update(status="signed_off")
    complete = stage_services.gate_decision_propose(
        phase=phase, actor=team, transition="complete", decision="hold", justification="not yet"
    )
    current = stage_score(engagement, "A", "stage-a-exit")
    assert complete.score_snapshot["snapshot"] == current.snapshot_id
    assert complete.score_snapshot["rubric"] == "stage-a-exit"
    assert complete.score_snapshot["band"] == current.band

    record_create(ChangeFocus, actor=team, data={"engagement": engagement, "title": "Access"})
    signed = stage_services.gate_decision_sign_off(decision=complete, actor=manager)
    later = signed.score_snapshot["at_sign_off"]
    assert later["snapshot"] != complete.score_snapshot["snapshot"], "the sign-off sees the new evidence"


def test_a_deleted_subject_keeps_its_history_but_loses_its_current_score(team_engagement):
    from initiatives import services as initiative_services
    from initiatives.models import Initiative

    team, engagement = team_engagement
    initiative = initiative_services.initiative_create(
        actor=team, data={"engagement": engagement, "title": "Gone"}
    )
    services.mark_dirty([("initiative", initiative.pk)], schedule=False)
    services.run_recompute()
    assert CurrentScore.objects.filter(subject_type="initiative", subject_id=initiative.pk).exists()

    pk = initiative.pk
    Initiative.objects.filter(pk=pk).delete()  # the watcher marks it dirty
    services.run_recompute()
    assert not CurrentScore.objects.filter(subject_type="initiative", subject_id=pk).exists()
    assert ScoreSnapshot.objects.filter(subject_type="initiative", subject_id=pk).exists()


def test_a_batch_costs_the_same_number_of_queries_whatever_its_size(settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.models import Initiative
    from opportunities.models import Opportunity
    from tests.factories import OrganizationFactory

    settings.SCORING_BATCH_SIZE = 1000
    organization = OrganizationFactory(world="digital", kind="startup")

    def queries_for(n):
        engagements = [EngagementFactory() for _ in range(n)]
        Initiative.objects.bulk_create(Initiative(engagement=e, title="i") for e in engagements)
        Opportunity.objects.bulk_create(Opportunity(organization=organization, title="o") for _ in range(n))
        services.mark_all_dirty()
        with CaptureQueriesContext(connection) as queries:
            services.run_recompute()
        return len(queries)

    queries_for(3)  # the first run also compiles the rubrics
    assert queries_for(4) == queries_for(12)


def test_the_sweep_and_the_nightly_run_do_their_work_in_their_own_task_and_are_recorded_done(team_engagement):
    from api_human.scoring import tasks

    _team, engagement = team_engagement
    services.mark_dirty([("engagement", engagement.pk)], schedule=False)
    swept = ScoreRun.objects.get(pk=tasks.sweep.apply().get()["run"])
    assert (swept.kind, swept.status) == (ScoreRun.Kind.SWEEP, ScoreRun.Status.DONE) and swept.done == 1
    nightly = ScoreRun.objects.get(pk=tasks.recompute_all.apply().get()["run"])
    assert (nightly.kind, nightly.status) == (
        ScoreRun.Kind.NIGHTLY,
        ScoreRun.Status.DONE,
    ) and nightly.done > 0
    assert not DirtySubject.objects.exists()
