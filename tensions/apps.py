"""The tensions register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TensionsConfig(AppConfig):
    name = "tensions"
    label = "tensions"
    verbose_name = _("Tensions")

    def ready(self):
        from . import metrics  # noqa: F401  (registers metrics and watchers with the scoring engine)
