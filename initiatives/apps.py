"""Needs, initiatives, process steps and pilots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    label = "initiatives"
    verbose_name = _("Needs and initiatives")

    def ready(self):
        from api_human.core import views
        from api_human.core.management.commands import loaddemo

        from . import metrics, subjects  # noqa: F401  (metrics, watchers and the scored subject type)
        from .demo import load_initiatives_demo
        from .views import engagement_work_section

        loaddemo.DEMO_LOADERS.append(load_initiatives_demo)
        views.ENGAGEMENT_PAGE_SECTIONS.insert(0, engagement_work_section)
