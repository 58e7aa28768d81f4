"""Filter labels follow the language of the request: the filters django-filter makes from a model's
fields were labelled once, in English, when the class was made (issue: English on Hebrew pages)."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from api_human.core.filtersets import SearchFilterSet

LATIN = re.compile(r"[A-Za-z]{3,}")


def filtersets(cls=SearchFilterSet):
    for sub in cls.__subclasses__():
        yield sub
        yield from filtersets(sub)


def labels(filterset_class, language):
    with translation.override(language):
        form = filterset_class(data={}, request=None).form
        return {name: str(field.label) for name, field in form.fields.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["he", "ar"])
def test_no_filter_label_stays_in_english(language):
    found = list(filtersets())
    assert len(found) >= 8
    english_left = {}
    for filterset_class in found:
        for name, label in labels(filterset_class, language).items():
            if LATIN.search(label):
                english_left[f"{filterset_class.__name__}.{name}"] = label
    assert english_left == {}


@pytest.mark.django_db
def test_the_labels_change_with_the_language_of_each_request():
    from initiatives.filtersets import NeedFilterSet

    # Whoever touches a class-level filter's form field first (the schema generator does) must not fix
    # its label for every later page.
    assert NeedFilterSet.base_filters["status"].field is not None

    assert labels(NeedFilterSet, "en")["status"] == "Status"
    assert labels(NeedFilterSet, "he")["status"] != "Status"
    assert labels(NeedFilterSet, "en")["status"] == "Status", "an instance never changes the class"


@pytest.mark.django_db
def test_yes_no_filters_offer_any_yes_and_no():
    from tensions.filtersets import TensionFilterSet

    with translation.override("en"):
        form = TensionFilterSet(data={"open": "true"}, request=None).form
        html = str(form["open"])
        assert [label for _value, label in form.fields["open"].widget.choices] == ["Any", "Yes", "No"]
        assert "Unknown" not in html and '<option value="true" selected>' in html
        assert TensionFilterSet(data={"open": ""}, request=None).form["open"].value() in ("", None)


@pytest.mark.django_db
def test_a_compact_select_labels_rows_as_their_str_does():
    """``CompactSelect`` labels model rows from ``.values()`` on bare instances: the labels are the ones
    ``str()`` of the real rows gives, for every model that names its ``label_columns`` (and for others)."""
    from django import forms
    from django.apps import apps

    from api_human.core.filtersets import CompactSelect
    from tests.factories import EngagementFactory, OrganizationFactory

    OrganizationFactory(name="Alpha & <Beta>")
    EngagementFactory(name="Digital welfare")
    named = [model for model in apps.get_models() if getattr(model, "label_columns", None)]
    assert {m.__name__ for m in named} >= {"Organization", "Engagement", "Broadcast"}
    from api_human.core.models import EngagementMembership

    for model in [*named, EngagementMembership]:  # the last: __str__ follows relations, the usual way
        field = forms.ModelChoiceField(queryset=model._default_manager.all())
        widget = CompactSelect()
        widget.choices = field.widget.choices
        html = widget.render("x", None)
        expected = "".join(
            f'<option value="{row.pk}">{escape(str(row))}</option>' for row in model._default_manager.all()
        )
        assert html.endswith(expected + "</select>"), model.__name__
        assert html.startswith('<select name="x"><option value="" selected>---------</option>')
    assert "Alpha &amp; &lt;Beta&gt;" in _widget_for(OrganizationFactory._meta.model).render("x", None)


def _widget_for(model):
    from django import forms

    from api_human.core.filtersets import CompactSelect

    widget = CompactSelect()
    widget.choices = forms.ModelChoiceField(queryset=model._default_manager.all()).widget.choices
    return widget


@pytest.mark.django_db
def test_a_yes_no_filter_refuses_anything_but_yes_no_or_any(cast):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(cast.team_member)
    for value in ("true", "false", ""):
        assert api.get(f"/api/v1/connections/?direct={value}").status_code == 200, value
    for value in ("ture", "1", "\u0092?i5"):
        answer = api.get("/api/v1/connections/", {"direct": value})
        assert answer.status_code == 400, value
        assert answer.json()["errors"][0] == {
            "field": "direct",
            "code": "invalid_choice",
            "message": answer.json()["fields"]["direct"][0],
        }
