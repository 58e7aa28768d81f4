from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.StagePhase)
class StagePhaseAdmin(SimpleHistoryAdmin):
    list_display = ("engagement", "stage", "status", "started_on", "completed_on")
    list_filter = ("stage", "status")
    list_select_related = ("engagement",)


@admin.register(models.GateDecision)
class GateDecisionAdmin(SimpleHistoryAdmin):
    list_display = ("phase", "transition", "decision", "status", "effective_on", "proposed_by", "reviewed_by")
    list_filter = ("status", "transition", "decision")
    list_select_related = ("phase__engagement", "proposed_by", "reviewed_by")


@admin.register(models.Mechanism)
class MechanismAdmin(SimpleHistoryAdmin):
    list_display = ("title", "engagement", "world", "category", "status", "unmediated")
    list_filter = ("world", "category", "status", "unmediated")
    search_fields = ("title",)
    list_select_related = ("engagement",)


for model in (
    models.ChangeFocus,
    models.Goal,
    models.WorkingPrinciple,
    models.ChangeSignal,
    models.Publication,
    models.ExitReview,
    models.RoleHolder,
):
    admin.site.register(model, SimpleHistoryAdmin)
