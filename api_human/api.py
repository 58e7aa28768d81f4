"""The one ``/api/v1/`` router. Each app registers its viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api_human.core.api import views as core_views
from api_human.scoring.api import views as scoring_views
from connections.api import views as connection_views
from initiatives.api import views as initiative_views
from opportunities.api import views as opportunity_views
from stages.api import views as stage_views
from tensions.api.views import TensionViewSet
from webhooks.api.views import WebhookEndpointViewSet

router = DefaultRouter()
router.include_root_view = False
# The partners' routes first: Django tries the patterns in order, and partner writes are the busiest
# calls (each route of the ones before it, with its format suffix, is one more failed match per call).
router.register(
    "partner/opportunities", opportunity_views.PartnerOpportunityViewSet, basename="partner-opportunity"
)
router.register("partner/broadcasts", opportunity_views.PartnerBroadcastViewSet, basename="partner-broadcast")
router.register("partner/webhooks", WebhookEndpointViewSet, basename="partner-webhook")
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
router.register("opportunities", opportunity_views.OpportunityViewSet, basename="opportunity")
router.register("broadcasts", opportunity_views.BroadcastViewSet, basename="broadcast")
router.register(
    "scouting-activities", opportunity_views.ScoutingActivityViewSet, basename="scouting-activity"
)
router.register("knowledge-flows", opportunity_views.KnowledgeFlowViewSet, basename="knowledge-flow")
router.register("connections", connection_views.ConnectionViewSet, basename="connection")
router.register("trust-notes", connection_views.TrustNoteViewSet, basename="trust-note")
router.register("events", connection_views.EventViewSet, basename="event")
router.register(
    "event-participants", connection_views.EventParticipationViewSet, basename="event-participant"
)
router.register("mentoring-sessions", connection_views.MentoringSessionViewSet, basename="mentoring-session")
router.register("pairings", connection_views.PairingViewSet, basename="pairing")
router.register("procurement-steps", connection_views.ProcurementStepViewSet, basename="procurement-step")
router.register(
    "learning-milestones", connection_views.LearningMilestoneViewSet, basename="learning-milestone"
)
router.register("reach-measurements", connection_views.ReachMeasurementViewSet, basename="reach-measurement")
router.register("concerns", connection_views.ConcernViewSet, basename="concern")
router.register("rubrics", scoring_views.RubricViewSet, basename="rubric")
router.register("ratings", scoring_views.RatingViewSet, basename="rating")
router.register("scores", scoring_views.ScoreViewSet, basename="score")
router.register("score-runs", scoring_views.ScoreRunViewSet, basename="score-run")

urlpatterns = [
    path("me/", core_views.MeView.as_view(), name="me"),
    path("partner/register/", opportunity_views.PartnerRegisterView.as_view(), name="partner-register"),
    path(
        "partner/registration/<str:token>/",
        opportunity_views.PartnerRegistrationStatusView.as_view(),
        name="partner-registration-status",
    ),
    path("partner/keys/rotate/", opportunity_views.PartnerKeyRotateView.as_view(), name="partner-key-rotate"),
    path("", include(router.urls)),
]
