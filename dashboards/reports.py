"""The engagement report in the source's style (printable HTML and PDF through WeasyPrint).

The PDF is drawn from the same template as the printable page, with its own small print stylesheet
(``css/report-print.css``: block layout only, parsed once per process); WeasyPrint may read only the
app's own static files (no network), and shapes Hebrew and Arabic right to left.

Drawing a long report takes seconds, so a worker draws it (``services.report_pdf_request``) and the
PDF is kept for as long as the page it was drawn from stays the same: ``pdf_key`` is a hash of that
page (the data and the words it shows) and of the stylesheet.
"""

import functools
import hashlib
from collections import defaultdict
from itertools import groupby

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language_bidi

from initiatives.models import Initiative, InitiativePartner, ProcessStep
from stages.models import ExitReview, StagePhase
from tensions.models import Tension

from .selectors import _initiatives_by, _initiatives_by_category, _kpis, _labels, mechanisms_table


def report_context(engagement) -> dict:
    phases = list(StagePhase.objects.filter(engagement=engagement).order_by("stage"))
    initiatives = list(
        Initiative.objects.filter(engagement=engagement)
        .prefetch_related("needs", "partnerships__organization")
        .order_by("created_at", "pk")
    )
    # The labels the boxes show, worked out once (get_FOO_display works the choices out at each call):
    # the kinds of each initiative's steps, a kind once for each run of steps of that kind.
    statuses, kinds = _labels(Initiative, "status"), _labels(ProcessStep, "kind")
    roles = _labels(InitiativePartner, "role")
    steps = defaultdict(list)  # the kinds of each initiative's steps, in the steps' order
    for initiative_id, kind in ProcessStep.objects.filter(initiative__in=initiatives).values_list(
        "initiative_id", "kind"
    ):
        steps[initiative_id].append(kinds.get(kind, kind))
    for initiative in initiatives:
        initiative.status_label = statuses.get(initiative.status, initiative.status)
        initiative.step_kinds = [kind for kind, _run in groupby(steps[initiative.pk])]
        for partnership in initiative.partnerships.all():
            partnership.role_label = roles.get(partnership.role, partnership.role)
    tensions = list(
        Tension.objects.filter(engagement=engagement).prefetch_related("criteria").order_by("raised_on", "pk")
    )
    reviews = list(
        ExitReview.objects.filter(engagement=engagement).prefetch_related("handover").order_by("-reviewed_on")
    )
    rtl = get_language_bidi()
    return {
        "engagement": engagement,
        "phases": phases,
        # The dashboard's charts, each with its table (whole period, no filter).
        "figures": [
            _initiatives_by_category(engagement, None, None, None),
            _initiatives_by(engagement, "source", None, None, None, rtl=rtl),
            _initiatives_by(engagement, "content_world", None, None, None, rtl=rtl),
        ],
        "kpis": _kpis(engagement, rtl=rtl),
        "initiatives": initiatives,
        "tensions": tensions,
        "mechanisms": mechanisms_table(engagement),
        "review": reviews[0] if reviews else None,
        "rtl": rtl,
    }


def _fetcher():
    """WeasyPrint may read the app's own static files and the charts' images, nothing from the network."""
    from weasyprint.urls import URLFetcher

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/png;base64,"):  # a chart drawn for the PDF (charts.py)
                return super().fetch(url, headers)
            marker = "/static/"
            if marker in url:
                path = finders.find(url.split(marker, 1)[1].split("?", 1)[0])
                if path:
                    return super().fetch(f"file://{path}", headers)
            raise ValueError(f"not loaded in a PDF: {url}")

    return LocalStaticFetcher(allowed_protocols=["file", "http", "https", "data"])


class PdfUnavailable(Exception):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""


PRINT_CSS = "css/report-print.css"
# Where the PDF's relative addresses point; WeasyPrint reads only static files (see _fetcher).
BASE_URL = "http://report.invalid/"


@functools.cache
def _weasyprint():
    """WeasyPrint's module, imported once (it loads Pango); PdfUnavailable without Pango."""
    try:
        import weasyprint
    except OSError as error:  # the Python package is there, Pango is not
        raise PdfUnavailable from error
    return weasyprint


def pdf_available() -> bool:
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


@functools.cache
def _print_stylesheet():
    """The print stylesheet, parsed once per process, and a hash of its text (part of ``pdf_key``)."""
    weasyprint = _weasyprint()
    with open(finders.find(PRINT_CSS), "rb") as handle:
        text = handle.read()
    css = weasyprint.CSS(string=text.decode(), base_url=BASE_URL, url_fetcher=_fetcher())
    return css, hashlib.sha256(text + weasyprint.__version__.encode()).hexdigest()


def pdf_html(context) -> str:
    """The page the PDF is drawn from (charts as images, no stylesheet links: see _print_stylesheet)."""
    return render_to_string("dashboards/report.html", {**context, "for_pdf": True})


def pdf_key(html: str) -> str:
    """The version of what the PDF shows: the same page and stylesheet give the same PDF."""
    return hashlib.sha256(f"{_print_stylesheet()[1]}|{html}".encode()).hexdigest()


def pdf_layout(html: str):
    """WeasyPrint's laid out document (its ``pages``; ``write_pdf()`` writes it)."""
    weasyprint = _weasyprint()
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render(
        stylesheets=[_print_stylesheet()[0]]
    )


def render_pdf(html: str) -> bytes:
    """The PDF of ``html`` (from ``pdf_html``), drawn here and now."""
    return pdf_layout(html).write_pdf()
