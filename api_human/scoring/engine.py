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
from typing import NamedTuple

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


class Reading(NamedTuple):
    """The evidence of one criterion for one subject: its status, raw value and normalised value (a
    tuple: readings are the keys of the evaluation caches, and a tuple hashes fast)."""

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


def criterion_row(described: dict, reading, contribution, points_lost, met: bool) -> dict:
    """A criterion's entry in a snapshot: what describes it, its reading and what it counted for."""
    return {
        **described,
        "status": reading.status,
        "raw": reading.raw,
        "normalised": None if reading.normalised is None else round(reading.normalised, 6),
        "contribution": contribution,
        "points_lost": points_lost,
        "met": met,
        "note": reading.note[:300],
    }


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
            criteria.append(criterion_row(described, reading, contribution, points_lost, met))

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


# ------------------------------------------------------------------------------------------------
# The same formula for many subjects at once: what a snapshot stores, from parts kept per dimension
# ------------------------------------------------------------------------------------------------
COPY_NULL = "\\N"  # COPY's text format


def _compact(value) -> str:
    """JSON as a snapshot stores it (compact), its backslashes doubled for COPY's text format."""
    return json.dumps(value, separators=(",", ":")).replace("\\", "\\\\")


def _copy_value(value) -> str:
    return COPY_NULL if value is None else str(value)


class Evaluated(NamedTuple):
    """What a snapshot stores of a result: ``columns`` is its score, coverage, band, dimensions,
    criteria and digest as one line of COPY's text format (``Evaluator``)."""

    score: float | None
    coverage: float
    band: str
    digest: str
    columns: str


def copy_columns(result: Result) -> str:
    """A result's columns as a line of COPY's text format (the JSON compact, its backslashes doubled:
    the only character COPY would read otherwise)."""
    return "\t".join(
        [
            _copy_value(result.score),
            _copy_value(result.coverage),
            result.band,
            _compact(result.dimensions),
            _compact(result.criteria),
            result.digest,
        ]
    )


def evaluated(result: Result) -> Evaluated:
    return Evaluated(result.score, result.coverage, result.band, result.digest, copy_columns(result))


class _Part:
    """What one dimension's readings give whatever the other dimensions read: its ``summary`` (all the
    rest of the result reads of it), its share of the digest's text, and its criteria's rows (by its
    share of the score)."""

    __slots__ = ("dimension", "essence", "readings", "rows", "summary", "weight_with_evidence")

    def __init__(self, dimension: DimensionPlan, readings: tuple[Reading, ...]):
        by_key = {c.key: r for c, r in zip(dimension.criteria, readings, strict=True)}
        summary = _dimension(dimension, by_key)
        applies = summary["applicable_weight"] > 0
        below_floor = (
            applies
            and dimension.floor > 0
            and (summary["score"] is None or summary["score"] < dimension.floor)
        )
        critical_gap, essence = False, []
        for criterion, reading in zip(dimension.criteria, readings, strict=True):
            met = reading.status == OK and reading.normalised >= criterion.pass_level - 1e-9
            if criterion.critical and reading.status not in LEFT_OUT and not met:
                critical_gap = True
            normalised = None if reading.normalised is None else round(reading.normalised, 6)
            essence.append(
                json.dumps(
                    (criterion.key, reading.status, reading.raw, normalised and round(normalised, 4)),
                    default=str,
                )
            )
        self.dimension, self.readings = dimension, readings
        self.weight_with_evidence = summary["weight_with_evidence"]
        self.summary = (
            summary["applicable_weight"],
            summary["score"],
            summary["coverage"],
            below_floor,
            critical_gap,
        )
        self.essence = ", ".join(essence)
        self.rows = {}

    def rows_for(self, share: float) -> str:
        """Its criteria's rows of the result (as ``evaluate`` writes them) for its share of the score:
        compact JSON without the list's brackets ("" for a dimension without criteria)."""
        found = self.rows.get(share)
        if found is not None:
            return found
        rows = []
        dimension = self.dimension
        for criterion, described, reading in zip(
            dimension.criteria, dimension.described, self.readings, strict=True
        ):
            contribution = points_lost = 0.0
            if reading.status == OK:
                points = share * criterion.weight / self.weight_with_evidence * 100
                contribution, points_lost = points * reading.normalised, points * (1 - reading.normalised)
            met = reading.status == OK and reading.normalised >= criterion.pass_level - 1e-9
            rows.append(criterion_row(described, reading, contribution, points_lost, met))
        if len(self.rows) >= 64:
            self.rows.clear()
        found = self.rows[share] = _compact(rows)[1:-1]
        return found


class Evaluator:
    """``evaluate`` of one plan for many subjects, straight to what a snapshot stores (``Evaluated``).

    The same formula, worked out per dimension: a dimension's summary, its share of the digest and its
    criteria's rows depend only on its own readings (the rows also on its share of the score), and the
    score, coverage, band, shares and the dimensions' rows only on the dimensions' summaries — so each is
    computed (and serialised) once per distinct value and kept, and a subject costs a few lookups, one
    join of texts and one hash. The result is identical, to the byte, to
    ``evaluated(evaluate(plan, readings))`` (tests/scoring/test_formula.py checks it). A plan whose
    criterion keys repeat (the readings of a dict would overwrite each other) takes that path."""

    KEPT = 20_000  # parts (per dimension) and combinations remembered at most, then forgotten at once

    def __init__(self, plan: RubricPlan):
        self.plan = plan
        self.keys = [c.key for c in plan.criteria]
        self.exact = len(set(self.keys)) == len(self.keys)
        self.spans, start = [], 0
        for dimension in plan.dimensions:
            self.spans.append((dimension, start, start + len(dimension.criteria), {}))
            start += len(dimension.criteria)
        self._combinations = {}
        self._dimension_rows = {}  # (its position, summary) → a dimension's row of the result (JSON)

    def __call__(self, readings: tuple[Reading, ...]) -> Evaluated:
        if not self.exact or len(readings) != len(self.keys):
            return evaluated(evaluate(self.plan, dict(zip(self.keys, readings, strict=True))))
        found = []
        for dimension, start, end, parts in self.spans:
            chunk = readings[start:end]
            part = parts.get(chunk)
            if part is None:
                if len(parts) >= self.KEPT:
                    parts.clear()
                part = parts[chunk] = _Part(dimension, chunk)
            found.append(part)
        summaries = tuple([part.summary for part in found])
        combination = self._combinations.get(summaries)
        if combination is None:
            if len(self._combinations) >= self.KEPT:
                self._combinations.clear()
            combination = self._combinations[summaries] = self._combine(summaries)
        score, coverage, band, shares, digest_head, columns_head = combination
        rows, essence = [], []
        for part, share in zip(found, shares, strict=True):
            row = part.rows_for(share)
            if row:
                rows.append(row)
                essence.append(part.essence)
        digest = hashlib.sha256(f"{digest_head}{', '.join(essence)}]]".encode()).hexdigest()
        return Evaluated(score, coverage, band, digest, f"{columns_head}[{','.join(rows)}]\t{digest}")

    def _combine(self, summaries: tuple) -> tuple:
        """Score, coverage, band and shares from the dimensions' summaries — exactly the sums of
        ``evaluate``, in its order — with the texts that start the digest and the COPY line."""
        plan = self.plan
        pairs = [(dimension, summary) for (dimension, *_), summary in zip(self.spans, summaries, strict=True)]
        scored = [(d, s) for d, s in pairs if s[0] > 0]
        with_score = [(d, s) for d, s in scored if s[1] is not None]
        weight_with_score = sum(d.weight for d, _ in with_score)
        weight_all = sum(d.weight for d, _ in scored)
        score = None
        if weight_with_score > 0:
            score = sum(d.weight * s[1] for d, s in with_score) / weight_with_score
        coverage = 0.0
        if weight_all > 0:
            coverage = sum(d.weight * s[2] for d, s in scored) / weight_all
        shares = tuple(d.weight / weight_with_score if s[1] is not None else 0.0 for d, s in pairs)
        if weight_all == 0 or coverage < plan.min_coverage - 1e-9:
            band = GREY
        elif score is None or any(s[4] for _, s in pairs) or any(s[3] for _, s in pairs):
            band = RED
        elif score >= plan.threshold:
            band = GREEN
        else:
            band = AMBER
        score, coverage = _round(score), round(coverage, 3)
        rows = self._dimension_rows
        if len(rows) >= self.KEPT:
            rows.clear()
        dimensions = []
        for index, (d, s) in enumerate(pairs):
            row = rows.get((index, s))
            if row is None:
                row = rows[(index, s)] = _compact(
                    {
                        "key": d.key,
                        "weight": d.weight,
                        "floor": d.floor,
                        "score": _round(s[1]),
                        "coverage": round(s[2], 4),
                        "applies": s[0] > 0,
                        "below_floor": s[3],
                    }
                )
            dimensions.append(row)
        digest_head = f"[{json.dumps(plan.id)}, {json.dumps(score)}, {json.dumps(band)}, ["
        columns_head = f"{_copy_value(score)}\t{_copy_value(coverage)}\t{band}\t[{','.join(dimensions)}]\t"
        return score, coverage, band, shares, digest_head, columns_head
