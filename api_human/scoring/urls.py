from django.urls import path

from . import views

urlpatterns = [
    path("scores/runs/<int:pk>/", views.RunProgressView.as_view(), name="score-run-progress"),
    path(
        "scores/<slug:subject_type>/<int:subject_id>/", views.ScoreSubjectView.as_view(), name="score-subject"
    ),
    path(
        "scores/<slug:subject_type>/<int:subject_id>/rate/<int:criterion_pk>/",
        views.RateView.as_view(),
        name="score-rate",
    ),
    path("engagements/<int:pk>/scores/recompute/", views.RecomputeView.as_view(), name="score-recompute"),
    path("organizations/<int:pk>/maturity/", views.MaturityView.as_view(), name="organization-maturity"),
    path("rubrics/", views.RubricListView.as_view(), name="rubric-list"),
    path("rubrics/<int:pk>/", views.RubricDetailView.as_view(), name="rubric-detail"),
    path("rubrics/<int:pk>/<slug:verb>/", views.RubricActionView.as_view(), name="rubric-action"),
    path("rubric-criteria/<int:pk>/edit/", views.CriterionEditView.as_view(), name="criterion-edit"),
]
