"""The digital-world map, scouting, broadcasts, opportunity profiles, matching and the partner API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self):
        from api_human.core import views
        from api_human.core.management.commands import loaddemo
        from stages import views as stage_views

        from . import (
            forms,
            metrics,  # noqa: F401  (registers metrics and watchers with the scoring engine)
            models,
            subjects,  # noqa: F401  (the scored subject type)
        )
        from .demo import load_opportunities_demo
        from .views import engagement_scouting_section

        loaddemo.DEMO_LOADERS.append(load_opportunities_demo)
        views.ENGAGEMENT_PAGE_SECTIONS.append(engagement_scouting_section)
        # Scouting and knowledge flows are edited in place like the other stage records (stage B2).
        stage_views.RECORD_KINDS.update(
            {
                "scouting-activities": (
                    models.ScoutingActivity,
                    forms.ScoutingActivityForm,
                    "B2",
                    _("Scouting activity"),
                ),
                "knowledge-flows": (models.KnowledgeFlow, forms.KnowledgeFlowForm, "B2", _("Knowledge flow")),
            }
        )
