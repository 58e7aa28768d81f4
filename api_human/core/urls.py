from django.urls import path

from . import signin_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", signin_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", signin_views.LogoutView.as_view(), name="logout"),
    path("accounts/security/", signin_views.SecurityView.as_view(), name="account-security"),
    path("accounts/second-factor/", signin_views.SecondFactorView.as_view(), name="second-factor"),
    path(
        "accounts/second-factor/setup/",
        signin_views.SecondFactorSetupView.as_view(),
        name="second-factor-setup",
    ),
    path(
        "accounts/second-factor/recovery-codes/",
        signin_views.RecoveryCodesView.as_view(),
        name="second-factor-recovery",
    ),
    path(
        "accounts/second-factor/remove/",
        signin_views.SecondFactorRemoveView.as_view(),
        name="second-factor-remove",
    ),
    path("engagements/", views.EngagementListView.as_view(), name="engagement-list"),
    path("engagements/new/", views.EngagementCreateView.as_view(), name="engagement-create"),
    path("engagements/<int:pk>/", views.EngagementDetailView.as_view(), name="engagement-detail"),
    path("engagements/<int:pk>/edit/", views.EngagementUpdateView.as_view(), name="engagement-update"),
    path(
        "engagements/<int:engagement_pk>/memberships/new/",
        views.MembershipFormView.as_view(),
        name="membership-create",
    ),
    path(
        "engagements/<int:engagement_pk>/memberships/<int:pk>/edit/",
        views.MembershipFormView.as_view(),
        name="membership-update",
    ),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations/new/", views.OrganizationFormView.as_view(), name="organization-create"),
    path("organizations/<int:pk>/", views.OrganizationDetailView.as_view(), name="organization-detail"),
    path("organizations/<int:pk>/edit/", views.OrganizationFormView.as_view(), name="organization-update"),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path(
        "notifications/<int:pk>/<str:verb>/", views.NotificationMarkView.as_view(), name="notification-mark"
    ),
    path("partner/", views.PartnerHomeView.as_view(), name="partner-home"),
    path("partner/keys/", views.PartnerKeyIssueView.as_view(), name="partner-key-issue"),
    path(
        "partner/keys/<str:prefix>/revoke/", views.PartnerKeyRevokeView.as_view(), name="partner-key-revoke"
    ),
]
