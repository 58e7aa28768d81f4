from django.urls import path, re_path

from . import views

urlpatterns = [
    path("tensions/", views.TensionBoardView.as_view(), name="tension-board"),
    path("tensions/new/", views.TensionFormView.as_view(), name="tension-create"),
    path("tensions/<int:pk>/", views.TensionDetailView.as_view(), name="tension-detail"),
    path("tensions/<int:pk>/edit/", views.TensionFormView.as_view(), name="tension-update"),
    re_path(
        r"^tensions/(?P<pk>\d+)/(?P<verb>move|criteria|blocking)/$",
        views.TensionActionView.as_view(),
        name="tension-action",
    ),
]
