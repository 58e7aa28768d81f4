from django.contrib import admin

from .models import Rating, Rubric, ScoreRun


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    """Rubrics are edited on their own pages (new drafts, publishing); here they are only listed."""

    list_display = ("key", "version", "status", "subject_type", "kind", "stage", "published_at")
    list_filter = ("status", "subject_type", "kind", "stage")
    search_fields = ("key", "name_he", "name_en")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = (
        "rubric_key",
        "criterion_key",
        "subject_type",
        "subject_id",
        "value",
        "rated_by",
        "rated_on",
    )
    list_filter = ("subject_type", "rubric_key")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ScoreRun)
class ScoreRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "engagement", "done", "total", "snapshots", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in ScoreRun._meta.fields]
