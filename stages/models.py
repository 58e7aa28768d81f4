"""The stages of an engagement (A, B1, B2, C, D), what each stage produces, and the gate decisions
that start and complete them. README, "Stages of an engagement".

Stages overlap: B1 and B2 run together, C starts close to them and does not end on its own — its
intensity changes. The rules live in ``services.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from api_human.core.historical import HistoricalRecords
from api_human.core.models import (
    Engagement,
    EngagementScopedQuerySet,
    Intensity,
    Organization,
    Stage,
    Versioned,
    World,
    scoped,
)


class EngagementRecord(Versioned):
    """Base of the records a stage produces: each belongs to one engagement and keeps its history."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        abstract = True


# ------------------------------------------------------------------------------------------------
# Stage phases, intensity over time, events
# ------------------------------------------------------------------------------------------------
class StagePhase(Versioned):
    """One stage of one engagement: its status, when it started and was completed."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        REOPENED = "reopened", _("Reopened")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="stage_phases"
    )
    stage = models.CharField(_("stage"), max_length=2, choices=Stage.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "stage"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "stage"],
                name="stage_phase_unique",
                violation_error_message=_("The engagement already has this stage."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=False, completed_on__gte=models.F("started_on")),
                name="stage_phase_completed_after_started",
                violation_error_message=_("A stage cannot be completed before it started."),
            ),
        ]

    def __str__(self):
        return str(Stage(self.stage).label)

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.ACTIVE, self.Status.REOPENED}

    @property
    def has_started(self) -> bool:
        return self.status != self.Status.NOT_STARTED


class IntensityChange(models.Model):
    """From this date on, the stage runs at this intensity (how much each side invests)."""

    phase = models.ForeignKey(
        StagePhase, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="intensity_changes"
    )
    intensity = models.CharField(_("intensity"), max_length=8, choices=Intensity.choices)
    changed_on = models.DateField(_("from"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = scoped("phase__engagement").as_manager()

    class Meta:
        ordering = ["phase", "changed_on", "id"]
        verbose_name = _("intensity change")
        verbose_name_plural = _("intensity changes")

    def __str__(self):
        return f"{self.phase} – {self.get_intensity_display()} ({self.changed_on})"


class StageEvent(models.Model):
    """A step in a stage's life: started, completed or reopened (with the reason)."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        REOPENED = "reopened", _("Reopened")

    phase = models.ForeignKey(
        StagePhase, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gate_decision = models.ForeignKey(
        "GateDecision",
        verbose_name=_("gate decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = scoped("phase__engagement").as_manager()

    class Meta:
        ordering = ["phase", "happened_on", "id"]
        verbose_name = _("stage event")
        verbose_name_plural = _("stage events")

    def __str__(self):
        return f"{self.phase} – {self.get_kind_display()}"


# ------------------------------------------------------------------------------------------------
# Gate decisions: the team proposes, a manager signs off or returns
# ------------------------------------------------------------------------------------------------
class GateDecision(Versioned):
    """The team's decision to start or complete a stage; it takes effect when a manager signs it off."""

    class Transition(models.TextChoices):
        START = "start", _("Start the stage")
        COMPLETE = "complete", _("Complete the stage")

    class Decision(models.TextChoices):
        GO = "go", _("Go")
        GO_WITH_ACTIONS = "go_with_actions", _("Go with actions")
        HOLD = "hold", _("Hold")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for sign-off")
        SIGNED_OFF = "signed_off", _("Signed off")
        RETURNED = "returned", _("Returned to the team")

    phase = models.ForeignKey(
        StagePhase, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="gate_decisions"
    )
    transition = models.CharField(_("transition"), max_length=8, choices=Transition.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    justification = models.TextField(_("justification"))
    effective_on = models.DateField(_("takes effect on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("manager's comment"), blank=True)
    # Filled by the scoring engine: the exit/readiness score the decision was taken on.
    score_snapshot = models.JSONField(_("score at the time of the decision"), null=True, blank=True)

    history = HistoricalRecords()
    objects = scoped("phase__engagement").as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "transition"],
                condition=Q(status="pending"),
                name="gate_decision_one_pending",
                violation_error_message=_("A decision on this move is already waiting for sign-off."),
            ),
        ]

    def __str__(self):
        return f"{self.phase} – {self.get_transition_display()} ({self.get_decision_display()})"


class GateAction(models.Model):
    """An action a gate decision commits to, with an owner and a due date."""

    decision = models.ForeignKey(
        GateDecision, verbose_name=_("gate decision"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = scoped("decision__phase__engagement").as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("gate action")
        verbose_name_plural = _("gate actions")

    def __str__(self):
        return self.description


# ------------------------------------------------------------------------------------------------
# Stage A: desired reality, diagnosis, change foci, theory of change, goals and metrics, role holders
# ------------------------------------------------------------------------------------------------
class ChangeDesign(Versioned):
    """Stage A's statements for an engagement: the desired reality, the diagnosis and the theory of change."""

    engagement = models.OneToOneField(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="change_design"
    )
    desired_reality = models.TextField(_("desired reality"), blank=True)
    current_state = models.TextField(_("diagnosis of the current state"), blank=True)
    theory_of_change = models.TextField(_("theory of change"), blank=True)
    maturity_diagnostic = models.TextField(_("digital-maturity diagnostic"), blank=True)
    maturity_diagnosed_on = models.DateField(_("maturity diagnosed on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("change design")
        verbose_name_plural = _("change designs")

    def __str__(self):
        return str(self.engagement)


class ChangeFocus(EngagementRecord):
    """A gap between the desired reality and the current state that the engagement sets out to close."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="change_foci"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "order", "id"]
        verbose_name = _("change focus")
        verbose_name_plural = _("change foci")

    def __str__(self):
        return self.title


class LogicModelItem(EngagementRecord):
    """One element of the theory of change's logic model, linked to the change foci it serves."""

    class Level(models.TextChoices):
        INPUT = "input", _("Inputs")
        ACTIVITY = "activity", _("Activities")
        OUTPUT = "output", _("Outputs")
        OUTCOME = "outcome", _("Outcomes")
        IMPACT = "impact", _("Impact")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="logic_model_items"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    change_foci = models.ManyToManyField(
        ChangeFocus, verbose_name=_("change foci"), blank=True, related_name="logic_model_items"
    )

    history = HistoricalRecords(m2m_fields=[change_foci])

    class Meta:
        ordering = ["engagement", "order", "id"]
        verbose_name = _("logic-model item")
        verbose_name_plural = _("logic-model items")

    def __str__(self):
        return self.text[:80]


class Goal(EngagementRecord):
    """A goal of the engagement, measured by success metrics."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    change_focus = models.ForeignKey(
        ChangeFocus,
        verbose_name=_("change focus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title


class SuccessMetric(Versioned):
    """How a goal is measured: unit, baseline, target and which direction is better."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )

    history = HistoricalRecords()
    objects = scoped("goal__engagement").as_manager()

    class Meta:
        ordering = ["goal", "id"]
        verbose_name = _("success metric")
        verbose_name_plural = _("success metrics")

    def __str__(self):
        return self.name


class Measurement(Versioned):
    """A dated value of a success metric, with where it came from."""

    metric = models.ForeignKey(
        SuccessMetric, verbose_name=_("success metric"), on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    history = HistoricalRecords()
    objects = scoped("metric__goal__engagement").as_manager()

    class Meta:
        ordering = ["metric", "measured_on", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self):
        return f"{self.metric}: {self.value} ({self.measured_on})"


class RoleHolder(EngagementRecord):
    """A person appointed to a role the change needs, e.g. the digital referent of a division."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="role_holders"
    )
    role = models.CharField(_("role"), max_length=200)
    full_name = models.CharField(_("full name"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("division or organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "role", "id"]
        verbose_name = _("role holder")
        verbose_name_plural = _("role holders")

    def __str__(self):
        return f"{self.role}: {self.full_name}"


# ------------------------------------------------------------------------------------------------
# Stage B1: working principles and the boundaries of the structured ambiguity
# ------------------------------------------------------------------------------------------------
class WorkingPrinciple(EngagementRecord):
    """A principle or a boundary that turns the ambiguity of joining two worlds into managed ambiguity."""

    class Kind(models.TextChoices):
        PRINCIPLE = "principle", _("Working principle")
        BOUNDARY = "boundary", _("Boundary")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="working_principles"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRINCIPLE)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "order", "id"]
        verbose_name = _("working principle")
        verbose_name_plural = _("working principles")

    def __str__(self):
        return self.title


# ------------------------------------------------------------------------------------------------
# Stage C: mechanisms, infrastructures and capabilities in both worlds
# ------------------------------------------------------------------------------------------------
class Mechanism(EngagementRecord):
    """An infrastructure, mechanism or capability built in the welfare world, the digital world or both."""

    class World(models.TextChoices):
        WELFARE = World.WELFARE.value, World.WELFARE.label
        DIGITAL = World.DIGITAL.value, World.DIGITAL.label
        BOTH = "both", _("Both worlds")

    class Category(models.TextChoices):
        HUMAN_CAPITAL = "human_capital", _("Human capital")
        ORGANISATIONAL = "organisational", _("Organisational mechanisms")
        ARRANGEMENTS = "arrangements", _("Arrangements and procedures")
        WORK_METHODS = "work_methods", _("Work methods")
        POLICY = "policy", _("Policy")
        STRATEGY = "strategy", _("Strategy")
        TECHNOLOGY = "technology", _("Technology infrastructure")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        BUILDING = "building", _("Being built")
        ESTABLISHED = "established", _("Established")
        INSTITUTIONALISED = "institutionalised", _("Institutionalised")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="mechanisms"
    )
    world = models.CharField(_("world"), max_length=8, choices=World.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    owner = models.ForeignKey(
        Organization,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mechanisms",
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("initiatives"), blank=True, related_name="mechanisms"
    )
    unmediated = models.BooleanField(
        _("works without mediation"),
        default=False,
        help_text=_("It works without the Human API in the middle."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "category", "world", "id"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")
        constraints = [
            models.CheckConstraint(
                condition=Q(established_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(established_on__gte=models.F("started_on")),
                name="mechanism_established_after_started",
                violation_error_message=_("A mechanism cannot be established before it was started."),
            ),
        ]

    def __str__(self):
        return self.title


# ------------------------------------------------------------------------------------------------
# Stage D: signals of perceptual change, publications, the exit review
# ------------------------------------------------------------------------------------------------
class ChangeSignal(EngagementRecord):
    """A bud of perceptual change: what changed in how people think, with the evidence."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="change_signals"
    )
    title = models.CharField(_("what changed"), max_length=300)
    evidence = models.TextField(_("evidence"), blank=True)
    observed_on = models.DateField(_("observed on"))
    observer = models.CharField(_("observed by"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "-observed_on", "id"]
        verbose_name = _("change signal")
        verbose_name_plural = _("change signals")

    def __str__(self):
        return self.title


class Publication(EngagementRecord):
    """A success made public in the shared ecosystem."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="publications"
    )
    title = models.CharField(_("title"), max_length=300)
    channel = models.CharField(_("channel"), max_length=200)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"))
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "-published_on", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class ExitReview(EngagementRecord):
    """Stage D's review of whether the team's role can end: ratings with evidence, a decision, a handover."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        NEXT_STAGE = "next_stage", _("Move to a next stage")
        FAREWELL = "farewell", _("Farewell, with a handover")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="exit_reviews"
    )
    reviewed_on = models.DateField(_("reviewed on"))
    infrastructure_rating = models.PositiveSmallIntegerField(
        _("strength of the infrastructures (1–5)"), validators=RATING
    )
    infrastructure_evidence = models.TextField(_("evidence for the infrastructures"))
    sustainability_rating = models.PositiveSmallIntegerField(
        _("ability to sustain the change (1–5)"), validators=RATING
    )
    sustainability_evidence = models.TextField(_("evidence for sustaining the change"))
    connection_rating = models.PositiveSmallIntegerField(
        _("the ministry's own connection with the digital world (1–5)"), validators=RATING
    )
    connection_evidence = models.TextField(_("evidence for the connection"))
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    summary = models.TextField(_("summary"), blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "-reviewed_on", "id"]
        verbose_name = _("exit review")
        verbose_name_plural = _("exit reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(infrastructure_rating__range=(1, 5))
                & Q(sustainability_rating__range=(1, 5))
                & Q(connection_rating__range=(1, 5)),
                name="exit_review_ratings_1_to_5",
                violation_error_message=_("Ratings are from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.engagement} – {self.reviewed_on}"


class HandoverItem(Versioned):
    """In a farewell: which ministry role takes which function, by when."""

    review = models.ForeignKey(
        ExitReview, verbose_name=_("exit review"), on_delete=models.CASCADE, related_name="handover"
    )
    function = models.CharField(_("function"), max_length=300)
    ministry_role = models.CharField(_("ministry role taking it"), max_length=200)
    due_on = models.DateField(_("due by"))

    history = HistoricalRecords()
    objects = scoped("review__engagement").as_manager()

    class Meta:
        ordering = ["review", "due_on", "id"]
        verbose_name = _("handover item")
        verbose_name_plural = _("handover items")

    def __str__(self):
        return self.function

    def clean(self):
        if self.review_id and self.review.signed_off_at:
            raise ValidationError(_("A signed-off exit review can no longer be changed."))
