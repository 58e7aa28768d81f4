"""Browser forms. Saving goes through ``services``; the forms only collect and validate."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Engagement, EngagementMembership, NeedCategory, Organization, PartnerKey, Role, User


def style_widgets(form):
    """Bootstrap classes on every input, and help/error texts tied to their inputs for screen readers."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
        if field.help_text:
            widget.attrs["aria-describedby"] = f"id_{name}_help"


def mark_invalid_widgets(form):
    """After validation: flag the inputs with errors and point them at their messages."""
    for name in form._errors or {}:
        if name not in form.fields:
            continue
        attrs = form.fields[name].widget.attrs
        attrs["aria-invalid"] = "true"
        attrs["class"] = attrs.get("class", "") + " is-invalid"
        attrs["aria-describedby"] = " ".join(
            filter(None, [attrs.get("aria-describedby"), f"id_{name}_error"])
        )


VERSION_FIELD = "opened_version"


class StyledFormMixin:
    """Bootstrap styling and accessible errors; and, on a form that edits an existing versioned record,
    the hidden version it was opened with (``opened_version``), which the save compares under lock
    (``api_human.core.views.save_or_form_errors``) so nobody's change is overwritten silently."""

    opened_version = None
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and hasattr(instance, "version"):
            self.fields[VERSION_FIELD] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=instance.version
            )
        style_widgets(self)

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.opened_version = self.cleaned_data.pop(VERSION_FIELD, None)
        mark_invalid_widgets(self)

    def reopen_at(self, stale) -> None:
        """After a conflict (``StaleVersion``): the fields the person changed keep their input, the
        others show the record as it is now, and saving again applies their changes on top of the
        version they have now been shown."""
        if VERSION_FIELD not in self.fields:
            return
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = stale.current
        current = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        opened = stale.baseline()
        if current is None or opened is None:
            return
        for field in self.instance._meta.concrete_fields:
            if field.name not in self.fields or not field.editable:
                continue
            mine, then, now = (field.value_from_object(x) for x in (self.instance, opened, current))
            if mine == then and now != then:  # untouched here, changed by someone else: show theirs
                self._show(field.name, now)

    def _show(self, name: str, value) -> None:
        key = self.add_prefix(name)
        widget = self.fields[name].widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif isinstance(value, list | tuple):
            self.data.setlist(key, [str(v) for v in value])
        else:
            self.data[key] = "" if value is None else str(self.fields[name].prepare_value(value))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LoginForm(StyledFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: the first Tab reaches the skip link and the language buttons, as on every page.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not settings.STAFF_PASSWORD_SIGN_IN and user.role != Role.PARTNER and not user.is_superuser:
            raise forms.ValidationError(
                _("Ministry staff sign in with the ministry's account (the button above)."),
                code="sso_only",
            )


class SecondFactorForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


class OrganizationForm(StyledFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    relevance = forms.MultipleChoiceField(
        label=_("Relevant to need categories"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "world",
            "kind",
            "website",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "relevance",
            "relationship_owner",
            "first_contact_on",
            "last_contact_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "first_contact_on": DateInput(),
            "last_contact_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relevance"].choices = NeedCategory.choices
        self.fields["relationship_owner"].queryset = User.objects.ministry_side()


class EngagementForm(StyledFormMixin, forms.ModelForm):
    partner_organizations = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organization.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Engagement
        fields = [
            "name",
            "description",
            "change_object_kind",
            "change_object",
            "change_object_organization",
            "partner_organizations",
            "start_date",
            "end_date",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["partner_organizations"] = list(
                self.instance.partnerships.values_list("organization_id", flat=True)
            )


class MembershipForm(StyledFormMixin, forms.ModelForm):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.ministry_side())

    class Meta:
        model = EngagementMembership
        fields = ["user", "role", "world", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, engagement: Engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.engagement = engagement
        if self.instance.pk:  # who is fixed; end this membership and add another to change it
            self.fields["user"].disabled = True


class PartnerKeyForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerKey
        fields = ["name"]
        labels = {"name": _("Name of the key (e.g. the system that will use it)")}
        # The key library's own help text is English only.
        help_texts = {"name": _("Any name that tells your keys apart; up to 50 characters.")}


class EngagementScopedForm(StyledFormMixin, forms.ModelForm):
    """A form for a record of one engagement: choices of other engagement records (change foci, goals,
    teams, needs...) are limited to that engagement."""

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.engagement = engagement
        if any(f.name == "engagement" for f in self._meta.model._meta.fields):
            self.instance.engagement = engagement
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            lookup = getattr(queryset, "engagement_lookup", None)
            if lookup:
                field.queryset = queryset.filter(**{lookup: engagement})
