"""Template helpers of the dashboards: the charts drawn on the server, and a stage's short code.

``{% bar_chart table.chart %}`` and ``{% trend_chart kpi.trend %}`` write inline SVG in the request's
language (see api_human/core/charts.py). A stage's short code is ``stage_code`` of the core's
``direction`` tags.

A chart is a function of its figures, the language and the time zone: the markup of each (not the
PDF's images) is kept in this process, a few thousand at most, so a page drawing dozens of them does
not work out each spec again — the core keeps the drawing itself, by the spec."""

import dataclasses

from django import template
from django.utils import timezone, translation
from django.utils.functional import Promise

from api_human.core import charts

register = template.Library()

_drawn: dict = {}
_MOST = 4000


def _frozen(value):
    """A chart's field as part of a key: lists as tuples, lazy texts in the active language."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    return value


def _key(chart, pdf: bool):
    if pdf:  # the PDF's images are large, and drawn by a worker: not kept here
        return None
    if not isinstance(chart, charts.Trend | charts.Bars):
        return None
    # every field of the chart (a field added later is part of the key without a word here)
    figures = tuple((f.name, _frozen(getattr(chart, f.name))) for f in dataclasses.fields(chart))
    key = (
        type(chart).__name__,
        pdf,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        figures,
    )
    try:
        hash(key)
    except TypeError:  # figures of a kind that cannot be a key: drawn every time
        return None
    return key


def _memo(chart, pdf: bool, draw):
    key = _key(chart, pdf)
    if key is None:
        return draw(chart, pdf=pdf)
    drawn = _drawn.get(key)
    if drawn is None:
        drawn = draw(chart, pdf=pdf)
        if len(_drawn) >= _MOST:
            _drawn.clear()
        _drawn[key] = drawn
    return drawn


@register.simple_tag
def bar_chart(bars, pdf=False):
    """``{% bar_chart table.chart %}``; ``pdf=for_pdf`` draws it as an image WeasyPrint renders right."""
    return _memo(bars, bool(pdf), charts.bar_chart) if bars else ""


@register.simple_tag
def trend_chart(trend, pdf=False):
    return _memo(trend, bool(pdf), charts.trend_chart) if trend else ""
