"""The dashboards only read; they keep one thing: when each person last opened their digest."""

from django.conf import settings
from django.db import models
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
