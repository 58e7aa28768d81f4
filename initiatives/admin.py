from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.NeedSubcategory)
class NeedSubcategoryAdmin(admin.ModelAdmin):
    """The managed list of need sub-categories, per category, named in Hebrew, English and Arabic."""

    list_display = ("name", "name_en", "name_ar", "category", "order")
    list_filter = ("category",)
    list_editable = ("order",)
    search_fields = ("name", "name_en", "name_ar")
    fields = ("category", "name", "name_en", "name_ar", "order")


@admin.register(models.Need)
class NeedAdmin(SimpleHistoryAdmin):
    list_display = ("title", "engagement", "category", "source", "status")
    list_filter = ("category", "source", "status")
    search_fields = ("title",)
    list_select_related = ("engagement",)


class PartnerInline(admin.TabularInline):
    model = models.InitiativePartner
    extra = 0


@admin.register(models.Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "engagement", "status", "procurement")
    list_filter = ("status", "procurement")
    search_fields = ("title",)
    list_select_related = ("engagement",)
    inlines = (PartnerInline,)
