"""docs/rubrics.md, written from the catalogue (``definitions.RUBRICS``) so that the documentation of
each rubric — its criteria, weights and the source passage each rests on — can never drift from what
the engine loads. ``python manage.py rubric_reference`` rewrites it; a test fails when it is stale."""

from pathlib import Path

from django.conf import settings

REFERENCE = Path(settings.BASE_DIR) / "docs" / "rubrics.md"

KINDS = {
    "readiness": "readiness",
    "exit": "exit criteria (a gate)",
    "health": "health review (never a gate)",
    "maturity": "maturity",
}


def _cell(text) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _number(value) -> str:
    return f"{float(value):g}"


def _evidence(criterion: dict) -> str:
    if criterion.get("metric"):
        return f"measured: `{criterion['metric']}` {_number(criterion.get('floor', 0))} → {_number(criterion.get('target', 1))}"
    anchors = criterion.get("anchors", [])
    values = [a["value"] for a in anchors]
    days = criterion.get("validity_days")
    span = f"{_number(min(values))}–{_number(max(values))}" if values else ""
    return f"rated {span}" + (f", valid {days} days" if days else "")


def _source(criterion: dict) -> str:
    source = criterion.get("source") or {}
    if source.get("outside"):
        return f"outside framework: {_cell(source['outside'])}"
    quote = f" — «{_cell(source.get('quote'))}»" if source.get("quote") else ""
    return f"{_cell(source.get('section'))}{quote}"


def render(rubrics) -> str:
    lines = [
        "# The rubrics, criterion by criterion",
        "",
        "Written by `python manage.py rubric_reference` from `api_human/scoring/definitions.py` — do not edit",
        "by hand. The formula, the bands and coverage are in [scoring.md](scoring.md). Every criterion names",
        "the passage of the source document (the Human API operating model, in Hebrew) it rests on; a criterion",
        "from an outside framework says so, and exists only where the source is silent.",
        "",
        "Columns: **w** the criterion's weight in its dimension; **crit.** a critical criterion (a gate is red",
        "while it is not met); **met from** the normalised value from which it counts as met; **applies from**",
        "the point of the subject's life before which it is *not yet applicable*.",
        "",
    ]
    for rubric in rubrics:
        he, en = rubric["name"][0], rubric["name"][1]
        stage = f", stage {rubric['stage']}" if rubric.get("stage") else ""
        lines += [
            f"## {en} (`{rubric['key']}`)",
            "",
            f"*{he}* — subject: {rubric['subject_type']}{stage}; {KINDS.get(rubric['kind'], rubric['kind'])}; "
            f"green from {rubric.get('threshold', 75)}; grey below coverage {_number(rubric.get('min_coverage', 0.5))}.",
            "",
        ]
        description = (rubric.get("description") or ["", ""])[1]
        if description:
            lines += [_cell(description), ""]
        for dimension in rubric["dimensions"]:
            floor = f", floor {dimension['floor']}" if dimension.get("floor") else ""
            lines += [
                f"### {dimension['name'][1]} — weight {_number(dimension.get('weight', 1))}{floor}",
                "",
                "| criterion | w | crit. | met from | evidence | applies from | source | next action |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for c in dimension["criteria"]:
                lines.append(
                    f"| {_cell(c['text'][1])} (`{c['key']}`) | {_number(c.get('weight', 1))} "
                    f"| {'yes' if c.get('critical') else ''} | {_number(c.get('pass_level', 1))} "
                    f"| {_cell(_evidence(c))} | {c.get('applies_from', '')} | {_source(c)} "
                    f"| {_cell((c.get('next_action') or ['', ''])[1])} |"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def current_reference() -> str:
    from .definitions import RUBRICS

    return render(RUBRICS)
