"""Browser forms of scoring: a rating with evidence, the maturity questionnaire, a draft's criterion."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api_human.core.forms import DateInput, StyledFormMixin, style_widgets

from .models import Criterion, Rubric


def _split_links(text: str) -> list[str]:
    links = [line.strip() for line in (text or "").splitlines() if line.strip()]
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError as error:
            raise ValidationError(_("“%(link)s” is not a web address.") % {"link": link[:80]}) from error
    if len(links) > 10:
        raise ValidationError(_("Give at most ten links."))
    return links


class RatingForm(StyledFormMixin, forms.Form):
    """The team's rating of one manual criterion: a value on its scale (or n/a) and the evidence."""

    value = forms.TypedChoiceField(label=_("Rating"), coerce=float, required=False, widget=forms.RadioSelect)
    not_applicable = forms.BooleanField(label=_("Does not apply to this subject"), required=False)
    evidence_note = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_links = forms.CharField(
        label=_("Links to the evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        help_text=_("One web address per line."),
    )
    rated_on = forms.DateField(label=_("Rated on"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, criterion: Criterion, **kwargs):
        self.criterion = criterion
        kwargs.setdefault("prefix", f"c{criterion.pk}")
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [(value, label) for value, label in criterion.localized_anchors()]
        for name, field in self.fields.items():  # several of these forms share a page: unique ids
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_help"

    def full_clean(self):
        super().full_clean()
        for name in self._errors or {}:  # ids carry the form's prefix
            if name in self.fields:
                help_id = f"{self[name].auto_id}_help" if self.fields[name].help_text else ""
                self.fields[name].widget.attrs["aria-describedby"] = (
                    f"{help_id} {self[name].auto_id}_error".strip()
                )

    def clean_evidence_links(self):
        return _split_links(self.cleaned_data["evidence_links"])

    def clean(self):
        data = super().clean()
        if not data.get("not_applicable") and data.get("value") in (None, ""):
            self.add_error("value", _("Choose a rating, or mark the criterion as not applicable."))
        return data


class MaturityForm(StyledFormMixin, forms.Form):
    """The digital-maturity questionnaire: one answer per criterion, and the evidence for the whole."""

    evidence_note = forms.CharField(
        label=_("Evidence and sources of this diagnostic"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who was interviewed, which documents were read."),
    )
    rated_on = forms.DateField(label=_("Diagnosed on"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, rubric: Rubric, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for dimension in rubric.dimensions.all():
            names = []
            for criterion in dimension.criteria.all():
                name = f"q_{criterion.key}"
                self.fields[name] = forms.TypedChoiceField(
                    label=criterion.text,
                    help_text=criterion.guidance,
                    choices=criterion.localized_anchors(),
                    coerce=float,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=current.get(criterion.key),
                )
                self.fields[name].criterion = criterion
                names.append(name)
            self.groups.append((dimension, [self[name] for name in names]))
        style_widgets(self)  # the questions were added after the mixin styled the form

    def answers(self):
        return [
            (field.criterion, self.cleaned_data[name])
            for name, field in self.fields.items()
            if name.startswith("q_") and self.cleaned_data.get(name) not in (None, "")
        ]

    def clean(self):
        data = super().clean()
        if not any(name.startswith("q_") and data.get(name) not in (None, "") for name in self.fields):
            raise ValidationError(_("Answer at least one question."))
        return data


class CriterionForm(StyledFormMixin, forms.ModelForm):
    """A criterion of a draft version (a published version never changes)."""

    class Meta:
        model = Criterion
        fields = [
            "text_he",
            "text_en",
            "text_ar",
            "guidance_he",
            "guidance_en",
            "guidance_ar",
            "next_action_he",
            "next_action_en",
            "next_action_ar",
            "source_section",
            "source_quote",
            "source_outside",
            "applies_from",
            "weight",
            "critical",
            "pass_level",
            "partner_actionable",
            "metric",
            "floor",
            "target",
            "validity_days",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .registry import metric_choices

        rubric = self.instance.dimension.rubric
        if self.instance.is_manual:
            for name in ("metric", "floor", "target"):
                del self.fields[name]
        else:
            del self.fields["validity_days"]
            self.fields["metric"] = forms.ChoiceField(
                label=_("metric"), choices=metric_choices(rubric.subject_type), initial=self.instance.metric
            )
            self.fields["metric"].widget.attrs["class"] = "form-select"
        for name in ("text_en", "guidance_en", "next_action_en", "source_outside"):
            self.fields[name].widget.attrs["dir"] = "ltr"
        for name in ("text_he", "guidance_he", "next_action_he", "text_ar", "guidance_ar", "next_action_ar"):
            self.fields[name].widget.attrs["dir"] = "rtl"
        for name in ("source_section", "source_quote"):  # passages of the Hebrew source document
            self.fields[name].widget.attrs.update({"dir": "rtl", "lang": "he"})


class RubricForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Rubric
        fields = [
            "name_he",
            "name_en",
            "name_ar",
            "description_he",
            "description_en",
            "description_ar",
            "threshold",
            "min_coverage",
        ]
        widgets = {
            "description_he": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "description_ar": forms.Textarea(attrs={"rows": 2}),
        }
