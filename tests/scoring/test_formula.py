"""The formula of docs/scoring.md, on plans built in memory (no database)."""

from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from api_human.scoring import engine
from api_human.scoring.engine import CriterionPlan, DimensionPlan, Reading, RubricPlan, evaluate
from api_human.scoring.registry import NOT_APPLICABLE


def criterion(
    key, weight=1.0, critical=False, pass_level=1.0, manual=False, floor=0.0, target=1.0, scale=(0, 4)
):
    return CriterionPlan(
        key=key,
        text_he=key,
        text_en=key,
        weight=weight,
        critical=critical,
        pass_level=pass_level,
        manual=manual,
        metric="" if manual else f"m.{key}",
        floor=floor,
        target=target,
        scale=scale,
    )


def plan(*dimensions, threshold=75):
    return RubricPlan(
        id=1,
        key="r",
        version=1,
        subject_type="stage",
        kind="exit",
        stage="A",
        threshold=threshold,
        dimensions=dimensions,
    )


def dimension(key, *criteria, weight=1.0, floor=0.0):
    return DimensionPlan(
        key=key, name_he=key, name_en=key, weight=weight, floor=floor, criteria=tuple(criteria)
    )


def ok(value):
    return Reading(engine.OK, value, value)


TWO_DIMENSIONS = plan(
    dimension("d1", criterion("a", weight=1), criterion("b", weight=3), weight=2),
    dimension("d2", criterion("c"), criterion("d"), weight=1),
)


def test_dimension_is_weighted_mean_and_overall_weighted_mean_of_dimensions():
    result = evaluate(TWO_DIMENSIONS, {"a": ok(1.0), "b": ok(0.5), "c": ok(0.0), "d": ok(1.0)})
    d1 = 100 * (1 * 1.0 + 3 * 0.5) / 4  # 62.5
    d2 = 100 * (0.0 + 1.0) / 2  # 50
    assert [d["score"] for d in result.dimensions] == [62.5, 50.0]
    assert result.score == round((2 * d1 + 1 * d2) / 3, 1)
    assert result.coverage == 1.0


def test_contributions_add_up_to_the_score_and_points_lost_to_the_rest():
    result = evaluate(TWO_DIMENSIONS, {"a": ok(0.3), "b": ok(0.8), "c": ok(0.1), "d": ok(0.65)})
    contributions = sum(c["contribution"] for c in result.criteria)
    lost = sum(c["points_lost"] for c in result.criteria)
    assert contributions == pytest.approx(result.score, abs=0.05)
    assert contributions + lost == pytest.approx(100)


def test_missing_evidence_is_left_out_not_zero_and_lowers_coverage():
    full = evaluate(TWO_DIMENSIONS, {"a": ok(1.0), "b": ok(1.0), "c": ok(1.0), "d": ok(1.0)})
    partial = evaluate(TWO_DIMENSIONS, {"a": ok(1.0), "c": ok(1.0), "d": ok(1.0)})
    assert full.score == partial.score == 100.0
    # b is 3 of the 4 weight units of d1, which is 2/3 of the rubric: coverage = 1 - 3/4 * 2/3
    assert partial.coverage == pytest.approx(0.5, abs=0.001)
    b = next(c for c in partial.criteria if c["key"] == "b")
    assert (b["status"], b["contribution"], b["points_lost"]) == ("missing", 0.0, 0.0)


def test_not_applicable_is_left_out_of_the_score_and_of_the_coverage():
    result = evaluate(TWO_DIMENSIONS, {"a": ok(1.0), "b": Reading(engine.NA), "c": ok(1.0), "d": ok(0.0)})
    assert result.coverage == 1.0
    assert result.dimensions[0]["score"] == 100.0
    assert sum(c["contribution"] for c in result.criteria) == pytest.approx(result.score, abs=0.05)


def test_a_dimension_where_nothing_applies_drops_out():
    result = evaluate(
        TWO_DIMENSIONS, {"a": Reading(engine.NA), "b": Reading(engine.NA), "c": ok(1.0), "d": ok(0.5)}
    )
    assert result.score == 75.0
    assert [d["applies"] for d in result.dimensions] == [False, True]
    assert {c["key"] for c in result.criteria} == {"a", "b", "c", "d"}, "every criterion is still explained"


def test_an_expired_rating_counts_as_no_evidence():
    manual = criterion("m", manual=True, scale=(0, 4))
    today = date(2026, 11, 22)
    fresh = SimpleNamespace(not_applicable=False, expires_on=today, value=3, evidence_note="seen")
    stale = SimpleNamespace(
        not_applicable=False, expires_on=today - timedelta(days=1), value=3, evidence_note="old"
    )
    assert engine.read_rating(manual, fresh, today) == Reading(engine.OK, 3.0, 0.75, "seen")
    assert engine.read_rating(manual, stale, today).status == engine.EXPIRED
    rubric = plan(dimension("d", manual, criterion("x")))
    result = evaluate(rubric, {"m": engine.read_rating(manual, stale, today), "x": ok(0.5)})
    assert result.score == 50.0
    assert result.coverage == 0.5


def test_a_rating_marked_not_applicable_is_left_out():
    manual = criterion("m", manual=True)
    reading = engine.read_rating(
        manual, SimpleNamespace(not_applicable=True, evidence_note="no data"), date.today()
    )
    assert reading.status == engine.NA


@pytest.mark.parametrize(
    ("raw", "floor", "target", "expected"),
    [
        (None, 0, 3, engine.MISSING),
        (NOT_APPLICABLE, 0, 3, engine.NA),
        (True, 0, 1, 1.0),
        (False, 0, 1, 0.0),
        (2, 0, 4, 0.5),
        (9, 0, 4, 1.0),  # beyond the target: capped
        (1, 3, 0, 2 / 3),  # lower is better: floor 3 (worst) → target 0 (best)
        (5, 3, 0, 0.0),
    ],
)
def test_metric_values_are_normalised_between_floor_and_target(raw, floor, target, expected):
    reading = engine.read_metric(criterion("x", floor=floor, target=target), raw)
    if isinstance(expected, str):
        assert reading.status == expected
    else:
        assert reading.normalised == pytest.approx(expected)


GATE = plan(
    dimension("core", criterion("critical", critical=True), criterion("other"), floor=50),
    dimension("extra", criterion("nice")),
    threshold=75,
)


def test_green_when_above_threshold_floors_held_and_critical_met():
    assert evaluate(GATE, {"critical": ok(1.0), "other": ok(1.0), "nice": ok(0.6)}).band == "green"


def test_amber_when_only_non_critical_gaps_remain():
    result = evaluate(GATE, {"critical": ok(1.0), "other": ok(0.2), "nice": ok(0.3)})
    assert result.score < 75
    assert result.band == "amber"


def test_red_when_a_critical_criterion_is_not_met_even_with_a_high_score():
    result = evaluate(GATE, {"critical": ok(0.9), "other": ok(1.0), "nice": ok(1.0)})
    assert result.score >= 75
    assert result.band == "red"
    assert next(c for c in result.criteria if c["key"] == "critical")["met"] is False


def test_red_when_a_critical_criterion_has_no_evidence():
    assert evaluate(GATE, {"other": ok(1.0), "nice": ok(1.0)}).band == "red"


def test_a_critical_criterion_that_does_not_apply_is_no_gap():
    assert evaluate(GATE, {"critical": Reading(engine.NA), "other": ok(1.0), "nice": ok(1.0)}).band == "green"


def test_red_when_a_dimension_is_below_its_floor():
    result = evaluate(
        plan(dimension("core", criterion("a"), floor=60), dimension("extra", criterion("b"), weight=9)),
        {"a": ok(0.5), "b": ok(1.0)},
    )
    assert result.score >= 75
    assert result.dimensions[0]["below_floor"] is True
    assert result.band == "red"


def test_pass_level_decides_when_a_criterion_is_met():
    rubric = plan(dimension("d", criterion("a", critical=True, pass_level=0.66)))
    assert evaluate(rubric, {"a": ok(2 / 3)}).band != "red"
    assert evaluate(rubric, {"a": ok(0.5)}).band == "red"


def test_no_evidence_at_all_gives_no_score_and_not_a_colour():
    result = evaluate(GATE, {})
    assert (result.score, result.coverage, result.band) == (None, 0.0, "grey")
    # With no least coverage, a score without any evidence is red, as before.
    assert evaluate(replace(GATE, min_coverage=0.0), {}).band == "red"


def test_below_the_least_coverage_the_band_is_grey_whatever_the_score():
    rubric = plan(
        dimension("d", criterion("a", critical=True), criterion("b"), criterion("c"), criterion("d"))
    )
    one_of_four = {"a": ok(1.0)}
    assert evaluate(rubric, one_of_four).coverage == 0.25
    assert evaluate(rubric, one_of_four).band == "grey"  # 100 on one criterion of four is not "green"
    half = {"a": ok(1.0), "b": ok(1.0)}
    assert evaluate(rubric, half).band == "green"  # 0.5 reaches the default least coverage
    assert evaluate(replace(rubric, min_coverage=0.75), half).band == "grey"
    failing_half = {"a": ok(0.0), "b": ok(1.0)}
    assert evaluate(rubric, failing_half).band == "red"  # enough evidence: the critical gap shows


def test_a_criterion_not_yet_applicable_is_left_out_not_zero_and_not_missing():
    life = ("idea", "pilot", "scaling")
    pilots = replace(criterion("pilots", critical=True), applies_from="pilot")
    dream = criterion("dream")
    rubric = plan(dimension("d", dream, pilots))
    assert engine.not_yet(pilots, life.index("idea"), life) is True
    assert engine.not_yet(pilots, life.index("pilot"), life) is False
    assert engine.not_yet(pilots, None, life) is True  # outside the life (stopped): nothing with a point
    assert engine.not_yet(dream, None, life) is False  # no point: always applies
    idea = evaluate(rubric, {"dream": ok(1.0), "pilots": Reading(engine.NOT_YET)})
    assert (idea.score, idea.coverage, idea.band) == (100.0, 1.0, "green")  # no critical gap for an idea
    row = next(c for c in idea.criteria if c["key"] == "pilots")
    assert (row["status"], row["contribution"], row["points_lost"], row["met"]) == (
        "not_yet",
        0.0,
        0.0,
        False,
    )
    at_pilot = evaluate(rubric, {"dream": ok(1.0), "pilots": Reading(engine.MISSING)})
    assert at_pilot.band in {"red", "grey"} and at_pilot.coverage == 0.5


def test_the_digest_changes_only_when_the_evidence_does():
    readings = {"critical": ok(1.0), "other": ok(0.5), "nice": ok(0.3)}
    assert evaluate(GATE, readings).digest == evaluate(GATE, dict(readings)).digest
    assert evaluate(GATE, readings).digest != evaluate(GATE, {**readings, "nice": ok(0.4)}).digest


def random_plan(rng, rubric_id):
    dimensions = []
    for d in range(rng.randint(1, 5)):
        criteria = [
            criterion(
                f"c{d}-{c}",
                weight=rng.choice([0.5, 1.0, 1.0, 2.0, 3.0]),
                critical=rng.random() < 0.3,
                pass_level=rng.choice([0.5, 2 / 3, 0.75, 1.0]),
                manual=rng.random() < 0.3,
            )
            for c in range(rng.randint(0, 4))
        ]
        dimensions.append(
            dimension(
                f"d{d}",
                *criteria,
                weight=rng.choice([0.5, 1.0, 2.0]),
                floor=rng.choice([0.0, 0.0, 40.0, 60.0]),
            )
        )
    return replace(
        plan(*dimensions, threshold=rng.choice([60, 75, 80])),
        id=rubric_id,
        min_coverage=rng.choice([0.0, 0.5, 0.6]),
    )


def random_reading(rng):
    note = rng.choice(["", "seen", 'a "quote" \\ and a\ttab', "ראיה בשטח", "x" * 400])
    value = rng.choice([0.0, 0.25, 1 / 3, 0.5, 2 / 3, 0.8, 1.0, 0.123456789])
    status = rng.choice(
        [engine.OK, engine.OK, engine.OK, engine.MISSING, engine.NA, engine.NOT_YET, engine.EXPIRED]
    )
    if status == engine.OK:
        return Reading(engine.OK, rng.choice([value * 9, value, 3.0]), value, note)
    if status == engine.EXPIRED:
        return Reading(engine.EXPIRED, 2.0, note=note)
    return Reading(status, note=note if status == engine.NA else "")


def test_the_evaluator_stores_exactly_what_evaluate_gives():
    """The many-subjects path (parts kept per dimension) writes, to the byte, the columns and the digest
    of the result ``evaluate`` gives: the same snapshot, and an unchanged digest for unchanged evidence."""
    import random

    rng = random.Random(7)
    for rubric_id in range(60):
        rubric = random_plan(rng, rubric_id)
        evaluator = engine.Evaluator(rubric)
        for _ in range(150):
            readings = tuple(random_reading(rng) for _ in rubric.criteria)
            expected = engine.evaluated(
                evaluate(rubric, {c.key: r for c, r in zip(rubric.criteria, readings, strict=True)})
            )
            assert evaluator(readings) == expected
            assert evaluator(readings) == expected  # again, from the parts it kept


def test_the_evaluator_of_a_plan_whose_criterion_keys_repeat_reads_them_as_evaluate_does():
    rubric = plan(dimension("d1", criterion("a"), criterion("b")), dimension("d2", criterion("a")))
    readings = (ok(1.0), ok(0.5), ok(0.0))
    expected = engine.evaluated(evaluate(rubric, {"a": ok(0.0), "b": ok(0.5)}))
    assert engine.Evaluator(rubric)(readings) == expected
