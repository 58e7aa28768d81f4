from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import CompactSelect
from api_human.core.forms import DateInput, EngagementScopedForm, StyledFormMixin
from api_human.core.models import Engagement, Organization, World
from api_human.core.text import NameFormField
from initiatives.forms import TEXTAREA
from initiatives.models import Initiative

from .models import Broadcast, KnowledgeFlow, Opportunity, ScoutingActivity


class PipelineForm(StyledFormMixin, forms.Form):
    """Moves an opportunity in the pipeline, with feedback to the partner; declining has its own form
    (``DeclineForm``), which asks for what declining needs."""

    pipeline = forms.ChoiceField(
        label=_("Pipeline status"),
        choices=[
            (value, label)
            for value, label in Opportunity.Pipeline.choices
            if value != Opportunity.Pipeline.DECLINED
        ],
    )
    feedback = forms.CharField(label=_("Feedback to the partner"), widget=TEXTAREA, required=False)


class DeclineForm(StyledFormMixin, forms.Form):
    """Declining asks, in the same form, why (``services.opportunity_set_pipeline`` refuses it without)."""

    pipeline = forms.ChoiceField(
        choices=[(Opportunity.Pipeline.DECLINED, Opportunity.Pipeline.DECLINED.label)],
        initial=Opportunity.Pipeline.DECLINED,
        widget=forms.HiddenInput(attrs={"id": "id_decline_pipeline"}),  # the page's move form has one too
    )
    decline_reason = forms.CharField(
        label=capfirst(Opportunity._meta.get_field("decline_reason").verbose_name),
        widget=TEXTAREA,
        error_messages={"required": _("Say why the opportunity is declined.")},
    )


def pipeline_form_class(pipeline: str):
    """The form of the posted target status."""
    return DeclineForm if pipeline == Opportunity.Pipeline.DECLINED else PipelineForm


class BroadcastForm(EngagementScopedForm):
    class Meta:
        model = Broadcast
        fields = [
            "needs",
            "title_he",
            "title_en",
            "description_he",
            "description_en",
            "eligibility",
            "opens_on",
            "closes_on",
            "status",
        ]
        widgets = {
            "needs": forms.CheckboxSelectMultiple,
            "description_he": TEXTAREA,
            "description_en": TEXTAREA,
            "eligibility": TEXTAREA,
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }


class CriterionForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("name")) != bool(data.get("weight")):
            raise forms.ValidationError(_("A criterion needs a name and a weight."))
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=4, max_num=12)


class InviteForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.filter(world=World.DIGITAL),
        widget=CompactSelect,  # the whole digital directory: thousands of options, written in one pass
    )
    contact_name = NameFormField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))


class InitiativeFromOpportunityForm(StyledFormMixin, forms.Form):
    """Join an existing initiative, or start a new one in an engagement."""

    initiative = forms.ModelChoiceField(
        label=_("Join an existing initiative"), queryset=Initiative.objects.none(), required=False
    )
    engagement = forms.ModelChoiceField(
        label=_("…or start a new initiative in the engagement"),
        queryset=Engagement.objects.none(),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = Engagement.objects.editable_by(user)
        self.fields["initiative"].queryset = Initiative.objects.editable_by(user).order_by("title")

    def clean(self):
        data = super().clean()
        if bool(data.get("initiative")) == bool(data.get("engagement")):
            raise forms.ValidationError(
                _("Choose either an initiative to join or an engagement for a new one.")
            )
        return data


class ScoutingActivityForm(EngagementScopedForm):
    class Meta:
        model = ScoutingActivity
        fields = ["kind", "title", "happened_on", "organizations", "needs", "outcome"]
        widgets = {"happened_on": DateInput(), "outcome": TEXTAREA, "needs": forms.CheckboxSelectMultiple}


class KnowledgeFlowForm(EngagementScopedForm):
    class Meta:
        model = KnowledgeFlow
        fields = ["direction", "kind", "title", "description", "status", "last_passed_on"]
        widgets = {"description": TEXTAREA, "last_passed_on": DateInput()}
