"""The digital-world map, scouting, broadcasts, opportunity profiles, matching and the partner API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")
