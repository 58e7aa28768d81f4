from django.urls import path

from . import views

urlpatterns = [
    path("needs/", views.NeedListView.as_view(), name="need-list"),
    path("needs/new/", views.NeedFormView.as_view(), name="need-create"),
    path("needs/<int:pk>/edit/", views.NeedFormView.as_view(), name="need-update"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative-list"),
    path("initiatives/board/", views.InitiativeBoardView.as_view(), name="initiative-board"),
    path("initiatives/new/", views.InitiativeFormView.as_view(), name="initiative-create"),
    path("initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative-detail"),
    path("initiatives/<int:pk>/edit/", views.InitiativeFormView.as_view(), name="initiative-update"),
    path("initiatives/<int:pk>/steps/new/", views.StepFormView.as_view(), name="step-create"),
    path("initiatives/<int:pk>/pilots/new/", views.PilotFormView.as_view(), name="pilot-create"),
    path("initiatives/<int:pk>/move/", views.MoveView.as_view(), name="initiative-move"),
    path("initiatives/<int:pk>/intensity/", views.IntensityView.as_view(), name="initiative-intensity"),
    path("pilots/<int:pk>/kpis/new/", views.KpiFormView.as_view(), name="kpi-create"),
]
