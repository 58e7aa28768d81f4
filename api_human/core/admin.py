"""Django admin for administrators: people, organisations, engagements, teams and API keys."""

from axes.utils import reset as axes_reset
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey
from simple_history.admin import SimpleHistoryAdmin

from .mfa import second_factor_reset
from .models import (
    Engagement,
    EngagementMembership,
    EngagementPartner,
    IdempotencyKey,
    Organization,
    OutboxMessage,
    PartnerKey,
    Team,
    TeamMember,
    User,
    UserSession,
)
from .signin import sign_out_everywhere

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
    readonly_fields = ("oidc_subject",)
    actions = ("unlock_sign_in", "sign_out_everywhere", "reset_second_factor")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return (*fieldsets, (_("Sign-in"), {"fields": ("oidc_subject",)}))

    @admin.action(description=_("Unlock sign-in (forget failed attempts)"))
    def unlock_sign_in(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.get_username())
        self.message_user(request, _("Sign-in unlocked for %(count)d people.") % {"count": len(queryset)})

    @admin.action(description=_("Sign out everywhere"))
    def sign_out_everywhere(self, request, queryset):
        ended = sum(sign_out_everywhere(user, keep=request.session.session_key) for user in queryset)
        self.message_user(request, _("%(count)d sessions ended.") % {"count": ended})

    @admin.action(description=_("Reset the second factor (they set up a new one at the next sign-in)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor_reset(user)
            sign_out_everywhere(user, keep=request.session.session_key)
        self.message_user(request, _("Second factor reset for %(count)d people.") % {"count": len(queryset)})


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "signed_in_at", "address", "user_agent")
    list_select_related = ("user",)
    search_fields = ("user__username", "address")
    readonly_fields = ("user", "session_key", "signed_in_at", "address", "user_agent")

    def has_add_permission(self, request):
        return False


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


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What committed changes still have to cause. A message given up after OUTBOX_MAX_ATTEMPTS
    (state "dead") waits here for a person: fix the cause, then send it again."""

    list_display = (
        "task",
        "state",
        "attempts",
        "created_at",
        "available_at",
        "finished_at",
        "last_error_short",
    )
    list_filter = ("state", "task")
    search_fields = ("task", "dedupe_key", "last_error")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ("send_again",)

    @admin.display(description=_("last error"))
    def last_error_short(self, message):
        return message.last_error[:80]

    @admin.action(description=_("Send again (a message that was given up or is stuck)"))
    def send_again(self, request, queryset):
        count = queryset.exclude(state=OutboxMessage.State.DONE).update(
            state=OutboxMessage.State.PENDING, attempts=0, dispatched_at=None, available_at=timezone.now()
        )
        self.message_user(request, _("%(count)s message(s) will be sent again.") % {"count": count})

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None  # the list and its action; a message itself is not edited by hand


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    """The answers kept for Idempotency-Keys (IDEMPOTENCY_KEY_TTL), for looking up what a partner's
    repeated request was answered."""

    list_display = ("scope", "key", "method", "path", "status_code", "created_at", "expires_at")
    search_fields = ("scope", "key", "path")
    list_filter = ("method", "status_code")
    readonly_fields = [f.name for f in IdempotencyKey._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
