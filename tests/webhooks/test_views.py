"""The partner's webhook pages in the browser: in Hebrew (right to left), English and Arabic; adding an
endpoint shows its secret once; test event, new secret, edit, enable, delete and the delivery log."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow
from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint

from .conftest import ALL_EVENTS

pytestmark = pytest.mark.django_db
PAGE = "/partner/webhooks/"


def browser(user, language=None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def secret_on(page: str) -> str:
    match = re.search(r'id="signing-secret"[^>]*value="(whsec_[^"]+)"', page)
    assert match, "the page shows the secret"
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [("he", "rtl", None), ("en", "ltr", "Webhooks"), ("ar", "rtl", None)],
)
def test_the_page_renders_in_each_language(cast, endpoint_for, language, direction, heading):
    endpoint_for(cast.partner_a)
    response = browser(cast.partner_a, language).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    if heading:
        assert f'<h1 class="h3 mb-3">{heading}</h1>' in page
    # Every input is labelled; each event's name is shown as left-to-right code.
    for input_id in re.findall(r'<input[^>]+type="(?:url|checkbox)"[^>]+id="([^"]+)"', page):
        assert f'for="{input_id}"' in page, input_id
    for name in ALL_EVENTS:
        assert f'<code dir="ltr">{name}</code>' in page
    assert page.count('type="checkbox"') == 5


def test_hebrew_is_the_default(cast):
    page = browser(cast.partner_a).get(PAGE).content.decode()
    assert '<html lang="he" dir="rtl">' in page


def test_adding_an_endpoint_shows_its_secret_once(cast, receiver):
    client = browser(cast.partner_a, "en")
    response = client.post(PAGE, {"url": receiver.url(), "events": ALL_EVENTS})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = secret_on(response.content.decode())
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret == secret and endpoint.organization == cast.org_a
    assert endpoint.events == ALL_EVENTS
    listing = client.get(PAGE).content.decode()
    assert receiver.url() in listing and secret not in listing
    assert secret not in client.get(f"{PAGE}{endpoint.pk}/deliveries/").content.decode()
    assert secret not in client.get(f"{PAGE}{endpoint.pk}/edit/").content.decode()


def test_a_wrong_address_is_a_form_error(cast):
    client = browser(cast.partner_a, "en")
    response = client.post(PAGE, {"url": "http://hooks.example.com/x", "events": ALL_EVENTS})
    assert response.status_code == 400
    page = response.content.decode()
    assert "must start with https://" in page and 'aria-invalid="true"' in page
    response = client.post(PAGE, {"url": "https://hooks.example.com/x"})
    assert response.status_code == 400 and not WebhookEndpoint.objects.exists()


def test_the_limit_hides_the_form(cast, settings):
    settings.WEBHOOKS_MAX_ENDPOINTS = 1
    client = browser(cast.partner_a, "en")
    client.post(PAGE, {"url": "https://hooks.example.com/1", "events": ALL_EVENTS})
    page = client.get(PAGE).content.decode()
    assert "the most allowed" in page and 'name="url"' not in page
    response = client.post(PAGE, {"url": "https://hooks.example.com/2", "events": ALL_EVENTS})
    assert response.status_code == 400 and WebhookEndpoint.objects.count() == 1


def test_test_event_rotation_edit_enable_and_delete(cast, receiver, endpoint_for):
    endpoint = endpoint_for(cast.partner_a)
    client = browser(cast.partner_a, "en")
    base = f"{PAGE}{endpoint.pk}"

    # A test event, with what the endpoint answered.
    response = client.post(f"{base}/test/", follow=True)
    assert response.redirect_chain[-1][0] == f"{base}/deliveries/"
    page = response.content.decode()
    assert "The test event was delivered" in page and "HTTP 200" in page
    assert receiver.requests[-1].verified
    receiver.answer("/hook", 503)
    page = client.post(f"{base}/test/", follow=True).content.decode()
    assert "The test event was not delivered" in page and "HTTP 503" in page

    # A new secret, shown once; deliveries are signed with it.
    response = client.post(f"{base}/rotate-secret/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    new = secret_on(response.content.decode())
    assert new != receiver.secrets["/hook"]
    receiver.secrets["/hook"] = new
    client.post(f"{base}/test/")
    assert receiver.requests[-1].verified

    # Edit: the address and events.
    endpoint.refresh_from_db()
    response = client.post(
        f"{base}/edit/",
        {"url": receiver.url("/other"), "events": ["broadcast.closing"], "opened_version": endpoint.version},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events) == (receiver.url("/other"), ["broadcast.closing"])

    # Disabled automatically, then enabled again.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False, disabled_reason="failures")
    page = client.get(PAGE).content.decode()
    assert "Disabled automatically" in page and "Enable again" in page
    assert client.post(f"{base}/enable/").status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.active

    # Deleted, with its log.
    assert client.post(f"{base}/delete/").status_code == 302
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()


def test_an_edit_over_someone_elses_change_is_refused_with_the_change_shown(cast, endpoint_for):
    endpoint = endpoint_for(cast.partner_a)
    client = browser(cast.partner_a, "en")
    opened = endpoint.version
    services.endpoint_update(
        endpoint=endpoint, actor=cast.partner_a, data={"events": ["broadcast.published"]}
    )
    response = client.post(
        f"{PAGE}{endpoint.pk}/edit/",
        {"url": endpoint.url, "events": ["broadcast.closing"], "opened_version": opened},
    )
    assert response.status_code == 400 and "Someone else saved" in response.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.events == ["broadcast.published"]


def test_the_delivery_log_shows_each_event(cast, receiver, endpoint_for, django_capture_on_commit_callbacks):
    endpoint = endpoint_for(cast.partner_a)
    receiver.answer("/hook", 500)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_event("broadcast.published", data={"broadcast": {"id": 1}})
    page = browser(cast.partner_a, "en").get(f"{PAGE}{endpoint.pk}/deliveries/").content.decode()
    delivery = WebhookDelivery.objects.get()
    assert '<code dir="ltr">broadcast.published</code>' in page
    assert str(delivery.event_id) in page and "Failed; will be retried" in page and "HTTP 500" in page


def test_pages_matrix(cast, endpoint_for):
    endpoint = endpoint_for(cast.partner_a)
    check_matrix(cast, "get", PAGE, statuses(302, 200, 200, 404, 404, 404, 404), api=False)
    only_a = statuses(302, 200, 404, 404, 404, 404, 404)
    check_matrix(cast, "get", f"{PAGE}{endpoint.pk}/deliveries/", only_a, api=False)
    check_matrix(cast, "get", f"{PAGE}{endpoint.pk}/edit/", only_a, api=False)
    # Another organisation's buttons do nothing to A's endpoint.
    b = browser(cast.partner_b)
    for verb in ("test", "rotate-secret", "enable", "delete"):
        assert b.post(f"{PAGE}{endpoint.pk}/{verb}/").status_code == 404, verb
    assert WebhookEndpoint.objects.get().secret == endpoint.secret
    assert not WebhookDelivery.objects.exists()


def test_the_page_costs_the_same_queries_however_many_endpoints(cast):
    client = browser(cast.partner_a)
    counter = iter(range(100))

    def add_rows():
        for _ in range(2):
            services.endpoint_create(
                actor=cast.partner_a, url=f"https://hooks.example.com/{next(counter)}", events=ALL_EVENTS
            )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.WEBHOOKS_MAX_ENDPOINTS", 10)
        assert_queries_do_not_grow(lambda: client.get(PAGE), add_rows, at_most=8)


def test_the_disabled_notice_email_renders(cast, endpoint_for):
    endpoint = endpoint_for(cast.partner_a)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False, disabled_reason="failures")
    cast.partner_a.email = "a@partner-a.example"
    cast.partner_a.save()
    from django.core import mail

    assert services.notify_disabled(endpoint_id=endpoint.pk) == 1
    [message] = mail.outbox
    assert endpoint.url in message.body and "/partner/webhooks/" in message.body
    assert cast.org_a.name in message.subject


def test_the_admin_lists_endpoints_and_deliveries_without_the_secret(cast, endpoint_for):
    endpoint = endpoint_for(cast.partner_a)
    services.send_test(endpoint=endpoint)
    admin = browser(cast.admin)
    for url in (
        "/admin/webhooks/webhookendpoint/",
        f"/admin/webhooks/webhookendpoint/{endpoint.pk}/change/",
        f"/admin/webhooks/webhookendpoint/{endpoint.pk}/history/",
        "/admin/webhooks/webhookdelivery/",
        f"/admin/webhooks/webhookdelivery/{WebhookDelivery.objects.get().pk}/change/",
    ):
        response = admin.get(url)
        assert response.status_code == 200, url
        assert endpoint.secret not in response.content.decode(), url
    assert admin.get("/admin/webhooks/webhookendpoint/add/").status_code == 403
