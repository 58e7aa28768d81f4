"""The managers' dashboards (the team sees them too): the portfolio, an engagement's stage dashboard,
the morning digest, exports of every table, and the engagement report (printable page and PDF)."""

from datetime import datetime, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views import View

from api_human.core.models import Engagement
from api_human.core.registry import ENGAGEMENT_EXPORTS, TileFilters
from api_human.core.views import RoleRequiredMixin, query_without

from . import exports, reports, selectors, services
from .forms import DashboardFilterForm
from .models import DigestVisit, ReportPdf


def _filters(request, *, with_engagement=True):
    form = DashboardFilterForm(request.GET or None, user=request.user, with_engagement=with_engagement)
    valid = form.is_valid() if form.is_bound else True
    return form, (form.cleaned_data if form.is_bound and valid else {}), valid


def _export(request, table, filename):
    fmt = request.resolver_match.kwargs.get("fmt")
    if fmt == "csv":
        return exports.csv_response(table, filename)
    if fmt == "xlsx":
        return exports.xlsx_response(table, filename, rtl=get_language_bidi())
    raise Http404


class PortfolioView(RoleRequiredMixin, View):
    """Every engagement the user may see: active stages, scores with a 90-day trend, what waits."""

    def get(self, request, fmt=None, table=None):
        form, filters, valid = _filters(request)
        if fmt:
            if table != "portfolio":
                raise Http404
            data = selectors.portfolio(request.user, filters=filters, rtl=get_language_bidi(), cards=False)
            return _export(request, data["table"], "portfolio")
        data = selectors.portfolio(
            request.user, filters=filters, rtl=get_language_bidi(), page=request.GET.get("page", 1)
        )
        return render(
            request,
            "dashboards/portfolio.html",
            {**data, "form": form, "query": query_without(request, "page")},
            status=200 if valid else 400,
        )


class EngagementDashboardView(RoleRequiredMixin, View):
    def get(self, request, pk, fmt=None, table=None):
        engagement = get_object_or_404(Engagement.objects.visible_to(request.user), pk=pk)
        form, filters, valid = _filters(request, with_engagement=False)
        if fmt and not valid:  # an export of a period the form refuses: say so rather than export it all
            message = _("The period or category of the export is not valid: check the dashboard's filter.")
            return render(request, "error.html", {"status": 400, "message": message}, status=400)
        export = ENGAGEMENT_EXPORTS.get(table) if fmt else None
        if export is not None:  # a list of records, exported alone (the dashboard is not drawn for it)
            tile_filters = TileFilters(
                date_from=filters.get("date_from"),
                date_to=filters.get("date_to"),
                category=filters.get("category"),
                rtl=get_language_bidi(),
            )
            return _export(request, export(engagement, tile_filters), f"{table}-{engagement.pk}")
        data = selectors.engagement_dashboard(engagement, filters=filters, rtl=get_language_bidi())
        if fmt:
            chosen = next((t for t in [*data["tables"], *data["more_tables"]] if t.key == table), None)
            if chosen is None:
                raise Http404
            return _export(request, chosen, f"{table}-{engagement.pk}")
        context = {**data, "engagement": engagement, "form": form, "query": request.GET.urlencode()}
        return render(request, "dashboards/engagement.html", context, status=200 if valid else 400)


class DigestView(RoleRequiredMixin, View):
    """What changed since your last visit (or since yesterday); ``?since=YYYY-MM-DD`` looks further back."""

    def get(self, request):
        now = timezone.now()
        visit = DigestVisit.objects.filter(user=request.user).first()
        since = visit.seen_at if visit else now - timedelta(days=1)
        explicit = request.GET.get("since", "")
        if explicit:
            try:
                since = timezone.make_aware(datetime.strptime(explicit, "%Y-%m-%d"))
            except ValueError:
                return render(request, "dashboards/digest.html", {"bad_since": True}, status=400)
        data = selectors.digest(request.user, since=since)
        if not explicit:
            DigestVisit.objects.update_or_create(user=request.user, defaults={"seen_at": now})
        return render(request, "dashboards/digest.html", data)


class ReportView(RoleRequiredMixin, View):
    """The engagement in the source's style: stages with dates, each initiative's "in short" box, the
    tensions and how they were handled, the mechanisms table, the exit review. HTML to print, or PDF.

    The PDF is drawn by a worker and kept until what it shows changes: a PDF drawn for the same data
    is sent at once; otherwise a page shows the drawing's progress and links to the PDF when ready
    (without Redis it is drawn in-process and sent in the same response)."""

    def get(self, request, pk, pdf=False):
        engagement = get_object_or_404(Engagement.objects.visible_to(request.user), pk=pk)
        context = reports.report_context(engagement)
        if not pdf:
            return render(request, "dashboards/report.html", context)
        if not reports.pdf_available():
            return render(
                request,
                "error.html",
                {
                    "status": 503,
                    "message": _(
                        "PDF reports cannot be drawn on this server (Pango is not installed); the printable page works."
                    ),
                },
                status=503,
            )
        report = services.report_pdf_request(
            engagement=engagement,
            language=get_language(),
            html=reports.pdf_html(context),
            actor=request.user,
            retry=request.GET.get("retry") == "1",
        )
        if report.status == ReportPdf.Status.DONE:
            response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="engagement-{engagement.pk}.pdf"'
            return response
        status = 503 if report.status == ReportPdf.Status.FAILED else 202  # never a 500: try again
        context = {"engagement": engagement, **selectors.report_pdf_progress(report)}
        return render(request, "dashboards/report_pdf.html", context, status=status)


class ReportProgressView(RoleRequiredMixin, View):
    """The progress of a PDF being drawn (htmx asks every second until it is finished)."""

    def get(self, request, pk, report):
        engagement = get_object_or_404(Engagement.objects.visible_to(request.user), pk=pk)
        found = get_object_or_404(
            ReportPdf.objects.filter(engagement=engagement).defer("html", "pdf"), pk=report
        )
        context = {"engagement": engagement, **selectors.report_pdf_progress(found)}
        return render(request, "dashboards/report_progress.html", context)
