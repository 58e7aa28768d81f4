"""The API's versions: ``/api/v1/`` and ``/api/v2/``, one router mounted twice.

v2 is v1 with one difference: the lists of records that hold collections (engagements, initiatives,
tensions, opportunities, events) answer their rows as ``…/summary/`` does — every field of the
record, each collection counted (``partner_count``, ``need_count``…) instead of listed. A record
(``…/{id}/``) keeps its full shape in both. v1 does not change (README, *Deprecation policy*).

The version is the URL namespace the request resolved in (``api`` → v1, ``api-v2`` → v2), so
drf-spectacular can draw one schema per version (``/api/schema/?version=v2``).
"""

from rest_framework.versioning import BaseVersioning, NamespaceVersioning

V1, V2 = "v1", "v2"
NAMESPACES = {"api": V1, "api-v2": V2}
SCHEMA_VERSIONS = {V1: None, V2: "2.0.0"}  # None: SPECTACULAR_SETTINGS["VERSION"] (v1's)


class PathVersioning(NamespaceVersioning):
    default_version = V1
    allowed_versions = (V1, V2)

    def determine_version(self, request, *args, **kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or not match.namespaces:
            return self.default_version
        return NAMESPACES.get(match.namespaces[0], self.default_version)

    def reverse(self, viewname, args=None, kwargs=None, request=None, format=None, **extra):
        """DRF's reverse (absolute with a request), to the request's version of a v1 (``api:``) name."""
        if request is not None and request.version == V2 and viewname.startswith("api:"):
            viewname = "api-v2:" + viewname.removeprefix("api:")
        return BaseVersioning.reverse(self, viewname, args, kwargs, request, format, **extra)


def compact_lists(request) -> bool:
    """Whether a list answers summary rows: v2 does."""
    return getattr(request, "version", None) == V2
