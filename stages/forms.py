"""Browser forms of the stages. They collect and validate; ``stages.services`` saves."""

from django import forms
from django.db import models as dj_models
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import DateInput, EngagementScopedForm, StyledFormMixin
from api_human.core.models import Team, TeamMember

from . import models

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _formfield(model_field, **kwargs):
    if isinstance(model_field, dj_models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def _form(model_, fields_, widgets_=None, labels_=None):
    meta = type(
        "Meta",
        (),
        {
            "model": model_,
            "fields": fields_,
            "widgets": widgets_ or {},
            "labels": labels_ or {},
            "formfield_callback": _formfield,
        },
    )
    return type(f"{model_.__name__}Form", (EngagementScopedForm,), {"Meta": meta})


ChangeDesignForm = _form(
    models.ChangeDesign,
    ["desired_reality", "current_state", "theory_of_change", "maturity_diagnostic", "maturity_diagnosed_on"],
    {
        "desired_reality": TEXTAREA,
        "current_state": TEXTAREA,
        "theory_of_change": TEXTAREA,
        "maturity_diagnostic": TEXTAREA,
        "maturity_diagnosed_on": DateInput(),
    },
)
ChangeFocusForm = _form(models.ChangeFocus, ["title", "description", "order"], {"description": TEXTAREA})
LogicModelItemForm = _form(
    models.LogicModelItem,
    ["level", "text", "change_foci", "order"],
    {"text": TEXTAREA, "change_foci": forms.CheckboxSelectMultiple},
)
GoalForm = _form(models.Goal, ["title", "description", "change_focus"], {"description": TEXTAREA})
SuccessMetricForm = _form(models.SuccessMetric, ["goal", "name", "unit", "baseline", "target", "direction"])
MeasurementForm = _form(
    models.Measurement, ["metric", "measured_on", "value", "source"], {"measured_on": DateInput()}
)
RoleHolderForm = _form(
    models.RoleHolder,
    ["role", "full_name", "organization", "appointed_on", "ended_on"],
    {"appointed_on": DateInput(), "ended_on": DateInput()},
)
WorkingPrincipleForm = _form(
    models.WorkingPrinciple, ["kind", "title", "description", "order"], {"description": TEXTAREA}
)
MechanismForm = _form(
    models.Mechanism,
    [
        "world",
        "category",
        "title",
        "description",
        "status",
        "started_on",
        "established_on",
        "owner",
        "unmediated",
    ],
    {"description": TEXTAREA, "started_on": DateInput(), "established_on": DateInput()},
)
ChangeSignalForm = _form(
    models.ChangeSignal,
    ["title", "evidence", "observed_on", "observer"],
    {"evidence": TEXTAREA, "observed_on": DateInput()},
)
PublicationForm = _form(
    models.Publication, ["title", "channel", "audience", "published_on", "url"], {"published_on": DateInput()}
)
ExitReviewForm = _form(
    models.ExitReview,
    [
        "reviewed_on",
        "infrastructure_rating",
        "infrastructure_evidence",
        "sustainability_rating",
        "sustainability_evidence",
        "connection_rating",
        "connection_evidence",
        "decision",
        "summary",
    ],
    {
        "reviewed_on": DateInput(),
        "infrastructure_evidence": TEXTAREA,
        "sustainability_evidence": TEXTAREA,
        "connection_evidence": TEXTAREA,
        "summary": TEXTAREA,
    },
)
HandoverItemForm = _form(
    models.HandoverItem, ["review", "function", "ministry_role", "due_on"], {"due_on": DateInput()}
)
TeamForm = _form(
    Team,
    ["kind", "name", "content_area", "description", "formed_on", "dissolved_on"],
    {"description": TEXTAREA, "formed_on": DateInput(), "dissolved_on": DateInput()},
)
TeamMemberForm = _form(
    TeamMember,
    ["team", "user", "full_name", "title", "organization", "world", "valid_from", "valid_to"],
    {"valid_from": DateInput(), "valid_to": DateInput()},
)


# ------------------------------------------------------------------------------------------------
# Stage moves
# ------------------------------------------------------------------------------------------------
class GateProposalForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=models.GateDecision.Decision.choices)
    justification = forms.CharField(label=_("Justification"), widget=TEXTAREA)
    effective_on = forms.DateField(
        label=_("Takes effect on"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for the day the manager signs off."),
    )


class GateActionForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300, required=False)
    owner = forms.CharField(label=_("Owner"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        filled = [bool(data.get(name)) for name in ("description", "owner", "due_on")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("An action needs a description, an owner and a due date."))
        return data


class BaseGateActionFormSet(forms.BaseFormSet):
    """The actions of a gate decision, asked for on the same page: a “go with actions” needs one at least
    (``services.gate_decision_propose`` refuses it too)."""

    def __init__(self, *args, decision: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision

    def rows(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("description")]

    def clean(self):
        if any(self.errors):
            return
        if self.decision == models.GateDecision.Decision.GO_WITH_ACTIONS and not self.rows():
            raise forms.ValidationError(_("A “go with actions” decision needs at least one action."))


GateActionFormSet = forms.formset_factory(GateActionForm, formset=BaseGateActionFormSet, extra=3, max_num=10)


class ReopenForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the stage reopened?"), widget=TEXTAREA)


class IntensityForm(StyledFormMixin, forms.Form):
    intensity = forms.ChoiceField(label=_("Intensity"), choices=models.Intensity.choices)
    on = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False)

    def __init__(self, *args, phase=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.phase = phase

    def clean_on(self):
        """The date is checked here too, so its error is shown on the field (the service checks it)."""
        on = self.cleaned_data["on"]
        started = self.phase and self.phase.started_on
        if on and started and on < started:
            raise forms.ValidationError(_("The date is before the stage started."))
        return on


class ReviewForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
