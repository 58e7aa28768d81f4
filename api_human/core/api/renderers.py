"""JSON answers written by orjson (drf-orjson-renderer): the same JSON as DRF's renderer, faster.

Dates and times still go through DRF's own encoder (ISO 8601 with milliseconds and ``Z``, as before),
as do lazy translations, decimals and anything else orjson does not know; keys that are not text
(an index in an error) are written as text, as ``json.dumps`` did.
"""

import orjson
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_drf = JSONEncoder()


class JSONRenderer(ORJSONRenderer):
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    @staticmethod
    def default(obj):
        return _drf.default(obj)
