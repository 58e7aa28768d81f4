"""The schema's view (apart from ``schema.py``, which DRF's settings import before drf-spectacular's views)."""

from django.utils import translation
from drf_spectacular.views import SpectacularAPIView

from .versioning import SCHEMA_VERSIONS, V1


class SchemaView(SpectacularAPIView):
    """The schema, always in English (identifiers must not change with Accept-Language); v1's, or
    v2's with ``?version=v2`` (versioning.py)."""

    versioning_class = None  # the version is ?version=, not this view's URL

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            number = SCHEMA_VERSIONS.get(request.GET.get("version", V1))
            if number and isinstance(getattr(response, "data", None), dict) and "info" in response.data:
                response.data["info"]["version"] = number
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response
