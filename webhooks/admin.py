"""Webhook endpoints and their delivery log in the Django admin. The signing secret is never shown."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("url", "organization", "active", "disabled_reason", "consecutive_failures", "created_at")
    list_filter = ("active", "disabled_reason")
    list_select_related = ("organization",)
    search_fields = ("url", "organization__name")
    autocomplete_fields = ("organization",)
    fields = (
        "organization",
        "url",
        "events",
        "active",
        "disabled_reason",
        "disabled_at",
        "consecutive_failures",
        "created_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("consecutive_failures", "created_by", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False  # partners add endpoints (a secret is made and shown to them once)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The log of what was sent to partners' endpoints, for support: read only."""

    list_display = (
        "event",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "created_at",
        "next_attempt_at",
        "last_error_short",
    )
    list_filter = ("status", "event", "is_test")
    list_select_related = ("endpoint",)
    search_fields = ("event_id", "endpoint__url", "endpoint__organization__name")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    @admin.display(description=_("last error"))
    def last_error_short(self, delivery):
        return delivery.last_error[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
