"""The one ``/api/v1/`` router. Each app registers its viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api_human.core.api import views as core_views
from initiatives.api import views as initiative_views
from stages.api import views as stage_views
from tensions.api.views import TensionViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("organizations", core_views.OrganizationViewSet, basename="organization")
router.register("engagements", core_views.EngagementViewSet, basename="engagement")
router.register("memberships", core_views.EngagementMembershipViewSet, basename="membership")
router.register("teams", core_views.TeamViewSet, basename="team")
router.register("team-members", core_views.TeamMemberViewSet, basename="team-member")
router.register(r"engagements/(?P<engagement_pk>\d+)/stages", stage_views.StagePhaseViewSet, basename="stage")
router.register("gate-decisions", stage_views.GateDecisionViewSet, basename="gate-decision")
router.register("change-designs", stage_views.ChangeDesignViewSet, basename="change-design")
router.register("change-foci", stage_views.ChangeFocusViewSet, basename="change-focus")
router.register("logic-model-items", stage_views.LogicModelItemViewSet, basename="logic-model-item")
router.register("goals", stage_views.GoalViewSet, basename="goal")
router.register("success-metrics", stage_views.SuccessMetricViewSet, basename="success-metric")
router.register("role-holders", stage_views.RoleHolderViewSet, basename="role-holder")
router.register("working-principles", stage_views.WorkingPrincipleViewSet, basename="working-principle")
router.register("mechanisms", stage_views.MechanismViewSet, basename="mechanism")
router.register("change-signals", stage_views.ChangeSignalViewSet, basename="change-signal")
router.register("publications", stage_views.PublicationViewSet, basename="publication")
router.register("exit-reviews", stage_views.ExitReviewViewSet, basename="exit-review")
router.register("needs", initiative_views.NeedViewSet, basename="need")
router.register("initiatives", initiative_views.InitiativeViewSet, basename="initiative")
router.register("pilots", initiative_views.PilotViewSet, basename="pilot")
router.register("tensions", TensionViewSet, basename="tension")
router.register("notifications", core_views.NotificationViewSet, basename="notification")

urlpatterns = [
    path("me/", core_views.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
