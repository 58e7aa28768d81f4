"""Rubric engine: versioned rubrics, ratings, score snapshots and scoring runs (models arrive with the scoring issue)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "api_human.scoring"
    label = "scoring"
    verbose_name = _("Scoring")
