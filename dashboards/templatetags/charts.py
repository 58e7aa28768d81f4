"""Template helpers of the dashboards: the charts drawn on the server, and a stage's short code.

``{% bar_chart table.chart %}`` and ``{% trend_chart kpi.trend %}`` write inline SVG in the request's
language (see api_human/core/charts.py); ``{{ phase.stage|stage_code }}`` writes "א'" in Hebrew and
"A" in English and Arabic — the same code the stage's full name starts with in the tables."""

from django import template

from api_human.core import charts
from dashboards.tables import stage_code as _stage_code

register = template.Library()


@register.simple_tag
def bar_chart(bars, pdf=False):
    """``{% bar_chart table.chart %}``; ``pdf=for_pdf`` draws it as an image WeasyPrint renders right."""
    return charts.bar_chart(bars, pdf=bool(pdf)) if bars else ""


@register.simple_tag
def trend_chart(trend, pdf=False):
    return charts.trend_chart(trend, pdf=bool(pdf)) if trend else ""


@register.filter
def stage_code(stage) -> str:
    return _stage_code(stage)
