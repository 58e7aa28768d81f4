"""The Human API's connective work: who now knows whom across the two worlds and through whom, how trust
grew, whom the team mentored, the events that brought the worlds together, the pairs that worked "two in a
box", the procurement paths of services never tried, the reach of an initiative from venture to national
service, and the parties' fears.

The source's measure of success is a connection that no longer needs the team: a ``Connection`` begins
through the team (or directly) and, from ``direct_since``, runs without it. The mediation map of an
engagement draws every connection of a year, direct and mediated told apart; at the exit review the ones
still through the team become handover items with a ministry owner each.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from api_human.core.historical import HistoricalRecords
from api_human.core.models import (
    Engagement,
    EngagementScopedQuerySet,
    Organization,
    Versioned,
    World,
    scoped,
)
from api_human.core.text import InvisibleCharactersValidator, NotBeforeValidator, NotInFutureValidator

EARLIEST_DAY = date(1990, 1, 1)
NOT_BEFORE_1990 = NotBeforeValidator(EARLIEST_DAY, message=_("Enter a date from 1 January 1990 on."))
HAPPENED = [NOT_BEFORE_1990, NotInFutureValidator()]  # a day something happened: from 1990, not after today
MOST_PARTICIPANTS = 100_000
EVENT_FOLLOW_UP_DAYS = 366  # a connection "begun at an event" begins at it or within a year of it
TWO_WORLDS = [(World.WELFARE.value, World.WELFARE.label), (World.DIGITAL.value, World.DIGITAL.label)]


def _name_field(label, **kwargs):
    return models.CharField(label, max_length=200, validators=[InvisibleCharactersValidator()], **kwargs)


def _after(later: str, earlier: str, name: str, message):
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)}),
        name=name,
        violation_error_message=message,
    )


class ConnectiveRecord(Versioned):
    """Base of the connective work's records: a history of every change, and when it was made."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


# ------------------------------------------------------------------------------------------------
# Events that bring the worlds together (a connection may begin at one)
# ------------------------------------------------------------------------------------------------
class Event(ConnectiveRecord):
    """A hackathon, datathon, task force, customer-journey workshop, conference or study day."""

    class Kind(models.TextChoices):
        HACKATHON = "hackathon", _("Hackathon")
        DATATHON = "datathon", _("Datathon")
        TASK_FORCE = "task_force", _("Task force")
        JOURNEY_WORKSHOP = "journey_workshop", _("Customer-journey workshop")
        CONFERENCE = "conference", _("Conference")
        STUDY_DAY = "study_day", _("Study day")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="joint_events"
    )
    kind = models.CharField(_("kind of event"), max_length=20, choices=Kind.choices)
    title = _name_field(_("title"))
    starts_on = models.DateField(_("starts on"), validators=[NOT_BEFORE_1990])
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("what it was for"), blank=True)
    needs = models.ManyToManyField(
        "initiatives.Need", verbose_name=_("needs it raised"), blank=True, related_name="raised_at_events"
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        verbose_name=_("initiatives that followed"),
        blank=True,
        related_name="born_at_events",
    )
    mechanisms = models.ManyToManyField(
        "stages.Mechanism",
        verbose_name=_("mechanisms that followed"),
        blank=True,
        related_name="born_at_events",
    )
    lessons = models.TextField(_("lessons"), blank=True)

    history = HistoricalRecords(m2m_fields=[needs, initiatives, mechanisms])
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "-starts_on", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["-starts_on", "id"], name="event_starts_order")]
        constraints = [
            _after(
                "ends_on", "starts_on", "event_ends_after_start", _("An event cannot end before it starts.")
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def participant_total(self) -> int:
        return sum(p.count for p in self.participants.all())


class EventParticipation(Versioned):
    """How many people of one world (and one division or organisation of it) took part in an event.

    Versioned like every record people edit: the API sends its version as the ETag."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants"
    )
    world = models.CharField(_("world"), max_length=16, choices=World.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("division or organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    count = models.PositiveIntegerField(
        _("participants"),
        validators=[
            MaxValueValidator(
                MOST_PARTICIPANTS,
                message=_("Count at most %(limit_value)s participants in one row."),
            )
        ],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = scoped("event__engagement").as_manager()

    class Meta:
        ordering = ["event", "world", "id"]
        verbose_name = _("participants of an event")
        verbose_name_plural = _("participants of events")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="event_participation_count_positive",
                violation_error_message=_("Count at least one participant."),
            ),
            models.UniqueConstraint(
                fields=["event", "world", "organization"],
                name="event_participation_unique",
                violation_error_message=_("This world and organisation are already counted for the event."),
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.get_world_display()} ({self.count})"

    def clean(self):
        if self.organization_id and self.world and self.organization.world != self.world:
            raise ValidationError({"organization": _("This organisation belongs to the other world.")})


# ------------------------------------------------------------------------------------------------
# Connections and trust
# ------------------------------------------------------------------------------------------------
class Connection(ConnectiveRecord):
    """A working relationship between a party of the welfare world and a party of the digital world.

    It runs through the team until ``direct_since`` (empty: still through the team); a connection that
    began directly has ``direct_since`` equal to ``began_on``.
    """

    class Origin(models.TextChoices):
        SCOUTING = "scouting", _("A scouting activity")
        EVENT = "event", _("An event")
        INTRODUCTION = "introduction", _("An introduction by the team")
        BROADCAST = "broadcast", _("A broadcast")
        OTHER = "other", _("Another way")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="connections"
    )
    welfare_party = models.ForeignKey(
        Organization,
        verbose_name=_("welfare-world party"),
        on_delete=models.PROTECT,
        related_name="welfare_connections",
        help_text=_("A division, a local authority or an operator."),
    )
    welfare_person = _name_field(
        _("person or role there"), blank=True, help_text=_("A role holder, when the connection is personal.")
    )
    digital_party = models.ForeignKey(
        Organization,
        verbose_name=_("digital-world party"),
        on_delete=models.PROTECT,
        related_name="digital_connections",
        help_text=_("A venture, a company or a government digital body."),
    )
    digital_person = _name_field(_("person or role there"), blank=True)
    origin = models.CharField(_("how it began"), max_length=16, choices=Origin.choices)
    event = models.ForeignKey(
        Event,
        verbose_name=_("at the event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="connections",
    )
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("introduced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    began_on = models.DateField(_("began on"), validators=HAPPENED)
    direct_since = models.DateField(
        _("direct since"),
        null=True,
        blank=True,
        validators=HAPPENED,
        help_text=_(
            "From when the two parties work together without the team. Empty: still through the team."
        ),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=HAPPENED)
    ministry_owner = _name_field(
        _("ministry owner"),
        blank=True,
        help_text=_(
            "The ministry role or person who keeps this relationship (at the latest from the handover)."
        ),
    )
    handover_item = models.ForeignKey(
        "stages.HandoverItem",
        verbose_name=_("handover item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "began_on", "id"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        indexes = [
            models.Index(fields=["began_on", "id"], name="connection_began_order"),
            models.Index(fields=["engagement", "direct_since"], name="connection_mediation"),
        ]
        constraints = [
            _after(
                "direct_since",
                "began_on",
                "connection_direct_after_start",
                _("A connection cannot be direct before it began."),
            ),
            _after(
                "ended_on",
                "began_on",
                "connection_ends_after_start",
                _("A connection cannot end before it began."),
            ),
            models.UniqueConstraint(
                fields=["engagement", "welfare_party", "welfare_person", "digital_party", "digital_person"],
                name="connection_unique",
                violation_error_message=_("This connection is already recorded in the engagement."),
            ),
        ]

    def __str__(self):
        return f"{self.welfare_label} ↔ {self.digital_label}"

    @property
    def welfare_label(self) -> str:
        return (
            f"{self.welfare_party} ({self.welfare_person})"
            if self.welfare_person
            else str(self.welfare_party)
        )

    @property
    def digital_label(self) -> str:
        return (
            f"{self.digital_party} ({self.digital_person})"
            if self.digital_person
            else str(self.digital_party)
        )

    @property
    def is_direct(self) -> bool:
        return self.direct_since is not None

    def active_on(self, day: date) -> bool:
        return self.began_on <= day and (self.ended_on is None or self.ended_on >= day)

    def direct_on(self, day: date) -> bool:
        return self.direct_since is not None and self.direct_since <= day

    def clean(self):
        errors = {}
        if self.welfare_party_id and self.welfare_party.world != World.WELFARE:
            errors["welfare_party"] = _("Choose an organisation of the welfare world.")
        if self.digital_party_id and self.digital_party.world != World.DIGITAL:
            errors["digital_party"] = _("Choose an organisation of the digital world.")
        if self.origin == self.Origin.EVENT and not self.event_id:
            errors["event"] = _("Say at which event the connection began.")
        if self.event_id and self.engagement_id and self.event.engagement_id != self.engagement_id:
            errors["event"] = _("Choose an event of the same engagement.")
        elif self.event_id and self.origin == self.Origin.EVENT and self.began_on:
            event_end = self.event.ends_on or self.event.starts_on
            if not self.event.starts_on <= self.began_on <= event_end + timedelta(days=EVENT_FOLLOW_UP_DAYS):
                errors["began_on"] = _(
                    "A connection begun at an event begins at it or within a year after it."
                )
        if self.direct_since and self.ended_on and self.direct_since > self.ended_on:
            errors["direct_since"] = _("A connection cannot become direct after it ended.")
        if errors:
            raise ValidationError(errors)


class TrustNote(ConnectiveRecord):
    """A dated step in how trust between the parties grew (or was tested)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        JOINT_WORK = "joint_work", _("Joint work")
        DIFFICULTY = "difficulty", _("Difficulty")
        BREAKTHROUGH = "breakthrough", _("Breakthrough")

    connection = models.ForeignKey(
        Connection, verbose_name=_("connection"), on_delete=models.CASCADE, related_name="trust_notes"
    )
    on = models.DateField(_("date"), validators=HAPPENED)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("what happened"))

    history = HistoricalRecords()
    objects = scoped("connection__engagement").as_manager()

    class Meta:
        ordering = ["connection", "on", "id"]
        verbose_name = _("trust note")
        verbose_name_plural = _("trust notes")

    def __str__(self):
        return f"{self.connection}: {self.get_kind_display()} ({self.on})"

    def clean(self):
        if self.connection_id and self.on and self.on < self.connection.began_on:
            raise ValidationError({"on": _("A note cannot be dated before the connection began.")})


# ------------------------------------------------------------------------------------------------
# Mentoring
# ------------------------------------------------------------------------------------------------
class MentoringSession(ConnectiveRecord):
    """A personal mentoring session of a role holder of either world, and what it moved."""

    class Moved(models.TextChoices):
        CONFIDENCE = "confidence", _("Confidence")
        SHARED_LANGUAGE = "shared_language", _("A shared language")
        DECISION = "decision", _("A decision")
        SKILL = "skill", _("A skill")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="mentoring_sessions"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    mentee = _name_field(_("mentee"), help_text=_("The person mentored, or their role."))
    mentee_world = models.CharField(_("mentee's world"), max_length=16, choices=TWO_WORLDS)
    mentee_organization = models.ForeignKey(
        Organization,
        verbose_name=_("mentee's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    held_on = models.DateField(_("held on"), validators=HAPPENED)
    topic = models.CharField(_("topic"), max_length=200)
    moved = models.JSONField(_("what moved"), default=list, blank=True)
    outcome = models.TextField(_("in the mentee's words, or the team's"), blank=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "-held_on", "id"]
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        indexes = [models.Index(fields=["-held_on", "id"], name="mentoring_held_order")]

    def __str__(self):
        return f"{self.mentee}: {self.topic}"

    def get_moved_display(self) -> list[str]:
        labels = dict(self.Moved.choices)
        return [str(labels.get(value, value)) for value in self.moved]

    def clean(self):
        if not isinstance(self.moved, list) or any(value not in self.Moved.values for value in self.moved):
            raise ValidationError({"moved": _("Choose from the listed kinds of movement.")})
        if (
            self.mentee_organization_id
            and self.mentee_world
            and self.mentee_organization.world != self.mentee_world
        ):
            raise ValidationError({"mentee_organization": _("This organisation belongs to the other world.")})


# ------------------------------------------------------------------------------------------------
# An initiative's connective work: two in a box, procurement path, learning milestones, reach
# ------------------------------------------------------------------------------------------------
class Pairing(ConnectiveRecord):
    """Two in a box: a welfare role and a digital or data role working as a pair on an initiative."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="pairings",
    )
    welfare_person = _name_field(_("welfare-world role holder"))
    welfare_role = models.CharField(_("their role"), max_length=200, blank=True)
    digital_person = _name_field(_("digital or data role holder"))
    digital_role = models.CharField(_("their role"), max_length=200, blank=True)
    started_on = models.DateField(_("working together since"), validators=[NOT_BEFORE_1990])
    ended_on = models.DateField(_("until"), null=True, blank=True)
    data_set = models.TextField(
        _("data set agreed at planning"),
        blank=True,
        help_text=_("The data the pair agreed to work from when they planned the initiative."),
    )

    history = HistoricalRecords()
    objects = scoped("initiative__engagement").as_manager()

    class Meta:
        ordering = ["initiative", "started_on", "id"]
        verbose_name = _("two in a box")
        verbose_name_plural = _("two in a box pairs")
        constraints = [
            _after(
                "ended_on",
                "started_on",
                "pairing_ends_after_start",
                _("A pair cannot part before it started."),
            ),
        ]

    def __str__(self):
        return f"{self.welfare_person} + {self.digital_person}"


class ProcurementStep(ConnectiveRecord):
    """A step an initiative's procurement actually took, dated, with its outcome."""

    class Kind(models.TextChoices):
        RFI = "rfi", _("Request for information (RFI)")
        VENDOR_CONFERENCE = "vendor_conference", _("Supplier conference")
        CHALLENGE_TENDER = "challenge_tender", _("Challenge tender")
        ADAPTED_TENDER = "adapted_tender", _("Tender adapted to the service")
        REGULATION = "regulation", _("Adapted regulation or procedure")
        CONTRACT = "contract", _("Contract")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="procurement_steps",
    )
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"), validators=[NOT_BEFORE_1990])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DONE)
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords()
    objects = scoped("initiative__engagement").as_manager()

    class Meta:
        ordering = ["initiative", "on", "id"]
        verbose_name = _("procurement step")
        verbose_name_plural = _("procurement steps")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.on})"


class LearningMilestone(ConnectiveRecord):
    """What the team wants to learn by a date — used instead of pre-set success metrics when a service
    never ran before."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="learning_milestones",
    )
    question = models.CharField(_("what we want to learn"), max_length=300)
    due_on = models.DateField(_("by"), validators=[NOT_BEFORE_1990])
    reached_on = models.DateField(_("learned on"), null=True, blank=True, validators=HAPPENED)
    learned = models.TextField(_("what we learned"), blank=True)

    history = HistoricalRecords()
    objects = scoped("initiative__engagement").as_manager()

    class Meta:
        ordering = ["initiative", "due_on", "id"]
        verbose_name = _("learning milestone")
        verbose_name_plural = _("learning milestones")

    def __str__(self):
        return self.question

    def clean(self):
        if self.reached_on and not self.learned.strip():
            raise ValidationError({"learned": _("Write what was learned when the milestone is reached.")})


class Phase(models.TextChoices):
    VENTURE = "venture", pgettext_lazy("phase of an initiative", "Venture")
    PILOT = "pilot", _("Pilot")
    MINISTRY_SERVICE = "ministry_service", _("Ministry service")
    NATIONAL = "national", _("National service")


class ReachMeasurement(ConnectiveRecord):
    """An initiative's reach on a day — users, localities, services — and the phase it was in."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="reach"
    )
    measured_on = models.DateField(_("measured on"), validators=HAPPENED)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    users = models.PositiveIntegerField(_("users"), null=True, blank=True)
    localities = models.PositiveIntegerField(_("localities"), null=True, blank=True)
    services = models.PositiveIntegerField(_("services"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = scoped("initiative__engagement").as_manager()

    class Meta:
        ordering = ["initiative", "measured_on", "id"]
        verbose_name = _("reach measurement")
        verbose_name_plural = _("reach measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "measured_on"],
                name="reach_one_per_day",
                violation_error_message=_("The initiative's reach is already recorded for this day."),
            ),
            models.CheckConstraint(
                condition=Q(users__isnull=False) | Q(localities__isnull=False) | Q(services__isnull=False),
                name="reach_has_a_figure",
                violation_error_message=_("Give at least one figure: users, localities or services."),
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.get_phase_display()} ({self.measured_on})"


# ------------------------------------------------------------------------------------------------
# Concerns
# ------------------------------------------------------------------------------------------------
class Concern(ConnectiveRecord):
    """A fear or uncertainty of one party, and what the team did to hold it."""

    class Party(models.TextChoices):
        MINISTRY = "ministry", _("The ministry")
        VENTURE = "venture", _("The venture")
        OPERATORS = "operators", _("The operators")
        FIELD = "field", _("Field workers")
        CITIZENS = "citizens", _("Citizens")

    class Status(models.TextChoices):
        OPEN = "open", _("Still felt")
        HELD = "held", _("Held")
        GONE = "gone", _("No longer felt")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="concerns"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="concerns",
    )
    party = models.CharField(_("whose concern"), max_length=16, choices=Party.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    concern = models.TextField(_("the fear or uncertainty"))
    holding = models.TextField(_("what the team did to hold it"), blank=True)
    raised_on = models.DateField(_("raised on"), validators=HAPPENED)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "-raised_on", "id"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [models.Index(fields=["-raised_on", "id"], name="concern_raised_order")]

    def __str__(self):
        return self.concern[:80]

    def clean(self):
        if self.initiative_id and self.engagement_id and self.initiative.engagement_id != self.engagement_id:
            raise ValidationError({"initiative": _("Choose an initiative of the same engagement.")})
        if self.status == self.Status.HELD and not self.holding.strip():
            raise ValidationError({"holding": _("Say what the team did to hold the concern.")})
