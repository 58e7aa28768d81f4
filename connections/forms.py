"""Browser forms of the connective work. They collect and validate; the core's record services save.

Each kind of record is edited through the stages' record pages (``/engagements/<pk>/records/<slug>/``,
registered in ``RECORD_KINDS``) and returns to the page it belongs to: the mediation map, the event, the
initiative or the engagement's connective-work section.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import DateInput, EngagementScopedForm, StyledFormMixin, style_widgets
from api_human.core.models import Organization, World
from api_human.core.registry import StageRecordKind

from . import models

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _form(model_, fields_, widgets_=None, base=EngagementScopedForm):
    meta = type("Meta", (), {"model": model_, "fields": fields_, "widgets": widgets_ or {}})
    return type(f"{model_.__name__}Form", (base,), {"Meta": meta})


class WorldsForm(EngagementScopedForm):
    """Organisation choices narrowed to the world each field asks for."""

    worlds: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, world in self.worlds.items():
            if name in self.fields:
                self.fields[name].queryset = Organization.objects.filter(world=world).order_by("name", "id")


class ConnectionForm(WorldsForm):
    worlds = {"welfare_party": World.WELFARE, "digital_party": World.DIGITAL}

    class Meta:
        model = models.Connection
        fields = [
            "welfare_party",
            "welfare_person",
            "digital_party",
            "digital_person",
            "origin",
            "event",
            "introduced_by",
            "began_on",
            "direct_since",
            "ended_on",
            "ministry_owner",
            "notes",
        ]
        widgets = {
            "began_on": DateInput(),
            "direct_since": DateInput(),
            "ended_on": DateInput(),
            "notes": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "introduced_by" in self.fields:
            team = self.engagement.memberships.filter(world=World.BRIDGE).values("user")
            self.fields["introduced_by"].queryset = self.fields["introduced_by"].queryset.filter(pk__in=team)


class TrustNoteForm(EngagementScopedForm):
    class Meta:
        model = models.TrustNote
        fields = ["connection", "on", "kind", "text"]
        widgets = {"on": DateInput(), "text": TEXTAREA}


class EventParticipationForm(EngagementScopedForm):
    class Meta:
        model = models.EventParticipation
        fields = ["event", "world", "organization", "count", "note"]


class MentoringSessionForm(WorldsForm):
    moved = forms.MultipleChoiceField(
        label=_("what moved"),
        choices=models.MentoringSession.Moved.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = models.MentoringSession
        fields = [
            "mentor",
            "mentee",
            "mentee_world",
            "mentee_organization",
            "held_on",
            "topic",
            "moved",
            "outcome",
        ]
        widgets = {"held_on": DateInput(), "outcome": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = self.engagement.memberships.filter(world=World.BRIDGE).values("user")
        self.fields["mentor"].queryset = self.fields["mentor"].queryset.filter(pk__in=team)

    def clean_moved(self):
        return list(self.cleaned_data["moved"])


EventForm = _form(
    models.Event,
    [
        "kind",
        "title",
        "starts_on",
        "ends_on",
        "place",
        "description",
        "needs",
        "initiatives",
        "mechanisms",
        "lessons",
    ],
    {
        "starts_on": DateInput(),
        "ends_on": DateInput(),
        "description": TEXTAREA,
        "lessons": TEXTAREA,
        "needs": forms.CheckboxSelectMultiple,
        "initiatives": forms.CheckboxSelectMultiple,
        "mechanisms": forms.CheckboxSelectMultiple,
    },
)
PairingForm = _form(
    models.Pairing,
    [
        "initiative",
        "welfare_person",
        "welfare_role",
        "digital_person",
        "digital_role",
        "started_on",
        "ended_on",
        "data_set",
    ],
    {"started_on": DateInput(), "ended_on": DateInput(), "data_set": TEXTAREA},
)
ProcurementStepForm = _form(
    models.ProcurementStep,
    ["initiative", "kind", "on", "status", "outcome"],
    {"on": DateInput(), "outcome": TEXTAREA},
)
LearningMilestoneForm = _form(
    models.LearningMilestone,
    ["initiative", "question", "due_on", "reached_on", "learned"],
    {"due_on": DateInput(), "reached_on": DateInput(), "learned": TEXTAREA},
)
ReachMeasurementForm = _form(
    models.ReachMeasurement,
    ["initiative", "measured_on", "phase", "users", "localities", "services", "note"],
    {"measured_on": DateInput()},
)
ConcernForm = _form(
    models.Concern,
    ["initiative", "party", "organization", "concern", "holding", "raised_on", "status"],
    {"raised_on": DateInput(), "concern": TEXTAREA, "holding": TEXTAREA},
)


# ------------------------------------------------------------------------------------------------
# Forms of the connective work's own pages (not records of their own)
# ------------------------------------------------------------------------------------------------
class MakeDirectForm(StyledFormMixin, forms.Form):
    """The connection runs without the team from a date (``services.connection_make_direct``)."""

    direct_since = forms.DateField(label=_("Direct since"), widget=DateInput())
    note = forms.CharField(
        label=_("What made it direct (optional)"),
        required=False,
        max_length=2000,
        widget=TEXTAREA,
        help_text=_("Saved as a breakthrough in the connection's trust notes."),
    )


class HandOverForm(StyledFormMixin, forms.Form):
    """At the exit review: a ministry owner and a due date for each connection still through the team.

    A connection whose row is left empty is not handed over now; a row with either field filled is
    handed over, and the service asks for both (``services.connections_hand_over``)."""

    def __init__(self, *args, waiting, **kwargs):
        self.waiting = list(waiting)
        super().__init__(*args, **kwargs)
        for connection in self.waiting:
            self.fields[f"owner_{connection.id}"] = forms.CharField(
                label=_("Ministry owner"), required=False, max_length=200
            )
            self.fields[f"due_{connection.id}"] = forms.DateField(
                label=_("Due by"), required=False, widget=DateInput()
            )
        style_widgets(self)

    def rows(self):
        """Each waiting connection with its two bound fields, for the template."""
        return [(c, self[f"owner_{c.id}"], self[f"due_{c.id}"]) for c in self.waiting]

    def clean(self):
        data = super().clean()
        for connection in self.waiting:
            owner = (data.get(f"owner_{connection.id}") or "").strip()
            due = data.get(f"due_{connection.id}")
            if owner and due is None and f"due_{connection.id}" not in self.errors:
                self.add_error(f"due_{connection.id}", _("Give the date by which the owner takes it over."))
        return data

    def owners(self, owner_class):
        """The rows filled in, as the service's ``HandoverOwner`` values (an owner may still be empty:
        the service refuses it with its reason)."""
        data = self.cleaned_data
        result = []
        for connection in self.waiting:
            owner = (data.get(f"owner_{connection.id}") or "").strip()
            due = data.get(f"due_{connection.id}")
            if owner or due:
                result.append(owner_class(connection_id=connection.id, ministry_owner=owner, due_on=due))
        return result


# ------------------------------------------------------------------------------------------------
# Where each kind of record returns after a save
# ------------------------------------------------------------------------------------------------
def _to_map(engagement, record):
    return reverse("mediation-map", args=[engagement.pk])


def _to_connection(engagement, record):
    connection_id = getattr(record, "connection_id", None)
    if connection_id:
        return reverse("connection-detail", args=[connection_id])
    return _to_map(engagement, record)


def _to_event(engagement, record):
    event = getattr(record, "event", None) if not isinstance(record, models.Event) else record
    if event is not None and event.pk:
        return reverse("event-detail", args=[event.pk])
    return reverse("event-list", args=[engagement.pk])


def _to_initiative(engagement, record):
    initiative_id = getattr(record, "initiative_id", None)
    if initiative_id:
        return reverse("initiative-detail", args=[initiative_id]) + "#connective-work"
    return reverse("engagement-detail", args=[engagement.pk]) + "#connective-work"


def _to_section(engagement, record):
    return reverse("engagement-detail", args=[engagement.pk]) + "#connective-work"


RECORD_KINDS = {
    slug: StageRecordKind(model, form, stage, title, back)
    for slug, (model, form, stage, title, back) in {
        "connections": (models.Connection, ConnectionForm, "C", _("Connection"), _to_map),
        "trust-notes": (models.TrustNote, TrustNoteForm, "C", _("Trust note"), _to_connection),
        "events": (models.Event, EventForm, "C", _("Event"), _to_event),
        "event-participants": (
            models.EventParticipation,
            EventParticipationForm,
            "C",
            _("Participants of an event"),
            _to_event,
        ),
        "mentoring-sessions": (
            models.MentoringSession,
            MentoringSessionForm,
            "C",
            _("Mentoring session"),
            _to_section,
        ),
        "pairings": (models.Pairing, PairingForm, "C", _("Two in a box"), _to_initiative),
        "procurement-steps": (
            models.ProcurementStep,
            ProcurementStepForm,
            "C",
            _("Procurement step"),
            _to_initiative,
        ),
        "learning-milestones": (
            models.LearningMilestone,
            LearningMilestoneForm,
            "C",
            _("Learning milestone"),
            _to_initiative,
        ),
        "reach-measurements": (
            models.ReachMeasurement,
            ReachMeasurementForm,
            "C",
            _("Reach measurement"),
            _to_initiative,
        ),
        "concerns": (models.Concern, ConcernForm, "B1", _("Concern"), _to_initiative),
    }.items()
}
