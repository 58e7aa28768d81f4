"""Manager dashboards, charts, exports and reports (reads; few or no models)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


class DashboardsConfig(AppConfig):
    name = "dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from .selectors import OWN_TILES

        for order, (key, tile) in enumerate(OWN_TILES.items()):
            registry.DASHBOARD_TILES.register(tile, key=key, order=10 * (order + 1))
