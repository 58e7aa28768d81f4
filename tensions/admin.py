from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DecisionCriterion, Tension


class CriterionInline(admin.TabularInline):
    model = DecisionCriterion
    extra = 0


@admin.register(Tension)
class TensionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "engagement", "source_type", "origin", "state", "blocking", "raised_on")
    list_filter = ("state", "source_type", "origin", "blocking")
    search_fields = ("title", "pole_a", "pole_b")
    list_select_related = ("engagement",)
    inlines = (CriterionInline,)
