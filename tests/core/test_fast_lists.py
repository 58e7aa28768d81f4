"""Lists built from ``.values()`` rows (``api_human/core/api/lists.py``) answer exactly what their
serializer answers when it runs the slow way, row by row over model instances — on the demo, for every
such list, in several orders and filters, for the team, a manager and a partner."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework import serializers
from rest_framework.test import APIClient

from api_human.api import router
from api_human.core.api.filters import orderable_fields
from api_human.core.api.lists import ListPlan, SummaryListMixin, ValuesListMixin
from api_human.core.models import Organization, User
from api_human.core.services import partner_key_issue
from opportunities import services as opportunity_services
from opportunities.models import Opportunity
from tensions.models import Tension

pytestmark = pytest.mark.django_db

FAST = [(prefix, viewset) for prefix, viewset, _ in router.registry if issubclass(viewset, ValuesListMixin)]
QUERIES = ["", "?page_size=3", "?q=a"]


def _slow_list(self, request, *args, **kwargs):
    """DRF's own list: the serializer over model instances (with the view's prefetches)."""
    queryset = self.filter_queryset(self.get_queryset())
    page = self.paginate_queryset(queryset)
    return self.get_paginated_response(self.get_serializer(page, many=True).data)


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    """The demo, loaded in the test's own transaction (rolled back after it: the seeded rows of the
    migrations stay as they were for the tests that follow in this process)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", verbosity=0)
        partner = User.objects.get(username="partner")
        profile = Opportunity.objects.filter(organization=partner.organization, revision__gt=0).first()
        # a file submitted with a new revision, then unsubmitted edits: the partner's list shows the
        # edits, the team's not
        opportunity_services.opportunity_revise(opportunity=profile, actor=partner)
        upload = SimpleUploadedFile("deck.pdf", b"%PDF-1.4\n% a deck\n", content_type="application/pdf")
        opportunity_services.attachment_add(opportunity=profile, actor=partner, upload=upload)
        opportunity_services.opportunity_submit(opportunity=profile, actor=partner)
        opportunity_services.opportunity_revise(opportunity=profile, actor=partner)
        opportunity_services.opportunity_update(
            opportunity=profile, actor=partner, data={"title": "Edited, not yet submitted"}
        )
        _key, raw = partner_key_issue(user=partner, name="fast lists")
    return raw


def _first_difference(fast, slow):
    if fast.keys() != slow.keys() or len(fast["results"]) != len(slow["results"]):
        return {"fast": sorted(fast), "slow": sorted(slow)}
    for a, b in zip(fast["results"], slow["results"], strict=True):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return {"id": a.get("id"), "field": key, "fast": a.get(key), "slow": b.get(key)}
    return {key: (fast[key], slow[key]) for key in fast if fast[key] != slow[key]}


def _client(who, raw_key):
    client = APIClient()
    if who == "partner":
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw_key}")
    else:
        client.force_login(User.objects.get(username=who))
    return client


def _who(prefix):
    return ["partner"] if prefix.startswith("partner/") else ["team", "manager"]


def test_every_list_of_the_four_heavy_ones_is_fast():
    names = {prefix for prefix, _ in FAST}
    assert {"organizations", "engagements", "needs", "initiatives", "tensions", "opportunities"} <= names
    assert "partner/opportunities" in names


def test_every_fast_list_answers_what_its_serializer_answers(demo, monkeypatch):
    for prefix, viewset in FAST:
        _same_as_the_serializer(demo, prefix, viewset, monkeypatch)
    _partner_list_shows_its_unsubmitted_edits_and_the_team_list_does_not(demo)
    for prefix in sorted(COUNTS):
        _summary_rows_are_the_list_rows_with_collections_counted(demo, prefix)


def _same_as_the_serializer(demo, prefix, viewset, monkeypatch):
    for who in _who(prefix):
        client = _client(who, demo)
        reverse = "?ordering=-" + ",-".join(orderable_fields(viewset))
        for query in [*QUERIES, reverse]:
            url = f"/api/v1/{prefix}/{query}"
            fast = client.get(url)
            assert fast.status_code == 200, (url, who, fast.content[:300])
            with monkeypatch.context() as patched:
                patched.setattr(ValuesListMixin, "list", _slow_list)
                slow = client.get(url)
            assert slow.status_code == 200
            fast_page, slow_page = json.loads(fast.content), json.loads(slow.content)
            assert fast_page == slow_page, (url, who, _first_difference(fast_page, slow_page))
        assert json.loads(client.get(f"/api/v1/{prefix}/").content)["results"], (prefix, who, "empty list")


def _partner_list_shows_its_unsubmitted_edits_and_the_team_list_does_not(demo):
    partner = _client("partner", demo)
    titles = {
        row["title"] for row in partner.get("/api/v1/partner/opportunities/?page_size=200").json()["results"]
    }
    assert "Edited, not yet submitted" in titles
    team = _client("team", demo)
    rows = team.get("/api/v1/opportunities/?page_size=200").json()["results"]
    assert "Edited, not yet submitted" not in {row["title"] for row in rows}


# What each summary's counts count, in the full row of the same record.
COUNTS = {
    "engagements": {
        "partner_count": lambda row: len(row["partners"]),
        "member_count": lambda row: sum(m["is_current"] for m in row["memberships"]),
    },
    "initiatives": {
        "need_count": lambda row: len(row["needs"]),
        "partner_count": lambda row: len(row["partners"]),
        "mechanism_count": lambda row: len(row["mechanisms"]),
    },
    "tensions": {
        "initiative_count": lambda row: len(row["initiatives"]),
        "criterion_count": lambda row: len(row["criteria"]),
    },
    "opportunities": {
        "attachment_count": lambda row: len(row["attachments"]),
        "match_count": lambda row: len(row["matches"]),
    },
    "events": {
        "need_count": lambda row: len(row["needs"]),
        "initiative_count": lambda row: len(row["initiatives"]),
        "mechanism_count": lambda row: len(row["mechanisms"]),
        "participation_count": lambda row: len(row["participants"]),
        "connection_count": lambda row: len(row["connections"]),
    },
}


def test_every_summary_is_checked():
    assert {p for p, v in FAST if issubclass(v, SummaryListMixin)} == set(COUNTS)


def _summary_rows_are_the_list_rows_with_collections_counted(demo, prefix):
    client = _client("team", demo)
    for query in ["?page_size=200", "?page_size=2", "?q=a"]:
        full = client.get(f"/api/v1/{prefix}/{query}").json()
        summary = client.get(f"/api/v1/{prefix}/summary/{query}").json()
        assert [r["id"] for r in summary["results"]] == [r["id"] for r in full["results"]], query
        assert (summary["next"] is None) == (full["next"] is None)
        nonzero = set()
        for row, whole in zip(summary["results"], full["results"], strict=True):
            for name, count in COUNTS[prefix].items():
                assert row.pop(name) == count(whole), (prefix, whole["id"], name)
                nonzero |= {name} if count(whole) else set()
            assert row == {k: v for k, v in whole.items() if k in row}, (prefix, whole["id"])
            assert set(whole) - set(row), "a summary leaves the collections out"
        if query == "?page_size=200":
            assert nonzero == set(COUNTS[prefix]), (prefix, "every count is above 0 somewhere in the demo")
    assert client.get(f"/api/v1/{prefix}/summary/?page_size=0").status_code == 400
    assert _client("partner", demo).get(f"/api/v1/{prefix}/summary/").status_code in {403, 404}


def test_a_field_the_plan_cannot_follow_is_an_error_not_a_silent_difference():
    class WithMethod(serializers.ModelSerializer):
        shout = serializers.SerializerMethodField()

        class Meta:
            model = Organization
            fields = ["id", "shout"]

        def get_shout(self, organization):
            return organization.name.upper()

    class WithProperty(serializers.ModelSerializer):
        age_days = serializers.IntegerField(read_only=True)

        class Meta:
            model = Tension
            fields = ["id", "age_days"]  # a property, without Meta.computed

    for serializer_class, model in ((WithMethod, Organization), (WithProperty, Tension)):
        with pytest.raises(ImproperlyConfigured):
            ListPlan(serializer_class, model)


def test_a_compiled_count_counts_the_same_in_a_list_and_inside_another_query(demo):
    """``count_of`` is compiled once and reused as SQL in a list's main query; relabelled inside another
    query (a subquery of the same table) it is compiled the usual way — the counts are the same."""
    from django.db.models import Count

    from api_human.core.api.lists import count_of
    from tensions.models import DecisionCriterion

    counted = count_of(DecisionCriterion, "tension")
    expected = dict(Tension.objects.annotate(n=Count("criteria")).values_list("pk", "n"))
    assert max(expected.values()) >= 2 and min(expected.values()) == 0
    listed = Tension.objects.annotate(n=counted)
    assert type(listed.query.annotations["n"]).__name__ == "CompiledCount"  # the SQL compiled once
    assert dict(listed.values_list("pk", "n")) == expected
    inner = Tension.objects.annotate(n=counted).filter(n__gte=2).values("pk")
    outer = set(Tension.objects.filter(pk__in=inner).values_list("pk", flat=True))
    assert outer == {pk for pk, n in expected.items() if n >= 2}
