"""Rubrics as data, the team's ratings, and the scores Celery workers keep current. See docs/scoring.md.

A rubric has a key and versions: a published version never changes; editing it makes a new draft
that is published in its place. Dimensions hold weighted criteria; a criterion is measured either
automatically (a registered metric, see ``registry.py``) or by the team's rating on a labelled scale
that expires. A ``ScoreSnapshot`` is immutable and explains itself criterion by criterion;
``CurrentScore`` points at the latest snapshot of every subject and rubric; ``DirtySubject`` rows are
the durable queue of subjects waiting for a recompute (they survive a Redis outage or a killed worker).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from api_human.core.historical import HistoricalRecords
from api_human.core.models import Stage, Versioned


class SubjectType(models.TextChoices):
    """The names of the scored subject types. What each is — how to load, scope, label and link it —
    is registered by the app that owns it (``registry.subject``)."""

    ENGAGEMENT = "engagement", _("Connection between the worlds")
    STAGE = "stage", _("Engagement stage")
    INITIATIVE = "initiative", _("Initiative")
    OPPORTUNITY = "opportunity", _("Opportunity")
    ORGANIZATION = "organization", _("Organisation maturity")


class Band(models.TextChoices):
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")
    GREY = "grey", _("Not enough evidence yet")


LANGUAGES = ("he", "en", "ar")


def in_language(hebrew: str, english: str, arabic: str = "") -> str:
    """Rubric content in the interface language: Hebrew, English or Arabic; a missing text falls back
    to English, then Hebrew (a test keeps the shipped catalogue complete in all three)."""
    texts = {"he": hebrew or "", "en": english or "", "ar": arabic or ""}
    language = (get_language() or "he")[:2]
    return texts.get(language) or texts["en"] or texts["he"]


def localized(obj, field: str) -> str:
    return in_language(*(getattr(obj, f"{field}_{language}", "") for language in LANGUAGES))


class RubricQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Rubric.Status.PUBLISHED)

    def visible_to(self, user):
        """Rubrics are the shared rules of the game: every ministry-side person may read them."""
        if user.is_authenticated and user.is_staff_member:
            return self
        return self.none()

    def editable_by(self, user):
        return self if user.is_authenticated and user.is_admin else self.none()


class Rubric(Versioned):
    """One version of a rubric: what is scored, how, and the gate's threshold."""

    class Kind(models.TextChoices):
        READINESS = "readiness", _("Readiness")
        EXIT = "exit", _("Exit criteria")
        MATURITY = "maturity", _("Maturity")
        HEALTH = "health", _("Health review")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    key = models.SlugField(_("key"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    subject_type = models.CharField(_("scored subject"), max_length=16, choices=SubjectType.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    stage = models.CharField(_("stage"), max_length=2, choices=Stage.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description_he = models.TextField(_("description (Hebrew)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    threshold = models.PositiveSmallIntegerField(
        _("green threshold"), default=75, validators=[MaxValueValidator(100)]
    )
    min_coverage = models.DecimalField(
        _("least coverage for a colour"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Below this share of weight with evidence the badge says 'not enough evidence yet'."),
    )
    applies_from = models.CharField(
        _("applies from"),
        max_length=24,
        blank=True,
        help_text=_("The point in the subject's life before which the whole rubric is not yet applicable."),
    )
    # The catalogue's fingerprint of a version it loaded, so loading again never duplicates it.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RubricQuerySet.as_manager()

    class Meta:
        ordering = ["subject_type", "stage", "kind", "key", "-version"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="rubric_key_version_unique"),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status="published"),
                name="rubric_one_published_version",
                violation_error_message=_("Only one version of a rubric can be published."),
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status="draft"),
                name="rubric_one_draft_version",
                violation_error_message=_("This rubric already has a draft version."),
            ),
        ]

    def __str__(self):
        return f"{self.name} v{self.version}"

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Dimension(models.Model):
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="dimensions"
    )
    key = models.SlugField(_("key"), max_length=60)
    name_he = models.CharField(_("name (Hebrew)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    floor = models.PositiveSmallIntegerField(
        _("floor"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("The gate is red while this dimension scores below its floor."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["rubric", "order", "id"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [models.UniqueConstraint(fields=["rubric", "key"], name="dimension_key_unique")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")


class Criterion(Versioned):
    """What is looked at. Its key stays the same across versions, so ratings carry over."""

    class Evidence(models.TextChoices):
        AUTOMATIC = "automatic", _("Measured automatically")
        MANUAL = "manual", _("Rated by the team")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="criteria"
    )
    key = models.SlugField(_("key"), max_length=60)
    text_he = models.CharField(_("text (Hebrew)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)
    text_ar = models.CharField(_("text (Arabic)"), max_length=300, blank=True)
    guidance_he = models.TextField(_("guidance (Hebrew)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    guidance_ar = models.TextField(_("guidance (Arabic)"), blank=True)
    next_action_he = models.CharField(_("next action (Hebrew)"), max_length=300, blank=True)
    next_action_en = models.CharField(_("next action (English)"), max_length=300, blank=True)
    next_action_ar = models.CharField(_("next action (Arabic)"), max_length=300, blank=True)
    # Where the criterion comes from: a passage of the source document (its section and a short
    # quote), or — only where the source is silent — an outside framework, named here.
    source_section = models.CharField(_("source section"), max_length=200, blank=True)
    source_quote = models.CharField(_("source quote"), max_length=300, blank=True)
    source_outside = models.CharField(
        _("outside framework"),
        max_length=120,
        blank=True,
        help_text=_("Empty when the criterion rests on the source document."),
    )
    applies_from = models.CharField(
        _("applies from"),
        max_length=24,
        blank=True,
        help_text=_("The point in the subject's life before which the criterion is not yet applicable."),
    )
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    critical = models.BooleanField(_("critical"), default=False)
    pass_level = models.DecimalField(
        _("met from"),
        max_digits=3,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The normalised value (0–1) from which the criterion counts as met."),
    )
    partner_actionable = models.BooleanField(
        _("the partner can act on it"),
        default=False,
        help_text=_("Shown to the partner whose opportunity is scored."),
    )
    evidence = models.CharField(_("evidence"), max_length=10, choices=Evidence.choices)
    # Automatic evidence: a registered metric, normalised between its floor and target.
    metric = models.CharField(_("metric"), max_length=80, blank=True)
    floor = models.DecimalField(_("floor value"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    # Manual evidence: a scale of labelled anchors [{"value": 0, "label_he": "...", "label_en": "..."}].
    anchors = models.JSONField(_("scale anchors"), default=list, blank=True)
    validity_days = models.PositiveIntegerField(_("valid for (days)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dimension", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["dimension", "key"], name="criterion_key_unique")]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return localized(self, "text")

    @property
    def guidance(self):
        return localized(self, "guidance")

    @property
    def next_action(self):
        return localized(self, "next_action")

    @property
    def is_manual(self) -> bool:
        return self.evidence == self.Evidence.MANUAL

    def anchor_values(self) -> list[float]:
        return sorted(float(anchor["value"]) for anchor in self.anchors)

    def localized_anchors(self) -> list[tuple[float, str]]:
        return [(float(anchor["value"]), localized_anchor(anchor)) for anchor in self.anchors]

    def clean(self):
        from .registry import METRICS, SUBJECTS

        if self.applies_from:
            spec = SUBJECTS.get(self.dimension.rubric.subject_type) if self.dimension_id else None
            if spec is not None and self.applies_from not in spec.lifecycle:
                points = ", ".join(spec.lifecycle) or "—"
                raise ValidationError(
                    {
                        "applies_from": _("Choose a point of the subject's life: %(points)s.")
                        % {"points": points}
                    }
                )

        if self.evidence == self.Evidence.AUTOMATIC:
            metric = METRICS.get(self.metric)
            if metric is None:
                raise ValidationError({"metric": _("Choose a registered metric.")})
            if self.floor is None or self.target is None or self.floor == self.target:
                raise ValidationError(
                    {"target": _("An automatic criterion needs a floor and a different target.")}
                )
        else:
            values = [anchor.get("value") for anchor in self.anchors if isinstance(anchor, dict)]
            if len(values) < 2 or len(set(values)) != len(values):
                raise ValidationError(
                    {"anchors": _("A scale needs at least two anchors with different values.")}
                )


def localized_anchor(anchor: dict) -> str:
    return in_language(anchor.get("label_he", ""), anchor.get("label_en", ""), anchor.get("label_ar", ""))


# ------------------------------------------------------------------------------------------------
# Ratings: the team's evidence for a manual criterion of one subject
# ------------------------------------------------------------------------------------------------
class RatingQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .selectors import visible_subject_filter

        if not user.is_authenticated or not user.is_staff_member:
            return self.none()
        return self.filter(visible_subject_filter(user))

    def editable_by(self, user):
        from .selectors import editable_subject_filter

        if not user.is_authenticated or not (user.is_admin or user.role == "team"):
            return self.none()
        return self.filter(editable_subject_filter(user))


class Rating(models.Model):
    """A rating is never edited: a new one replaces it (the latest valid rating counts)."""

    rubric_key = models.SlugField(_("rubric"), max_length=60)
    criterion_key = models.SlugField(_("criterion"), max_length=60)
    subject_type = models.CharField(_("scored subject"), max_length=16, choices=SubjectType.choices)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    evidence_note = models.TextField(_("evidence"))
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    rated_on = models.DateField(_("rated on"), default=timezone.localdate)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-rated_on", "-id"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [models.Index(fields=["subject_type", "subject_id", "rubric_key", "criterion_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(not_applicable=True, value__isnull=True)
                | Q(not_applicable=False, value__isnull=False),
                name="rating_value_or_not_applicable",
                violation_error_message=_("Give a value, or mark the criterion not applicable."),
            )
        ]

    def __str__(self):
        return f"{self.rubric_key}/{self.criterion_key} #{self.subject_id}: {self.value}"

    def is_valid_on(self, day) -> bool:
        return self.expires_on is None or self.expires_on >= day


# ------------------------------------------------------------------------------------------------
# Scores
# ------------------------------------------------------------------------------------------------
class ScoreRun(models.Model):
    """One recompute: after changes, nightly, or asked for in the browser. Progress is done/total."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("After changes")
        NIGHTLY = "nightly", _("Nightly")
        MANUAL = "manual", _("Asked for")
        SWEEP = "sweep", _("Sweep of what was left")
        HISTORY = "history", _("History replayed")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    engagement = models.ForeignKey(
        "core.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    total = models.PositiveIntegerField(_("subjects"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    snapshots = models.PositiveIntegerField(_("new snapshots"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class SnapshotQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .selectors import visible_subject_filter

        if not user.is_authenticated:
            return self.none()
        return self.filter(visible_subject_filter(user))


class ScoreSnapshot(models.Model):
    """A score as it was computed: written whole, in one statement, and never changed."""

    subject_type = models.CharField(_("scored subject"), max_length=16, choices=SubjectType.choices)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    engagement = models.ForeignKey(
        "core.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric version"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    coverage = models.DecimalField(_("coverage"), max_digits=4, decimal_places=3)
    band = models.CharField(_("band"), max_length=5, choices=Band.choices)
    dimensions = models.JSONField(_("dimension scores"))
    criteria = models.JSONField(_("criteria"))
    digest = models.CharField(max_length=64)
    trigger = models.CharField(_("trigger"), max_length=8, choices=ScoreRun.Kind.choices)
    run = models.ForeignKey(
        ScoreRun, verbose_name=_("run"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-computed_at", "-id"]
        verbose_name = _("score snapshot")
        verbose_name_plural = _("score snapshots")
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "rubric", "-computed_at"]),
            # the morning digest: the snapshots computed since a moment (without it, every snapshot read)
            models.Index(fields=["computed_at"], name="snapshot_computed_at"),
        ]

    def __str__(self):
        return f"{self.rubric} #{self.subject_id}: {self.score} ({self.band})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Score snapshots are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Score snapshots are immutable.")


class CurrentScore(models.Model):
    """The latest snapshot of one subject under one rubric key (what lists, badges and gates read)."""

    subject_type = models.CharField(max_length=16, choices=SubjectType.choices)
    subject_id = models.PositiveBigIntegerField()
    rubric_key = models.SlugField(max_length=60)
    kind = models.CharField(max_length=12, choices=Rubric.Kind.choices)
    stage = models.CharField(max_length=2, choices=Stage.choices, blank=True)
    engagement = models.ForeignKey(
        "core.Engagement", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    snapshot = models.ForeignKey(ScoreSnapshot, on_delete=models.CASCADE, related_name="+")
    snapshot_digest = models.CharField(max_length=64)
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    band = models.CharField(max_length=5, choices=Band.choices)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "rubric_key"], name="current_score_unique"
            )
        ]
        indexes = [models.Index(fields=["engagement", "kind"])]

    def __str__(self):
        return f"{self.rubric_key} #{self.subject_id}: {self.score}"


class DirtySubject(models.Model):
    """A subject whose inputs changed since its last score. ``engagement`` rows stand for its stages."""

    class Kind(models.TextChoices):
        ENGAGEMENT = "engagement", _("Engagement")
        INITIATIVE = "initiative", _("Initiative")
        OPPORTUNITY = "opportunity", _("Opportunity")
        ORGANIZATION = "organization", _("Organisation")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    subject_id = models.PositiveBigIntegerField()
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "subject_id"], name="dirty_subject_unique")]

    def __str__(self):
        return f"{self.kind} #{self.subject_id}"
