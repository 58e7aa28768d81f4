from django.urls import path, re_path

from . import views

urlpatterns = [
    re_path(
        r"^engagements/(?P<pk>\d+)/stages/(?P<stage>A|B1|B2|C|D)/(?P<move>start|complete|reopen|intensity)/$",
        views.StageMoveView.as_view(),
        name="stage-move",
    ),
    path("engagements/<int:pk>/change-design/", views.ChangeDesignView.as_view(), name="change-design"),
    path(
        "engagements/<int:pk>/records/<slug:kind>/new/", views.RecordFormView.as_view(), name="record-create"
    ),
    path(
        "engagements/<int:pk>/records/<slug:kind>/<int:record_pk>/edit/",
        views.RecordFormView.as_view(),
        name="record-update",
    ),
    path(
        "engagements/<int:pk>/records/<slug:kind>/<int:record_pk>/delete/",
        views.RecordDeleteView.as_view(),
        name="record-delete",
    ),
    re_path(
        r"^gate-decisions/(?P<pk>\d+)/(?P<verdict>sign-off|return)/$",
        views.GateReviewView.as_view(),
        name="gate-review",
    ),
    path(
        "exit-reviews/<int:pk>/sign-off/", views.ExitReviewSignOffView.as_view(), name="exit-review-sign-off"
    ),
    path("mechanisms/", views.MechanismListView.as_view(), name="mechanism-list"),
    path("sign-offs/", views.PendingSignOffsView.as_view(), name="pending-sign-offs"),
]
