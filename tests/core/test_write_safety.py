"""Every write of the API: idempotency keys, ETag / If-Match, locked transitions, one error shape.

The races themselves run against live servers in ``tests/integration/test_reliability.py``; here each
rule is pinned through the test client on PostgreSQL.
"""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.views import APIView

from api_human.core import services as core_services
from api_human.core.api.concurrency import WriteSafetyMixin
from api_human.core.models import IdempotencyKey, Role, User, Versioned
from api_human.core.services import record_create, record_update
from initiatives.models import Need
from opportunities.models import Opportunity

pytestmark = pytest.mark.django_db
PARTNER = "/api/v1/partner/opportunities/"


def keyed(user):
    client = APIClient()
    raw = core_services.partner_key_issue(user=user, name="tests")[1]
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def signed_in(user):
    client = APIClient()
    client.force_login(user)
    return client


def need(cast, **data):
    return record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Loneliness",
            "source": "citizens",
            "category": "citizen_services",
            **data,
        },
    )


def _api_views(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_views(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "cls", None)
            if (
                view is not None
                and issubclass(view, APIView)
                and (prefix + str(pattern.pattern)).startswith("api/v1/")
            ):
                yield prefix + str(pattern.pattern), view


def test_every_api_view_writes_safely():
    views = dict(_api_views())
    assert len(views) > 40
    unsafe = sorted(path for path, view in views.items() if not issubclass(view, WriteSafetyMixin))
    assert unsafe == []


# ------------------------------------------------------------------------------------------------
# Idempotency-Key
# ------------------------------------------------------------------------------------------------
def test_a_repeated_post_is_answered_from_the_first_and_does_nothing_twice(cast):
    client = keyed(cast.partner_a)
    first = client.post(PARTNER, {"title": "Once"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post(PARTNER, {"title": "Once"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Opportunity.objects.filter(title="Once").count() == 1


def test_the_same_key_for_another_body_or_endpoint_is_refused_not_replayed(cast):
    client = keyed(cast.partner_a)
    pk = client.post(PARTNER, {"title": "Draft"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2").json()["id"]
    other_body = client.post(PARTNER, {"title": "Another"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    other_path = client.post(f"{PARTNER}{pk}/submit/", HTTP_IDEMPOTENCY_KEY="k-2")
    for answer in (other_body, other_path):
        assert answer.status_code == 422
        assert answer.json()["code"] == "idempotency_key_reused" and answer.json()["fields"] == {}
    assert Opportunity.objects.filter(organization=cast.org_a).count() == 1


def test_keys_belong_to_the_partner_organisation(cast):
    colleague = User.objects.create(
        username="colleague_a", role=Role.PARTNER, organization=cast.org_a, is_active=True
    )
    a, a2, b = keyed(cast.partner_a), keyed(colleague), keyed(cast.partner_b)
    first = a.post(PARTNER, {"title": "Ours"}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    same_org = a2.post(PARTNER, {"title": "Ours"}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    other_org = b.post(PARTNER, {"title": "Ours"}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    assert same_org["Idempotent-Replayed"] == "true" and same_org.json()["id"] == first.json()["id"]
    assert other_org.status_code == 201 and "Idempotent-Replayed" not in other_org
    assert other_org.json()["id"] != first.json()["id"]


def test_keys_up_to_255_characters_longer_ones_are_a_400_never_cut(cast):
    client = keyed(cast.partner_a)
    assert (
        client.post(PARTNER, {"title": "Long"}, format="json", HTTP_IDEMPOTENCY_KEY="k" * 255).status_code
        == 201
    )
    too_long = client.post(PARTNER, {"title": "Longer"}, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256)
    assert too_long.status_code == 400 and too_long.json()["code"] == "idempotency_key_invalid"
    assert not Opportunity.objects.filter(title="Longer").exists()
    assert IdempotencyKey.objects.get().key == "k" * 255


def test_an_error_is_not_kept_so_the_corrected_request_may_reuse_the_key(cast):
    client = keyed(cast.partner_a)
    wrong = client.post(PARTNER, {"title": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    right = client.post(PARTNER, {"title": "Fixed"}, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    assert wrong.status_code == 400 and right.status_code == 201 and "Idempotent-Replayed" not in right


def test_an_expired_key_starts_afresh(cast, settings):
    client = keyed(cast.partner_a)
    client.post(PARTNER, {"title": "Old"}, format="json", HTTP_IDEMPOTENCY_KEY="k-4")
    IdempotencyKey.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    again = client.post(PARTNER, {"title": "Old"}, format="json", HTTP_IDEMPOTENCY_KEY="k-4")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert Opportunity.objects.filter(title="Old").count() == 2


def test_the_team_api_honours_keys_too_per_person(cast):
    client = signed_in(cast.team_member)
    body = {
        "engagement": cast.engagement.pk,
        "title": "Once",
        "source": "citizens",
        "category": "citizen_services",
    }
    first = client.post("/api/v1/needs/", body, format="json", HTTP_IDEMPOTENCY_KEY="n-1")
    again = client.post("/api/v1/needs/", body, format="json", HTTP_IDEMPOTENCY_KEY="n-1")
    assert first.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert Need.objects.filter(title="Once").count() == 1


def test_a_retried_submit_with_its_key_is_replayed_not_refused(cast):
    client = keyed(cast.partner_a)
    pk = client.post(
        PARTNER,
        {"title": "Ready", "summary": "s", "need_categories": ["citizen_services"]},
        format="json",
    ).json()["id"]
    first = client.post(f"{PARTNER}{pk}/submit/", HTTP_IDEMPOTENCY_KEY="s-1")
    again = client.post(f"{PARTNER}{pk}/submit/", HTTP_IDEMPOTENCY_KEY="s-1")
    unkeyed = client.post(f"{PARTNER}{pk}/submit/")
    assert first.status_code == again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert unkeyed.status_code == 400  # a second submission without the key is a clear refusal, not a 500
    assert Opportunity.objects.get(pk=pk).revisions.count() == 1


# ------------------------------------------------------------------------------------------------
# ETag, If-Match, If-None-Match
# ------------------------------------------------------------------------------------------------
def test_a_stale_if_match_is_a_412_with_the_current_etag_and_changes_nothing(cast):
    record = need(cast)
    client = signed_in(cast.team_member)
    url = f"/api/v1/needs/{record.pk}/"
    read = client.get(url)
    etag = read["ETag"]
    assert etag == f'"{record.version}"'
    changed = client.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    stale = client.patch(url, {"description": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["code"] == "stale" and stale["ETag"] == changed["ETag"]
    record.refresh_from_db()
    assert (record.title, record.description) == ("First", "")
    assert (
        client.patch(url, {"description": "Second"}, format="json", HTTP_IF_MATCH=changed["ETag"]).status_code
        == 200
    )


def test_if_none_match_with_the_current_version_is_a_304(cast):
    record = need(cast)
    client = signed_in(cast.team_member)
    url = f"/api/v1/needs/{record.pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    record_update(record, actor=cast.team_member, data={"title": "Changed"})
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_patch_keeps_the_fields_it_does_not_name_as_they_are_now(cast):
    record = need(cast)
    client = signed_in(cast.team_member)
    url = f"/api/v1/needs/{record.pk}/"
    client.get(url)
    record_update(Need.objects.get(pk=record.pk), actor=cast.team_member, data={"description": "Theirs"})
    assert client.patch(url, {"title": "Mine"}, format="json").status_code == 200
    record.refresh_from_db()
    assert (record.title, record.description) == ("Mine", "Theirs")


def test_every_detail_of_an_editable_record_carries_an_etag():
    call_command("loaddemo", verbosity=0)
    admin = User.objects.get(username="admin")
    client = signed_in(admin)
    partner = APIClient()
    partner.force_login(User.objects.get(username="partner"))
    checked = []
    from api_human.api import router

    for prefix, viewset, _basename in router.registry:
        model = viewset.queryset.model if viewset.queryset is not None else None
        if model is None or not issubclass(model, Versioned) or "(?P<" in prefix:
            continue
        if not hasattr(viewset, "retrieve"):
            continue
        as_partner = prefix.startswith("partner/")
        reader = partner if as_partner else client
        listing = reader.get(f"/api/v1/{prefix}/").json()
        if not listing["results"]:
            continue
        pk = listing["results"][0]["id"]
        answer = reader.get(f"/api/v1/{prefix}/{pk}/")
        assert answer.status_code == 200, prefix
        version = model._base_manager.get(pk=pk).version
        assert answer["ETag"] == f'"{version}"', prefix
        checked.append(prefix)
    stages = client.get("/api/v1/engagements/").json()["results"][0]["id"]
    assert client.get(f"/api/v1/engagements/{stages}/stages/A/")["ETag"]
    assert {
        "organizations",
        "engagements",
        "needs",
        "initiatives",
        "tensions",
        "partner/opportunities",
    } <= set(checked)
    assert len(checked) >= 20


# ------------------------------------------------------------------------------------------------
# Browser forms: the version they were opened with
# ------------------------------------------------------------------------------------------------
def test_a_form_saved_after_someone_else_keeps_your_input_and_shows_their_change(cast):
    record = need(cast)
    browser = Client()
    browser.force_login(cast.team_member)
    url = f"/needs/{record.pk}/edit/"
    page = browser.get(url)
    assert f'name="opened_version" value="{record.version}"' in page.content.decode()
    record_update(Need.objects.get(pk=record.pk), actor=cast.manager, data={"title": "Their title"})
    form = {
        "opened_version": record.version,
        "title": "My title",
        "source": "citizens",
        "category": "citizen_services",
        "status": record.status,
        "description": "My description",
    }
    refused = browser.post(url, form)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "My description" in html and "Their title" in html and str(cast.manager) in html
    assert f'name="opened_version" value="{record.version + 1}"' in html
    record.refresh_from_db()
    assert record.title == "Their title"
    saved = browser.post(url, {**form, "opened_version": record.version})
    assert saved.status_code == 302
    record.refresh_from_db()
    assert (record.title, record.description) == ("My title", "My description")


# ------------------------------------------------------------------------------------------------
# The database away: a 503 in the one error shape, with Retry-After
# ------------------------------------------------------------------------------------------------
def test_an_unreachable_database_is_a_503_not_a_500(cast, monkeypatch):
    from django.db import OperationalError

    from api_human.core.api.views import MeView

    def down(self, request, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(MeView, "get", down)
    client = signed_in(cast.team_member)
    client.raise_request_exception = False
    answer = client.get("/api/v1/me/")
    assert answer.status_code == 503 and answer["Retry-After"]
    assert answer.json()["code"] == "service_unavailable" and answer.json()["fields"] == {}


def test_after_a_conflict_the_fields_you_left_show_their_change_so_saving_again_keeps_it(cast):
    record = need(cast)
    browser = Client()
    browser.force_login(cast.team_member)
    url = f"/needs/{record.pk}/edit/"
    opened = record.version
    record_update(Need.objects.get(pk=record.pk), actor=cast.manager, data={"title": "Their title"})
    mine = {
        "opened_version": opened,
        "title": record.title,  # left as it was
        "source": "citizens",
        "category": "citizen_services",
        "status": record.status,
        "description": "My description",  # changed
    }
    html = browser.post(url, mine).content.decode()
    assert 'value="Their title"' in html and "My description" in html
    again = {**mine, "title": "Their title", "opened_version": opened + 1}  # what the page now holds
    assert browser.post(url, again).status_code == 302
    record.refresh_from_db()
    assert (record.title, record.description) == ("Their title", "My description")
