"""Rubric engine: versioned rubrics, ratings, score snapshots and scoring runs on Celery."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_catalogue(sender, **kwargs):
    from .catalogue import sync_catalogue

    sync_catalogue()


class ScoringConfig(AppConfig):
    name = "api_human.scoring"
    label = "scoring"
    verbose_name = _("Scoring")

    def ready(self):
        from api_human.core import views as core_views
        from api_human.core.management.commands import loaddemo

        from . import metrics, subjects  # noqa: F401  (the engagement and organisation subjects; bridging)
        from .demo import load_scoring_demo
        from .views import engagement_bridging_section

        # The published rubrics are data that every database needs: loaded after each migrate.
        post_migrate.connect(_load_catalogue, sender=self, dispatch_uid="scoring-catalogue")
        loaddemo.DEMO_LOADERS.append(load_scoring_demo)
        core_views.ENGAGEMENT_PAGE_SECTIONS.append(engagement_bridging_section)
