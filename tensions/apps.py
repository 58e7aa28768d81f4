"""The tensions register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


class TensionsConfig(AppConfig):
    name = "tensions"
    label = "tensions"
    verbose_name = _("Tensions")

    def ready(self):
        from . import metrics  # noqa: F401  (registers metrics and watchers with the scoring engine)
        from .demo import load_tensions_demo
        from .services import blocking_tension_alerts
        from .views import engagement_work_section

        # Needs, initiatives and open tensions: the first section of the engagement page.
        registry.ENGAGEMENT_SECTIONS.register(engagement_work_section, key="work", order=10)
        registry.ALERT_SOURCES.register(blocking_tension_alerts, key="tensions.blocking", order=10)
        registry.DEMO_LOADERS.register(load_tensions_demo, key="tensions", order=40)
