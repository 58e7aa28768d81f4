from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api_human.core.filtersets import CompactSelect  # the engagements the person sees: one pass
from api_human.core.forms import DateInput, StyledFormMixin
from api_human.core.models import Engagement, NeedCategory


class DashboardFilterForm(StyledFormMixin, forms.Form):
    """The filters of a dashboard; they live in the URL, so a view can be shared."""

    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    engagement = forms.ModelChoiceField(
        label=_("Engagement"), queryset=Engagement.objects.none(), required=False, widget=CompactSelect
    )
    category = forms.ChoiceField(
        label=_("Need category"),
        choices=[("", "—"), *NeedCategory.choices],
        required=False,
        widget=CompactSelect,
    )

    def __init__(self, *args, user, with_engagement=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_engagement:
            self.fields["engagement"].queryset = Engagement.objects.visible_to(user).order_by("name")
        else:
            del self.fields["engagement"]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(_("The start of the period is after its end."))
        return data
