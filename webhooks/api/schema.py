"""How the endpoint's address is documented in the OpenAPI schema: a URI of the accepted shape
(``https://…``; ``http://127.0.0.1``/``localhost`` where the settings allow it)."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from ..models import url_pattern


class EndpointURLField(serializers.URLField):
    pass


class EndpointURLFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EndpointURLField

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "uri", "maxLength": 500, "pattern": url_pattern()}
