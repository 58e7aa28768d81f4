from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "api_human.core"
    label = "core"
    verbose_name = _("Organisations, engagements and people")

    def ready(self):
        from . import registry
        from .alerts import alerts_scan
        from .api.strict import StrictStringsConfig

        StrictStringsConfig.install()  # the API's text fields take text only, as its schema says
        # The demo's notifications: what stalls once the work and the tensions are loaded.
        registry.DEMO_LOADERS.register(alerts_scan, key="core.alerts", order=60)
