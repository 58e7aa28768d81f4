"""Reserving an Idempotency-Key on PostgreSQL: one INSERT … ON CONFLICT DO NOTHING under a short
lock_timeout, which is put back as it was, whatever the outcome."""

import pytest
from django.db import connection
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api_human.core.api import idempotency
from api_human.core.models import IdempotencyKey

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL way"),
]


def _request(user, key, body):
    django_request = APIRequestFactory().post("/api/v1/x/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    request = Request(django_request, parsers=[JSONParser()])
    request.user = user
    return request


def _lock_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        return cursor.fetchone()[0]


def test_a_new_key_is_reserved_and_lock_timeout_is_put_back(cast):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', '1234ms', true)")
    reservation = idempotency.reserve(_request(cast.partner_a, "k-1", {"a": 1}))
    row = IdempotencyKey.objects.get(pk=reservation.pk)
    assert (row.scope, row.key, row.method, row.status_code) == (f"org:{cast.org_a.pk}", "k-1", "POST", 0)
    assert row.fingerprint == idempotency.fingerprint(_request(cast.partner_a, "k-1", {"a": 1}))
    assert _lock_timeout() == "1234ms"
    # the same key while its first request is still open: in progress (a twin would have waited)
    with pytest.raises(idempotency.IdempotencyInProgress):
        idempotency.reserve(_request(cast.partner_a, "k-1", {"a": 1}))
    assert _lock_timeout() == "1234ms"
    with pytest.raises(idempotency.IdempotencyKeyReused):  # and for another body: refused
        idempotency.reserve(_request(cast.partner_a, "k-1", {"a": 2}))
    assert IdempotencyKey.objects.filter(key="k-1").count() == 1


def test_a_kept_answer_is_replayed(cast):
    reservation = idempotency.reserve(_request(cast.partner_a, "k-2", {}))
    IdempotencyKey.objects.filter(pk=reservation.pk).update(
        status_code=201, body=b'{"id": 7}', content_type="application/json"
    )
    with pytest.raises(idempotency.Replay) as replay:
        idempotency.reserve(_request(cast.partner_a, "k-2", {}))
    response = replay.value.response
    assert (response.status_code, response.content, response["Idempotent-Replayed"]) == (
        201,
        b'{"id": 7}',
        "true",
    )
