from django.urls import path

from . import views

urlpatterns = [
    path("engagements/<int:pk>/mediation-map/", views.MediationMapView.as_view(), name="mediation-map"),
    path(
        "engagements/<int:pk>/mediation-map/hand-over/",
        views.HandOverView.as_view(),
        name="connections-hand-over",
    ),
    path("engagements/<int:pk>/events/", views.EventListView.as_view(), name="event-list"),
    path("connections/<int:pk>/", views.ConnectionDetailView.as_view(), name="connection-detail"),
    path("connections/<int:pk>/make-direct/", views.MakeDirectView.as_view(), name="connection-make-direct"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/needs/", views.RaiseNeedView.as_view(), name="event-raise-need"),
]
