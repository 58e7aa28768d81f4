"""The ``q`` search of every list (api_human/core/filtersets.py): each field searched on its own and the
matching ids united, so a row found through its own text and through a related row's is listed once, and
on PostgreSQL the opportunities' search is answered by the trigram indexes of migration 0009."""

import pytest
from django.db import connection

from opportunities.filtersets import OpportunityFilterSet
from opportunities.models import Opportunity
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def found(text):
    return list(
        OpportunityFilterSet({"q": text}, queryset=Opportunity.objects.order_by("pk")).qs.values_list(
            "title", flat=True
        )
    )


def test_a_row_matches_through_any_field_and_is_listed_once():
    elders = OrganizationFactory(name="Elder Tech", world="digital", kind="startup")
    other = OrganizationFactory(name="Other Co", world="digital", kind="startup")
    Opportunity.objects.create(organization=elders, title="Day centre from home", summary="for ELDERS")
    Opportunity.objects.create(organization=other, title="Elder alarm", problem="falls")
    Opportunity.objects.create(organization=other, title="School meals", problem="elder siblings")
    Opportunity.objects.create(organization=other, title="Parking", summary="nothing")

    # title, summary, problem or the organisation's name; without case; each row once
    assert found("elder") == ["Day centre from home", "Elder alarm", "School meals"]
    assert found("  ELDER TECH ") == ["Day centre from home"]
    assert found("falls") == ["Elder alarm"]
    assert found("nowhere") == []
    assert len(found("")) == 4


def test_the_opportunities_search_can_use_the_trigram_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    organization = OrganizationFactory(name="Elder Tech", world="digital", kind="startup")
    Opportunity.objects.create(organization=organization, title="Day centre", summary="s", problem="p")
    queryset = OpportunityFilterSet({"q": "centre"}, queryset=Opportunity.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: ask whether the index *can* serve
        plan = queryset.explain()
    for index in ("opportunity_title_trgm", "opportunity_summary_trgm", "opportunity_problem_trgm"):
        assert index in plan, plan
    with connection.cursor() as cursor:  # the organisation's name too (a tiny table here prefers its b-tree)
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'organization_name_trgm'")
        assert "gin (upper((name)::text) gin_trgm_ops)" in cursor.fetchone()[0]
