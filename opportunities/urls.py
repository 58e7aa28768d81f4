from django.urls import path, re_path

from . import views

urlpatterns = [
    path("opportunities/", views.PipelineBoardView.as_view(), name="opportunity-board"),
    path("opportunities/<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity-detail"),
    re_path(
        r"^opportunities/(?P<pk>\d+)/(?P<verb>pipeline|initiative|confirm)/$",
        views.OpportunityActionView.as_view(),
        name="opportunity-action",
    ),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
    path("broadcasts/", views.BroadcastListView.as_view(), name="broadcast-list"),
    path("broadcasts/new/", views.BroadcastFormView.as_view(), name="broadcast-create"),
    path("broadcasts/<int:pk>/edit/", views.BroadcastFormView.as_view(), name="broadcast-update"),
    path("partners/approvals/", views.PartnerApprovalsView.as_view(), name="partner-approvals"),
]
