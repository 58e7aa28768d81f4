"""Direction-safe words for templates.

``→`` is not mirrored by the Unicode bidi algorithm, so "45.2 → 71.8" or "old → new" read backwards
on a Hebrew or Arabic page:

* ``{% from_to before after %}`` says it in words — "from 45.2 to 71.8" — each side isolated;
* ``{{ phase|stage_code }}`` — a stage's short code in the language's one style ("א'", "A");
* ``{% onward %}`` (between the steps of a list) draws ``←`` on right-to-left pages and ``→`` on
  left-to-right ones, hidden from screen readers, which hear "to" instead.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi, pgettext

from api_human.core.models import stage_code as _stage_code

register = template.Library()


@register.simple_tag
def onward():
    return format_html(
        '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>',
        "←" if get_language_bidi() else "→",
        pgettext("from one value to another", "to"),
    )


@register.simple_tag
def from_to(before, after, plain=False):
    """A move between two figures or states in words — "from 45.2 to 71.8" — never with an arrow,
    which reads backwards right to left. In HTML each side is isolated in ``<bdi>`` (the new one in
    bold), so a number or a Latin word keeps its place in a Hebrew or Arabic sentence."""
    sentence = pgettext("from one value to another", "from %(before)s to %(after)s")
    if plain:  # the e-mail's text part
        return sentence % {"before": before, "after": after}
    return SafeString(
        conditional_escape(sentence)
        % {
            "before": format_html("<bdi>{}</bdi>", before),
            "after": format_html("<bdi><strong>{}</strong></bdi>", after),
        }
    )


@register.filter
def stage_code(stage) -> str:
    return _stage_code(stage)
