"""Needs and the initiatives that answer them (README, "Needs, initiatives and tensions").

The record of an initiative keeps the source's shape: need → the Human API's process → solution →
impact ("in short"), with partners from the digital world, a joint team, pilots and an intensity
that starts high and changes over time.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from api_human.core.historical import HistoricalRecords
from api_human.core.models import (
    Engagement,
    EngagementScopedQuerySet,
    Intensity,
    NeedCategory,
    Organization,
    Team,
    Versioned,
    scoped,
)


class ContentWorld(models.TextChoices):
    SELF_SERVICE = "self_service", _("Self-service welfare")
    REMOTE_SERVICE = "remote_service", _("Remote service")
    PRACTITIONER_TOOLS = "practitioner_tools", _("Digital tools for the practitioner")
    MANAGEMENT = "management", _("Management processes")
    CROSS_CUTTING = "cross_cutting", _("Cross-cutting: literacy and infrastructure")


class NeedSubcategory(models.Model):
    """A sub-category of need, kept by administrators as a list per category."""

    category = models.CharField(_("category"), max_length=24, choices=NeedCategory.choices)
    name = models.CharField(_("name (Hebrew)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "order", "name"]
        verbose_name = _("need sub-category")
        verbose_name_plural = _("need sub-categories")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"],
                name="need_subcategory_unique",
                violation_error_message=_("This sub-category already exists."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the interface language (Hebrew when that language has none)."""
        language = (get_language() or "he")[:2]
        return {"en": self.name_en, "ar": self.name_ar}.get(language) or self.name


class Need(Versioned):
    """A need of the welfare world, raised bottom-up (citizens, field workers) or top-down."""

    class Source(models.TextChoices):
        CITIZENS = "citizens", _("Bottom-up: citizens")
        FIELD_WORKERS = "field_workers", _("Bottom-up: field workers")
        SUPERVISION = "supervision", _("Top-down: supervision")
        MANAGEMENT = "management", _("Top-down: management")
        POLITICAL = "political", _("Top-down: political level")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        BROADCAST = "broadcast", _("Broadcast to the digital world")
        BEING_ANSWERED = "being_answered", _("Being answered")
        ANSWERED = "answered", _("Answered")
        DROPPED = "dropped", _("Dropped")

    BOTTOM_UP = (Source.CITIZENS, Source.FIELD_WORKERS)

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="needs"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    category = models.CharField(_("category"), max_length=24, choices=NeedCategory.choices)
    subcategory = models.ForeignKey(
        NeedSubcategory,
        verbose_name=_("sub-category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    content_world = models.CharField(
        _("content world"), max_length=24, choices=ContentWorld.choices, blank=True
    )
    requested_by = models.ForeignKey(
        Organization,
        verbose_name=_("requesting division or organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IDENTIFIED)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "category", "title"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        # The needs page's order: a page is read from the index, not sorted out of the table.
        indexes = [models.Index(fields=["engagement", "category", "title", "id"], name="need_page_order")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.subcategory_id and self.subcategory.category != self.category:
            raise ValidationError({"subcategory": _("Choose a sub-category of the need's category.")})


class Initiative(Versioned):
    """What answers one or more needs, usually with partners from the digital world."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        EXPLORING = "exploring", _("Exploring")
        JOINT_TEAM = "joint_team", _("Joint team")
        PILOT = "pilot", _("Pilot")
        SCALING = "scaling", _("Scaling")
        SUSTAINED = "sustained", _("Sustained")
        STOPPED = "stopped", _("Stopped")

    class Method(models.TextChoices):
        HUMAN_CENTRED_DESIGN = "human_centred_design", _("Human-centred design")
        CUSTOMER_JOURNEY = "customer_journey", _("Customer journey")
        TWO_IN_A_BOX = "two_in_a_box", _("Two in a box")
        HACKATHON = "hackathon", _("Hackathon")
        TASK_FORCE = "task_force", _("Task force")
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")

    class Procurement(models.TextChoices):
        CHALLENGE_TENDER = "challenge_tender", _("Challenge tender")
        RFI = "rfi", _("Request for information (RFI)")
        VENDOR_CONFERENCE = "vendor_conference", _("Vendor conference")
        ADAPTED_TENDER = "adapted_tender", _("Tender adapted to digital")
        INNOVATION_FUND = "innovation_fund", _("Innovation fund")
        VOLUNTEER = "volunteer", _("No cost / volunteer")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=200)
    needs = models.ManyToManyField(Need, verbose_name=_("needs"), blank=True, related_name="initiatives")
    big_dream = models.TextField(_("shared big dream"), blank=True)
    process_summary = models.TextField(_("the Human API's process, in short"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    impact_headline = models.CharField(_("impact of the change"), max_length=300, blank=True)
    impact_details = models.TextField(_("impact in detail"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IDEA)
    stop_reason = models.TextField(_("why it stopped"), blank=True)
    methods = models.JSONField(_("methods"), default=list, blank=True)
    procurement = models.CharField(
        _("procurement path"), max_length=20, choices=Procurement.choices, blank=True
    )
    joint_team = models.ForeignKey(
        Team,
        verbose_name=_("joint team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    partners = models.ManyToManyField(
        Organization,
        through="InitiativePartner",
        verbose_name=_("partners"),
        related_name="initiatives",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[needs])
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        # The initiatives page (by title) and the board's columns (by status, then title): each page
        # and column is read from an index, not sorted out of the table.
        indexes = [
            models.Index(fields=["title", "id"], name="initiative_page_order"),
            models.Index(fields=["status", "title", "id"], name="initiative_board_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="stopped") | ~models.Q(stop_reason=""),
                name="initiative_stopped_has_reason",
                violation_error_message=_("Say why the initiative stopped."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        unknown = set(self.methods or []) - set(self.Method.values)
        if not isinstance(self.methods, list) or unknown:
            raise ValidationError({"methods": _("Choose methods from the list.")})
        if self.joint_team_id and self.joint_team.engagement_id != self.engagement_id:
            raise ValidationError({"joint_team": _("Choose a team of the same engagement.")})

    def get_methods_display(self) -> list[str]:
        return [str(self.Method(m).label) for m in self.methods or []]


class InitiativePartner(models.Model):
    """An organisation taking part in an initiative, and in which role."""

    class Role(models.TextChoices):
        VENTURE = "venture", _("Venture")
        OPERATOR = "operator", _("Operator")
        FUNDER = "funder", _("Funder")
        ADVISOR = "advisor", _("Advisor")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="partnerships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="initiative_partnerships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "role", "id"]
        verbose_name = _("initiative partner")
        verbose_name_plural = _("initiative partners")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization", "role"],
                name="initiative_partner_unique",
                violation_error_message=_("This organisation already has this role here."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class InitiativeIntensity(models.Model):
    """From this date on, the initiative runs at this intensity. Every initiative starts high."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="intensity_changes"
    )
    intensity = models.CharField(_("intensity"), max_length=8, choices=Intensity.choices)
    changed_on = models.DateField(_("from"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["initiative", "changed_on", "id"]
        verbose_name = _("initiative intensity")
        verbose_name_plural = _("initiative intensities")

    def __str__(self):
        return f"{self.initiative} – {self.get_intensity_display()} ({self.changed_on})"


class ProcessStep(Versioned):
    """A dated step of the Human API's work on an initiative, in the source's vocabulary."""

    class Kind(models.TextChoices):
        IDENTIFY_NEED = "identify_need", _("Identifying the need")
        SCOUTING = "scouting", _("Scouting and information flow")
        PRESENCE = "presence", _("Presence in the digital world")
        INTRODUCTION = "introduction", _("Introduction between the ministry and the venture")
        CONNECTION = "connection", _("Building the connection process between the worlds")
        POLICY = "policy", _("Policy formulation")
        ORG_MECHANISMS = "org_mechanisms", _("Arrangements: organisational mechanisms")
        WORK_METHODS = "work_methods", _("Arrangements: work methods")
        HUMAN_CAPITAL = "human_capital", _("Arrangements: human-capital development")
        PROCUREMENT = "procurement", _("Arrangements: procurement and contracting")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    actor = models.CharField(_("who"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = scoped("initiative__engagement").as_manager()

    class Meta:
        ordering = ["initiative", "happened_on", "id"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")

    def __str__(self):
        return self.get_kind_display()


class Pilot(Versioned):
    """A pilot of an initiative: where, with whom, when, and how it came out."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="pilots"
    )
    title = models.CharField(_("title"), max_length=200)
    sites = models.CharField(_("sites"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    learning_plan = models.TextField(
        _("learning plan"),
        blank=True,
        help_text=_(
            "What the pilot should teach, and the milestones that show it. A service that never ran "
            "has no past to set targets from: its success is measured by what was learned."
        ),
    )
    outcome = models.TextField(_("outcome and lessons"), blank=True)

    history = HistoricalRecords()
    objects = scoped("initiative__engagement").as_manager()

    class Meta:
        ordering = ["initiative", "started_on", "id"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")

    def __str__(self):
        return self.title


class PilotKpi(models.Model):
    """A key performance indicator of a pilot, with its target and result."""

    pilot = models.ForeignKey(Pilot, verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    result = models.DecimalField(_("result"), max_digits=14, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pilot", "id"]
        verbose_name = _("pilot KPI")
        verbose_name_plural = _("pilot KPIs")

    def __str__(self):
        return self.name

    @property
    def met(self) -> bool | None:
        return None if self.result is None else self.result >= self.target
