"""``/api/v2/``: v1 with the lists of records that hold collections answering summary rows
(``api_human/core/api/versioning.py``). Everything else — records, writes, filters, pages, permissions,
errors — is v1's, and v1 itself does not change."""

import json

import pytest
from rest_framework.test import APIClient

from api_human.api import router
from api_human.core.api.lists import SummaryListMixin
from tests.core.test_fast_lists import COUNTS, FAST, _client
from tests.core.test_query_counts import _grow_engagements
from tests.matrix import client_for
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

SUMMARIES = sorted(prefix for prefix, viewset in FAST if issubclass(viewset, SummaryListMixin))


def _json(response):
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return json.loads(response.content)


def test_the_lists_that_change_are_the_ones_with_summaries():
    assert (
        SUMMARIES == sorted(COUNTS) == ["engagements", "events", "initiatives", "opportunities", "tensions"]
    )


def test_v2_lists_answer_v1_summary_rows_and_records_keep_their_shape(demo):
    team = _client("team", demo)
    for prefix in SUMMARIES:
        for query in ["", "?page_size=2", "?q=a", "?page_size=200"]:
            v2 = _json(team.get(f"/api/v2/{prefix}/{query}"))
            summary = _json(team.get(f"/api/v1/{prefix}/summary/{query}"))
            assert v2["results"] == summary["results"], (prefix, query)
            assert set(COUNTS[prefix]) <= set(v2["results"][0]), prefix
            full = _json(team.get(f"/api/v1/{prefix}/{query}"))
            assert [r["id"] for r in v2["results"]] == [r["id"] for r in full["results"]]
        # the next page stays in v2 and is the summary's next page
        first = _json(team.get(f"/api/v2/{prefix}/?page_size=1"))
        assert first["next"] and "/api/v2/" in first["next"], prefix
        second = _json(team.get(first["next"]))
        assert second["results"] == _json(team.get(f"/api/v1/{prefix}/summary/?page_size=2"))["results"][1:]
        record = v2["results"][0]["id"]
        assert _json(team.get(f"/api/v2/{prefix}/{record}/")) == _json(
            team.get(f"/api/v1/{prefix}/{record}/")
        )
        assert _json(team.get(f"/api/v2/{prefix}/summary/")) == _json(team.get(f"/api/v2/{prefix}/"))


def test_the_other_lists_are_the_same_in_both_versions(demo):
    for prefix, _viewset in FAST:
        if prefix in SUMMARIES:
            continue
        who = "partner" if prefix.startswith("partner/") else "team"
        client = _client(who, demo)
        for query in ["", "?page_size=3"]:
            v1 = _json(client.get(f"/api/v1/{prefix}/{query}"))
            v2 = _json(client.get(f"/api/v2/{prefix}/{query}"))
            assert v2["results"] == v1["results"], (prefix, query)


def _list_routes():
    return [prefix for prefix, _viewset, _basename in router.registry if "(?P<" not in prefix]


@pytest.mark.parametrize("prefix", _list_routes())
def test_the_permission_matrix_of_every_v2_list_is_v1s(cast, prefix):
    for role in cast.ROLES:
        client = client_for(cast, role, api=True)
        v1 = client.get(f"/api/v1/{prefix}/")
        v2 = client.get(f"/api/v2/{prefix}/")
        assert v2.status_code == v1.status_code, (prefix, role, v1.status_code, v2.status_code)
        if v1.status_code != 200:
            assert json.loads(v2.content).keys() == json.loads(v1.content).keys()  # the one error shape


def test_the_engagements_list_of_v2_for_every_role(cast):
    from tests.matrix import check_matrix, statuses

    check_matrix(cast, "get", "/api/v2/engagements/", statuses(401, 404, 404, 200, 200, 200, 200))
    check_matrix(cast, "get", "/api/v2/initiatives/", statuses(401, 404, 404, 200, 200, 200, 200))


def test_a_v2_list_costs_a_fixed_number_of_queries(cast):
    api = APIClient()
    api.force_login(cast.team_member)
    assert_queries_do_not_grow(
        lambda: api.get("/api/v2/engagements/"), lambda: _grow_engagements(cast), at_most=6
    )


def test_writes_work_in_v2_as_in_v1(cast):
    api = APIClient()
    api.force_login(cast.team_member)
    answer = api.post(
        "/api/v2/organizations/",
        {"name": "Made through v2", "world": "digital", "kind": "startup"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="v2-write-1",
    )
    assert answer.status_code == 201, answer.content[:300]
    assert api.get(f"/api/v1/organizations/{answer.json()['id']}/").json()["name"] == "Made through v2"
    bad = api.post("/api/v2/organizations/", {"name": ""}, format="json")
    assert bad.status_code == 400 and {"message", "fields"} <= set(bad.json())


def test_an_unknown_version_is_a_404_in_the_error_shape(cast):
    api = APIClient()
    api.force_login(cast.team_member)
    answer = api.get("/api/v3/engagements/")
    assert answer.status_code == 404
    assert "message" in answer.json()


def test_each_version_has_its_schema(client):
    v1 = client.get("/api/schema/?format=json").json()
    v2 = client.get("/api/schema/?format=json&version=v2").json()
    assert v1["info"]["version"].startswith("1.") and v2["info"]["version"] == "2.0.0"
    assert all(path.startswith("/api/v1/") for path in v1["paths"])
    assert all(path.startswith("/api/v2/") for path in v2["paths"])
    assert {p.replace("/api/v1/", "") for p in v1["paths"]} == {
        p.replace("/api/v2/", "") for p in v2["paths"]
    }

    def listed(schema, version, prefix):
        answer = schema["paths"][f"/api/{version}/{prefix}/"]["get"]["responses"]["200"]
        page = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        return schema["components"]["schemas"][page]["properties"]["results"]["items"]["$ref"]

    for prefix in SUMMARIES:
        assert listed(v2, "v2", prefix) == listed(v1, "v1", f"{prefix}/summary"), prefix
        assert listed(v1, "v1", prefix) != listed(v2, "v2", prefix), prefix
    assert listed(v2, "v2", "organizations") == listed(v1, "v1", "organizations")


def test_the_interactive_documentation_of_v2_reads_v2s_schema(client):
    page = client.get("/api/docs/?version=v2")
    assert page.status_code == 200
    script = client.get("/api/docs/?version=v2&script=")
    assert "/api/schema/?version\\u003Dv2" in script.content.decode()


def test_drfs_reverse_names_the_requests_version():
    from types import SimpleNamespace

    from api_human.core.api.versioning import PathVersioning

    def asked_in(version):
        return SimpleNamespace(version=version, build_absolute_uri=lambda path: "https://example.org" + path)

    scheme = PathVersioning()
    assert scheme.reverse("api:organization-list", request=asked_in("v2")) == (
        "https://example.org/api/v2/organizations/"
    )
    assert scheme.reverse("api:organization-list", request=asked_in("v1")) == (
        "https://example.org/api/v1/organizations/"
    )
