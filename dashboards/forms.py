from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import DateInput, StyledFormMixin
from api_human.core.models import Engagement, NeedCategory


def _attrs(attrs: dict) -> str:
    """As Django's ``attrs.html``: `` name="value"``, a bare `` name`` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class ListSelect(forms.Select):
    """A select written in Python, the very markup of Django's ``select.html`` and ``select_option.html``
    without a template rendered for each option: the engagement filter lists every engagement the
    person sees, and the dashboards draw it on every page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # stripped, as the form renderer strips a widget's template
        return SafeString("".join(parts))  # every name, value and label escaped above


class DashboardFilterForm(StyledFormMixin, forms.Form):
    """The filters of a dashboard; they live in the URL, so a view can be shared."""

    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    engagement = forms.ModelChoiceField(
        label=_("Engagement"), queryset=Engagement.objects.none(), required=False, widget=ListSelect
    )
    category = forms.ChoiceField(
        label=_("Need category"),
        choices=[("", "—"), *NeedCategory.choices],
        required=False,
        widget=ListSelect,
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
