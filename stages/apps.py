"""Stage phases of an engagement (A, B1, B2, C, D), their artefacts and gate decisions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StagesConfig(AppConfig):
    name = "stages"
    label = "stages"
    verbose_name = _("Stages")

    def ready(self):
        from api_human.core import selectors, views
        from api_human.core.management.commands import loaddemo

        from . import metrics, subjects  # noqa: F401  (metrics, watchers and the scored subject type)
        from .demo import load_stage_demo
        from .selectors import history_sources
        from .views import engagement_stages_section

        views.ENGAGEMENT_PAGE_SECTIONS.append(engagement_stages_section)
        selectors.ENGAGEMENT_HISTORY_SOURCES.append(history_sources)
        loaddemo.DEMO_LOADERS.append(load_stage_demo)
