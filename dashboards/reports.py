"""The engagement report in the source's style (printable HTML and PDF through WeasyPrint).

The PDF is drawn from the same template as the printable page; WeasyPrint may read only the app's
own static files (no network), and shapes Hebrew and Arabic right to left.
"""

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import get_language_bidi

from initiatives.models import Initiative, Pilot
from stages.models import ExitReview, StagePhase
from tensions.models import Tension

from .selectors import _initiatives_by, _initiatives_by_category, _kpis, mechanisms_table


def report_context(engagement) -> dict:
    phases = list(StagePhase.objects.filter(engagement=engagement).order_by("stage"))
    initiatives = list(
        Initiative.objects.filter(engagement=engagement)
        .prefetch_related(
            "needs",
            "steps",
            "partnerships__organization",
            Prefetch("pilots", queryset=Pilot.objects.prefetch_related("kpis")),
        )
        .order_by("created_at", "pk")
    )
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


def render_pdf(request, context) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as error:  # the Python package is there, Pango is not
        raise PdfUnavailable from error

    html = render_to_string("dashboards/report.html", {**context, "for_pdf": True}, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_fetcher()).write_pdf()
