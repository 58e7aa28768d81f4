"""The Human API's connective work: connections and the mediation map, mentoring, events, two in a box,
procurement paths, reach from venture to national service, and the parties' concerns."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


class ConnectionsConfig(AppConfig):
    name = "connections"
    label = "connections"
    verbose_name = _("Connective work")

    def ready(self):
        from . import metrics  # noqa: F401  (registers its metrics and watchers with the scoring engine)
        from .demo import load_connections_demo
        from .exports import EXPORTS
        from .forms import RECORD_KINDS
        from .selectors import history_sources
        from .tiles import TILES
        from .views import engagement_connective_section, initiative_connective_section

        registry.ENGAGEMENT_SECTIONS.register(engagement_connective_section, key="connections", order=35)
        registry.INITIATIVE_SECTIONS.register(initiative_connective_section, key="connections", order=10)
        registry.ENGAGEMENT_HISTORY.register(history_sources, key="connections", order=30)
        for order, (slug, kind) in enumerate(RECORD_KINDS.items(), start=100):
            registry.STAGE_RECORD_KINDS.register(kind, key=slug, order=order)
        for order, (key, tile) in enumerate(TILES.items(), start=80):
            registry.DASHBOARD_TILES.register(tile, key=key, order=order)
        for order, (key, export) in enumerate(EXPORTS.items()):
            registry.ENGAGEMENT_EXPORTS.register(export, key=key, order=order)
        # After the opportunities' demo (its organisations, initiatives and mechanisms exist), before scoring.
        registry.DEMO_LOADERS.register(load_connections_demo, key="connections", order=80)
