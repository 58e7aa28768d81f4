"""The digital-world map, scouting, broadcasts, opportunity profiles, matching and the partner API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self):
        from . import (
            forms,
            metrics,  # noqa: F401  (registers metrics and watchers with the scoring engine)
            models,
            subjects,  # noqa: F401  (the scored subject type)
        )
        from .demo import load_opportunities_demo
        from .views import engagement_scouting_section

        registry.ENGAGEMENT_SECTIONS.register(engagement_scouting_section, key="scouting", order=30)
        registry.DEMO_LOADERS.register(load_opportunities_demo, key="opportunities", order=70)
        # Scouting and knowledge flows are edited in place like the other stage records (stage B2).
        kinds = {
            "scouting-activities": (
                models.ScoutingActivity,
                forms.ScoutingActivityForm,
                _("Scouting activity"),
            ),
            "knowledge-flows": (models.KnowledgeFlow, forms.KnowledgeFlowForm, _("Knowledge flow")),
        }
        for order, (slug, (model, form_class, title)) in enumerate(kinds.items(), 100):
            registry.STAGE_RECORD_KINDS.register(
                registry.StageRecordKind(model, form_class, "B2", title), key=slug, order=order
            )
