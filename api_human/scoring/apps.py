"""Rubric engine: versioned rubrics, ratings, score snapshots and scoring runs on Celery."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


def _load_catalogue(sender, **kwargs):
    from .catalogue import sync_catalogue

    sync_catalogue()


class ScoringConfig(AppConfig):
    name = "api_human.scoring"
    label = "scoring"
    verbose_name = _("Scoring")

    def ready(self):
        # The engagement and organisation subjects, bridging, and the evidence of the core's records.
        from . import core_metrics, metrics, subjects  # noqa: F401
        from .demo import load_scoring_demo
        from .views import engagement_bridging_section

        # The published rubrics are data that every database needs: loaded after each migrate.
        post_migrate.connect(_load_catalogue, sender=self, dispatch_uid="scoring-catalogue")
        registry.ENGAGEMENT_SECTIONS.register(engagement_bridging_section, key="bridging", order=40)
        # Last: the scores of everything the other demos made, computed once.
        registry.DEMO_LOADERS.register(load_scoring_demo, key="scoring", order=90)
