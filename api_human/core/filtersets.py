"""One FilterSet per model, shared by the REST API and the browser lists. Each has a ``q`` search."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.forms.widgets import NullBooleanSelect
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Engagement, EngagementMembership, EngagementPartner, Organization, Team, TeamMember, User


def _partners_ofvisible_engagements(request):
    """Only organisations that are partners of an engagement the user sees: a short, useful list."""
    if request is None:
        return Organization.objects.none()
    engagements = Engagement.objects.visible_to(request.user)
    return Organization.objects.filter(
        Exists(EngagementPartner.objects.filter(organization=OuterRef("pk"), engagement__in=engagements))
    )


def visible_engagements(request):
    return Engagement.objects.visible_to(request.user) if request else Engagement.objects.none()


def _model_field(model, path: str):
    """The model field a filter's ``field_name`` (``a__b``) ends at, or None."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:  # a lookup or a method filter: no field to name it after
            return None
        model = getattr(field, "related_model", None) or model
    return field


class YesNoSelect(NullBooleanSelect):
    """A yes/no filter whose empty choice reads "any" (Django's says "Unknown", which reads as a value)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]

    def format_value(self, value):
        return [{True: "true", False: "false", "true": "true", "false": "false"}.get(value, "")]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        known = super().value_from_datadict(data, files, name)
        if known is None and value not in (None, ""):
            return value  # not yes, no or any: YesNoField refuses it
        return known


class YesNoField(forms.NullBooleanField):
    """Yes, no or any; anything else is an error (a 400 in the API) — a typo in ``?blocking=ture`` must
    not silently list every row."""

    default_error_messages = {"invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"]}

    def to_python(self, value):
        if isinstance(value, str) and value not in ("", "True", "False", "true", "false"):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class CompactSelect(forms.Select):
    """A single-choice select written in one pass, without a template per option: a filter offering the
    whole directory (thousands of organisations) costs milliseconds on a page, not seconds."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name

        options = _options(_choices(self.choices), chosen)
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308  (escaped in _options)


def _options(pairs, chosen: set) -> str:
    """The ``<option>``s of (value, label) pairs, escaped; a pair whose label is a list is a group."""
    parts = []
    for value, label in pairs:
        if isinstance(label, list | tuple):
            parts.append(f'<optgroup label="{escape(value)}">{_options(label, chosen)}</optgroup>')
            continue
        key = "" if value is None else str(value)
        parts.append(
            f'<option value="{escape(key)}"{" selected" if key in chosen else ""}>{escape(label)}</option>'
        )
    return "".join(parts)


def _choices(choices):
    """A select's (value, label) pairs. The rows of a model choice field are read as ``.values()`` and
    labelled by ``str()`` of a bare instance (no ``__init__``, no signals — building 2,000 organisations
    the usual way took ~90 ms; this takes a few): the same ``__str__``, so the same labels. A model's
    ``label_columns`` names the columns its ``__str__`` reads (tests/core/test_filter_labels.py checks
    them), so only those are read. A ``__str__``
    that needs more than the row's own columns (a related row) is labelled the usual way."""
    if not isinstance(choices, ModelChoiceIterator):
        yield from choices
        return
    field = choices.field
    if type(field).label_from_instance is not forms.ModelChoiceField.label_from_instance:
        yield from choices
        return
    model = choices.queryset.model
    # the columns ``__str__`` reads (a model's ``label_columns``), else every column
    named = getattr(model, "label_columns", None)
    columns = ["pk", *named] if named else [f.attname for f in model._meta.concrete_fields]
    rows = list(choices.queryset.values(*columns))
    pairs = []
    try:
        for row in rows:
            bare = model.__new__(model)
            bare.__dict__.update(row)
            bare.__dict__[model._meta.pk.attname] = row["pk"] if named else row[model._meta.pk.attname]
            pairs.append((getattr(bare, field.to_field_name or "pk"), str(bare)))
    except AttributeError:  # __str__ follows a relation: a bare row has no state to load it with
        yield from choices
        return
    if field.empty_label is not None:
        yield ("", field.empty_label)
    yield from pairs


def compact_selects(form) -> None:
    """The browser's filter forms: every single-choice select of model rows becomes a ``CompactSelect``."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(field, forms.ModelChoiceField) and type(widget) is forms.Select:
            field.widget = CompactSelect(attrs=widget.attrs)
            field.widget.choices = widget.choices


class SearchFilterSet(django_filters.FilterSet):
    """Adds ``q``: a case-insensitive search over the fields named in ``search_fields``.

    The filters django-filter makes from ``Meta.fields`` get their labels once — and their form fields are
    cached on the class's filters, so whoever builds one first (the schema generator, before the label is
    known) fixes it for everyone: pages then showed the field's English name. Each instance names them
    again from the model field's verbose name, in the language of the request, and builds the field anew.
    Yes/no filters offer "any", "yes" and "no"."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        declared = set(self.declared_filters)
        model = self._meta.model
        for name, filter_ in self.filters.items():
            if isinstance(filter_, django_filters.BooleanFilter):
                filter_.extra["widget"] = YesNoSelect
                filter_.field_class = YesNoField
                filter_.__dict__.pop("_field", None)
            if name in declared or model is None:
                continue
            field = _model_field(model, filter_.field_name)
            if field is not None and getattr(field, "verbose_name", None):
                filter_.label = capfirst(field.verbose_name)
                # A form field built earlier (e.g. by the schema generator, on the class's own filter,
                # before it had a label) is copied with the filter: build it again with this label.
                filter_.__dict__.pop("_field", None)

    def search(self, queryset, name, value):
        """Rows where any of ``search_fields`` contains the text (without case). Each field is searched
        on its own and the matching ids are united: an ``OR`` across a join (an opportunity's title or
        its organisation's name) keeps PostgreSQL from using the fields' trigram indexes (see
        opportunities/migrations/0009_search_trigrams.py) and made it read the whole table."""
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        base = queryset.model._base_manager
        matches = [
            base.filter(**{f"{field}__icontains": value}).order_by().values("pk")
            for field in self.search_fields
        ]
        return queryset.filter(pk__in=matches[0].union(*matches[1:]) if len(matches) > 1 else matches[0])


class OrganizationFilterSet(SearchFilterSet):
    search_fields = ("name", "description", "contact_name")

    class Meta:
        model = Organization
        fields = ["q", "world", "kind", "partner_status", "relationship_owner"]


class EngagementFilterSet(SearchFilterSet):
    search_fields = ("name", "change_object", "description")
    partner = django_filters.ModelChoiceFilter(
        field_name="partner_organizations",
        queryset=_partners_ofvisible_engagements,
        label=_("Partner organisation"),
    )
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Active on date"))

    class Meta:
        model = Engagement
        fields = ["q", "status", "change_object_kind", "partner", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(start_date__lte=value).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=value)
        )


class EngagementMembershipFilterSet(django_filters.FilterSet):
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))
    user = django_filters.ModelChoiceFilter(queryset=User.objects.ministry_side(), label=_("Person"))
    current = django_filters.BooleanFilter(method="filter_current", label=_("Current only"))

    class Meta:
        model = EngagementMembership
        fields = ["engagement", "user", "role", "world", "current"]

    def filter_current(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(valid_from__lte=today) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        return queryset.filter(current) if value else queryset.exclude(current)


class TeamFilterSet(SearchFilterSet):
    search_fields = ("name", "content_area", "description")
    engagement = django_filters.ModelChoiceFilter(queryset=visible_engagements, label=_("Engagement"))

    class Meta:
        model = Team
        fields = ["q", "engagement", "kind"]


class TeamMemberFilterSet(SearchFilterSet):
    search_fields = ("full_name", "title", "user__first_name", "user__last_name")
    team = django_filters.ModelChoiceFilter(
        queryset=lambda request: Team.objects.visible_to(request.user) if request else Team.objects.none(),
        label=_("Team"),
    )

    class Meta:
        model = TeamMember
        fields = ["q", "team", "world"]
