"""Stage phases of an engagement (A, B1, B2, C, D), their artefacts and gate decisions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StagesConfig(AppConfig):
    name = "stages"
    label = "stages"
    verbose_name = _("Stages")
