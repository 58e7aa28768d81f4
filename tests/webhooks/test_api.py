"""The partner API of webhooks, as partners call it (with real API keys): the secret shown once, the
test event, rotation, enabling, the delivery log, validation, and tenant isolation."""

import json

import pytest
from rest_framework.test import APIClient

from api_human.core.models import Role
from tests.factories import UserFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow
from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import verify

from .conftest import ALL_EVENTS, keyed

pytestmark = pytest.mark.django_db
API = "/api/v1/partner/webhooks/"


def create(client, url, events=None, *, language="he", **extra):
    events = list(ALL_EVENTS) if events is None else events
    return client.post(
        API, {"url": url, "events": events, **extra}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )


def matrix(cast, method, url, expected, **kwargs):
    """check_matrix (it issues one key per partner for the whole cast and reuses it)."""
    check_matrix(cast, method, url, expected, **kwargs)


def test_the_secret_is_shown_once_at_creation_and_never_in_reads(cast, receiver):
    client = keyed(cast.partner_a)
    response = create(client, receiver.url())
    assert response.status_code == 201, response.content
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    secret = body["secret"]
    assert secret.startswith("whsec_") and len(secret) > 40
    assert body["url"] == receiver.url() and body["events"] == ALL_EVENTS and body["active"] is True
    endpoint = WebhookEndpoint.objects.get(pk=body["id"])
    assert endpoint.organization == cast.org_a and endpoint.created_by == cast.partner_a
    for url in (API, f"{API}{endpoint.pk}/", f"{API}{endpoint.pk}/deliveries/"):
        read = client.get(url)
        assert read.status_code == 200 and secret not in read.content.decode(), url
        assert "secret" not in json.dumps(read.json()), url
    assert "secret" not in {f.name for f in endpoint.history.model._meta.fields}  # not in the history


def test_a_repeated_creation_makes_one_endpoint_and_keeps_no_secret(cast, receiver):
    client = keyed(cast.partner_a)
    first = client.post(
        API, {"url": receiver.url(), "events": ALL_EVENTS}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    again = client.post(
        API, {"url": receiver.url(), "events": ALL_EVENTS}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    # The answer holds the secret, so it is never stored for a replay: the repeat finds the address taken.
    assert (first.status_code, again.status_code) == (201, 409)
    assert first["Cache-Control"] == "no-store" and "Idempotent-Replayed" not in again
    assert WebhookEndpoint.objects.count() == 1


def test_the_test_event_is_sent_now_and_its_delivery_returned(cast, receiver):
    client = keyed(cast.partner_a)
    created = create(client, receiver.url()).json()
    receiver.secrets["/hook"] = created["secret"]
    response = client.post(f"{API}{created['id']}/test/")
    assert response.status_code == 200, response.content
    delivery = response.json()
    assert delivery["event"] == "ping" and delivery["is_test"] is True
    assert (delivery["status"], delivery["attempts"], delivery["last_status_code"]) == ("succeeded", 1, 200)
    [request] = receiver.requests
    assert request.verified and request.headers["Webhook-Id"] == delivery["event_id"]
    assert json.loads(request.body) == {
        "id": delivery["event_id"],
        "type": "ping",
        "created_at": delivery["payload"]["created_at"],
        "data": {"endpoint_id": created["id"]},
    }
    # A failing test is reported, not retried, and does not count towards disabling.
    receiver.answer("/hook", 500)
    failed = client.post(f"{API}{created['id']}/test/").json()
    assert (failed["status"], failed["last_status_code"], failed["next_attempt_at"]) == ("failed", 500, None)
    assert WebhookEndpoint.objects.get().consecutive_failures == 0
    assert services.send_due()["due"] == 0 and len(receiver.requests) == 2


def test_rotating_the_secret_returns_the_new_one_once_and_signs_with_it(cast, receiver):
    client = keyed(cast.partner_a)
    created = create(client, receiver.url()).json()
    response = client.post(f"{API}{created['id']}/rotate-secret/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    new = response.json()["secret"]
    assert new != created["secret"] and new.startswith("whsec_")
    assert new not in client.get(f"{API}{created['id']}/").content.decode()
    client.post(f"{API}{created['id']}/test/")
    [request] = receiver.requests
    args = (request.headers["Webhook-Timestamp"], request.body, request.headers["Webhook-Signature"])
    assert verify(new, *args) and not verify(created["secret"], *args)


def test_a_disabled_endpoint_is_enabled_again(cast, receiver):
    client = keyed(cast.partner_a)
    created = create(client, receiver.url()).json()
    WebhookEndpoint.objects.filter(pk=created["id"]).update(
        active=False, disabled_reason="failures", consecutive_failures=20
    )
    read = client.get(f"{API}{created['id']}/").json()
    assert (read["active"], read["disabled_reason"], read["consecutive_failures"]) == (False, "failures", 20)
    response = client.post(f"{API}{created['id']}/enable/")
    assert response.status_code == 200
    body = response.json()
    assert (body["active"], body["disabled_reason"], body["consecutive_failures"]) == (True, "", 0)
    assert "secret" not in body


def test_change_and_delete_an_endpoint(cast, receiver):
    client = keyed(cast.partner_a)
    created = create(client, receiver.url()).json()
    url = f"{API}{created['id']}/"
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"events": ["broadcast.closing"]}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["events"] == ["broadcast.closing"]
    assert (
        client.patch(url, {"events": ["broadcast.published"]}, format="json", HTTP_IF_MATCH=etag).status_code
        == 412
    )
    assert client.put(url, {"url": receiver.url(), "events": ALL_EVENTS}, format="json").status_code == 405
    refused = client.patch(url, {"secret": "whsec_mine"}, format="json")  # read-only, never settable
    assert refused.status_code == 400 and refused.json()["errors"][0]["code"] == "unknown_field"
    assert client.delete(url).status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_pages_newest_first(
    cast, receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(cast.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.publish_event("broadcast.published", data={"broadcast": {"id": n}})
    client = keyed(cast.partner_a)
    page = client.get(f"{API}{endpoint.pk}/deliveries/?page_size=2").json()
    assert [d["payload"]["data"]["broadcast"]["id"] for d in page["results"]] == [2, 1]
    first = page["results"][0]
    assert (first["event"], first["status"], first["attempts"], first["last_status_code"]) == (
        "broadcast.published",
        "succeeded",
        1,
        200,
    )
    assert {"created_at", "first_attempt_at", "last_attempt_at", "next_attempt_at", "delivered_at"} <= set(
        first
    )
    rest = client.get(page["next"]).json()
    assert [d["payload"]["data"]["broadcast"]["id"] for d in rest["results"]] == [0]
    assert client.get(f"{API}{endpoint.pk}/deliveries/?cursor=bogus").status_code == 400


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://hooks.example.com/x", "https"),
        ("ftp://hooks.example.com/x", "https"),
        ("https://10.0.0.8/x", "private"),
        ("https://192.168.1.1/x", "private"),
        ("https://[fd00::1]/x", "private"),
        ("https://user:pass@hooks.example.com/x", "credentials"),
        ("not a url", "invalid"),
    ],
)
def test_only_https_to_public_hosts(cast, url, code):
    response = create(keyed(cast.partner_a), url)
    assert response.status_code == 400, response.content
    assert code in {e["code"] for e in response.json()["errors"] if e["field"] == "url"}
    assert not WebhookEndpoint.objects.exists()


def test_plain_http_only_to_this_machine_and_only_where_allowed(cast, settings):
    client = keyed(cast.partner_a)
    assert create(client, "https://hooks.example.com/x").status_code == 201
    assert create(client, "http://127.0.0.1:8123/x").status_code == 201  # test settings allow it
    assert create(client, "http://localhost:8123/x").status_code == 201
    settings.WEBHOOKS_ALLOW_HTTP_LOCALHOST = False  # the production default
    for url in ("http://127.0.0.1:8124/x", "https://localhost/x"):
        response = create(client, url)
        assert response.status_code == 400 and response.json()["errors"][0]["code"] == "local", url


def test_events_must_come_from_the_catalogue(cast):
    client = keyed(cast.partner_a)
    for events in ([], ["opportunity.deleted"], ["ping"], "broadcast.published"):
        response = create(client, "https://hooks.example.com/x", events=events)
        assert response.status_code == 400, events
        assert any(name.split(".")[0] == "events" for name in response.json()["fields"]), events
    assert (
        create(client, "https://hooks.example.com/x", colour="red").json()["errors"][0]["code"]
        == "unknown_field"
    )
    twice = create(client, "https://hooks.example.com/x", events=["broadcast.closing", "broadcast.closing"])
    assert twice.status_code == 201 and twice.json()["events"] == ["broadcast.closing"]  # each kept once


def test_endpoints_per_organisation_are_capped_and_addresses_unique(cast, settings):
    settings.WEBHOOKS_MAX_ENDPOINTS = 2
    client = keyed(cast.partner_a)
    assert create(client, "https://hooks.example.com/1").status_code == 201
    duplicate = create(client, "https://hooks.example.com/1")
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "conflict"
    assert (
        "already has an endpoint with this address"
        in create(client, "https://hooks.example.com/1", language="en").json()["message"]
    )
    assert create(client, "https://hooks.example.com/2").status_code == 201
    third = create(client, "https://hooks.example.com/3")
    assert third.status_code == 409 and "2" in third.json()["message"]  # names the limit
    other = WebhookEndpoint.objects.get(url="https://hooks.example.com/2")
    taken = client.patch(f"{API}{other.pk}/", {"url": "https://hooks.example.com/1"}, format="json")
    assert taken.status_code == 409
    # Another organisation has its own allowance, and may use the same address.
    assert create(keyed(cast.partner_b), "https://hooks.example.com/1").status_code == 201
    # The cap counts the organisation's endpoints, whoever of its users made them.
    colleague = UserFactory(username="a-colleague", role=Role.PARTNER, organization=cast.org_a)
    assert create(keyed(colleague), "https://hooks.example.com/4").status_code == 409


def test_a_partner_never_reaches_another_organisations_endpoints(cast, receiver):
    """The permission matrix: partners of another organisation and the ministry side get 404."""
    matrix(cast, "get", API, statuses(401, 200, 200, 404, 404, 404, 404))
    matrix(
        cast,
        "post",
        API,
        statuses(401, 201, 201, 404, 404, 404, 404),  # an administrator has no partner organisation
        data=lambda role: {"url": f"https://hooks.example.com/{role}", "events": ALL_EVENTS},
    )
    mine = WebhookEndpoint.objects.get(organization=cast.org_a)
    WebhookEndpoint.objects.filter(pk=mine.pk).update(url=receiver.url())
    detail = f"{API}{mine.pk}/"
    only_a = statuses(401, 200, 404, 404, 404, 404, 404)
    matrix(cast, "get", detail, only_a)
    matrix(cast, "get", f"{detail}deliveries/", only_a)
    matrix(cast, "patch", detail, only_a, data={"events": ["broadcast.published"]})
    for verb in ("test", "rotate-secret", "enable"):
        matrix(cast, "post", f"{detail}{verb}/", only_a)
    matrix(cast, "delete", detail, statuses(401, 204, 404, 404, 404, 404, 404))
    # What partner B saw of A's: nothing. Its list holds its own endpoint only.
    listing = keyed(cast.partner_b).get(API).json()["results"]
    assert [e["url"] for e in listing] == ["https://hooks.example.com/partner_b"]
    assert len(receiver.requests) == 1  # the one test event partner A sent


def test_the_browser_session_of_a_partner_works_too(cast):
    client = APIClient()
    client.force_login(cast.partner_a)
    response = client.post(API, {"url": "https://hooks.example.com/s", "events": ALL_EVENTS}, format="json")
    assert response.status_code == 201 and response.json()["secret"]


def test_listing_endpoints_costs_the_same_queries_however_many(cast):
    client = keyed(cast.partner_a)
    client.get(API)  # the key's first use is recorded once (last_used_at): not part of the count
    counter = iter(range(100))

    def add_rows():
        for _ in range(2):
            services.endpoint_create(
                actor=cast.partner_a, url=f"https://hooks.example.com/{next(counter)}", events=ALL_EVENTS
            )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.WEBHOOKS_MAX_ENDPOINTS", 10)
        assert_queries_do_not_grow(lambda: client.get(API), add_rows, at_most=4)


def test_the_delivery_log_costs_the_same_queries_however_long(cast, endpoint_for):
    endpoint = endpoint_for(cast.partner_a)
    client = keyed(cast.partner_a)
    client.get(API)  # the key's first use is recorded once (last_used_at): not part of the count

    def add_rows():
        services.send_test(endpoint=endpoint)
        services.send_test(endpoint=endpoint)

    assert_queries_do_not_grow(lambda: client.get(f"{API}{endpoint.pk}/deliveries/"), add_rows, at_most=5)
    assert WebhookDelivery.objects.count() == 4


def test_the_schema_documents_the_webhook_contract():
    document = APIClient().get("/api/schema/?format=json").json()
    paths = {path for path in document["paths"] if path.startswith("/api/v1/partner/webhooks/")}
    assert paths == {
        "/api/v1/partner/webhooks/",
        "/api/v1/partner/webhooks/{id}/",
        "/api/v1/partner/webhooks/{id}/test/",
        "/api/v1/partner/webhooks/{id}/rotate-secret/",
        "/api/v1/partner/webhooks/{id}/enable/",
        "/api/v1/partner/webhooks/{id}/deliveries/",
    }
    for path in paths:
        for operation in document["paths"][path].values():
            assert operation["tags"] == ["partner"] and operation["summary"], path
    create = document["paths"]["/api/v1/partner/webhooks/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["examples"]
    assert create["responses"]["201"]["content"]["application/json"]["examples"]
    schemas = document["components"]["schemas"]
    assert {"WebhookEndpoint", "WebhookEndpointWithSecret", "WebhookDelivery", "WebhookEventEnum"} <= set(
        schemas
    )
    assert all(name.isascii() for name in schemas)
    assert "secret" not in schemas["WebhookEndpoint"]["properties"]
    assert schemas["WebhookEventEnum"]["enum"] == [
        "opportunity.pipeline_changed",
        "opportunity.feedback_added",
        "opportunity.matched",
        "broadcast.published",
        "broadcast.closing",
    ]
