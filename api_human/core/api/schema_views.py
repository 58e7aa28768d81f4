"""The schema's view (apart from ``schema.py``, which DRF's settings import before drf-spectacular's views)."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from .versioning import SCHEMA_VERSIONS, V1

# Schemas built so far, by (version, language): the schema is public and follows from the code alone, so
# it is built once per process (building it walks every view and serializer: seconds of CPU that an
# anonymous client could otherwise ask for again and again).
_BUILT: dict[tuple, dict] = {}


def forget_schemas() -> None:
    """Build the schemas again on their next request (tests that change the views or the settings)."""
    _BUILT.clear()


class SchemaView(SpectacularAPIView):
    """The schema, always in English (identifiers must not change with Accept-Language); v1's, or
    v2's with ``?version=v2`` (versioning.py). Built for no one in particular — the same for every
    caller, whoever is signed in — once per process and version."""

    versioning_class = None  # the version is ?version=, not this view's URL

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        language = translation.get_language()
        key = (version, language)
        schema = _BUILT.get(key)
        if schema is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = generator.get_schema(request=None, public=self.serve_public)  # no caller's user in it
            number = SCHEMA_VERSIONS.get(version or V1)
            if number and "info" in schema:
                schema["info"]["version"] = number
            if language in dict(settings.LANGUAGES):  # ?lang= of anything else: built, not kept
                _BUILT[key] = schema
        filename = self._get_filename(request, version)
        return Response(data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'})
