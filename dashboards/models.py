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
