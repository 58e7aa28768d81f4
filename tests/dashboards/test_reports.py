"""The report's PDF: drawn by a worker (through the outbox), kept until the data it shows changes and
then served without drawing, drawn again after a change, a failure reported (and drawn again only when
asked), its progress shown to those who may see the engagement — and the print stylesheet parsed once."""

import io
import random

import pytest
from django.conf import settings
from pypdf import PdfReader

from api_human.core.models import OutboxMessage
from dashboards import reports
from dashboards.models import ReportPdf
from dashboards.services import RENDER_TASK
from initiatives.models import Initiative
from tests.dashboards.test_dashboards import seed
from tests.matrix import check_matrix, statuses

pytestmark = pytest.mark.django_db


def pdf_url(engagement):
    return f"/dashboards/engagements/{engagement.pk}/report.pdf"


def text_of(response) -> str:
    assert response["Content-Type"] == "application/pdf", response.content[:300]
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def asked_and_drawn(client, url, capture):
    """Ask for the PDF (queued: 202 and the progress page), let the worker draw it, ask again."""
    with capture(execute=True):  # the worker (in-process here), once the request has committed
        assert client.get(url).status_code == 202
    return client.get(url)


@pytest.fixture
def drawings(monkeypatch):
    """How many times WeasyPrint laid a report out."""
    calls = []
    layout = reports.pdf_layout

    def counted(html):
        calls.append(html)
        return layout(html)

    monkeypatch.setattr(reports, "pdf_layout", counted)
    return calls


def test_a_drawn_pdf_is_served_again_without_drawing(
    client, cast, drawings, django_capture_on_commit_callbacks
):
    seed(cast.engagement, random.Random(11))
    client.force_login(cast.manager)
    first = asked_and_drawn(client, pdf_url(cast.engagement), django_capture_on_commit_callbacks)
    assert first.status_code == 200 and "Initiative 0" in text_of(first)
    assert len(drawings) == 1

    again = client.get(pdf_url(cast.engagement))
    assert again.status_code == 200 and again.content == first.content
    assert len(drawings) == 1, "served from the kept PDF"
    report = ReportPdf.objects.get(engagement=cast.engagement)
    assert (report.status, report.html, report.pages) == (
        ReportPdf.Status.DONE,
        "",
        len(PdfReader(io.BytesIO(first.content)).pages),
    )

    client.force_login(cast.team_member)  # another reader of the same engagement: the same PDF
    assert client.get(pdf_url(cast.engagement)).content == first.content
    assert len(drawings) == 1


def test_a_change_of_the_data_draws_it_again(client, cast, drawings, django_capture_on_commit_callbacks):
    seed(cast.engagement, random.Random(12))
    client.force_login(cast.manager)
    asked_and_drawn(client, pdf_url(cast.engagement), django_capture_on_commit_callbacks)
    kept = ReportPdf.objects.get(engagement=cast.engagement)

    initiative = Initiative.objects.filter(engagement=cast.engagement).order_by("pk").first()
    initiative.title = "Renamed after the first PDF"
    initiative.save()
    response = asked_and_drawn(client, pdf_url(cast.engagement), django_capture_on_commit_callbacks)
    assert "Renamed after the first PDF" in text_of(response)
    assert len(drawings) == 2
    assert list(ReportPdf.objects.filter(engagement=cast.engagement)) != [kept]
    assert ReportPdf.objects.filter(engagement=cast.engagement).count() == 1, "the old PDF is dropped"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # another language is another PDF
    english = asked_and_drawn(client, pdf_url(cast.engagement), django_capture_on_commit_callbacks)
    assert "Initiatives, in short" in text_of(english)
    assert len(drawings) == 3


def test_the_page_shows_the_progress_while_a_worker_draws_it(
    client, cast, django_capture_on_commit_callbacks
):
    seed(cast.engagement, random.Random(13))
    client.force_login(cast.manager)
    with django_capture_on_commit_callbacks(execute=False) as queued:  # no worker has taken it yet
        response = client.get(pdf_url(cast.engagement))
    assert response.status_code == 202
    report = ReportPdf.objects.get(engagement=cast.engagement)
    progress = f"/dashboards/engagements/{cast.engagement.pk}/report/pdf/{report.pk}/"
    assert f'hx-get="{progress}"' in response.content.decode()
    assert report.status == ReportPdf.Status.QUEUED and report.html
    assert OutboxMessage.objects.filter(task=RENDER_TASK, kwargs={"report_id": report.pk}).count() == 1
    assert client.get(pdf_url(cast.engagement)).status_code == 202, "asked again: the same drawing"
    assert OutboxMessage.objects.filter(task=RENDER_TASK).count() == 1

    fragment = client.get(progress)
    assert fragment.status_code == 200 and "<progress" in fragment.content.decode()
    for callback in queued:  # the worker draws it
        callback()
    done = client.get(progress).content.decode()
    assert "hx-get" not in done and f'href="{pdf_url(cast.engagement)}"' in done
    assert client.get(pdf_url(cast.engagement)).status_code == 200


def test_a_failed_drawing_is_reported_and_drawn_again_only_when_asked(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    seed(cast.engagement, random.Random(14))
    client.force_login(cast.manager)
    attempts = []

    def broken(html):
        attempts.append(html)
        raise ValueError("no room on the page")

    monkeypatch.setattr(reports, "pdf_layout", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(pdf_url(cast.engagement)).status_code == 202
    response = client.get(pdf_url(cast.engagement))
    assert response.status_code == 503
    assert "?retry=1" in response.content.decode()
    report = ReportPdf.objects.get(engagement=cast.engagement)
    assert report.status == ReportPdf.Status.FAILED and "no room on the page" in report.error
    assert client.get(pdf_url(cast.engagement)).status_code == 503
    assert len(attempts) == 1, "a failed PDF is not drawn again at every visit"

    monkeypatch.undo()
    retried = asked_and_drawn(
        client, pdf_url(cast.engagement) + "?retry=1", django_capture_on_commit_callbacks
    )
    assert retried.status_code == 200 and "Initiative 0" in text_of(retried)
    assert ReportPdf.objects.get(engagement=cast.engagement).status == ReportPdf.Status.DONE


def test_who_may_ask_for_the_pdf_and_its_progress(cast):
    members_waiting = statuses(302, 404, 404, 202, 404, 202, 202)  # queued: no worker in this test
    check_matrix(cast, "get", pdf_url(cast.engagement), members_waiting, api=False)
    report = ReportPdf.objects.get(engagement=cast.engagement)
    progress = f"/dashboards/engagements/{cast.engagement.pk}/report/pdf/{report.pk}/"
    check_matrix(cast, "get", progress, statuses(302, 404, 404, 200, 404, 200, 200), api=False)
    # A report of another engagement is not reached through this one's address.
    other = f"/dashboards/engagements/{cast.other_engagement.pk}/report/pdf/{report.pk}/"
    check_matrix(cast, "get", other, statuses(302, 404, 404, 404, 404, 404, 404), api=False)


def test_the_print_stylesheet_is_small_and_parsed_once(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    import weasyprint

    parsed = []
    css = weasyprint.CSS

    def counted(*args, **kwargs):
        parsed.append(kwargs)
        return css(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "CSS", counted)
    reports._print_stylesheet.cache_clear()
    seed(cast.engagement, random.Random(15))
    client.force_login(cast.manager)
    for title in ("First", "Second"):  # two different PDFs, each drawn
        Initiative.objects.create(engagement=cast.engagement, title=title)
        drawn = asked_and_drawn(client, pdf_url(cast.engagement), django_capture_on_commit_callbacks)
        assert drawn.status_code == 200
    assert len(parsed) == 1
    html = reports.pdf_html(reports.report_context(cast.engagement))
    assert "<link" not in html and "bootstrap" not in html
    reports._print_stylesheet.cache_clear()  # the next test parses the real one again


def test_a_second_delivery_of_the_task_draws_nothing(
    client, cast, drawings, django_capture_on_commit_callbacks
):
    """The outbox may send a message again (Redis lost it, a retry): the report is claimed by one task."""
    from dashboards.services import report_pdf_draw

    seed(cast.engagement, random.Random(15))
    client.force_login(cast.manager)
    assert (
        asked_and_drawn(client, pdf_url(cast.engagement), django_capture_on_commit_callbacks).status_code
        == 200
    )
    report = ReportPdf.objects.get(engagement=cast.engagement)
    assert report_pdf_draw(report.pk) == ReportPdf.Status.DONE
    ReportPdf.objects.filter(pk=report.pk).update(status=ReportPdf.Status.LAYOUT)  # another task is on it
    assert report_pdf_draw(report.pk) == ReportPdf.Status.LAYOUT
    assert len(drawings) == 1
