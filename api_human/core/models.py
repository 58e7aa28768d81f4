"""Core records: organisations in both worlds, engagements, the people on them and their teams.

Every model here keeps a change history (who, when, what) through django-simple-history; the
services in ``services.py`` set the acting user on each write.
"""

from functools import lru_cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from .historical import HistoricalRecords
from .text import InvisibleCharactersValidator, local_date, normalise_fields


# ------------------------------------------------------------------------------------------------
# Versions: what optimistic concurrency compares (ETag / If-Match in the API, the form's version)
# ------------------------------------------------------------------------------------------------
class Versioned(models.Model):
    """Base of every record people edit: ``version`` grows by one on each save.

    The API sends it as the ``ETag`` of a record and a browser form carries the version it was opened
    with; a write that names an older version is refused (412 / "someone else saved"), never applied.
    Writes lock the row first (``api_human.core.concurrency.locked``), so the in-memory increment
    cannot race.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class World(models.TextChoices):
    WELFARE = "welfare", _("Welfare world")
    DIGITAL = "digital", _("Digital world")
    BRIDGE = "bridge", _("Between the worlds (Human API team)")


class Stage(models.TextChoices):
    """The four overlapping stages of an engagement (B has two parts) — a word several apps share."""

    A = "A", _("A — change object, change foci and the ways to reach them")
    B1 = "B1", _("B1 — structured ambiguity")
    B2 = "B2", _("B2 — scouting and locating opportunities")
    C = "C", _("C — building processes in both worlds while connecting needs and solutions")
    D = "D", _("D — buds of perceptual change; next stage or farewell")


class Intensity(models.TextChoices):
    """How much each side invests in a stage or an initiative — a word several apps share."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class NeedCategory(models.TextChoices):
    """The kinds of need the source names — a word several apps share (needs, opportunities, the
    digital-world map, dashboards)."""

    MINISTRY_METHODS = "ministry_methods", _("Work methods of the whole ministry")
    DIVISION_METHODS = "division_methods", _("Work methods of ministry divisions")
    QUALITY_OF_CARE = "quality_of_care", _("Quality of care")
    CITIZEN_SERVICES = "citizen_services", _("Services to citizens")
    PROFESSIONAL_TOOLS = "professional_tools", _("Tools for social workers and professionals")


def stage_code(stage) -> str:
    """A stage's short code in the language's style — "א'", "ב'1" in Hebrew, "A", "B1" in English and
    Arabic: the part of the stage's name before " — ", so charts, labels and tables say it alike."""
    value = getattr(stage, "stage", stage)  # a phase or a stage code
    if value not in Stage.values:
        return str(value or "")
    return str(Stage(value).label).split(" — ", 1)[0].strip()


class Role(models.TextChoices):
    """A person's platform role; it decides which pages and endpoints they may use."""

    TEAM = "team", _("Team member")
    MANAGER = "manager", _("Ministry manager")
    PARTNER = "partner", _("Partner")
    ADMIN = "admin", _("Administrator")


Role_ = Role  # the platform role, reachable inside classes that define their own ``Role``


# ------------------------------------------------------------------------------------------------
# Organisations
# ------------------------------------------------------------------------------------------------
class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see the whole directory; a partner sees only their own organisation."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.PARTNER:
            return self.filter(pk=user.organization_id)
        return self

    def editable_by(self, user):
        """The directory is kept by the team and administrators."""
        if user.is_authenticated and (user.is_admin or user.role == Role.TEAM):
            return self
        return self.none()


class PartnerStatus(models.TextChoices):
    NONE = "none", _("Not a partner")
    PENDING = "pending", _("Registered, waiting for approval")
    APPROVED = "approved", _("Approved partner")
    REJECTED = "rejected", _("Registration declined")


class Organization(Versioned):
    """A body in the welfare world or the digital world: a ministry division, a startup, a fund..."""

    class Kind(models.TextChoices):
        MINISTRY_DIVISION = "ministry_division", _("Ministry division")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        GOVERNMENT_AGENCY = "government_agency", _("Government agency")
        NGO = "ngo", _("Non-profit organisation")
        STARTUP = "startup", _("Startup")
        COMPANY = "company", _("Company")
        INCUBATOR = "incubator", _("Incubator or accelerator")
        FUND = "fund", _("Fund or philanthropy")
        ACADEMIA = "academia", _("Academia")

    name = models.CharField(_("name"), max_length=200, validators=[InvisibleCharactersValidator()])
    world = models.CharField(_("world"), max_length=16, choices=World.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[InvisibleCharactersValidator()]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    # The digital-world map (stage B2): what the organisation is relevant to, and who keeps the relationship.
    relevance = models.JSONField(_("relevant to need categories"), default=list, blank=True)
    relationship_owner = models.ForeignKey(
        "core.User",
        verbose_name=_("relationship owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_relationships",
        help_text=_(
            "A team member, or a ministry role holder when the ministry keeps the connection itself."
        ),
    )
    first_contact_on = models.DateField(_("first contact"), null=True, blank=True)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    partner_status = models.CharField(
        _("partner status"), max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.NONE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["name", "id"], name="organization_name_order")]
        constraints = [
            # A registration waiting for approval (or declined) may repeat a name: the API answers a
            # registration the same way whether or not the name exists, and the team sees the
            # duplicate on the approvals page; approving it is refused while the name is taken.
            models.UniqueConstraint(
                Lower("name"),
                name="organization_name_unique_ci",
                condition=~Q(partner_status__in=["pending", "rejected"]),
                violation_error_message=_("An organisation with this name already exists."),
            ),
        ]

    label_columns = ("name",)  # what __str__ reads (filtersets.CompactSelect)

    def __str__(self):
        return self.name

    def clean(self):
        normalise_fields(self, ["name", "contact_name"])  # NFKC, before the uniqueness check


# ------------------------------------------------------------------------------------------------
# People
# ------------------------------------------------------------------------------------------------
class PersonManager(UserManager):
    def ministry_side(self):
        """People who can sit on an engagement: team members, managers and administrators."""
        return self.filter(is_active=True, role__in=[Role.TEAM, Role.MANAGER, Role.ADMIN])


class User(AbstractUser):
    """A person who signs in: a team member, a ministry manager, a partner or an administrator.

    A partner belongs to exactly one organisation; for others the organisation is where they work.
    """

    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[InvisibleCharactersValidator()]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[InvisibleCharactersValidator()]
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TEAM)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    # The identity provider's subject for a person who signs in with the ministry's account.
    oidc_subject = models.CharField(
        _("single sign-on subject"), max_length=255, unique=True, null=True, blank=True
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = PersonManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.PARTNER) | Q(organization__isnull=False),
                name="user_partner_has_organization",
                violation_error_message=_("A partner must belong to an organisation."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        normalise_fields(self, ["first_name", "last_name"])

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER

    @property
    def is_staff_member(self) -> bool:
        """Ministry-side people: the team, managers and administrators (not partners)."""
        return self.role in {Role.TEAM, Role.MANAGER, Role.ADMIN} or self.is_superuser


class PartnerKeyManager(BaseAPIKeyManager):
    def get_usable_keys(self):
        return super().get_usable_keys().filter(user__is_active=True).select_related("user")


class PartnerKey(AbstractAPIKey):
    """An API key of a partner user: stored hashed, shown once when issued, revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_keys",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = PartnerKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")


# ------------------------------------------------------------------------------------------------
# Engagements
# ------------------------------------------------------------------------------------------------
class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators see every engagement; team members and managers see those they belong to."""
        if not user.is_authenticated or user.role == Role.PARTNER:
            return self.none()
        if user.is_admin:
            return self
        return self.filter(member_of_engagement("pk", user.pk))

    def editable_by(self, user):
        """Administrators, and team members who are currently leads or members of the engagement."""
        if not user.is_authenticated:
            return self.none()
        if user.is_admin:
            return self
        if user.role != Role.TEAM:
            return self.none()
        return self.filter(
            Exists(
                EngagementMembership.objects.current()
                .filter(engagement=OuterRef("pk"), user=user)
                .exclude(role=EngagementMembership.Role.MANAGER)
            )
        )


class Engagement(Versioned):
    """One Human API effort with one change object, run by a team from both worlds."""

    class ChangeObjectKind(models.TextChoices):
        ORGANIZATION = "organization", _("Organisation")
        SECTOR = "sector", _("Sector")
        SOCIAL_ISSUE = "social_issue", _("Social issue")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        COMPLETED = "completed", _("Completed")

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    change_object_kind = models.CharField(
        _("kind of change object"), max_length=16, choices=ChangeObjectKind.choices
    )
    change_object = models.CharField(
        _("change object"),
        max_length=300,
        help_text=_("Who or what is transformed: an organisation, a sector or a social issue."),
    )
    change_object_organization = models.ForeignKey(
        Organization,
        verbose_name=_("change-object organisation"),
        on_delete=models.PROTECT,
        related_name="engagements_as_change_object",
        null=True,
        blank=True,
    )
    partner_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("partner organisations"),
        through="EngagementPartner",
        related_name="partner_engagements",
        blank=True,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="engagement_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(change_object_kind="organization") | Q(change_object_organization__isnull=False),
                name="engagement_organization_change_object_named",
                violation_error_message=_(
                    "When the change object is an organisation, choose that organisation."
                ),
            ),
        ]

    label_columns = ("name",)  # what __str__ reads (filtersets.CompactSelect)

    def __str__(self):
        return self.name


class EngagementPartner(models.Model):
    """An organisation that is a partner of an engagement (e.g. the National Digital Agency)."""

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="partnerships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="partnerships"
    )
    since = models.DateField(_("partner since"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "organization__name"]
        verbose_name = _("engagement partner")
        verbose_name_plural = _("engagement partners")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "organization"],
                name="engagement_partner_unique",
                violation_error_message=_("This organisation is already a partner of the engagement."),
            ),
        ]

    def __str__(self):
        return f"{self.engagement} – {self.organization}"


class EngagementScopedQuerySet(models.QuerySet):
    """Rows that belong to an engagement: seen and changed by whoever may see and change it.

    ``engagement_lookup`` is the path from the row to its engagement (e.g. ``"goal__engagement"``).
    """

    engagement_lookup = "engagement"

    def visible_to(self, user):
        """What ``Engagement.objects.visible_to`` says, asked of the row's own engagement (one EXISTS per
        row, which PostgreSQL checks for the page's rows only when the order has an index)."""
        if not user.is_authenticated or user.role == Role.PARTNER:
            return self.none()
        if user.is_admin:
            return self
        return self.filter(member_of_engagement(self.engagement_lookup, user.pk))

    def editable_by(self, user):
        return self.filter(**{f"{self.engagement_lookup}__in": Engagement.objects.editable_by(user)})


@lru_cache(maxsize=4096)
def member_of_engagement(lookup: str, user_pk: int) -> Exists:
    """Whether the user has a membership of the engagement at ``lookup`` from the outer row: built once
    per (lookup, user) — ``filter`` resolves a copy against each query, never the kept expression."""
    return Exists(EngagementMembership.objects.filter(engagement=OuterRef(lookup), user_id=user_pk))


def scoped(lookup: str):
    """An EngagementScopedQuerySet for rows that reach their engagement through ``lookup``."""
    return type(
        f"ScopedQuerySet_{lookup.replace('__', '_')}",
        (EngagementScopedQuerySet,),
        {"engagement_lookup": lookup},
    )


class MembershipQuerySet(EngagementScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class EngagementMembership(Versioned):
    """A person's place on an engagement for a period: the team's composition over time."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")
        MANAGER = "manager", _("Manager")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role in the engagement"), max_length=16, choices=Role.choices)
    world = models.CharField(_("world"), max_length=16, choices=World.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "valid_from", "id"]
        verbose_name = _("engagement membership")
        verbose_name_plural = _("engagement memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_to_after_from",
                violation_error_message=_("The end of a period cannot be before its start."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.engagement} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.valid_from <= today and (self.valid_to is None or self.valid_to >= today)

    # Which platform roles may hold each role on an engagement.
    ALLOWED_USER_ROLES = {
        Role.LEAD: {Role_.TEAM, Role_.ADMIN},
        Role.MEMBER: {Role_.TEAM, Role_.ADMIN},
        Role.MANAGER: {Role_.MANAGER, Role_.ADMIN},
    }

    def clean(self):
        if not (self.user_id and self.engagement_id and self.valid_from and self.role):
            return
        if self.user.role not in self.ALLOWED_USER_ROLES.get(self.role, ()):
            raise ValidationError(
                {
                    "user": _("A %(platform_role)s cannot hold the role “%(role)s” on an engagement.")
                    % {"platform_role": self.user.get_role_display(), "role": self.get_role_display()}
                }
            )
        overlapping = EngagementMembership.objects.filter(
            engagement=self.engagement_id, user=self.user_id
        ).exclude(pk=self.pk)
        if self.valid_to:
            overlapping = overlapping.filter(valid_from__lte=self.valid_to)
        if overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)).exists():
            raise ValidationError(
                {"valid_from": _("This person is already on the engagement for part of this period.")}
            )


# ------------------------------------------------------------------------------------------------
# Teams
# ------------------------------------------------------------------------------------------------
class Team(Versioned):
    """A standing group of an engagement: steering committee, leading team, work team, joint team..."""

    class Kind(models.TextChoices):
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")
        LEADING_TEAM = "leading_team", _("Leading team")
        WORK_TEAM = "work_team", _("Work team")
        JOINT_TEAM = "joint_team", _("Joint team")
        TASK_FORCE = "task_force", _("Task force")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="teams"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    content_area = models.CharField(
        _("content area"),
        max_length=200,
        blank=True,
        help_text=_("Required for a work team: the content area it is responsible for."),
    )
    description = models.TextField(_("description"), blank=True)
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = EngagementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "formed_on", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="work_team") | ~Q(content_area=""),
                name="team_work_team_has_content_area",
                violation_error_message=_("A work team needs a content area."),
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(formed_on__isnull=True)
                | Q(dissolved_on__gte=models.F("formed_on")),
                name="team_dissolved_after_formed",
                violation_error_message=_("A team cannot be dissolved before it was formed."),
            ),
        ]

    def __str__(self):
        return self.name


class TeamMemberQuerySet(EngagementScopedQuerySet):
    engagement_lookup = "team__engagement"


class TeamMember(Versioned):
    """A person on a team for a period, with the world they come from.

    Many members (e.g. a director-general on a steering committee) have no login, so a member is
    either a user or a named person.
    """

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
        null=True,
        blank=True,
    )
    full_name = models.CharField(
        _("full name"), max_length=200, blank=True, validators=[InvisibleCharactersValidator()]
    )
    title = models.CharField(_("role on the team"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="team_members",
        null=True,
        blank=True,
    )
    world = models.CharField(_("world"), max_length=16, choices=World.choices)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["team", "valid_from", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(full_name=""),
                name="team_member_identified",
                violation_error_message=_("Choose a user or write the person's name."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="team_member_to_after_from",
                violation_error_message=_("The end of a period cannot be before its start."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        normalise_fields(self, ["full_name"])

    @property
    def display_name(self) -> str:
        return self.full_name or (str(self.user) if self.user_id else "")


# ------------------------------------------------------------------------------------------------
# Notifications
# ------------------------------------------------------------------------------------------------
class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()

    editable_by = visible_to

    def unseen(self):
        return self.filter(read_at__isnull=True, dismissed_at__isnull=True)


class Notification(models.Model):
    """Something a person should look at; the text is built in their language when shown."""

    class Kind(models.TextChoices):
        TENSION_BLOCKING = "tension_blocking", _("A tension blocks progress")
        INITIATIVE_STALE = "initiative_stale", _("An initiative has no recent step")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    subject_key = models.CharField(_("about"), max_length=64)
    params = models.JSONField(_("details"), default=dict)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_on = models.DateField(_("day"), default=timezone.localdate)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at", "dismissed_at"], name="notification_unseen_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "subject_key", "created_on"],
                name="notification_once_a_day",
                violation_error_message=_("This person was already told about this today."),
            ),
        ]

    def __str__(self):
        return str(self.text)

    @property
    def subject_line(self):
        return self.get_kind_display()

    @property
    def text(self) -> str:
        try:
            if self.kind == self.Kind.TENSION_BLOCKING:
                return (
                    _("The tension “%(title)s” has been blocking progress for %(days)s days.") % self.params
                )
            params = {**self.params, "since": local_date(self.params["since"])}
            return _("The initiative “%(title)s” has had no step since %(since)s.") % params
        except (
            KeyError,
            TypeError,
            ValueError,
        ):  # a notification recorded without its details: say what kind it is
            return str(self.get_kind_display())


# ------------------------------------------------------------------------------------------------
# Reliability: idempotent API writes and the transactional outbox
# ------------------------------------------------------------------------------------------------
class IdempotencyKey(models.Model):
    """A write sent with an ``Idempotency-Key`` header and the answer it got, replayed to its repeats.

    The row is inserted in the same transaction as the write it guards, before the handler runs: a
    concurrent twin waits on the unique index until the first commits (then replays its answer) or
    rolls back (then runs itself). Only successful answers are kept; an error rolls the row back with
    everything else, so the request can be retried with the same key.
    """

    scope = models.CharField(
        _("scope"), max_length=40, help_text=_("org:<id> for partners, user:<id> otherwise")
    )
    key = models.CharField(_("key"), max_length=255)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=500)
    fingerprint = models.CharField(_("fingerprint of the body"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    body = models.BinaryField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_unique")]

    def __str__(self):
        return f"{self.scope} {self.key}"


class OutboxMessage(models.Model):
    """Work that a committed change must cause later (a Celery task), written in the change's own
    transaction. It is sent to the broker after the commit; if the broker or the worker is away, the
    periodic dispatcher sends it again until a worker has run it (``state`` becomes done)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to run")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        DEAD = "dead", _("Gave up")

    task = models.CharField(_("task"), max_length=100)
    kwargs = models.JSONField(_("arguments"), default=dict, blank=True)
    dedupe_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        blank=True,
        help_text=_("While one message with this key waits, another is not added."),
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    available_at = models.DateTimeField(_("may run from"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("last sent to the broker"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    task_id = models.CharField(_("Celery task id"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [models.Index(fields=["state", "available_at"], name="outbox_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(state="pending") & ~Q(dedupe_key=""),
                name="outbox_one_pending_per_key",
            ),
        ]

    def __str__(self):
        return f"{self.task} #{self.pk} ({self.state})"


class UserSession(models.Model):
    """A browser session of a signed-in person: where and when it began, so that the person and the
    administrators can see it and end it (sign out everywhere)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in at"), auto_now_add=True)
    address = models.CharField(_("address"), max_length=45, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")
        indexes = [models.Index(fields=["user", "signed_in_at"])]

    def __str__(self):
        return f"{self.user} · {self.signed_in_at:%Y-%m-%d %H:%M}"
