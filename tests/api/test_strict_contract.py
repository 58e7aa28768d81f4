"""The API's contract for bad input and its headers: strict fields, page_size, ordering, cursors,
deep or long JSON, how the key is sent, request ids, rate-limit headers and trusted proxies."""

import json

import pytest
from rest_framework.test import APIClient

from api_human.core import services as core_services
from api_human.core.api.parsers import BodyTooComplex, check_shape
from api_human.core.requests import client_address
from tests.conftest import clear_cache

pytestmark = pytest.mark.django_db


def keyed(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


@pytest.fixture
def partner(cast):
    return keyed(core_services.partner_key_issue(user=cast.partner_a, name="tests")[1])


@pytest.fixture
def team(cast):
    client = APIClient()
    client.force_authenticate(cast.team_member)
    return client


def fields_and_codes(response):
    body = response.json()
    assert set(body) == {"status", "code", "message", "fields", "errors"}
    assert body["status"] == response.status_code
    return {error["field"]: error["code"] for error in body["errors"]}


def test_unknown_fields_are_refused_and_named(partner):
    response = partner.post(
        "/api/v1/partner/opportunities/",
        {"title": "Remote services", "colour": "red", "is_staff": True, "engagement": 1},
        format="json",
    )
    assert response.status_code == 400
    assert fields_and_codes(response) == {
        "colour": "unknown_field",
        "is_staff": "unknown_field",
        "engagement": "unknown_field",
    }


def test_unknown_fields_on_team_records_too(team, cast):
    response = team.post(
        "/api/v1/organizations/",
        {"name": "New body", "world": "welfare", "kind": "division", "colour": 1},
        format="json",
    )
    assert response.status_code == 400
    assert fields_and_codes(response) == {"colour": "unknown_field"}


def test_field_codes_are_machine_codes_and_nested_errors_are_flat(partner):
    response = partner.post(
        "/api/v1/partner/opportunities/",
        {"need_categories": ["citizen_services", "not-a-category"], "maturity": "ancient"},
        format="json",
    )
    assert response.status_code == 400
    codes = fields_and_codes(response)
    assert codes == {"title": "required", "need_categories.1": "invalid_choice", "maturity": "invalid_choice"}
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "ErrorDetail" not in text and "{0:" not in text and "{1:" not in text


@pytest.mark.parametrize("value", ["abc", "0", "-3", "201", "1.5"])
def test_a_bad_page_size_is_a_400(partner, team, value):
    for client, url in ((partner, "/api/v1/partner/opportunities/"), (team, "/api/v1/needs/")):
        response = client.get(url, {"page_size": value})
        assert response.status_code == 400, (url, value)
        assert "page_size" in fields_and_codes(response)


def test_a_good_page_size_is_used(team, cast):
    from tests.factories import OrganizationFactory

    for n in range(3):
        OrganizationFactory(name=f"Body {n}")
    response = team.get("/api/v1/organizations/", {"page_size": "2"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2 and response.json()["next"]


def test_ordering_by_an_unknown_field_is_a_400_that_lists_the_known_ones(team):
    response = team.get("/api/v1/organizations/", {"ordering": "nope"})
    assert response.status_code == 400
    assert fields_and_codes(response) == {"ordering": "invalid_choice"}
    assert "name" in response.json()["fields"]["ordering"][0]
    assert team.get("/api/v1/organizations/", {"ordering": "-name"}).status_code == 200


@pytest.mark.parametrize("cursor", ["cD14", "cD1ub3QtYS1kYXRl", "%%%", "bz0tNQ==", "cj14"])
def test_a_tampered_cursor_is_a_400_on_partner_and_team_lists(partner, team, cursor):
    for client, url in (
        (partner, "/api/v1/partner/opportunities/"),
        (team, "/api/v1/opportunities/"),
        (team, "/api/v1/engagements/"),
        (team, "/api/v1/scores/"),
    ):
        response = client.get(url, {"cursor": cursor})
        assert response.status_code == 400, (url, cursor, response.status_code)
        assert fields_and_codes(response) == {"cursor": "invalid_cursor"}


def test_a_cursor_from_a_page_still_works(team, cast):
    from tests.factories import OrganizationFactory

    for n in range(5):
        OrganizationFactory(name=f"Body {n}")
    first = team.get("/api/v1/organizations/", {"page_size": "2"}).json()
    second = team.get(first["next"])
    assert second.status_code == 200
    assert {o["id"] for o in second.json()["results"]}.isdisjoint({o["id"] for o in first["results"]})


def test_deeply_nested_json_is_a_400_even_before_authentication():
    deep = "[" * 100_000 + "]" * 100_000
    response = APIClient().post("/api/v1/partner/register/", deep, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "too_deep"
    moderately = "[" * 40 + "]" * 40
    response = APIClient().post("/api/v1/partner/register/", moderately, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "too_deep"


def test_long_lists_are_a_400(partner):
    response = partner.post(
        "/api/v1/partner/opportunities/",
        {"title": "x", "languages": ["he"] * 10_000},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_long"


def test_the_shape_check_walks_without_recursion():
    check_shape({"a": [1, 2, {"b": []}]}, max_depth=4, max_items=3)
    value = []
    for _ in range(50_000):
        value = [value]
    with pytest.raises(BodyTooComplex) as refused:
        check_shape(value)
    assert refused.value.get_codes() == "too_deep"


@pytest.mark.parametrize("header", ["Bearer abc.def", "Token abc", "abc"])
def test_a_wrongly_sent_key_says_how_to_send_it(header, cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/partner/opportunities/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert "Api-Key <key>" in response.json()["message"]


def test_every_answer_has_a_request_id_and_a_sane_one_is_kept(team):
    generated = team.get("/api/v1/needs/")
    assert len(generated["X-Request-ID"]) == 32
    kept = team.get("/api/v1/needs/", HTTP_X_REQUEST_ID="crm-sync-2026-12-02:0001")
    assert kept["X-Request-ID"] == "crm-sync-2026-12-02:0001"
    replaced = team.get("/api/v1/needs/", HTTP_X_REQUEST_ID="bad id\twith spaces")
    assert replaced["X-Request-ID"] != "bad id\twith spaces" and len(replaced["X-Request-ID"]) == 32
    error = APIClient().get("/api/v1/needs/", HTTP_X_REQUEST_ID="abcdefgh-1")
    assert error.status_code in {401, 403} and error["X-Request-ID"] == "abcdefgh-1"
    page = APIClient().get("/accounts/login/", HTTP_X_REQUEST_ID="abcdefgh-2")
    assert page["X-Request-ID"] == "abcdefgh-2"


def test_partner_answers_carry_rate_limit_headers_counted_per_organisation(cast, settings):
    from api_human.core.api.throttling import PartnerThrottle

    clear_cache()
    first = keyed(core_services.partner_key_issue(user=cast.partner_a, name="one")[1])
    second = keyed(core_services.partner_key_issue(user=cast.partner_a, name="two")[1])
    rates = {**PartnerThrottle.THROTTLE_RATES, "partner": "4/minute"}
    from unittest import mock

    with mock.patch.object(PartnerThrottle, "THROTTLE_RATES", rates):
        answers = [client.get("/api/v1/partner/opportunities/") for client in (first, second, first, second)]
        assert [a.status_code for a in answers] == [200] * 4
        assert [a["RateLimit-Remaining"] for a in answers] == ["3", "2", "1", "0"]
        assert all(a["RateLimit-Limit"] == "4" for a in answers)
        assert 1 <= int(answers[-1]["RateLimit-Reset"]) <= 61
        # A third key, or the browser session of a partner of the same organisation: still counted.
        session = APIClient()
        session.force_login(cast.partner_a)
        refused = session.get("/api/v1/partner/opportunities/")
        assert refused.status_code == 429 and refused["Retry-After"]
        assert refused.json()["code"] == "throttled"
        # Another organisation has its own count.
        other = keyed(core_services.partner_key_issue(user=cast.partner_b, name="b")[1])
        assert other.get("/api/v1/partner/opportunities/").status_code == 200
    clear_cache()


def test_team_answers_carry_no_partner_rate_limit_headers(team):
    assert "RateLimit-Limit" not in team.get("/api/v1/needs/")


@pytest.mark.parametrize(
    ("forwarded", "count", "expected"),
    [
        ("6.6.6.6", 0, "10.0.0.1"),  # no proxy trusted: the header is ignored
        ("6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),  # what the client wrote before nginx's entry is ignored
        ("203.0.113.7", 1, "203.0.113.7"),
        ("", 1, "10.0.0.1"),  # did not come through the proxy
        ("1.1.1.1, 203.0.113.7, 10.9.9.9", 2, "203.0.113.7"),
    ],
)
def test_the_client_address_comes_from_the_trusted_proxies_only(forwarded, count, expected):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(meta, count) == expected


def test_the_anonymous_throttle_cannot_be_sidestepped_with_forwarded_headers(settings):
    from unittest import mock

    from rest_framework.throttling import SimpleRateThrottle

    clear_cache()
    settings.TRUSTED_PROXY_COUNT = 1
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "anon": "3/minute"}
    with mock.patch.object(SimpleRateThrottle, "THROTTLE_RATES", rates):
        statuses = [  # registration is open to anyone: only its throttle stands in the way
            APIClient()
            .post(
                "/api/v1/partner/register/",
                {},
                format="json",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
                REMOTE_ADDR="127.0.0.1",
            )
            .status_code
            for n in range(6)
        ]
    assert statuses[3:] == [429, 429, 429]
    clear_cache()
