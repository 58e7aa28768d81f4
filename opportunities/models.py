"""Stage B2's records: scouting in the digital world, knowledge flows, broadcasts of needs, and the
opportunity profiles partner organisations submit through the partner API, matched to needs.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from api_human.core.historical import HistoricalRecords
from api_human.core.models import (
    Engagement,
    EngagementScopedQuerySet,
    NeedCategory,
    Organization,
    PartnerKey,
    Versioned,
)
from api_human.core.storage import get_private_storage
from api_human.core.text import InvisibleCharactersValidator, normalise_fields
from initiatives.models import Initiative, Need


class ScoutingActivity(Versioned):
    """Time spent in the digital world: a conference, a hackathon, a challenge tender, a judging panel..."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        STUDY_DAY = "study_day", _("Study day")
        HACKATHON = "hackathon", _("Hackathon")
        CHALLENGE_TENDER = "challenge_tender", _("Challenge tender")
        RFI = "rfi", _("Request for information (RFI)")
        VENDOR_CONFERENCE = "vendor_conference", _("Vendor conference")
        FUND_JUDGING = "fund_judging", _("Innovation-fund judging")
        INCUBATOR_VISIT = "incubator_visit", _("Incubator or accelerator visit")
        NETWORK_MEETING = "network_meeting", _("Network meeting")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="scouting_activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    happened_on = models.DateField(_("date"))
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("organisations met"), blank=True, related_name="scouting_activities"
    )
    needs = models.ManyToManyField(Need, verbose_name=_("needs presented"), blank=True, related_name="+")
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords(m2m_fields=[organizations])
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "-happened_on", "id"]
        verbose_name = _("scouting activity")
        verbose_name_plural = _("scouting activities")

    def __str__(self):
        return self.title


class KnowledgeFlow(Versioned):
    """What should pass between the worlds, in which direction, and when it last did."""

    class Direction(models.TextChoices):
        TO_DIGITAL = "to_digital", _("From the welfare world to the digital world")
        TO_WELFARE = "to_welfare", _("From the digital world to the welfare world")

    class Kind(models.TextChoices):
        NEEDS = "needs", _("Needs")
        REGULATION = "regulation", _("Regulation")
        DATA_RULES = "data_rules", _("Data rules")
        PROCUREMENT = "procurement", _("Ways of procurement")
        PRACTICES = "practices", _("Practices")
        TECHNOLOGIES = "technologies", _("Technologies")
        SERVICES = "services", _("Existing services")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        FLOWING = "flowing", _("Flowing")
        PAUSED = "paused", _("Paused")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="knowledge_flows"
    )
    direction = models.CharField(_("direction"), max_length=12, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    last_passed_on = models.DateField(_("last passed on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "direction", "kind", "id"]
        verbose_name = _("knowledge flow")
        verbose_name_plural = _("knowledge flows")

    def __str__(self):
        return self.title


class BroadcastQuerySet(EngagementScopedQuerySet):
    def open_to_partners(self):
        return self.filter(status=Broadcast.Status.OPEN)


class Broadcast(Versioned):
    """A need published to the digital world (a challenge), with criteria fixed before it opens."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        AWARDED = "awarded", _("Awarded")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="broadcasts"
    )
    needs = models.ManyToManyField(Need, verbose_name=_("needs"), related_name="broadcasts")
    title_he = models.CharField(_("title (Hebrew)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_he = models.TextField(_("description for partners (Hebrew)"))
    description_en = models.TextField(_("description for partners (English)"))
    eligibility = models.TextField(_("eligibility"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    closing_announced_on = models.DateField(
        _("partners told it closes soon on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the webhook event broadcast.closing was sent (once per broadcast)."),
    )

    history = HistoricalRecords(m2m_fields=[needs])
    objects = BroadcastQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "id"]
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="broadcast_closes_after_opening",
                violation_error_message=_("A broadcast cannot close before it opens."),
            ),
        ]

    label_columns = ("title_he",)  # what __str__ reads (filtersets.CompactSelect)

    def __str__(self):
        return self.title_he


class BroadcastCriterion(models.Model):
    """An evaluation criterion of a broadcast and its weight; fixed once the broadcast opens."""

    broadcast = models.ForeignKey(
        Broadcast, verbose_name=_("broadcast"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"))

    class Meta:
        ordering = ["broadcast", "-weight", "id"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self):
        return f"{self.name} ({self.weight})"


class OpportunityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The team and managers see submitted profiles; a partner sees their organisation's, drafts too."""
        if not user.is_authenticated:
            return self.none()
        if user.is_partner:
            return self.filter(organization=user.organization_id)
        if user.is_admin or user.is_staff_member:
            return self.exclude(revision=0)
        return self.none()

    def editable_by(self, user):
        if user.is_authenticated and user.is_partner:
            return self.filter(organization=user.organization_id)
        if user.is_authenticated and (user.is_admin or user.role == "team"):
            return self.exclude(revision=0)
        return self.none()


class Opportunity(Versioned):
    """What a digital-world organisation offers. Partners write drafts; a submission is a frozen revision.

    ``revision`` counts submissions: 0 is a draft never submitted. After a submission the partner may
    revise, which opens a new draft; the submitted revisions stay as they were.

    Once submitted, the row's profile fields hold the latest submitted revision — what the team, the
    matching, the scores and every page of the ministry's side read. The partner's unsubmitted edits
    of a revised profile wait in ``draft`` (all of ``PARTNER_FIELDS``, the broadcast as its id) and
    reach the row only when the partner submits them; ``with_draft()`` is the profile as its partner
    sees it. A profile never submitted (revision 0) is the partner's alone, so its draft is the row.
    """

    class Maturity(models.TextChoices):
        IDEA = "idea", _("Idea (TRL 1–2)")
        PROTOTYPE = "prototype", _("Prototype (TRL 3–5)")
        PILOT = "pilot", _("Pilot (TRL 6–7)")
        IN_USE = "in_use", _("In use (TRL 8)")
        AT_SCALE = "at_scale", _("At scale (TRL 9)")

    TRL = {"idea": 2, "prototype": 5, "pilot": 7, "in_use": 8, "at_scale": 9}
    # Names of the languages partners most often give (``languages`` holds codes); others show their code.
    LANGUAGE_NAMES = {
        "he": _("Hebrew"),
        "ar": _("Arabic"),
        "en": _("English"),
        "ru": _("Russian"),
        "am": _("Amharic"),
        "ti": _("Tigrinya"),
        "fr": _("French"),
        "es": _("Spanish"),
        "uk": _("Ukrainian"),
    }

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Pipeline(models.TextChoices):
        RECEIVED = "received", _("Received")
        SCREENING = "screening", _("Screening")
        INTRODUCED = "introduced", _("Introduced")
        EXPLORING = "exploring", _("Exploring")
        JOINT_TEAM = "joint_team", _("Joint team")
        PILOT = "pilot", _("Pilot")
        SCALE = "scale", _("Scale")
        DECLINED = "declined", _("Declined")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="opportunities"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    target_population = models.CharField(_("target population"), max_length=300, blank=True)
    need_categories = models.JSONField(_("need categories"), default=list, blank=True)
    broadcast = models.ForeignKey(
        Broadcast,
        verbose_name=_("broadcast answered"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    maturity = models.CharField(_("product maturity"), max_length=10, choices=Maturity.choices, blank=True)
    evidence = models.TextField(_("evidence (pilots, users, outcomes)"), blank=True)
    learning_plan = models.TextField(
        _("learning plan"),
        blank=True,
        help_text=_(
            "What a pilot should teach both sides, and the milestones that would show it — "
            "for a product that is still an idea, this is its evidence."
        ),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    personal_data = models.BooleanField(_("processes personal data"), default=False)
    hosting = models.CharField(_("where the data is hosted"), max_length=200, blank=True)
    certifications = models.CharField(_("security certifications"), max_length=300, blank=True)
    privacy_assessment_done = models.BooleanField(_("privacy-impact assessment done"), default=False)
    pricing_model = models.CharField(_("pricing model"), max_length=200, blank=True)
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[InvisibleCharactersValidator()]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    draft = models.JSONField(
        _("unsubmitted changes"),
        default=dict,
        blank=True,
        help_text=_("The partner's edits of a revised profile, until it submits them."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField(_("submitted revisions"), default=0)
    pipeline = models.CharField(
        _("pipeline status"), max_length=12, choices=Pipeline.choices, default=Pipeline.RECEIVED
    )
    decline_reason = models.TextField(_("why it was declined"), blank=True)
    feedback = models.TextField(_("feedback to the partner"), blank=True)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = OpportunityQuerySet.as_manager()

    PARTNER_FIELDS = (
        "title",
        "summary",
        "problem",
        "target_population",
        "need_categories",
        "broadcast",
        "maturity",
        "evidence",
        "learning_plan",
        "languages",
        "accessibility",
        "personal_data",
        "hosting",
        "certifications",
        "privacy_assessment_done",
        "pricing_model",
        "contact_name",
        "contact_email",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        # The lists' orders (team: newest submitted first; partner: newest first, of one organisation):
        # the first page is read from the index, not sorted out of the whole table.
        indexes = [
            models.Index(
                F("submitted_at").desc(),
                F("id").desc(),
                name="opportunity_submitted_order",
                condition=~models.Q(revision=0),
            ),
            models.Index(F("organization"), F("id").desc(), name="opportunity_partner_order"),
            # The board's columns (one pipeline status each, newest submitted first) and their counts.
            models.Index(
                F("pipeline"),
                F("submitted_at").desc(),
                F("id").desc(),
                name="opportunity_board_order",
                condition=~models.Q(revision=0),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(pipeline="declined") | ~models.Q(decline_reason=""),
                name="opportunity_declined_has_reason",
                violation_error_message=_("Say why the opportunity was declined."),
            ),
        ]

    def __str__(self):
        return self.title

    # The check constraints whose rule reads only the row's own fields: validated in Python on the row
    # in hand, with the constraint's own message and code (Django would ask the database, with a
    # savepoint, for each); the database still enforces them.
    PYTHON_CHECKS = {
        "opportunity_declined_has_reason": (
            ("pipeline", "decline_reason"),
            lambda row: row.pipeline != "declined" or row.decline_reason != "",
        ),
    }

    def get_constraints(self):
        return [
            (model, [c for c in constraints if c.name not in self.PYTHON_CHECKS])
            for model, constraints in super().get_constraints()
        ]

    def validate_constraints(self, exclude=None):
        errors = {}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude = set(exclude or ())
        for constraint in self._meta.constraints:
            check = self.PYTHON_CHECKS.get(constraint.name)
            if check is None or exclude & set(check[0]) or check[1](self):
                continue
            errors = ValidationError(
                constraint.get_violation_error_message(), code=constraint.violation_error_code
            ).update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def editable_by_partner(self, user) -> bool:
        """``OpportunityQuerySet.editable_by`` for a partner, read on the row in hand (no query): the
        profiles of the partner's own organisation."""
        return bool(user.is_partner and user.organization_id is not None) and (
            self.organization_id == user.organization_id
        )

    @property
    def trl(self) -> int | None:
        return self.TRL.get(self.maturity)

    @property
    def language_names(self) -> list[str]:
        """The profile's languages by name, in the reader's language."""
        codes = self.languages if isinstance(self.languages, list) else []
        return [str(self.LANGUAGE_NAMES.get(code, code)) for code in codes]

    def clean(self):
        normalise_fields(self, ["contact_name"])
        unknown = set(self.need_categories or []) - set(NeedCategory.values)
        if not isinstance(self.need_categories, list) or unknown:
            raise ValidationError({"need_categories": _("Choose need categories from the list.")})
        if not isinstance(self.languages, list) or not all(isinstance(x, str) for x in self.languages):
            raise ValidationError({"languages": _("Give languages as a list of language codes.")})

    def partner_values(self) -> dict:
        """The profile fields as JSON (``draft`` and revisions keep them so): the broadcast as its id."""
        data = {field: getattr(self, field) for field in self.PARTNER_FIELDS if field != "broadcast"}
        data["broadcast"] = self.broadcast_id
        return data

    def with_draft(self) -> "Opportunity":
        """The profile as its partner sees it: the row with the unsubmitted edits laid over it (a copy,
        never saved; the row itself is left as it is). Without edits, the row itself."""
        return self.draft_copy() if self.draft else self

    def draft_copy(self) -> "Opportunity":
        """A copy of the row with the unsubmitted edits laid over it, to change and check, never saved."""
        clone = copy.copy(self)
        clone._state = copy.copy(self._state)
        clone._state.fields_cache = dict(self._state.fields_cache)
        for field, value in self.draft.items():
            if field == "broadcast":
                clone.broadcast_id = value
            elif field in self.PARTNER_FIELDS:
                setattr(clone, field, value)
        return clone


class OpportunityRevision(models.Model):
    """A submitted version of an opportunity profile, frozen as it was sent."""

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    data = models.JSONField(_("content"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["opportunity", "number"]
        verbose_name = _("opportunity revision")
        verbose_name_plural = _("opportunity revisions")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="opportunity_revision_unique")
        ]

    def __str__(self):
        return f"{self.opportunity} #{self.number}"


class Attachment(models.Model):
    """A file a partner attached (PDF, PNG or JPEG, checked by content), kept out of public reach."""

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/", storage=get_private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    submitted_in = models.PositiveIntegerField(
        _("submitted with revision"),
        null=True,
        blank=True,
        help_text=_("Empty while the file belongs to an unsubmitted draft: the team does not see it yet."),
    )

    class Meta:
        ordering = ["opportunity", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Match(models.Model):
    """A need or initiative the matching task found for an opportunity, with its fit score and reasons."""

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="matches"
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, null=True, blank=True, related_name="matches"
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matches",
    )
    revision = models.PositiveIntegerField(_("revision matched"), default=1)
    score = models.PositiveSmallIntegerField(_("fit score"))
    reasons = models.JSONField(_("reasons"), default=list)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["opportunity", "-score", "id"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(need__isnull=False) | models.Q(initiative__isnull=False),
                name="match_has_target",
            ),
            # Matching runs at least once per submission: running it again never doubles a match.
            models.UniqueConstraint(fields=["opportunity", "revision", "need"], name="match_once_per_need"),
            models.UniqueConstraint(
                fields=["opportunity", "revision", "initiative"], name="match_once_per_initiative"
            ),
        ]

    def __str__(self):
        return f"{self.opportunity} → {self.need or self.initiative} ({self.score})"


class KeyRotation(models.Model):
    """A partner rotated an API key: the old key works until its ``expiry_date`` (the overlap), then
    stops; a key is rotated once."""

    old_key = models.OneToOneField(
        PartnerKey, verbose_name=_("rotated key"), on_delete=models.CASCADE, related_name="rotation"
    )
    new_key = models.ForeignKey(
        PartnerKey, verbose_name=_("new key"), on_delete=models.CASCADE, related_name="+"
    )
    rotated_at = models.DateTimeField(_("rotated at"), auto_now_add=True)

    class Meta:
        ordering = ["-rotated_at"]
        verbose_name = _("API key rotation")
        verbose_name_plural = _("API key rotations")

    def __str__(self):
        return f"{self.old_key.prefix} → {self.new_key.prefix}"
