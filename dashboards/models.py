"""The dashboards only read; they keep when each person last opened their digest, and which morning
digests were e-mailed (so a digest run twice — a retried or duplicated task — e-mails once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestVisit(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="digest_visit",
    )
    seen_at = models.DateTimeField(_("last opened"))

    class Meta:
        verbose_name = _("digest visit")
        verbose_name_plural = _("digest visits")

    def __str__(self):
        return f"{self.user} @ {self.seen_at:%Y-%m-%d %H:%M}"


class DigestEmail(models.Model):
    """A morning digest e-mailed to a manager: at most one a day (a constraint)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("day"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_on", "user"]
        verbose_name = _("digest e-mail")
        verbose_name_plural = _("digest e-mails")
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="digest_email_once_a_day")]

    def __str__(self):
        return f"{self.user} {self.sent_on}"


class ReportPdf(models.Model):
    """An engagement's report drawn as a PDF, in one language, for one state of its data.

    ``key`` is a hash of the printable page the PDF is drawn from (its data, its words, the print
    stylesheet), so a PDF is served again as long as nothing it shows has changed, and a change makes a
    new one. A worker draws it (``dashboards.render_report_pdf``, sent through the outbox); its steps
    are the progress the page shows. The page to draw is kept until it is drawn, then only the PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for its turn")
        LAYOUT = "layout", _("Laying out the pages")
        WRITING = "writing", _("Writing the PDF")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not be drawn")

    FINISHED = frozenset({Status.DONE, Status.FAILED})

    engagement = models.ForeignKey(
        "core.Engagement", verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10)
    key = models.CharField(_("version of the data"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    html = models.TextField(_("page to draw"), blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    seconds = models.FloatField(_("seconds to draw"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF report")
        verbose_name_plural = _("PDF reports")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "language", "key"], name="report_pdf_one_per_version"
            )
        ]

    def __str__(self):
        return f"{self.engagement_id} {self.language} {self.key[:8]} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED
