from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import VERSION_FIELD, EngagementScopedForm, StyledFormMixin
from initiatives.forms import TEXTAREA

from .models import DecisionCriterion, Tension
from .services import ONE_STEP_AT_A_TIME, ORIGIN_NEEDED

State = Tension.State


class TensionForm(EngagementScopedForm):
    class Meta:
        model = Tension
        fields = ["title", "description", "source_type", "origin", "pole_a", "pole_b", "stage", "initiatives"]
        widgets = {"description": TEXTAREA, "initiatives": forms.CheckboxSelectMultiple}


class CriterionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DecisionCriterion
        fields = ["text"]


# ------------------------------------------------------------------------------------------------
# Moves: one form per target state, asking in the same form for what that state needs
# (``tensions.services.check_move``); the service checks it again and saves it with the move.
# ------------------------------------------------------------------------------------------------
CRITERION_LENGTH = DecisionCriterion._meta.get_field("text").max_length


class CriteriaField(forms.CharField):
    """Several decision criteria in one box, one per line; cleans to the list of their texts."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        lines = [line.strip() for line in (super().clean(value) or "").splitlines() if line.strip()]
        if self.required and not lines:
            raise ValidationError(self.error_messages["required"], code="required")
        longest = max((len(line) for line in lines), default=0)
        if longest > CRITERION_LENGTH:
            raise ValidationError(
                _("A criterion has at most %(limit)d characters (one has %(length)d)."),
                code="max_length",
                params={"limit": CRITERION_LENGTH, "length": longest},
            )
        return lines


def _criteria_field(*, required=True):
    return CriteriaField(
        label=_("Decision criteria"),
        required=required,
        help_text=_("One criterion per line."),
        error_messages={"required": _("Add at least one decision criterion first.")},
    )


class TensionMoveForm(StyledFormMixin, forms.ModelForm):
    """Moves a tension to ``target``. It carries the version the page was opened with, so a move made
    on a tension someone changed meanwhile is shown back as a conflict instead of being applied."""

    target = ""
    state = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Tension
        fields = []

    def __init__(self, data=None, *, tension: Tension, **kwargs):
        super().__init__(data, instance=tension, initial={"state": self.target}, **kwargs)

    def clean_state(self):
        state = self.cleaned_data["state"]
        if state != self.target:
            raise ValidationError(ONE_STEP_AT_A_TIME)
        return state

    def add_error(self, field, error):
        """An error about a hidden field (the target, the version) is shown above the form."""
        if field in self.fields and self.fields[field].widget.is_hidden:
            field = None
        super().add_error(field, error)

    def move_data(self) -> dict:
        """The arguments of ``services.tension_move`` besides the tension and the actor."""
        data = self.cleaned_data
        return {
            "to_state": data["state"],
            "origin": data.get("origin", ""),
            "criteria": data.get("criteria", []),
            "resolution": data.get("resolution", ""),
            "note": data.get("note", ""),
        }


class LegitimiseForm(TensionMoveForm):
    """Legitimised: nothing to add."""

    target = State.LEGITIMISED


class ClassifyForm(TensionMoveForm):
    """Classified: whether the tension is inherent or caused by the change process."""

    target = State.CLASSIFIED
    origin = forms.ChoiceField(
        label=_("Origin of the tension"),
        choices=[
            (value, label) for value, label in Tension.Origin.choices if value != Tension.Origin.UNKNOWN
        ],
        widget=forms.RadioSelect,
        error_messages={"required": ORIGIN_NEEDED},
    )

    class Meta(TensionMoveForm.Meta):
        fields = ["origin"]


class DefineCriteriaForm(TensionMoveForm):
    """Decision criteria defined: at least one criterion — the ones already added count."""

    target = State.CRITERIA_DEFINED
    criteria = _criteria_field()

    def __init__(self, data=None, *, tension: Tension, **kwargs):
        super().__init__(data, tension=tension, **kwargs)
        if tension.criteria.all():
            self.fields["criteria"].required = False
            self.fields["criteria"].help_text = _(
                "Optional: more criteria, one per line; they are added to those above."
            )


class ResolveForm(TensionMoveForm):
    """Resolved: the both-and resolution, against decision criteria (asked for here if there are none)."""

    target = State.RESOLVED
    resolution = forms.CharField(
        label=_("Both-and resolution"),
        widget=TEXTAREA,
        error_messages={"required": _("Write the both-and resolution.")},
    )

    class Meta(TensionMoveForm.Meta):
        fields = ["resolution"]

    criteria = _criteria_field()

    def __init__(self, data=None, *, tension: Tension, **kwargs):
        super().__init__(data, tension=tension, **kwargs)
        if tension.criteria.all():  # the usual case: they were defined in the step before
            del self.fields["criteria"]


class CloseForm(TensionMoveForm):
    """Jumped into the water, or dissolved: the decision recorded."""

    target = State.JUMPED
    state = forms.ChoiceField(
        label=_("Move to"),
        choices=[(s.value, s.label) for s in (State.JUMPED, State.DISSOLVED)],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Decision recorded"),
        widget=TEXTAREA,
        help_text=_("Record the decision: why the team stops dealing with this tension."),
        error_messages={"required": _("Record the decision: why the team stops dealing with this tension.")},
    )

    def __init__(self, data=None, *, tension: Tension, **kwargs):
        super().__init__(data, tension=tension, **kwargs)
        self.initial.pop("state", None)  # the person chooses
        if VERSION_FIELD in self.fields:  # the page's other move form has one too
            self.fields[VERSION_FIELD].widget.attrs["id"] = f"id_close_{VERSION_FIELD}"

    def clean_state(self):
        return self.cleaned_data["state"]


FORWARD_FORMS = {
    form.target: form for form in (LegitimiseForm, ClassifyForm, DefineCriteriaForm, ResolveForm)
}
CLOSING = (State.JUMPED, State.DISSOLVED)


def next_state(tension: Tension) -> str | None:
    """The next step in the source's order, or None once the tension is closed."""
    if not tension.is_open:
        return None
    return Tension.ORDER[Tension.ORDER.index(tension.state) + 1]


def move_form_class(target: str, tension: Tension) -> type[TensionMoveForm]:
    """The form of the posted target; any other target is checked by the form of the next step."""
    if target in CLOSING:
        return CloseForm
    return FORWARD_FORMS.get(target) or FORWARD_FORMS.get(next_state(tension), CloseForm)
