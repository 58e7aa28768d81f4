"""Template helpers for scores: the localised text of a snapshot's criterion, band and status labels."""

from django import template
from django.utils.translation import gettext as _

from ..models import Band, in_language

register = template.Library()

STATUS_LABELS = {
    "ok": lambda: _("Has evidence"),
    "missing": lambda: _("No evidence yet"),
    "expired": lambda: _("Rating expired"),
    "n/a": lambda: _("Does not apply"),
}


@register.filter
def local(item: dict, name: str) -> str:
    """``criterion|local:"text"`` — the Hebrew or English text of a snapshot's dict."""
    return in_language(item.get(f"{name}_he", ""), item.get(f"{name}_en", ""))


@register.filter
def band_label(band: str) -> str:
    return str(Band(band).label) if band in Band.values else ""


@register.filter
def evidence_status(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return label() if label else status


@register.filter
def points(value) -> str:
    return "—" if value is None else f"{float(value):.1f}"


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"
