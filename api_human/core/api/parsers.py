"""JSON bodies with limits: nesting and list lengths are capped, so no body can exhaust the server.

A JSON document nested 100,000 deep makes Python's parser raise ``RecursionError``; a list of a million
items costs memory and time in validation. Both are a 400 (``parse_error`` / ``too_deep`` /
``too_long``) before anything else looks at the body.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

MAX_DEPTH = 32
MAX_ITEMS = 1000


class BodyTooComplex(exceptions.ParseError):
    default_code = "too_complex"


def check_shape(data, *, max_depth: int = MAX_DEPTH, max_items: int = MAX_ITEMS) -> None:
    """Walks the parsed document without recursion; raises ``BodyTooComplex`` past either limit."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > max_depth:
                raise BodyTooComplex(
                    _("The request body is nested too deeply (at most %(max)d levels).") % {"max": max_depth},
                    code="too_deep",
                )
            if len(value) > max_items:
                raise BodyTooComplex(
                    _("A list or object in the request body has more than %(max)d items.")
                    % {"max": max_items},
                    code="too_long",
                )
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise BodyTooComplex(_("The request body is nested too deeply."), code="too_deep") from None
        check_shape(
            data,
            max_depth=getattr(settings, "API_MAX_JSON_DEPTH", MAX_DEPTH),
            max_items=getattr(settings, "API_MAX_JSON_ITEMS", MAX_ITEMS),
        )
        return data
