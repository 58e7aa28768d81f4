"""The partner's browser form for an endpoint. Saving goes through ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import StyledFormMixin

from .events import LABELLED_CHOICES
from .models import WebhookEndpoint


class WebhookEndpointForm(StyledFormMixin, forms.ModelForm):
    url = forms.URLField(
        label=_("Address (URL) that receives the events"),
        max_length=500,
        assume_scheme="https",
        help_text=_("It must start with https://. We send each event there as a signed POST request."),
        widget=forms.URLInput(attrs={"dir": "ltr", "autocomplete": "url", "spellcheck": "false"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events to send"), choices=LABELLED_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "events"]
