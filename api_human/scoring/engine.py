"""The formula (docs/scoring.md says it in words) — pure functions, no database.

- Each criterion is normalised to 0–1. Missing, expired or not-applicable evidence is left out, not zero;
  a criterion the subject cannot meet yet at its point in life is "not yet applicable" (left out too).
- A dimension's score is the weighted mean ×100 of its criteria that have evidence.
- The overall score is the weighted mean of the dimensions that have a score.
- Coverage = the weight with evidence / the total weight (criteria that do not apply are not counted).
- Green: score ≥ threshold, no dimension below its floor, every critical criterion met.
  Red: a critical criterion not met (or without evidence), a dimension below its floor, or no evidence.
  Amber otherwise: only non-critical gaps remain.
  Grey instead of any colour when the coverage is below the rubric's least coverage: not enough evidence yet.
- Every criterion's contribution and points lost are kept; the contributions add up to the score.

A snapshot keeps what belongs to the subject (values, statuses, points); the texts of criteria and
dimensions belong to the rubric version, which never changes once published (see ``selectors.explain``).
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .registry import NOT_APPLICABLE

OK, MISSING, EXPIRED, NA, NOT_YET = "ok", "missing", "expired", "n/a", "not_yet"
LEFT_OUT = frozenset({NA, NOT_YET})  # neither counted nor missing: they do not lower the coverage
GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"


@dataclass(frozen=True)
class CriterionPlan:
    key: str
    text_he: str
    text_en: str
    weight: float
    critical: bool
    pass_level: float
    manual: bool
    partner_actionable: bool = False
    metric: str = ""
    floor: float = 0.0
    target: float = 1.0
    scale: tuple[float, float] = (0.0, 1.0)
    applies_from: str = ""


@dataclass(frozen=True)
class DimensionPlan:
    key: str
    name_he: str
    name_en: str
    weight: float
    floor: float
    criteria: tuple[CriterionPlan, ...]

    @cached_property
    def described(self) -> tuple[dict, ...]:
        """What each criterion's row of a result says whatever the evidence (the same for every subject)."""
        return tuple(
            {
                "key": c.key,
                "dimension": self.key,
                "weight": c.weight,
                "critical": c.critical,
                "manual": c.manual,
                "partner_actionable": c.partner_actionable,
                "metric": c.metric,
            }
            for c in self.criteria
        )


@dataclass(frozen=True)
class RubricPlan:
    id: int
    key: str
    version: int
    subject_type: str
    kind: str
    stage: str
    threshold: float
    dimensions: tuple[DimensionPlan, ...]
    min_coverage: float = 0.5
    applies_from: str = ""

    @property
    def criteria(self):
        return [c for d in self.dimensions for c in d.criteria]

    @property
    def metrics(self) -> set[str]:
        return {c.metric for c in self.criteria if not c.manual}


@dataclass(frozen=True)
class Reading:
    """The evidence of one criterion for one subject: its status, raw value and normalised value."""

    status: str
    raw: float | None = None
    normalised: float | None = None
    note: str = ""


@dataclass
class Result:
    rubric_id: int
    score: float | None
    coverage: float
    band: str
    dimensions: list[dict] = field(default_factory=list)
    criteria: list[dict] = field(default_factory=list)

    @cached_property  # a result is never changed once evaluated
    def digest(self) -> str:
        """Identical evidence gives an identical digest: unchanged evidence writes no new snapshot."""
        essence = [
            self.rubric_id,
            self.score,
            self.band,
            [
                (c["key"], c["status"], c["raw"], c["normalised"] and round(c["normalised"], 4))
                for c in self.criteria
            ],
        ]
        return hashlib.sha256(json.dumps(essence, default=str).encode()).hexdigest()


NO_READING = Reading(MISSING)


def clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def not_yet(plan: CriterionPlan | RubricPlan, life: int | None, lifecycle: tuple[str, ...]) -> bool:
    """Whether the subject has not yet reached the point of its life from which the criterion (or the
    whole rubric) applies (``life`` None — e.g. a stopped initiative — is outside the life: nothing with
    a point applies)."""
    if not plan.applies_from or plan.applies_from not in lifecycle:
        return False
    return life is None or life < lifecycle.index(plan.applies_from)


def read_metric(plan: CriterionPlan, raw) -> Reading:
    """A metric's value between its floor (0) and its target (1); lower-is-better has floor > target."""
    if raw is None:
        return Reading(MISSING)
    if raw == NOT_APPLICABLE:
        return Reading(NA)
    raw = float(raw)
    return Reading(OK, raw, clamp((raw - plan.floor) / (plan.target - plan.floor)))


def read_rating(plan: CriterionPlan, rating, today: date) -> Reading:
    """The latest rating of a manual criterion: placed on its scale, unless it expired or does not apply."""
    if rating is None:
        return Reading(MISSING)
    if rating.not_applicable:
        return Reading(NA, note=rating.evidence_note)
    if rating.expires_on is not None and rating.expires_on < today:
        return Reading(EXPIRED, float(rating.value), note=rating.evidence_note)
    low, high = plan.scale
    value = float(rating.value)
    return Reading(OK, value, clamp((value - low) / (high - low)), note=rating.evidence_note)


def evaluate(plan: RubricPlan, readings: dict[str, Reading]) -> Result:
    dimensions, criteria = [], []
    summaries = [(d, _dimension(d, readings)) for d in plan.dimensions]
    # A dimension where nothing applies drops out of the score (its criteria are still listed).
    scored = [(d, s) for d, s in summaries if s["applicable_weight"] > 0]
    with_score = [(d, s) for d, s in scored if s["score"] is not None]
    weight_with_score = sum(d.weight for d, _ in with_score)
    weight_all = sum(d.weight for d, _ in scored)

    score = None
    if weight_with_score > 0:
        score = sum(d.weight * s["score"] for d, s in with_score) / weight_with_score
    coverage = 0.0
    if weight_all > 0:
        coverage = sum(d.weight * s["coverage"] for d, s in scored) / weight_all

    critical_gaps, floor_gaps = [], []
    for dimension, summary in summaries:
        applies = summary["applicable_weight"] > 0
        share = dimension.weight / weight_with_score if summary["score"] is not None else 0.0
        below_floor = (
            applies
            and dimension.floor > 0
            and (summary["score"] is None or summary["score"] < dimension.floor)
        )
        if below_floor:
            floor_gaps.append(dimension.key)
        dimensions.append(
            {
                "key": dimension.key,
                "weight": dimension.weight,
                "floor": dimension.floor,
                "score": _round(summary["score"]),
                "coverage": round(summary["coverage"], 4),
                "applies": applies,
                "below_floor": below_floor,
            }
        )
        for criterion, described in zip(dimension.criteria, dimension.described, strict=True):
            reading = readings.get(criterion.key, NO_READING)
            contribution = points_lost = 0.0
            if reading.status == OK:
                part = share * criterion.weight / summary["weight_with_evidence"] * 100
                contribution, points_lost = part * reading.normalised, part * (1 - reading.normalised)
            met = reading.status == OK and reading.normalised >= criterion.pass_level - 1e-9
            if criterion.critical and reading.status not in LEFT_OUT and not met:
                critical_gaps.append(criterion.key)
            criteria.append(
                {
                    **described,
                    "status": reading.status,
                    "raw": reading.raw,
                    "normalised": None if reading.normalised is None else round(reading.normalised, 6),
                    "contribution": contribution,
                    "points_lost": points_lost,
                    "met": met,
                    "note": reading.note[:300],
                }
            )

    if weight_all == 0 or coverage < plan.min_coverage - 1e-9:
        band = GREY  # nothing applies yet, or too little evidence for a colour a manager could act on
    elif score is None or critical_gaps or floor_gaps:
        band = RED
    elif score >= plan.threshold:
        band = GREEN
    else:
        band = AMBER
    return Result(
        rubric_id=plan.id,
        score=_round(score),
        coverage=round(coverage, 3),
        band=band,
        dimensions=dimensions,
        criteria=criteria,
    )


def _dimension(dimension: DimensionPlan, readings: dict[str, Reading]) -> dict:
    applicable = with_evidence = weighted = 0.0
    for criterion in dimension.criteria:
        reading = readings.get(criterion.key, NO_READING)
        if reading.status in LEFT_OUT:
            continue
        applicable += criterion.weight
        if reading.status == OK:
            with_evidence += criterion.weight
            weighted += criterion.weight * reading.normalised
    return {
        "applicable_weight": applicable,
        "weight_with_evidence": with_evidence,
        "score": 100 * weighted / with_evidence if with_evidence > 0 else None,
        "coverage": with_evidence / applicable if applicable > 0 else 0.0,
    }


def _round(value):
    return None if value is None else round(value, 1)
