"""The shipped rubric catalogue rests on the source document (the operating model "API אנושי"): every
criterion cites a passage of it — or, where the source is silent, names an outside framework — says what to
do next, and is written in Hebrew, English and Arabic. No database is needed."""

import pytest

from api_human.scoring.definitions import RUBRICS
from api_human.scoring.registry import METRICS

LANGUAGES = ("he", "en", "ar")
BRIDGING_SCORE = "scoring.bridging_score"  # registered by the scoring app (the engagement's bridging score)
# The five parameters of a working connection between the worlds, in the source's words
# ("רציונל בבסיס המודל"); stage D looks for exactly these.
PARAMETERS = {
    "הבנת הצרכים של כל עולם ומציאת פתרונות",
    "רצון ויכולת של בעלי תפקידים לעבוד ביחד",
    "שפה מובנת לשני העולמות",
    "מדיניות ונהלים המאפשרים עבודה אחד עם השני",
    "יוזמות משותפות",
}
LIFECYCLES = {
    "initiative": {"idea", "exploring", "joint_team", "pilot", "scaling", "sustained"},
    "opportunity": {"idea", "prototype", "pilot", "in_use", "at_scale"},
}


def normalise(text: str) -> str:
    return " ".join(text.split())


def criteria():
    for rubric in RUBRICS:
        for dimension in rubric["dimensions"]:
            for criterion in dimension["criteria"]:
                yield rubric, dimension, criterion


def by_key(key):
    return next(r for r in RUBRICS if r["key"] == key)


def criterion_ids():
    return [f"{r['key']}/{c['key']}" for r, _d, c in criteria()]


def assert_three_languages(value, what, *, may_be_empty=False):
    assert isinstance(value, (list, tuple)) and len(value) == 3, (
        f"{what}: (he, en, ar) expected, got {value!r}"
    )
    written = [isinstance(t, str) and bool(t.strip()) for t in value]
    if may_be_empty and not any(written):
        return
    assert all(written), (
        f"{what}: a text is missing in {[lang for lang, w in zip(LANGUAGES, written, strict=True) if not w]}"
    )


# ------------------------------------------------------------------------------------------------
# Grounding
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("rubric", "dimension", "criterion"), list(criteria()), ids=criterion_ids())
def test_every_criterion_cites_the_source_or_names_an_outside_framework(rubric, dimension, criterion):
    source = criterion.get("source")
    assert isinstance(source, dict) and set(source) == {"section", "quote", "outside"}, source
    assert source["section"].strip(), "the section of the source it rests on"
    quote, outside = source["quote"].strip(), source["outside"].strip()
    assert quote or outside, "a quote from that section, or the outside framework it comes from"
    assert len(quote.split()) <= 15, "a short quote, 15 words at most"


def test_the_bridging_dimensions_are_the_five_parameters_in_the_sources_words():
    assert {normalise(d["name"][0]) for d in by_key("bridging")["dimensions"]} == PARAMETERS


def test_only_the_maturity_questionnaire_is_outside_by_nature():
    outside = {
        (r["key"], c["key"]): c["source"]["outside"] for r, _d, c in criteria() if c["source"]["outside"]
    }
    maturity = by_key("organization-maturity")
    for _d, c in ((d, c) for d in maturity["dimensions"] for c in d["criteria"]):
        assert c["source"]["outside"] == "EU Digital Maturity Assessment", c["key"]
        assert c["source"]["section"].startswith("שלב א'"), "stage A used a digital-maturity diagnostic"
    others = {key for key in outside if key[0] != "organization-maturity"}
    assert len(others) <= 3, f"prefer the source to outside frameworks: {sorted(others)}"


# ------------------------------------------------------------------------------------------------
# Three languages and a next action
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rubric", RUBRICS, ids=[r["key"] for r in RUBRICS])
def test_rubric_and_dimension_texts_are_in_three_languages(rubric):
    assert_three_languages(rubric["name"], f"{rubric['key']} name")
    assert_three_languages(rubric["description"], f"{rubric['key']} description")
    for dimension in rubric["dimensions"]:
        assert_three_languages(dimension["name"], f"{rubric['key']}/{dimension['key']} name")


@pytest.mark.parametrize(("rubric", "dimension", "criterion"), list(criteria()), ids=criterion_ids())
def test_criterion_texts_and_next_action_are_in_three_languages(rubric, dimension, criterion):
    where = f"{rubric['key']}/{criterion['key']}"
    assert_three_languages(criterion["text"], f"{where} text")
    assert_three_languages(criterion["guidance"], f"{where} guidance", may_be_empty=True)
    assert_three_languages(criterion.get("next_action"), f"{where} next_action")
    for anchor in criterion.get("anchors", []):
        labels = [anchor.get(f"label_{lang}") for lang in LANGUAGES]
        assert_three_languages(labels, f"{where} anchor {anchor['value']}")


# ------------------------------------------------------------------------------------------------
# What the source says about the stages
# ------------------------------------------------------------------------------------------------
def test_stage_c_never_ends_so_it_has_a_health_review_and_no_exit():
    kinds = {(r["kind"], r["stage"]) for r in RUBRICS if r["subject_type"] == "stage"}
    assert ("exit", "C") not in kinds
    assert ("health", "C") in kinds
    for stage in ("A", "B1", "B2", "D"):
        assert ("exit", stage) in kinds


def test_the_bridging_rubric_rates_the_five_parameters_in_both_worlds():
    bridging = by_key("bridging")
    assert (bridging["subject_type"], bridging["kind"], bridging["stage"]) == ("engagement", "health", "")
    assert {d["name"][0] for d in bridging["dimensions"]} == PARAMETERS
    assert len(bridging["dimensions"]) == 5
    for dimension in bridging["dimensions"]:
        rated = [c for c in dimension["criteria"] if "anchors" in c]
        sides = {c["key"].rsplit("-", 1)[-1] for c in rated}
        assert sides == {"welfare", "digital"}, dimension["key"]
        for criterion in rated:
            assert criterion["key"] == f"{dimension['key']}-{criterion['key'].rsplit('-', 1)[-1]}"
            assert [a["value"] for a in criterion["anchors"]] == [0, 1, 2, 3]
            assert criterion["validity_days"] == 365


def test_buds_of_perceptual_change_and_the_bridging_score_are_read_before_entering_d():
    readiness = by_key("stage-d-readiness")
    read = {c.get("metric") for d in readiness["dimensions"] for c in d["criteria"]}
    assert {"stages.change_signals", BRIDGING_SCORE} <= read
    critical = [c for d in readiness["dimensions"] for c in d["criteria"] if c["critical"]]
    assert critical and all("metric" in c for c in critical), "a critical criterion the data can always show"
    exit_review = by_key("stage-d-exit")
    keys = {c["key"] for d in exit_review["dimensions"] for c in d["criteria"]}
    assert {
        "bridging",
        "unmediated-institutionalised",
        "ministry-owned-relationships",
        "publications",
        "change-signals",
        "infrastructure-strength",
        "sustain-over-time",
        "ministry-digital-connection",
    } <= keys


def test_no_criterion_comes_from_the_outside_sustainability_tool():
    keys = {c["key"] for _r, _d, c in criteria()}
    assert {k for k in keys if k.startswith("sustain-")} == {"sustain-over-time"}


def test_an_idea_is_not_marked_down_for_what_it_cannot_have_yet():
    opportunity = {
        c["key"]: c for d in by_key("opportunity-pilot-readiness")["dimensions"] for c in d["criteria"]
    }
    assert opportunity["technology-readiness"]["applies_from"] == "prototype"
    assert opportunity["evidence"]["applies_from"] == "prototype"
    assert (
        "applies_from" not in opportunity["idea-argued"]
        and "applies_from" not in opportunity["learning-plan"]
    )
    initiative = {
        c["key"]: c for d in by_key("initiative-scale-readiness")["dimensions"] for c in d["criteria"]
    }
    order = ("idea", "exploring", "joint_team", "pilot", "scaling", "sustained")
    for key in ("pilot-kpis-met", "learning-plan", "lessons-recorded", "scale-funding", "operator-capacity"):
        assert order.index(initiative[key]["applies_from"]) >= order.index("pilot"), key
    assert not initiative["pilot-kpis-met"]["critical"], "a service that never ran may have no KPI to meet"


# ------------------------------------------------------------------------------------------------
# Shape: subject types, points of life, metrics
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rubric", RUBRICS, ids=[r["key"] for r in RUBRICS])
def test_rubric_shape(rubric):
    assert rubric["subject_type"] in {"stage", "initiative", "opportunity", "organization", "engagement"}
    assert rubric["kind"] in {"readiness", "exit", "maturity", "health"}
    assert bool(rubric["stage"]) == (rubric["subject_type"] == "stage")
    assert 0 < rubric.get("min_coverage", 0.5) <= 1
    keys = [c["key"] for d in rubric["dimensions"] for c in d["criteria"]]
    assert len(keys) == len(set(keys)), "criterion keys are unique within a rubric"
    points = LIFECYCLES.get(rubric["subject_type"], set())
    for dimension in rubric["dimensions"]:
        for criterion in dimension["criteria"]:
            if "applies_from" in criterion:
                assert criterion["applies_from"] in points, f"{rubric['subject_type']} has no such point"
    assert len({r["key"] for r in RUBRICS}) == len(RUBRICS)


@pytest.mark.parametrize(("rubric", "dimension", "criterion"), list(criteria()), ids=criterion_ids())
def test_every_metric_is_registered_for_the_rubrics_subject_type(rubric, dimension, criterion):
    key = criterion.get("metric")
    if key is None:
        assert criterion.get("anchors"), "a criterion is measured or rated"
        return
    if key == BRIDGING_SCORE and key not in METRICS:
        pytest.skip(f"{BRIDGING_SCORE} is not registered yet")
    assert key in METRICS, f"{key} is not registered"
    assert METRICS[key].subject_type == rubric["subject_type"], key
