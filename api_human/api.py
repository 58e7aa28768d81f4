"""The one ``/api/v1/`` router. Each app registers its viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api_human.core.api import views as core_views

router = DefaultRouter()
router.include_root_view = False
router.register("organizations", core_views.OrganizationViewSet, basename="organization")
router.register("engagements", core_views.EngagementViewSet, basename="engagement")
router.register("memberships", core_views.EngagementMembershipViewSet, basename="membership")
router.register("teams", core_views.TeamViewSet, basename="team")
router.register("team-members", core_views.TeamMemberViewSet, basename="team-member")

urlpatterns = [
    path("me/", core_views.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
