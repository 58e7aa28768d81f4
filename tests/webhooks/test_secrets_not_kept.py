"""Answers that hold a secret are never stored for an Idempotency-Key replay (nor documented as such)."""

import pytest

from api_human.core.models import IdempotencyKey

from .conftest import keyed

pytestmark = pytest.mark.django_db


def test_a_signing_secret_is_never_kept_for_a_replay(cast, receiver):
    client = keyed(cast.partner_a)
    body = {"url": receiver.url(), "events": ["broadcast.published"]}
    first = client.post("/api/v1/partner/webhooks/", body, format="json", HTTP_IDEMPOTENCY_KEY="hook-1")
    assert first.status_code == 201 and first.json()["secret"]
    again = client.post("/api/v1/partner/webhooks/", body, format="json", HTTP_IDEMPOTENCY_KEY="hook-1")
    assert again.status_code == 409  # the address is taken: created once, and the secret was not stored
    rotated = client.post(
        f"/api/v1/partner/webhooks/{first.json()['id']}/rotate-secret/", HTTP_IDEMPOTENCY_KEY="r-1"
    )
    assert rotated.status_code in {200, 201} and rotated.json()["secret"] != first.json()["secret"]
    assert not IdempotencyKey.objects.filter(key__in=["hook-1", "r-1"]).exists()
    assert not any(first.json()["secret"].encode() in bytes(row.body) for row in IdempotencyKey.objects.all())


def test_the_schema_does_not_offer_idempotency_keys_where_answers_are_not_kept(client):
    document = client.get("/api/schema/?format=json").json()

    def headers(path, method):
        return {p["name"] for p in document["paths"][path][method].get("parameters", [])}

    assert "Idempotency-Key" not in headers("/api/v1/partner/webhooks/", "post")
    assert "Idempotency-Key" not in headers("/api/v1/partner/webhooks/{id}/rotate-secret/", "post")
    assert "Idempotency-Key" not in headers("/api/v1/partner/keys/rotate/", "post")
    assert "Idempotency-Key" in headers("/api/v1/partner/opportunities/", "post")
    assert "Idempotency-Key" in headers("/api/v1/partner/webhooks/{id}/", "patch")
