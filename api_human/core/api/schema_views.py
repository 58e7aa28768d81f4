"""The schema's view (apart from ``schema.py``, which DRF's settings import before drf-spectacular's views)."""

from django.utils import translation
from drf_spectacular.views import SpectacularAPIView


class SchemaView(SpectacularAPIView):
    """The schema, always in English (identifiers must not change with Accept-Language)."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response
