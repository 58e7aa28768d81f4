"""Needs, initiatives, process steps and pilots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    label = "initiatives"
    verbose_name = _("Needs and initiatives")

    def ready(self):
        from api_human.core.management.commands import loaddemo

        from .demo import load_initiatives_demo

        loaddemo.DEMO_LOADERS.append(load_initiatives_demo)
