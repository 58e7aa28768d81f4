"""Django admin for administrators: people, organisations, engagements, teams and API keys."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Engagement,
    EngagementMembership,
    EngagementPartner,
    Organization,
    PartnerKey,
    Team,
    TeamMember,
    User,
)

admin.site.unregister(APIKey)  # partners' keys are PartnerKey rows, tied to a user


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organization", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Platform role"), {"fields": ("role", "organization")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Platform role"), {"fields": ("role", "organization")}),
    )


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "world", "kind", "website")
    list_filter = ("world", "kind")
    search_fields = ("name", "description")


class EngagementPartnerInline(admin.TabularInline):
    model = EngagementPartner
    autocomplete_fields = ("organization",)
    extra = 0


class MembershipInline(admin.TabularInline):
    model = EngagementMembership
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ("name", "change_object_kind", "change_object", "status", "start_date", "end_date")
    list_filter = ("status", "change_object_kind")
    search_fields = ("name", "change_object")
    autocomplete_fields = ("change_object_organization",)
    inlines = (EngagementPartnerInline, MembershipInline)
    readonly_fields = ("created_by",)


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    autocomplete_fields = ("user", "organization")
    extra = 0


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "engagement", "content_area", "formed_on", "dissolved_on")
    list_filter = ("kind",)
    list_select_related = ("engagement",)
    search_fields = ("name", "content_area")
    inlines = (TeamMemberInline,)


@admin.register(PartnerKey)
class PartnerKeyAdmin(APIKeyModelAdmin):
    list_display = (*APIKeyModelAdmin.list_display, "user", "last_used_at")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    search_fields = ("name", "prefix", "user__username")
