"""Direction-safe text: arrows point the way the page reads, mixed Hebrew/Latin strings are isolated
(issue 14, item 8)."""

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(("language", "arrow"), [("he", "←"), ("ar", "←"), ("en", "→")])
def test_the_onward_arrow_points_the_way_the_page_reads(language, arrow):
    with translation.override(language):
        html = Template("{% load direction %}45.2 {% onward %} 71.8").render(Context())
    assert f'<span aria-hidden="true">{arrow}</span>' in html
    assert 'class="visually-hidden"' in html, "screen readers hear a word, not an arrow"


def test_no_template_draws_a_bare_right_arrow():
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    bare = [
        f"{path.relative_to(templates)}:{number}"
        for path in templates.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "→" in line and "{#" not in line and "{% if rtl %}" not in line
    ]
    assert bare == []
