"""Publishing and delivering events, against a real HTTP receiver on 127.0.0.1 that checks each
signature: retries with backoff, giving up, disabling an endpoint that keeps failing, the outbox."""

import json
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from api_human.core import outbox
from api_human.core.breaker import redis_breaker
from api_human.core.models import OutboxMessage, Role
from tests.factories import OrganizationFactory, UserFactory
from webhooks import services, tasks
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status
DATA = {"opportunity": {"id": 12, "title": "יום מרכז מרחוק", "revision": 2}, "pipeline": "screening"}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as a committed change would: the outbox's callbacks run (in-process) after it."""

    def run(event="opportunity.pipeline_changed", data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.publish_event(event, data=DATA if data is None else data, **kwargs)

    return run


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Beat's retry sweep, with every due delivery's time brought forward to now."""

    def run():
        WebhookDelivery.objects.filter(status__in=[Status.PENDING, Status.FAILED]).exclude(
            next_attempt_at=None
        ).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_due()

    return run


def test_a_delivery_is_a_signed_json_post_the_receiver_verifies(cast, receiver, endpoint_for, publish):
    endpoint = endpoint_for(cast.partner_a)
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    [request] = receiver.requests
    assert request.verified, "the receiver's verify() accepts the signature"
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == "HumanAPI-Webhooks/1"
    assert headers["webhook-id"] == str(delivery.event_id)
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 10
    assert headers["webhook-signature"].startswith("v1=")
    body = json.loads(request.body)
    assert body == {
        "id": str(delivery.event_id),
        "type": "opportunity.pipeline_changed",
        "created_at": body["created_at"],
        "data": DATA,
    }
    assert timezone.datetime.fromisoformat(body["created_at"])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Status.SUCCEEDED, 1, 200)
    assert delivery.delivered_at and delivery.next_attempt_at is None and delivery.endpoint == endpoint


def test_a_500_is_retried_with_the_same_event_id_then_succeeds(cast, receiver, endpoint_for, publish, sweep):
    endpoint_for(cast.partner_a)
    receiver.answer("/hook", 500)
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Status.FAILED, 1, 500)
    assert "receiver says no" in delivery.last_error
    assert delivery.next_attempt_at > delivery.last_attempt_at
    assert sweep()["due"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Status.SUCCEEDED, 2, 200)
    first, second = receiver.requests
    assert first.headers["Webhook-Id"] == second.headers["Webhook-Id"] == str(delivery.event_id)
    assert first.body == second.body  # the same bytes on every attempt; each attempt signed anew
    assert first.verified and second.verified
    assert WebhookEndpoint.objects.get().consecutive_failures == 0  # a success resets the count


def test_backoff_doubles_from_the_base_up_to_the_cap(settings):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 60
    settings.WEBHOOKS_RETRY_MAX_DELAY_SECONDS = 3600
    minutes = [services.backoff(n).total_seconds() / 60 for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_each_failure_waits_the_next_step_of_the_backoff(
    cast, receiver, endpoint_for, publish, sweep, settings
):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 60
    settings.WEBHOOKS_RETRY_MAX_DELAY_SECONDS = 240
    settings.WEBHOOKS_RETRY_FOR = 24 * 3600
    endpoint_for(cast.partner_a)
    receiver.answer("/hook", *[503] * 5)
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    waits = []
    for _ in range(5):
        delivery.refresh_from_db()
        waits.append(round((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds() / 60))
        if len(waits) < 5:
            sweep()
    assert waits == [1, 2, 4, 4, 4]
    assert delivery.attempts == 5 and delivery.status == Status.FAILED and len(receiver.requests) == 5


def test_the_retry_sweep_only_sends_what_is_due(
    cast, receiver, endpoint_for, publish, django_capture_on_commit_callbacks
):
    endpoint_for(cast.partner_a)
    receiver.answer("/hook", 500)
    publish(organization_ids=[cast.org_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due() == {"due": 0, "dead": 0}  # the retry's time has not come
    assert len(receiver.requests) == 1


def test_a_delivery_is_given_up_once_the_retry_window_is_over(
    cast, receiver, endpoint_for, publish, sweep, settings
):
    settings.WEBHOOKS_RETRY_FOR = 3600
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 600
    settings.WEBHOOKS_RETRY_MAX_DELAY_SECONDS = 3600
    endpoint_for(cast.partner_a)
    receiver.answer("/hook", *[500] * 10)
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    # 59 minutes after the first attempt, the next wait (20 min) would end outside the hour: given up.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        first_attempt_at=timezone.now() - timedelta(minutes=59)
    )
    sweep()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (Status.DEAD, 2, None)
    assert sweep()["due"] == 0 and len(receiver.requests) == 2


def test_an_endpoint_that_keeps_failing_is_disabled_and_its_partners_are_told(
    cast, receiver, endpoint_for, publish, settings
):
    settings.WEBHOOKS_DISABLE_AFTER = 3
    cast.partner_a.email = "dev@partner-a.example"
    cast.partner_a.save()
    UserFactory(username="a2", role=Role.PARTNER, organization=cast.org_a, email="ops@partner-a.example")
    UserFactory(
        username="a3",
        role=Role.PARTNER,
        organization=cast.org_a,
        email="gone@partner-a.example",
        is_active=False,
    )
    cast.partner_b.email = "b@partner-b.example"
    cast.partner_b.save()
    endpoint = endpoint_for(cast.partner_a)
    receiver.answer("/hook", *[500] * 10)
    for _ in range(2):
        publish(organization_ids=[cast.org_a.pk])
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 2 and mail.outbox == []
    publish(organization_ids=[cast.org_a.pk])
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_reason == "failures" and endpoint.disabled_at
    assert sorted(m.to[0] for m in mail.outbox) == ["dev@partner-a.example", "ops@partner-a.example"]
    notice = mail.outbox[0]
    assert endpoint.url in notice.body and "3" in notice.body and "receiver says no" in notice.body
    assert endpoint.history.filter(active=False, history_user=None).exists()  # recorded, by the platform
    # Disabled: new events are not delivered to it, and retries waiting for it are given up.
    assert publish(organization_ids=[cast.org_a.pk]) == []
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert tasks.send_due()["dead"] == 3
    assert len(receiver.requests) == 3
    # Enabled again: a clean count, and events flow again.
    services.endpoint_enable(endpoint=endpoint, actor=cast.partner_a)
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 0 and endpoint.disabled_reason == ""
    receiver.answers.clear()
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.SUCCEEDED


def test_nothing_is_sent_or_kept_for_a_change_that_rolls_back(
    cast, receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint_for(cast.partner_a)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.publish_event("opportunity.pipeline_changed", data=DATA, organization_ids=[cast.org_a.pk])
        raise RuntimeError("the change fails")
    assert not WebhookDelivery.objects.exists()
    assert not OutboxMessage.objects.filter(task="webhooks.deliver").exists()
    assert receiver.requests == []


@pytest.mark.django_db(transaction=True)
def test_deliveries_leave_only_after_the_commit(receiver, endpoint_for):
    organization = OrganizationFactory(name="Committed Ltd")
    partner = UserFactory(username="committed", role=Role.PARTNER, organization=organization)
    endpoint_for(partner)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.publish_event("broadcast.published", data={"broadcast": {"id": 1}})
        raise RuntimeError("rolled back")
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()
    with transaction.atomic():
        services.publish_event("broadcast.published", data={"broadcast": {"id": 2}})
        assert receiver.requests == []  # not before the commit
    [request] = receiver.requests  # in-process (no broker in unit tests): right after the commit
    assert request.verified and json.loads(request.body)["data"] == {"broadcast": {"id": 2}}
    assert WebhookDelivery.objects.get().status == Status.SUCCEEDED


def test_with_the_broker_away_the_event_waits_in_the_outbox_and_is_delivered_later(
    cast, receiver, endpoint_for, not_eager, django_capture_on_commit_callbacks
):
    endpoint_for(cast.partner_a)
    with (
        mock.patch("webhooks.tasks.deliver.apply_async", side_effect=BrokerError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        [delivery] = services.publish_event("opportunity.pipeline_changed", data=DATA)
    message = OutboxMessage.objects.get(task="webhooks.deliver")
    assert message.state == OutboxMessage.State.PENDING and message.dispatched_at is None
    assert receiver.requests == []
    # The broker is back: the dispatcher (beat) sends the message; the worker (here in-process) runs it.
    not_eager.conf.task_always_eager = True
    redis_breaker.reset()
    assert outbox.dispatch_due()["sent"] == 1
    delivery.refresh_from_db()
    message.refresh_from_db()
    assert delivery.status == Status.SUCCEEDED and message.state == OutboxMessage.State.DONE
    assert len(receiver.requests) == 1


def test_duplicate_messages_and_a_dead_worker_still_give_one_attempt_per_due_time(
    cast, receiver, endpoint_for, django_capture_on_commit_callbacks, sweep, settings
):
    endpoint_for(cast.partner_a)
    [delivery] = services.publish_event("opportunity.pipeline_changed", data=DATA)
    # A worker takes the message, claims the delivery, and dies before sending anything.
    message = OutboxMessage.objects.get(task="webhooks.deliver")
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=OutboxMessage.State.RUNNING, started_at=timezone.now()
    )
    assert services._claim(delivery.pk) is not None
    assert tasks.deliver(delivery.pk) is None and receiver.requests == []  # leased: nobody else sends
    sweep()  # once the lease is over, beat's sweep sends it again
    assert len(receiver.requests) == 1
    # The dead worker's message comes back after the outbox lease: it finds nothing left to do.
    OutboxMessage.objects.filter(pk=message.pk).update(
        started_at=timezone.now() - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        outbox.dispatch_due()
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.DONE
    assert tasks.deliver(delivery.pk) is None  # and so does any other duplicate
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == (Status.SUCCEEDED, 2, 1)


def test_who_receives_an_event(cast, receiver, endpoint_for, publish):
    a_all = endpoint_for(cast.partner_a, "/a-all")
    a_pipeline = endpoint_for(cast.partner_a, "/a-pipeline", events=["opportunity.pipeline_changed"])
    b_all = endpoint_for(cast.partner_b, "/b-all")
    a_off = endpoint_for(cast.partner_a, "/a-off")
    WebhookEndpoint.objects.filter(pk=a_off.pk).update(active=False)
    lapsed = OrganizationFactory(name="Lapsed Ltd")
    former = UserFactory(username="former", role=Role.PARTNER, organization=lapsed)
    endpoint_for(former, "/lapsed")
    former.is_active = False  # its only partner user left: the organisation gets nothing
    former.save()

    def receivers(deliveries):
        return {d.endpoint_id for d in deliveries}

    # Broadcast events go to every partner organisation subscribed to them.
    assert receivers(publish("broadcast.published", {"broadcast": {"id": 4}})) == {a_all.pk, b_all.pk}
    # An opportunity's events go to its organisation only.
    pipeline = publish("opportunity.pipeline_changed", organization_ids=[cast.org_a.pk])
    assert receivers(pipeline) == {a_all.pk, a_pipeline.pk}
    assert len({d.event_id for d in pipeline}) == 1  # one event, one id, on each endpoint
    assert publish("opportunity.pipeline_changed", organization_ids=[]) == []
    assert publish("opportunity.matched", organization_ids=[cast.org_b.pk]) == []  # not subscribed
    assert {r.path for r in receiver.requests} == {"/a-all", "/a-pipeline", "/b-all"}
    assert all(r.verified for r in receiver.requests)
    with pytest.raises(ValueError, match="unknown webhook event"):
        services.publish_event("ping", data={})
    with pytest.raises(ValueError):
        services.publish_event("opportunity.deleted", data={})


def test_a_redirect_is_not_followed(cast, receiver, endpoint_for, publish):
    endpoint_for(cast.partner_a)
    receiver.answer("/hook", 302)
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == (Status.FAILED, 302)
    assert "redirects are not followed" in delivery.last_error
    assert [r.path for r in receiver.requests] == ["/hook"]


def test_a_slow_receiver_times_out(cast, receiver, endpoint_for, publish, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.3
    endpoint_for(cast.partner_a)
    receiver.delay = 1.0
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and delivery.last_status_code is None
    assert "No answer within 0.3 s" in delivery.last_error


def test_a_refused_connection_is_a_failure_not_an_error(cast, receiver, endpoint_for, publish):
    endpoint = endpoint_for(cast.partner_a)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:9/nothing-listens")
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and delivery.last_error.startswith("Could not connect")


@pytest.mark.parametrize(
    "url",
    [
        "https://10.1.2.3/hook",  # a private address written in the URL
        "https://169.254.169.254/latest/meta-data",  # the cloud metadata service
    ],
)
def test_private_addresses_are_never_called(cast, endpoint_for, publish, url):
    endpoint = endpoint_for(cast.partner_a)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=url)  # as if the rules had been bypassed
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and delivery.last_status_code is None
    assert "private network address" in delivery.last_error


def test_a_name_that_resolves_to_a_private_address_is_not_called(cast, endpoint_for, publish):
    endpoint = endpoint_for(cast.partner_a)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url="https://intranet.example/hook")
    private = [(2, 1, 6, "", ("192.168.1.20", 443))]
    with mock.patch("webhooks.transport.socket.getaddrinfo", return_value=private):
        [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and "non-public address (192.168.1.20)" in delivery.last_error


def test_loopback_needs_the_development_setting(cast, receiver, endpoint_for, publish, settings):
    endpoint_for(cast.partner_a)
    settings.WEBHOOKS_ALLOW_HTTP_LOCALHOST = False  # production: the server's own addresses are refused
    [delivery] = publish(organization_ids=[cast.org_a.pk])
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and receiver.requests == []


def test_old_finished_deliveries_are_purged(cast, endpoint_for, settings):
    endpoint = endpoint_for(cast.partner_a)
    old = timezone.now() - timedelta(days=settings.WEBHOOKS_KEEP_DAYS + 1)

    def delivery(**fields):
        return WebhookDelivery.objects.create(
            endpoint=endpoint, event_id=uuid.uuid4(), event="ping", payload={}, **fields
        )

    delivery(created_at=old, status=Status.SUCCEEDED)
    waiting = delivery(created_at=old, status=Status.FAILED, next_attempt_at=timezone.now())
    recent = delivery(status=Status.DEAD)
    assert tasks.purge_deliveries() == 1
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
