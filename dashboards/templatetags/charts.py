"""Template helpers of the dashboards: the charts drawn on the server, and a stage's short code.

``{% bar_chart table.chart %}`` and ``{% trend_chart kpi.trend %}`` write inline SVG in the request's
language (see api_human/core/charts.py). A stage's short code is ``stage_code`` of the core's
``direction`` tags."""

from django import template

from api_human.core import charts

register = template.Library()


@register.simple_tag
def bar_chart(bars, pdf=False):
    """``{% bar_chart table.chart %}``; ``pdf=for_pdf`` draws it as an image WeasyPrint renders right."""
    return charts.bar_chart(bars, pdf=bool(pdf)) if bars else ""


@register.simple_tag
def trend_chart(trend, pdf=False):
    return charts.trend_chart(trend, pdf=bool(pdf)) if trend else ""
