from django.urls import path

from . import views

urlpatterns = [
    path("dashboards/", views.PortfolioView.as_view(), name="dashboard-portfolio"),
    path(
        "dashboards/export/<slug:table>.<str:fmt>",
        views.PortfolioView.as_view(),
        name="dashboard-portfolio-export",
    ),
    path("dashboards/digest/", views.DigestView.as_view(), name="dashboard-digest"),
    path(
        "dashboards/engagements/<int:pk>/",
        views.EngagementDashboardView.as_view(),
        name="dashboard-engagement",
    ),
    path(
        "dashboards/engagements/<int:pk>/export/<slug:table>.<str:fmt>",
        views.EngagementDashboardView.as_view(),
        name="dashboard-engagement-export",
    ),
    path("dashboards/engagements/<int:pk>/report/", views.ReportView.as_view(), name="dashboard-report"),
    path(
        "dashboards/engagements/<int:pk>/report.pdf",
        views.ReportView.as_view(),
        {"pdf": True},
        name="dashboard-report-pdf",
    ),
    path(
        "dashboards/engagements/<int:pk>/report/pdf/<int:report>/",
        views.ReportProgressView.as_view(),
        name="dashboard-report-progress",
    ),
]
