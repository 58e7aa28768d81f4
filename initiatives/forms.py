from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import DateInput, EngagementScopedForm, StyledFormMixin
from api_human.core.models import Intensity, Organization, Team

from .models import Initiative, InitiativePartner, Need, Pilot, PilotKpi, ProcessStep

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class NeedForm(EngagementScopedForm):
    class Meta:
        model = Need
        fields = [
            "title",
            "description",
            "source",
            "category",
            "subcategory",
            "content_world",
            "requested_by",
            "status",
        ]
        widgets = {"description": TEXTAREA}


class InitiativeForm(EngagementScopedForm):
    methods = forms.MultipleChoiceField(
        label=_("Methods"),
        choices=Initiative.Method.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_organizations = forms.ModelMultipleChoiceField(
        label=_("Partners (ventures)"),
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("Organisations taking part as ventures; other roles can be set in the API."),
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "needs",
            "big_dream",
            "process_summary",
            "solution",
            "impact_headline",
            "impact_details",
            "status",
            "stop_reason",
            "methods",
            "procurement",
            "joint_team",
        ]
        widgets = {
            "needs": forms.CheckboxSelectMultiple,
            "big_dream": TEXTAREA,
            "process_summary": TEXTAREA,
            "solution": TEXTAREA,
            "impact_details": TEXTAREA,
            "stop_reason": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_team"].queryset = Team.objects.filter(engagement=self.engagement)
        if self.instance.pk:
            self.initial["partner_organizations"] = [
                p.organization_id
                for p in self.instance.partnerships.all()
                if p.role == InitiativePartner.Role.VENTURE
            ]


class StepForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ProcessStep
        fields = ["kind", "happened_on", "notes", "actor"]
        widgets = {"happened_on": DateInput(), "notes": TEXTAREA}


class PilotForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Pilot
        fields = ["title", "sites", "participants", "started_on", "ended_on", "learning_plan", "outcome"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "learning_plan": TEXTAREA,
            "outcome": TEXTAREA,
        }


class KpiForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PilotKpi
        fields = ["name", "unit", "target", "result"]


class MoveForm(StyledFormMixin, forms.Form):
    """Moves an initiative to a status that needs nothing more; stopping has its own form (``StopForm``)."""

    status = forms.ChoiceField(
        label=_("Move to"),
        choices=[
            (value, label) for value, label in Initiative.Status.choices if value != Initiative.Status.STOPPED
        ],
    )

    def move_data(self) -> dict:
        return {"status": self.cleaned_data["status"]}


class StopForm(StyledFormMixin, forms.Form):
    """Stopping an initiative asks, in the same form, why it stopped (``services.initiative_move``)."""

    status = forms.ChoiceField(
        choices=[(Initiative.Status.STOPPED, Initiative.Status.STOPPED.label)],
        initial=Initiative.Status.STOPPED,
        widget=forms.HiddenInput(attrs={"id": "id_stop_status"}),  # the page's move form has a status too
    )
    stop_reason = forms.CharField(
        label=capfirst(Initiative._meta.get_field("stop_reason").verbose_name),
        widget=TEXTAREA,
        error_messages={"required": _("Say why the initiative stopped.")},
    )

    def move_data(self) -> dict:
        return {"status": self.cleaned_data["status"], "reason": self.cleaned_data["stop_reason"]}


def move_form_class(status: str):
    """The form of the posted target status."""
    return StopForm if status == Initiative.Status.STOPPED else MoveForm


class IntensityForm(StyledFormMixin, forms.Form):
    intensity = forms.ChoiceField(label=_("Intensity"), choices=Intensity.choices)
    on = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), required=False)
