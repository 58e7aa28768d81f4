from django.urls import path, re_path

from . import views

urlpatterns = [
    path("partner/webhooks/", views.EndpointListView.as_view(), name="webhook-list"),
    path("partner/webhooks/<int:pk>/edit/", views.EndpointEditView.as_view(), name="webhook-update"),
    path("partner/webhooks/<int:pk>/deliveries/", views.DeliveryLogView.as_view(), name="webhook-deliveries"),
    re_path(
        r"^partner/webhooks/(?P<pk>\d+)/(?P<verb>test|rotate-secret|enable|delete)/$",
        views.EndpointActionView.as_view(),
        name="webhook-action",
    ),
]
