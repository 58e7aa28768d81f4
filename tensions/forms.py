from django import forms
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import EngagementScopedForm, StyledFormMixin
from initiatives.forms import TEXTAREA

from .models import DecisionCriterion, Tension


class TensionForm(EngagementScopedForm):
    class Meta:
        model = Tension
        fields = ["title", "description", "source_type", "origin", "pole_a", "pole_b", "stage", "initiatives"]
        widgets = {"description": TEXTAREA, "initiatives": forms.CheckboxSelectMultiple}


class CriterionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DecisionCriterion
        fields = ["text"]


class MoveForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("Move to"), choices=Tension.State.choices)
    resolution = forms.CharField(label=_("Both-and resolution"), widget=TEXTAREA, required=False)
    note = forms.CharField(
        label=_("Decision recorded"),
        widget=TEXTAREA,
        required=False,
        help_text=_("Needed to jump into the water or to let the tension dissolve."),
    )
