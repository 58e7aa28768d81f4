"""The OpenAPI schema is valid, and a schema-driven fuzz run finds no 5xx on the partner endpoints."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from api_human.core import services as core_services

pytestmark = pytest.mark.django_db(transaction=True)

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application()).include(
    path_regex=r"^/api/v1/partner/"
)


def test_the_openapi_schema_is_valid():
    response = APIClient().get("/api/schema/?format=json")
    document = json.loads(response.content)
    validate(document)
    partner_paths = [path for path in document["paths"] if path.startswith("/api/v1/partner/")]
    assert {
        "/api/v1/partner/register/",
        "/api/v1/partner/broadcasts/",
        "/api/v1/partner/opportunities/",
        "/api/v1/partner/opportunities/{id}/submit/",
        "/api/v1/partner/opportunities/{id}/attachments/",
        "/api/v1/partner/keys/rotate/",
    } <= set(partner_paths)
    create = document["paths"]["/api/v1/partner/opportunities/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["examples"]  # the contract has examples


@pytest.fixture
def partner_key(transactional_db):
    from tests.factories import OrganizationFactory, UserFactory

    organization = OrganizationFactory(name="Fuzz Ltd")
    user = UserFactory(username="fuzzer", role="partner", organization=organization)
    return core_services.partner_key_issue(user=user, name="fuzz")[1]


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_partner_endpoints_never_answer_5xx(case, partner_key):
    response = case.call(headers={"Authorization": f"Api-Key {partner_key}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
