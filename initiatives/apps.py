"""Needs, initiatives, process steps and pilots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


class InitiativesConfig(AppConfig):
    name = "initiatives"
    label = "initiatives"
    verbose_name = _("Needs and initiatives")

    def ready(self):
        from . import metrics, subjects  # noqa: F401  (metrics, watchers and the scored subject type)
        from .demo import load_initiatives_demo
        from .services import stale_initiative_alerts

        registry.ALERT_SOURCES.register(stale_initiative_alerts, key="initiatives.stale", order=20)
        registry.DEMO_LOADERS.register(load_initiatives_demo, key="initiatives", order=30)
