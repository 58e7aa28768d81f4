"""``Prepared``: a hot query compiled once gives what the ORM gives (the partner key behind every call)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api_human.core import services
from api_human.core.api.authentication import USABLE_KEY, usable_key
from api_human.core.models import OutboxMessage, PartnerKey
from api_human.core.prepared import Prepared

pytestmark = pytest.mark.django_db


def test_the_usable_key_is_the_one_the_orm_finds_with_its_user_in_one_query(cast):
    issued, raw = services.partner_key_issue(user=cast.partner_a, name="CRM")
    with CaptureQueriesContext(connection) as queries:
        key = usable_key(raw)
        user = key.user  # joined: no query of its own
        assert user.organization_id == cast.org_a.pk and user.role == cast.partner_a.role
    assert len(queries) == 1
    expected = PartnerKey.objects.get_from_key(raw)
    fields = [f.attname for f in PartnerKey._meta.concrete_fields]
    assert [getattr(key, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert key.pk == issued.pk and not key._state.adding and key._state.db == "default"


@pytest.mark.parametrize("how", ["wrong secret", "unknown prefix", "revoked", "inactive user"])
def test_a_key_the_orm_would_not_find_is_not_found(cast, how):
    issued, raw = services.partner_key_issue(user=cast.partner_a, name="CRM")
    if how == "wrong secret":
        raw = raw[:-1] + ("x" if raw[-1] != "x" else "y")
    elif how == "unknown prefix":
        raw = "nothing." + raw.partition(".")[2]
    elif how == "revoked":
        PartnerKey.objects.filter(pk=issued.pk).update(revoked=True)
    else:
        type(cast.partner_a).objects.filter(pk=cast.partner_a.pk).update(is_active=False)
    with pytest.raises(PartnerKey.DoesNotExist):
        PartnerKey.objects.get_from_key(raw)
    with pytest.raises(PartnerKey.DoesNotExist):
        usable_key(raw)


def test_values_are_converted_as_the_orm_converts_them():
    """A JSON column comes back as data, not as its text (the database converters are applied)."""
    OutboxMessage.objects.create(task="core.scan_alerts", kwargs={"ids": [1, 2], "name": "שלום"})
    message = Prepared(lambda task: OutboxMessage.objects.filter(task=task)).get("core.scan_alerts")
    assert message.kwargs == {"ids": [1, 2], "name": "שלום"}
    assert message.available_at == OutboxMessage.objects.get().available_at
    assert Prepared(lambda task: OutboxMessage.objects.filter(task=task)).get("none") is None


def test_two_rows_are_an_error_and_a_queryset_that_is_not_of_instances_is_refused():
    for _ in range(2):
        OutboxMessage.objects.create(task="core.scan_alerts")
    with pytest.raises(OutboxMessage.MultipleObjectsReturned):
        Prepared(lambda task: OutboxMessage.objects.filter(task=task)).get("core.scan_alerts")
    with pytest.raises(ValueError):
        Prepared(lambda task: OutboxMessage.objects.filter(task="x")).get("core.scan_alerts")


def test_the_statement_is_compiled_once_per_process():
    USABLE_KEY._compiled.clear()
    usable_key_compiled = USABLE_KEY._compile("default")
    assert USABLE_KEY._compile("default") is usable_key_compiled


def test_a_list_keeps_the_order_the_deferred_fields_and_the_lock_of_its_queryset(cast):
    from django.db import transaction

    from api_human.core.prepared import NUMBER

    messages = [OutboxMessage.objects.create(task="core.scan_alerts", attempts=i) for i in range(3)]
    newest_first = Prepared(
        lambda attempts: (
            OutboxMessage.objects.filter(attempts__gte=attempts).only("pk", "task").order_by("-pk")
        ),
        placeholder=NUMBER,
    )
    found = newest_first.list(1)
    assert [m.pk for m in found] == [messages[2].pk, messages[1].pk]
    assert found[0].get_deferred_fields() >= {"kwargs", "attempts"}
    assert newest_first.list(5) == []
    locked = Prepared(lambda pk: OutboxMessage.objects.select_for_update().filter(pk=pk), placeholder=NUMBER)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert locked.get(messages[0].pk).attempts == 0
    assert "FOR UPDATE" in queries.captured_queries[-1]["sql"]
