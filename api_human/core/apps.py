from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "api_human.core"
    label = "core"
    verbose_name = _("Organisations, engagements and people")

    def ready(self):
        from . import metrics  # noqa: F401  (registers metrics and watchers with the scoring engine)
        from .api.strict import StrictStringsConfig

        StrictStringsConfig.install()  # the API's text fields take text only, as its schema says
