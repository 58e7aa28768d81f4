"""Partner webhooks: signed HTTP callbacks that tell a partner's systems what happened."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    label = "webhooks"
    verbose_name = _("Partner webhooks")
