"""The scoring package knows subjects only through what apps register (that it imports no domain app is
checked for every app by tests/test_architecture.py)."""

from api_human.scoring.models import SubjectType
from api_human.scoring.registry import SUBJECTS, subjects_in_order


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
