"""The tensions register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TensionsConfig(AppConfig):
    name = "tensions"
    label = "tensions"
    verbose_name = _("Tensions")
