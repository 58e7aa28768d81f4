"""The tensions register (README, "Needs, initiatives and tensions"): built-in tensions between the welfare world and
the digital world, managed the way the source describes — legitimise, classify, define decision
criteria, then resolve with "both-and", or decide to "jump into the water", or let it dissolve.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.core.historical import HistoricalRecords
from api_human.core.models import Engagement, EngagementScopedQuerySet, Stage, Versioned, scoped
from api_human.core.text import NotBeforeValidator

EARLIEST_DAY = date(1990, 1, 1)  # no record of this work is older (and older days have odd clock offsets)


class Tension(Versioned):
    """A tension between two poles (e.g. a digital response and a human response) in an engagement."""

    class SourceType(models.TextChoices):
        VALUE = "value", _("Value")
        PERCEPTUAL = "perceptual", _("Perceptual")
        ADMINISTRATIVE = "administrative", _("Administrative")

    class Origin(models.TextChoices):
        INHERENT = "inherent", _("Inherent to digital and welfare")
        CHANGE_PROCESS = "change_process", _("Caused by the change process")
        UNKNOWN = "unknown", _("Not yet known")

    class State(models.TextChoices):
        RAISED = "raised", _("Raised")
        LEGITIMISED = "legitimised", _("Legitimised")
        CLASSIFIED = "classified", _("Classified")
        CRITERIA_DEFINED = "criteria_defined", _("Decision criteria defined")
        RESOLVED = "resolved", _("Resolved (both-and)")
        JUMPED = "jumped", _("Jumped into the water")
        DISSOLVED = "dissolved", _("Dissolved")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="tensions"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source_type = models.CharField(_("source of the tension"), max_length=16, choices=SourceType.choices)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices, default=Origin.UNKNOWN)
    pole_a = models.CharField(_("one pole"), max_length=200)
    pole_b = models.CharField(_("the other pole"), max_length=200)
    stage = models.CharField(_("stage"), max_length=2, choices=Stage.choices, blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("initiatives"), blank=True, related_name="tensions"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RAISED)
    raised_on = models.DateField(
        _("raised on"),
        default=timezone.localdate,
        validators=[NotBeforeValidator(EARLIEST_DAY, message=_("Enter a date from 1 January 1990 on."))],
    )
    resolution = models.TextField(_("both-and resolution"), blank=True)
    closing_note = models.TextField(_("decision recorded"), blank=True)
    blocking = models.BooleanField(_("blocks progress"), default=False)
    blocking_since = models.DateField(_("blocking since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[initiatives])
    objects = EngagementScopedQuerySet.as_manager()

    OPEN_STATES = (State.RAISED, State.LEGITIMISED, State.CLASSIFIED, State.CRITERIA_DEFINED)
    ORDER = (State.RAISED, State.LEGITIMISED, State.CLASSIFIED, State.CRITERIA_DEFINED, State.RESOLVED)

    class Meta:
        ordering = ["engagement", "-raised_on", "id"]
        verbose_name = _("tension")
        verbose_name_plural = _("tensions")
        indexes = [
            models.Index(fields=["-raised_on", "id"], name="tension_raised_order"),
            # The board's columns: by state, blocking first, then the oldest.
            models.Index(fields=["state", "-blocking", "raised_on", "id"], name="tension_board_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(blocking=False) | models.Q(blocking_since__isnull=False),
                name="tension_blocking_has_date",
                violation_error_message=_("A blocking tension needs the date it started blocking."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def age_days(self) -> int:
        end = self.closed_on or timezone.localdate()
        return (end - self.raised_on).days

    @property
    def blocking_days(self) -> int | None:
        return (
            (timezone.localdate() - self.blocking_since).days
            if self.blocking and self.blocking_since
            else None
        )


class DecisionCriterion(models.Model):
    """A criterion agreed for deciding the tension."""

    tension = models.ForeignKey(
        Tension, verbose_name=_("tension"), on_delete=models.CASCADE, related_name="criteria"
    )
    text = models.CharField(_("criterion"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = scoped("tension__engagement").as_manager()

    class Meta:
        ordering = ["tension", "order", "id"]
        verbose_name = _("decision criterion")
        verbose_name_plural = _("decision criteria")

    def __str__(self):
        return self.text


class TensionEvent(models.Model):
    """A step in the tension's workflow: from which state to which, when, by whom, and why."""

    tension = models.ForeignKey(
        Tension, verbose_name=_("tension"), on_delete=models.CASCADE, related_name="events"
    )
    from_state = models.CharField(_("from"), max_length=20, choices=Tension.State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=Tension.State.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    happened_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["tension", "happened_at", "id"]
        verbose_name = _("tension event")
        verbose_name_plural = _("tension events")

    def __str__(self):
        return f"{self.tension}: {self.get_to_state_display()}"
