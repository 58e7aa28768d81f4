"""The managers' dashboards: figures equal direct ORM counts, who may open them, query counts,
filters in the URL, exports (CSV, XLSX — formula-safe — and the PDF report) and the morning digest."""

import csv
import io
import random
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from api_human.core.models import EngagementMembership
from api_human.scoring import services as scoring
from dashboards.models import DigestVisit
from dashboards.services import digests_send
from initiatives.models import Initiative, Need
from opportunities.models import Opportunity
from stages.models import GateAction, GateDecision, Mechanism, StagePhase
from tensions.models import Tension
from tests.factories import EngagementFactory, MembershipFactory, OrganizationFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
CATEGORIES = [c for c, _ in Need._meta.get_field("category").choices]


def seed(engagement, rng, n=6):
    """A little of everything the dashboard counts, spread over the choices."""
    org = OrganizationFactory(world="digital", kind="startup")
    needs = [
        Need.objects.create(
            engagement=engagement,
            title=f"Need {i}",
            source=rng.choice(Need.Source.values),
            category=rng.choice(CATEGORIES),
            content_world=rng.choice(Need._meta.get_field("content_world").choices)[0],
        )
        for i in range(n)
    ]
    for i in range(n):
        initiative = Initiative.objects.create(
            engagement=engagement,
            title=f"Initiative {i}",
            status=(status := rng.choice(Initiative.Status.values)),
            stop_reason="ended" if status == "stopped" else "",
        )
        initiative.needs.set(rng.sample(needs, k=rng.randint(1, 2)))
        Opportunity.objects.create(
            organization=org,
            title=f"Offer {i}",
            revision=1,
            state="submitted",
            initiative=initiative,
            pipeline=(pipeline := rng.choice(Opportunity.Pipeline.values)),
            decline_reason="no fit" if pipeline == "declined" else "",
        )
        Tension.objects.create(
            engagement=engagement,
            title=f"T{i}",
            source_type=rng.choice(Tension.SourceType.values),
            state=rng.choice(Tension.State.values),
            pole_a="a",
            pole_b="b",
        )
        Mechanism.objects.create(
            engagement=engagement,
            title=f"M{i}",
            world=rng.choice(Mechanism.World.values),
            category=rng.choice(Mechanism.Category.values),
            status=rng.choice(Mechanism.Status.values),
        )


def cells(table):
    return {row[0].value: [c.value for c in row[1:]] for row in table.rows}


def dashboard(client, engagement, query=""):
    response = client.get(f"/dashboards/engagements/{engagement.pk}/{query}")
    assert response.status_code == 200
    return response.context


def test_the_figures_equal_direct_orm_counts(client, cast):
    seed(cast.engagement, random.Random(3), n=12)
    seed(cast.other_engagement, random.Random(4), n=5)  # must not leak in
    client.force_login(cast.manager)
    tables = {t.key: t for t in dashboard(client, cast.engagement)["tables"]}
    mine = Initiative.objects.filter(engagement=cast.engagement)

    by_category = cells(tables["initiatives-by-category"])
    for value, label in Need._meta.get_field("category").choices:
        expected = [
            mine.filter(needs__category=value, status=s).distinct().count() for s in Initiative.Status.values
        ]
        assert by_category[str(label)] == [*expected, mine.filter(needs__category=value).distinct().count()]

    sources = cells(tables["initiatives-by-source"])
    bottom = mine.filter(needs__source__in=["citizens", "field_workers"]).distinct().count()
    assert next(iter(sources.values())) == [bottom]

    funnel = cells(tables["opportunity-funnel"])
    for value, label in Opportunity.Pipeline.choices:
        assert funnel[str(label)] == [
            Opportunity.objects.filter(initiative__engagement=cast.engagement, pipeline=value).count()
        ]

    tensions = cells(tables["tensions"])
    for value, label in Tension.SourceType.choices:
        mine_t = Tension.objects.filter(engagement=cast.engagement, source_type=value)
        assert tensions[str(label)] == [
            *[mine_t.filter(state=s).count() for s in Tension.State.values],
            mine_t.count(),
        ]

    mechanisms = cells(tables["mechanisms"])
    for value, label in Mechanism.Category.choices:
        in_category = Mechanism.objects.filter(engagement=cast.engagement, category=value)
        welfare = in_category.filter(world__in=["welfare", "both"]).count()
        digital = in_category.filter(world__in=["digital", "both"]).count()
        assert mechanisms[str(label)] == [welfare, digital]


def test_every_number_links_to_the_filtered_list_behind_it(client, cast):
    seed(cast.engagement, random.Random(5))
    client.force_login(cast.manager)
    tables = {t.key: t for t in dashboard(client, cast.engagement)["tables"]}
    row = tables["initiatives-by-category"].rows[0]
    status = Initiative.Status.values[0]
    assert (
        row[1].link
        == f"/initiatives/?engagement={cast.engagement.pk}&category={CATEGORIES[0]}&status={status}"
    )
    listed = client.get(row[-1].link).context["page_obj"].paginator.count
    assert listed == row[-1].value
    funnel = tables["opportunity-funnel"].rows[0][1]
    board = client.get(funnel.link)
    assert sum(column.count for column in board.context["columns"]) == funnel.value


def test_partners_cannot_reach_the_dashboards(cast):
    pk = cast.engagement.pk
    staff = statuses(302, 404, 404, 200, 200, 200, 200)
    members = statuses(302, 404, 404, 200, 404, 200, 200)
    check_matrix(cast, "get", "/dashboards/", staff, api=False)
    check_matrix(cast, "get", "/dashboards/digest/", staff, api=False)
    check_matrix(cast, "get", "/dashboards/export/portfolio.csv", staff, api=False)
    check_matrix(cast, "get", f"/dashboards/engagements/{pk}/", members, api=False)
    check_matrix(cast, "get", f"/dashboards/engagements/{pk}/export/tensions.xlsx", members, api=False)
    check_matrix(cast, "get", f"/dashboards/engagements/{pk}/report/", members, api=False)
    check_matrix(cast, "get", "/mechanisms/", staff, api=False)


def test_the_portfolio_shows_only_visible_engagements_with_scores_and_what_waits(client, cast):
    scoring.mark_all_dirty()
    scoring.run_recompute()
    phase = StagePhase.objects.get(engagement=cast.engagement, stage="A")
    StagePhase.objects.filter(pk=phase.pk).update(status="active", started_on=date(2024, 1, 1))
    decision = GateDecision.objects.create(
        phase=phase,
        transition="complete",
        decision="go_with_actions",
        justification="j",
        effective_on=date(2024, 6, 1),
    )
    GateAction.objects.create(
        decision=decision,
        description="Write the plan",
        owner="Noa",
        due_on=timezone.localdate() - timedelta(days=3),
    )
    client.force_login(cast.manager)
    context = client.get("/dashboards/").context
    rows = {r["engagement"].pk: r for r in context["rows"]}
    assert set(rows) == {cast.engagement.pk}
    assert (rows[cast.engagement.pk]["pending"], rows[cast.engagement.pk]["overdue"]) == (1, 1)
    assert [p.stage for p in rows[cast.engagement.pk]["running"]] == ["A"]
    assert [s["current"].rubric_key for s in rows[cast.engagement.pk]["scores"]] == [
        "stage-a-exit",
        "stage-b1-readiness",
        "stage-b2-readiness",
        "stage-c-readiness",
        "stage-d-readiness",
    ]


def test_the_portfolio_timeline_draws_each_stage_s_intensity_changes(client, cast):
    from stages.models import IntensityChange
    from stages.selectors import timeline

    StagePhase.objects.filter(engagement=cast.engagement, stage="A").update(
        status="completed", started_on=date(2023, 1, 1), completed_on=date(2024, 1, 1)
    )
    StagePhase.objects.filter(engagement=cast.engagement, stage="B1").update(
        status="active", started_on=date(2024, 1, 1)
    )
    for stage, day, intensity in [
        ("B1", date(2024, 9, 1), "high"),
        ("A", date(2023, 6, 1), "medium"),
        ("A", date(2023, 1, 1), "low"),
        ("B1", date(2024, 1, 1), "low"),
        ("A", date(2030, 1, 1), "high"),  # after the stage ended: not drawn
    ]:
        IntensityChange.objects.create(
            phase=StagePhase.objects.get(engagement=cast.engagement, stage=stage),
            changed_on=day,
            intensity=intensity,
        )
    client.force_login(cast.manager)
    response = client.get("/dashboards/")
    row = next(r for r in response.context["rows"] if r["engagement"] == cast.engagement)
    phases = list(
        StagePhase.objects.filter(engagement=cast.engagement)
        .prefetch_related("intensity_changes")
        .order_by("stage")
    )
    assert row["timeline"] == timeline(phases, rtl=True)  # as the intensity changes prefetched
    drawn = [[s["intensity"] for s in r["segments"]] for r in row["timeline"]["rows"]]
    assert drawn[:2] == [["low", "medium"], ["low", "high"]]
    assert 'class="intensity-medium"' in response.content.decode()


def test_filters_live_in_the_url_and_bad_ones_are_a_400(client, cast):
    seed(cast.engagement, random.Random(6))
    client.force_login(cast.manager)
    page = client.get(
        f"/dashboards/engagements/{cast.engagement.pk}/?category={CATEGORIES[0]}&date_from=2020-01-01"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert f"export/tensions.csv?category={CATEGORIES[0]}&amp;date_from=2020-01-01" in html
    tables = {t.key: t for t in page.context["tables"]}
    assert [row[0].value for row in tables["initiatives-by-category"].rows] == [
        str(label) for value, label in Need._meta.get_field("category").choices if value == CATEGORIES[0]
    ]
    assert client.get("/dashboards/?date_from=2021-01-01&date_to=2020-01-01").status_code == 400
    assert client.get(f"/dashboards/engagements/{cast.engagement.pk}/?category=nonsense").status_code == 400
    assert client.get("/dashboards/export/nothing.csv").status_code == 404
    assert client.get(f"/dashboards/engagements/{cast.engagement.pk}/export/tensions.exe").status_code == 404


def test_exports_open_and_are_safe_from_formula_injection(client, cast):
    cast.engagement.name = '=HYPERLINK("http://evil")'
    cast.engagement.save()
    seed(cast.engagement, random.Random(7))
    client.force_login(cast.manager)

    rows = list(
        csv.reader(io.StringIO(client.get("/dashboards/export/portfolio.csv").content.decode("utf-8-sig")))
    )
    assert rows[0][0] and rows[1][0] == '\'=HYPERLINK("http://evil")'

    response = client.get(f"/dashboards/engagements/{cast.engagement.pk}/export/initiatives-by-category.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + len(CATEGORIES)
    assert all(isinstance(v, int) for v in values[1][1:])
    portfolio = load_workbook(io.BytesIO(client.get("/dashboards/export/portfolio.xlsx").content)).active
    assert portfolio["A2"].value == '\'=HYPERLINK("http://evil")' and portfolio["A2"].data_type == "s"

    for key in (
        "stages",
        "kpis",
        "open-tensions",
        "initiatives-by-source",
        "initiatives-by-world",
        "opportunity-funnel",
        "tensions",
        "mechanisms",
        "team",
    ):
        assert client.get(f"/dashboards/engagements/{cast.engagement.pk}/export/{key}.csv").status_code == 200


def test_the_report_prints_and_its_pdf_has_pages(client, cast, django_capture_on_commit_callbacks):
    seed(cast.engagement, random.Random(8))
    client.force_login(cast.manager)
    page = client.get(f"/dashboards/engagements/{cast.engagement.pk}/report/").content.decode()
    assert page.count('class="in-short"') == Initiative.objects.filter(engagement=cast.engagement).count()
    with django_capture_on_commit_callbacks(execute=True):  # drawn by the worker (in-process here)
        assert client.get(f"/dashboards/engagements/{cast.engagement.pk}/report.pdf").status_code == 202
    response = client.get(f"/dashboards/engagements/{cast.engagement.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    assert "Initiative 0" in "".join(p.extract_text() for p in reader.pages)


def test_query_counts_do_not_grow(client, cast):
    rng = random.Random(9)
    client.force_login(cast.manager)

    def grow():
        seed(cast.engagement, rng, n=4)
        other = EngagementFactory()
        MembershipFactory(engagement=other, user=cast.manager, role=EngagementMembership.Role.MANAGER)
        seed(other, rng, n=2)
        scoring.mark_all_dirty()
        scoring.run_recompute()

    pk = cast.engagement.pk
    assert_queries_do_not_grow(lambda: client.get("/dashboards/"), grow, at_most=16)
    assert_queries_do_not_grow(lambda: client.get("/dashboards/export/portfolio.csv"), grow, at_most=11)
    assert_queries_do_not_grow(lambda: client.get(f"/dashboards/engagements/{pk}/"), grow, at_most=29)
    assert_queries_do_not_grow(lambda: client.get("/dashboards/digest/?since=2000-01-01"), grow, at_most=14)
    assert_queries_do_not_grow(lambda: client.get(f"/dashboards/engagements/{pk}/report/"), grow, at_most=24)
    assert_queries_do_not_grow(
        lambda: client.get(f"/dashboards/engagements/{pk}/export/tensions.csv"), grow, at_most=27
    )


def test_the_digest_shows_what_changed_since_the_last_visit(client, cast):
    client.force_login(cast.manager)
    client.get("/dashboards/digest/")  # first visit
    visit = DigestVisit.objects.get(user=cast.manager)
    Need.objects.create(
        engagement=cast.engagement, title="A new need", source="citizens", category=CATEGORIES[0]
    )
    Need.objects.create(
        engagement=cast.other_engagement, title="Not yours", source="citizens", category=CATEGORIES[0]
    )
    phase = StagePhase.objects.get(engagement=cast.engagement, stage="A")
    decision = GateDecision.objects.create(
        phase=phase,
        transition="complete",
        decision="go_with_actions",
        justification="j",
        effective_on=date(2024, 6, 1),
    )
    GateAction.objects.create(
        decision=decision, description="Late", owner="Noa", due_on=timezone.localdate() - timedelta(days=1)
    )
    scoring.mark_all_dirty()
    scoring.run_recompute()
    initiative = Initiative.objects.create(engagement=cast.engagement, title="Moves")
    initiative.status = "pilot"
    initiative.save()

    context = client.get("/dashboards/digest/").context
    assert [n.title for n in context["needs"]] == ["A new need"]
    assert [a.description for a in context["actions"]] == ["Late"]
    assert [(m.title, m.previous_status, m.status) for m in context["moves"]] == [("Moves", "idea", "pilot")]
    assert DigestVisit.objects.get(user=cast.manager).seen_at > visit.seen_at
    assert client.get("/dashboards/digest/").context["needs"] == [], "seen"
    assert client.get("/dashboards/digest/?since=bad").status_code == 400


def test_the_digest_reports_score_changes_beyond_the_threshold(client, cast, settings):
    from api_human.core.services import record_create
    from stages.models import ChangeFocus

    settings.DIGEST_SCORE_CHANGE = 5
    StagePhase.objects.filter(engagement=cast.engagement, stage="A").update(status="active")  # exits apply
    scoring.mark_all_dirty()
    scoring.run_recompute()
    for title in ("a", "b", "c"):
        record_create(
            ChangeFocus, actor=cast.team_member, data={"engagement": cast.engagement, "title": title}
        )
    scoring.run_recompute()
    client.force_login(cast.manager)
    changes = client.get(f"/dashboards/digest/?since={timezone.localdate():%Y-%m-%d}").context[
        "score_changes"
    ]
    assert [c.rubric.key for c in changes] == ["stage-a-exit"]
    assert changes[0].delta > 5


def test_the_digest_shows_only_the_score_changes_of_subjects_you_may_see(client, cast, settings):
    from api_human.core.services import record_create
    from stages.models import ChangeFocus

    settings.DIGEST_SCORE_CHANGE = 5
    engagements = [cast.engagement, cast.other_engagement]
    StagePhase.objects.filter(engagement__in=engagements, stage="A").update(status="active")
    scoring.mark_all_dirty()
    scoring.run_recompute()
    for engagement in engagements:
        for title in ("a", "b", "c"):
            record_create(ChangeFocus, actor=cast.admin, data={"engagement": engagement, "title": title})
    scoring.run_recompute()
    client.force_login(cast.manager)
    response = client.get(f"/dashboards/digest/?since={timezone.localdate():%Y-%m-%d}")
    changes = response.context["score_changes"]
    assert [(c.rubric.key, c.engagement_id) for c in changes] == [("stage-a-exit", cast.engagement.pk)]
    assert changes[0].previous_score is not None and changes[0].delta > 5
    client.force_login(cast.admin)  # sees every engagement
    changes = client.get(f"/dashboards/digest/?since={timezone.localdate():%Y-%m-%d}").context[
        "score_changes"
    ]
    assert {c.engagement_id for c in changes} == {e.pk for e in engagements}


def test_the_morning_digest_is_e_mailed_only_when_configured(cast, settings):
    cast.manager.email = "manager@example.org"
    cast.manager.save()
    Need.objects.create(engagement=cast.engagement, title="Fresh", source="citizens", category=CATEGORIES[0])
    settings.DIGEST_EMAILS = False
    assert digests_send() == 0
    settings.DIGEST_EMAILS = True
    assert digests_send() == 1
    assert mail.outbox[0].to == ["manager@example.org"]
    assert "Fresh" in mail.outbox[0].body
    assert digests_send() == 0 and len(mail.outbox) == 1  # run again the same day: e-mailed once


def test_the_portfolio_is_paged_and_its_export_has_every_engagement(client, cast):
    from dashboards.selectors import PORTFOLIO_PAGE

    for _ in range(PORTFOLIO_PAGE):  # with the cast's engagement: one more than a page
        MembershipFactory(
            engagement=EngagementFactory(), user=cast.manager, role=EngagementMembership.Role.MANAGER
        )
    client.force_login(cast.manager)
    first = client.get("/dashboards/?date_from=2000-01-01")
    second = client.get("/dashboards/?date_from=2000-01-01&page=2")
    assert len(first.context["rows"]) == PORTFOLIO_PAGE and len(second.context["rows"]) == 1
    assert len(first.context["table"].rows) == PORTFOLIO_PAGE
    shown = {r["engagement"].pk for r in [*first.context["rows"], *second.context["rows"]]}
    assert len(shown) == PORTFOLIO_PAGE + 1
    assert "page=2" in first.content.decode()
    assert 'export/portfolio.csv?date_from=2000-01-01"' in second.content.decode()  # not the page
    rows = list(
        csv.reader(io.StringIO(client.get("/dashboards/export/portfolio.csv").content.decode("utf-8-sig")))
    )
    assert len(rows) == 1 + PORTFOLIO_PAGE + 1


def test_the_filter_s_selects_are_written_as_django_writes_them(cast):
    """The dashboards' filters use the core's one-pass select: the same HTML as Django's templates write."""
    from django import forms
    from django.test.html import parse_html

    from api_human.core.filtersets import CompactSelect
    from dashboards.forms import DashboardFilterForm

    attrs = {"class": "form-select", "data-on": True, "data-off": False}
    choices = [("", "—"), ("Group <1>", [("a", "A & B"), ("b", "<i>")]), ("c", 'C "quoted"')]
    for value in ("", "a", "c", None):
        ours = CompactSelect(attrs=attrs, choices=choices).render("name", value, attrs={"id": "id_name"})
        django = forms.Select(attrs=attrs, choices=choices).render("name", value, attrs={"id": "id_name"})
        assert parse_html(str(ours)) == parse_html(str(django))  # the same elements, attributes and text
    for data in (
        None,
        {"engagement": str(cast.engagement.pk), "category": "quality_of_care"},
        {"category": "x"},
    ):
        form = DashboardFilterForm(data, user=cast.manager)
        if data is not None:
            form.is_valid()  # an invalid choice marks the select (aria-invalid)
        ours = [str(form[name]) for name in ("engagement", "category")]
        for name in ("engagement", "category"):
            widget = form.fields[name].widget
            form.fields[name].widget = forms.Select(attrs=widget.attrs, choices=widget.choices)
        assert [parse_html(html) for html in ours] == [
            parse_html(str(form[name])) for name in ("engagement", "category")
        ]
