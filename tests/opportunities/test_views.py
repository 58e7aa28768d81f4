"""The team's pages of stage B2: pipeline board, opportunity page, broadcast editor, partner approvals."""

import datetime

import pytest

from api_human.core.models import Organization, PartnerKey, PartnerStatus
from api_human.core.services import record_create
from initiatives.models import Initiative, Need
from opportunities import services
from opportunities.models import Broadcast, Match, Opportunity
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def submitted(cast, title="Sent"):
    return Opportunity.objects.create(
        organization=cast.org_a,
        title=title,
        state="submitted",
        revision=1,
        summary="Remote services for older people",
        need_categories=["citizen_services"],
        target_population="older people",
    )


def test_pages_matrix(cast):
    opportunity = submitted(cast)
    page = statuses(302, 404, 404, 200, 200, 200, 200)
    for url in ("/opportunities/", f"/opportunities/{opportunity.pk}/", "/broadcasts/"):
        check_matrix(cast, "get", url, page, api=False)
    team_only = statuses(302, 404, 404, 403, 200, 200, 200)
    check_matrix(cast, "get", "/partners/approvals/", team_only, api=False)
    check_matrix(
        cast,
        "get",
        f"/broadcasts/new/?engagement={cast.engagement.pk}",
        statuses(302, 404, 404, 403, 404, 200, 200),
        api=False,
    )


def test_the_broadcast_editor_saves_weighted_criteria(client, cast):
    need = record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Loneliness",
            "source": "citizens",
            "category": "citizen_services",
        },
    )
    client.force_login(cast.team_member)
    form = {
        "engagement": cast.engagement.pk,
        "needs": [need.pk],
        "title_he": "אתגר",
        "title_en": "Challenge",
        "description_he": "תיאור",
        "description_en": "Description",
        "opens_on": "2025-01-01",
        "closes_on": "2025-02-01",
        "status": "open",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Fit to the need",
        "criteria-0-weight": "60",
        "criteria-1-name": "Privacy",
        "criteria-1-weight": "40",
    }
    response = client.post("/broadcasts/new/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    broadcast = Broadcast.objects.get()
    assert sorted(broadcast.criteria.values_list("weight", flat=True)) == [40, 60]
    form["criteria-0-weight"] = ""  # a criterion without a weight
    assert client.post("/broadcasts/new/", form).status_code == 400


def test_opening_a_broadcast_without_criteria_is_refused(client, cast):
    need = record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "N",
            "source": "citizens",
            "category": "citizen_services",
        },
    )
    client.force_login(cast.team_member)
    response = client.post(
        "/broadcasts/new/",
        {
            "engagement": cast.engagement.pk,
            "needs": [need.pk],
            "title_he": "א",
            "title_en": "A",
            "description_he": "ת",
            "description_en": "D",
            "opens_on": "2025-01-01",
            "closes_on": "2025-02-01",
            "status": "open",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert not Broadcast.objects.exists()


def test_approvals_and_invitations_show_the_key_once(client, cast):
    services.partner_register(
        name="Pending Co", kind="startup", contact_name="P Q", contact_email="p@q.example"
    )
    client.force_login(cast.team_member)
    page = client.get("/partners/approvals/").content.decode()
    assert "Pending Co" in page
    pending = Organization.objects.get(name="Pending Co")
    response = client.post("/partners/approvals/", {"verb": "approve", "organization": pending.pk})
    assert 'id="issued-key"' in response.content.decode() and "no-store" in response["Cache-Control"]
    pending.refresh_from_db()
    assert pending.partner_status == PartnerStatus.APPROVED and pending.people.get().is_active
    met = Organization.objects.create(name="Met at a hackathon", world="digital", kind="startup")
    response = client.post(
        "/partners/approvals/",
        {"verb": "invite", "organization": met.pk, "contact_name": "A B", "contact_email": "a@b.example"},
    )
    assert 'id="issued-key"' in response.content.decode()
    assert PartnerKey.objects.filter(user__organization=met).count() == 1


def test_the_board_moves_an_opportunity_and_the_page_confirms_a_match(client, cast):
    opportunity = submitted(cast)
    need = record_create(
        Need,
        actor=cast.team_member,
        data={
            "engagement": cast.engagement,
            "title": "Older people",
            "source": "citizens",
            "category": "citizen_services",
        },
    )
    services.opportunity_match(opportunity=opportunity)
    match = Match.objects.get(need=need)
    client.force_login(cast.team_member)
    assert f'id="pipe-{opportunity.pk}"' in client.get("/opportunities/").content.decode()
    client.post(
        f"/opportunities/{opportunity.pk}/pipeline/", {"pipeline": "introduced", "next": "/opportunities/"}
    )
    opportunity.refresh_from_db()
    assert opportunity.pipeline == "introduced"
    client.post(f"/opportunities/{opportunity.pk}/confirm/", {"match": match.pk})
    match.refresh_from_db()
    assert match.confirmed_by == cast.team_member
    response = client.post(f"/opportunities/{opportunity.pk}/initiative/", {"engagement": cast.engagement.pk})
    initiative = Initiative.objects.get(title="Sent")
    assert response.url == f"/initiatives/{initiative.pk}/"
    assert initiative.partnerships.get().organization == cast.org_a


def test_page_query_counts(client, cast):
    client.force_login(cast.team_member)
    first = submitted(cast, "First")

    def grow():
        for i in range(3):
            opportunity = submitted(cast, f"More {datetime.datetime.now().timestamp()}-{i}")
            record_create(
                Need,
                actor=cast.team_member,
                data={
                    "engagement": cast.engagement,
                    "title": f"Need {i}",
                    "source": "citizens",
                    "category": "citizen_services",
                },
            )
            services.opportunity_match(opportunity=opportunity)
            services.opportunity_match(opportunity=first)

    for url in ("/opportunities/", f"/opportunities/{first.pk}/", "/broadcasts/", "/partners/approvals/"):
        assert_queries_do_not_grow(lambda url=url: client.get(url), grow, at_most=14)


def test_scouting_and_knowledge_flows_on_the_engagement_page(client, cast):
    client.force_login(cast.team_member)
    base = f"/engagements/{cast.engagement.pk}/records"
    response = client.post(
        f"{base}/scouting-activities/new/",
        {
            "kind": "fund_judging",
            "title": "Innovation fund judging",
            "happened_on": "2024-03-01",
            "organizations": [cast.org_a.pk],
            "outcome": "Met a venture",
        },
    )
    assert response.status_code == 302 and response.url.endswith("#stage-B2")
    client.post(
        f"{base}/knowledge-flows/new/",
        {
            "direction": "to_digital",
            "kind": "data_rules",
            "title": "Data rules of welfare",
            "status": "flowing",
        },
    )
    page = client.get(f"/engagements/{cast.engagement.pk}/").content.decode()
    assert "Innovation fund judging" in page and "Partner A Ltd" in page and "Data rules of welfare" in page


def test_an_opportunity_joins_an_existing_initiative(client, cast):
    from initiatives.services import initiative_create

    opportunity = submitted(cast)
    existing = initiative_create(
        actor=cast.team_member, data={"engagement": cast.engagement, "title": "Existing"}
    )
    client.force_login(cast.team_member)
    assert client.post(f"/opportunities/{opportunity.pk}/initiative/", {}).status_code == 400
    response = client.post(f"/opportunities/{opportunity.pk}/initiative/", {"initiative": existing.pk})
    assert response.url == f"/initiatives/{existing.pk}/"
    opportunity.refresh_from_db()
    assert opportunity.initiative == existing
    assert existing.partnerships.get().organization == cast.org_a


def _many_submitted(cast, n, pipeline="received", start=0):
    """``n`` submitted profiles, the later ones submitted later (the board shows the newest first)."""
    now = datetime.datetime.now(datetime.UTC)
    return Opportunity.objects.bulk_create(
        Opportunity(
            organization=cast.org_a,
            title=f"Card {i:03d}",
            state="submitted",
            revision=1,
            pipeline=pipeline,
            decline_reason="Not a fit." if pipeline == "declined" else "",
            submitted_at=now + datetime.timedelta(minutes=i),
        )
        for i in range(start, start + n)
    )


def test_the_board_shows_a_column_s_first_cards_and_the_rest_page_by_page(client, cast):
    from api_human.core.views import BOARD_CARDS

    _many_submitted(cast, BOARD_CARDS + 3)
    _many_submitted(cast, 2, pipeline="pilot", start=500)
    client.force_login(cast.team_member)
    page = client.get("/opportunities/").content.decode()
    newest = BOARD_CARDS + 2
    assert f"Card {newest:03d}" in page  # newest submitted first
    assert "Card 000" not in page  # past the column's cards
    assert page.count('name="pipeline"') == BOARD_CARDS + 2 + 1  # the cards' move forms, the filter
    assert f"{BOARD_CARDS + 3}</span>" in page  # the column's count is the whole column's
    assert "?pipeline=received" in page  # the link to the column's own pages
    assert "?pipeline=pilot" not in page  # a column shown whole has no such link
    one = client.get("/opportunities/?pipeline=received").content.decode()
    assert "Card 000" not in one and f"Card {newest:03d}" in one and "Card 500" not in one
    assert 'rel="next"' in one and "page=2" in one
    second = client.get("/opportunities/?pipeline=received&page=2").content.decode()
    assert "Card 000" in second and f"Card {newest:03d}" not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # a page past the end is the last page; a page that is not a number is the first
    assert "Card 000" in client.get("/opportunities/?pipeline=received&page=99").content.decode()
    assert f"Card {newest:03d}" in client.get("/opportunities/?pipeline=received&page=x").content.decode()
    # the other filters still apply, on the board and on a column's pages
    assert "Card 000" not in client.get("/opportunities/?pipeline=received&q=Card+001").content.decode()
    assert "Card 001" in client.get("/opportunities/?pipeline=received&q=Card+001").content.decode()


def test_a_column_counts_up_to_a_bound_not_the_whole_table(client, cast, monkeypatch):
    from api_human.core import views

    monkeypatch.setattr(views, "COUNT_BOUND", 5)
    monkeypatch.setattr(views, "BOARD_CARDS", 3)
    monkeypatch.setattr(views.BoundedPaginator.__init__, "__defaults__", (views.PAGE_SIZE, 5))
    _many_submitted(cast, 9)
    client.force_login(cast.team_member)
    page = client.get("/opportunities/").content.decode()
    assert '<span aria-hidden="true">5+</span>' in page
    assert "יותר מ־5" in page  # said in words to screen readers (Hebrew: the default language)


def test_board_query_counts_do_not_grow_with_full_columns(client, cast):
    client.force_login(cast.team_member)
    start = iter(range(0, 10_000, 100))

    def grow():
        first = next(start)
        for pipeline in Opportunity.Pipeline.values:
            _many_submitted(cast, 30, pipeline=pipeline, start=first)

    # every column full: one query for its cards and one bounded count each, whatever the table's size
    assert_queries_do_not_grow(lambda: client.get("/opportunities/"), grow, at_most=22)
    column = "/opportunities/?pipeline=screening&page=2"
    assert_queries_do_not_grow(lambda: client.get(column), grow, at_most=8)
