"""Stage phases of an engagement (A, B1, B2, C, D), their artefacts and gate decisions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from api_human.core import registry


class StagesConfig(AppConfig):
    name = "stages"
    label = "stages"
    verbose_name = _("Stages")

    def ready(self):
        from . import metrics, subjects  # noqa: F401  (metrics, watchers and the scored subject type)
        from .demo import load_mechanism_links_demo, load_stage_demo
        from .selectors import history_sources
        from .services import stage_phases_ensure
        from .views import OWN_RECORD_KINDS, engagement_stages_section

        registry.ENGAGEMENT_CREATED.register(
            lambda engagement: stage_phases_ensure(engagement=engagement), key="stages.phases", order=10
        )
        registry.ENGAGEMENT_SECTIONS.register(engagement_stages_section, key="stages", order=20)
        registry.ENGAGEMENT_HISTORY.register(history_sources, key="stages", order=10)
        for order, (slug, kind) in enumerate(OWN_RECORD_KINDS.items()):
            registry.STAGE_RECORD_KINDS.register(registry.StageRecordKind(*kind), key=slug, order=order)
        registry.DEMO_LOADERS.register(load_stage_demo, key="stages", order=20)
        # Which initiatives built each mechanism: once the initiatives' demo has made them.
        registry.DEMO_LOADERS.register(load_mechanism_links_demo, key="stages.mechanism-links", order=50)
