"""The scoring package knows subjects only through what apps register: it imports no domain app."""

import ast
from pathlib import Path

import pytest

from api_human.scoring.models import SubjectType
from api_human.scoring.registry import SUBJECTS, subjects_in_order

PACKAGE = Path(__file__).resolve().parents[2] / "api_human" / "scoring"
DOMAIN_APPS = {"stages", "initiatives", "opportunities", "tensions", "dashboards", "webhooks"}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, wherever the import stands (inside functions too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_scoring_package_imports_no_domain_app(path):
    offending = {name for name in imported_modules(path) if name.split(".")[0] in DOMAIN_APPS}
    assert not offending, f"{path.name} imports {sorted(offending)}"


def test_the_check_would_see_an_import_hidden_in_a_function(tmp_path):
    source = tmp_path / "hidden.py"
    source.write_text("def f():\n    from stages.models import StagePhase\n    return StagePhase\n")
    assert "stages.models" in imported_modules(source)


def test_every_subject_type_is_registered_with_what_the_engine_needs():
    assert set(SUBJECTS) == set(SubjectType.values)
    for spec in SUBJECTS.values():
        assert callable(spec.expand) and callable(spec.queryset) and callable(spec.title)
    # The engagement (bridging) is scored before its stages, which read its score.
    order = [spec.key for spec in subjects_in_order()]
    assert order.index("engagement") < order.index("stage")
    assert SUBJECTS["initiative"].lifecycle[:2] == ("idea", "exploring")
    assert SUBJECTS["opportunity"].lifecycle[0] == "idea"


def test_docs_rubrics_md_is_written_from_the_catalogue():
    from api_human.scoring.reference import REFERENCE, current_reference

    assert REFERENCE.read_text() == current_reference(), "run `python manage.py rubric_reference`"
    assert "«" in REFERENCE.read_text() and "outside framework" in REFERENCE.read_text()
