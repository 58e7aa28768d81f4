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
    "not_yet": lambda: _("Not yet applicable"),
}


@register.filter
def local(item: dict, name: str) -> str:
    """``criterion|local:"text"`` — the text of a snapshot's dict in the interface language."""
    return in_language(item.get(f"{name}_he", ""), item.get(f"{name}_en", ""), item.get(f"{name}_ar", ""))


@register.filter
def life_label(point: str, subject_type: str) -> str:
    """``criterion.applies_from|life_label:rubric.subject_type`` — a point of a subject's life, in words."""
    from ..registry import SUBJECTS

    spec = SUBJECTS.get(subject_type)
    return str(spec.life_labels().get(point, point)) if spec else point


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
