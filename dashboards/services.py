"""The morning digest by e-mail (the page itself is in views.py), and the report's PDF drawn by a worker."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from api_human.core.concurrency import serialized
from api_human.core.models import Role, User
from api_human.core.outbox import outbox_enqueue

from . import reports
from .models import DigestEmail, ReportPdf
from .selectors import digest

logger = logging.getLogger(__name__)


def digests_send(*, now=None) -> int:
    """E-mail each active manager with an address their digest since yesterday; returns how many were
    sent. Nothing is sent while ``DIGEST_EMAILS`` is off, nor to a manager with nothing new."""
    if not settings.DIGEST_EMAILS:
        return 0
    now = now or timezone.now()
    since, today = now - timedelta(days=1), timezone.localdate(now)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for manager in User.objects.filter(role=Role.MANAGER, is_active=True).exclude(email=""):
            data = digest(manager, since=since)
            if not data["count"]:
                continue
            body = render_to_string("dashboards/digest_email.txt", {**data, "person": manager})
            try:
                with transaction.atomic():  # the day's record and the e-mail: both, or neither
                    DigestEmail.objects.create(user=manager, sent_on=today)
                    send_mail(
                        _("Good morning: what changed in your engagements"), body, None, [manager.email]
                    )
            except IntegrityError:  # already e-mailed today (a second run of the task)
                continue
            except OSError:  # a mail server that does not answer: the next morning tries again
                logger.warning("digest: could not e-mail %s", manager.pk, exc_info=True)
                continue
            sent += 1
    return sent


# ------------------------------------------------------------------------------------------------
# The report as a PDF: drawn once per state of the data, by a worker
# ------------------------------------------------------------------------------------------------
RENDER_TASK = "dashboards.render_report_pdf"


def report_pdf_request(*, engagement, language: str, html: str, actor, retry: bool = False) -> ReportPdf:
    """The PDF of ``html`` (``reports.pdf_html``): the one drawn, or being drawn, for the same page, or
    a new one queued for a worker (through the outbox, after commit; in-process without Redis, so it
    is drawn when this returns). A failed one is drawn again only when asked (``retry``), as is one
    that waited longer than a task may run."""
    key = reports.pdf_key(html)
    with transaction.atomic():
        serialized(f"report-pdf:{engagement.pk}:{language}")  # two clicks queue one drawing
        report = ReportPdf.objects.filter(engagement=engagement, language=language, key=key).first()
        if report is not None and not (retry and _may_retry(report)):
            return report
        if report is None:
            report = ReportPdf.objects.create(
                engagement=engagement, language=language, key=key, html=html, requested_by=actor
            )
        else:
            report.status, report.error, report.html = ReportPdf.Status.QUEUED, "", html
            report.requested_by, report.requested_at = actor, timezone.now()
            report.started_at = report.finished_at = None
            report.save()
        outbox_enqueue(RENDER_TASK, kwargs={"report_id": report.pk})
    report.refresh_from_db()  # drawn already when the task ran in-process
    return report


def _may_retry(report) -> bool:
    if report.status == ReportPdf.Status.FAILED:
        return True
    waited = timezone.now() - report.requested_at
    return report.status != ReportPdf.Status.DONE and waited > timedelta(
        seconds=settings.OUTBOX_LEASE_SECONDS
    )


def report_pdf_draw(report_id: int) -> str:
    """Draw a queued PDF (the worker's side); returns its status. Each step is saved as the progress;
    a report that cannot be drawn is marked failed with the reason (not retried: the same page would
    fail again), and the older PDFs of the engagement in that language are dropped once a new one is
    ready."""
    report = ReportPdf.objects.filter(pk=report_id).defer("pdf").first()
    if report is None:
        return ""
    started, clock = timezone.now(), time.perf_counter()
    # Claimed by one task: a second delivery of the message (a retry, the outbox sending again) finds
    # it taken and draws nothing. One whose worker died is queued again by report_pdf_request.
    claimed = ReportPdf.objects.filter(pk=report_id, status=ReportPdf.Status.QUEUED).update(
        status=ReportPdf.Status.LAYOUT, started_at=started, error=""
    )
    if not claimed:
        return ReportPdf.objects.filter(pk=report_id).values_list("status", flat=True).first() or ""
    try:
        document = reports.pdf_layout(report.html)
        _report_step(report_id, status=ReportPdf.Status.WRITING, pages=len(document.pages))
        content = document.write_pdf()
    except Exception as error:  # WeasyPrint's own errors have no common base
        logger.exception("report %s: the PDF could not be drawn", report_id)
        _report_step(
            report_id, status=ReportPdf.Status.FAILED, error=repr(error)[:1000], finished_at=timezone.now()
        )
        return ReportPdf.Status.FAILED
    with transaction.atomic():
        _report_step(
            report_id,
            status=ReportPdf.Status.DONE,
            pdf=content,
            html="",
            finished_at=timezone.now(),
            seconds=round(time.perf_counter() - clock, 2),
        )
        ReportPdf.objects.filter(
            engagement_id=report.engagement_id, language=report.language, status__in=ReportPdf.FINISHED
        ).exclude(pk=report_id).delete()
    return ReportPdf.Status.DONE


def _report_step(report_id, **fields) -> None:
    ReportPdf.objects.filter(pk=report_id).update(**fields)
