"""Browser pages of the core: engagements, the organisation directory, partners' API keys."""

import sys

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from . import services
from .api.errors import json_error
from .concurrency import StaleVersion, check_version
from .filtersets import EngagementFilterSet, OrganizationFilterSet, compact_selects
from .forms import (
    EngagementForm,
    MembershipForm,
    OrganizationForm,
    PartnerKeyForm,
    mark_invalid_widgets,
    style_widgets,
)
from .models import Engagement, Notification, Organization, PartnerKey, Role
from .registry import ENGAGEMENT_SECTIONS
from .selectors import engagement_page, engagements_for_list, organizations_for_directory

PAGE_SIZE = 25
COUNT_BOUND = 1000  # a list counts its rows up to here, never the whole table ("more than 1,000")
BOARD_CARDS = 10  # the cards a board column shows; the rest of a column is a list of its own


def save_or_form_errors(form, save):
    """Run a service; a rule it refuses becomes an error on the form (the page answers 400).

    A form that edits a versioned record carries the version it was opened with: if someone saved the
    record in between, nothing is written — the form comes back with the person's input kept, what
    the other person changed (``form.conflict``), and the newer version, so saving again is a choice.
    """
    try:
        with transaction.atomic():
            _check_opened_version(form)
            return save()
    except StaleVersion as stale:
        form.conflict = stale.changes()
        form.add_error(
            None,
            _(
                "Someone else saved this record while you were editing it. Your changes are kept below "
                "and are not saved yet: check what changed, then save again."
            ),
        )
        form.reopen_at(stale)
        return None
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, field_messages in errors.items():
            form.add_error(field if field in form.fields else None, field_messages)
        return None


def _check_opened_version(form) -> None:
    instance, opened = getattr(form, "instance", None), getattr(form, "opened_version", None)
    if opened is None or instance is None or not instance.pk:
        return
    check_version(instance, opened)


MINISTRY_SIDE = frozenset({Role.TEAM, Role.MANAGER, Role.ADMIN})
PARTNERS = frozenset({Role.PARTNER})


class RoleRequiredMixin(LoginRequiredMixin):
    """Pages of one side: outside its ``area_roles`` a page does not exist for you (404); inside it,
    roles not in ``allowed_roles`` get a 403 page. Administrators act on the ministry side."""

    area_roles = MINISTRY_SIDE
    allowed_roles = frozenset({Role.TEAM, Role.MANAGER})

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            role = Role.ADMIN if user.is_superuser else user.role
            if role not in self.area_roles:
                raise Http404
            if role not in self.allowed_roles and role != Role.ADMIN:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.role == Role.PARTNER:
        return redirect("partner-home")
    return redirect("engagement-list")


def apply_filters(request, filterset_class, queryset):
    """Bind a FilterSet to the URL and style its form; an invalid value empties the rows (answer 400)."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    compact_selects(filterset.form)
    style_widgets(filterset.form)
    valid = filterset.is_valid() if filterset.is_bound else True
    mark_invalid_widgets(filterset.form)
    return filterset, (filterset.qs if valid else queryset.none()), valid


def page_number(value) -> int:
    """``?page=``: a positive number; anything else is the first page."""
    value = str(value or "")
    return max(1, min(int(value), 10**6)) if value.isascii() and value.isdigit() else 1


def bounded_count(rows, bound: int = COUNT_BOUND) -> int:
    """How many rows there are, counted up to ``bound + 1``: the database reads at most that many."""
    return rows.order_by()[: bound + 1].count()


class BoundedPaginator:
    """Page numbers that never count the whole table.

    A page reads its rows and one more (is there a next page?). The total is counted only when the
    first page is full, and only up to ``bound`` rows: past it the caption reads "more than 1,000" and
    the last page's number is not shown. A deep page costs its offset, never the table's size.
    """

    def __init__(self, rows, per_page: int = PAGE_SIZE, bound: int = COUNT_BOUND):
        self.rows, self.per_page, self.bound = rows, per_page, bound
        self.count = self.capped = self.num_pages = None

    def get_page(self, number) -> "BoundedPage":
        number = page_number(number)
        offset = (number - 1) * self.per_page
        items = list(self.rows[offset : offset + self.per_page + 1])
        has_next = len(items) > self.per_page
        if number == 1 and not has_next:
            self.count = len(items)
        else:
            self.count = bounded_count(self.rows, self.bound)
        self.capped = self.count > self.bound
        self.count = min(self.count, self.bound)
        if not self.capped:
            self.num_pages = max(1, -(-self.count // self.per_page))
            if number > self.num_pages:  # past the end: the last page, as Django's paginator does
                return self.get_page(self.num_pages)
        return BoundedPage(self, number, items[: self.per_page], has_next)


class BoundedPage:
    def __init__(self, paginator, number, object_list, has_next):
        self.paginator, self.number, self.object_list = paginator, number, object_list
        self._has_next = has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def query_without(request, *names) -> str:
    """The URL's query string without ``names`` (to add them again in a link)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


class BoardColumn:
    """One column of a board: its first cards, and how many there are (counted up to ``COUNT_BOUND``)."""

    def __init__(self, value, label, rows, *, cards: int = BOARD_CARDS, page: int = 1):
        self.value, self.label = value, label
        self.page = BoundedPaginator(rows, cards).get_page(page)
        self.items = self.page.object_list
        self.count, self.capped = self.page.paginator.count, self.page.paginator.capped

    @property
    def more(self) -> bool:
        return self.page.has_next()


def board_columns(request, filterset, rows, field: str, choices, *, valid: bool) -> dict:
    """The columns of a board, each its first ``BOARD_CARDS`` cards (one query on an index each, and a
    bounded count when the column is full); with the column's filter set (``?<field>=<value>``), that
    column alone, page by page (``page_obj``). Never the whole table on one page."""
    chosen = filterset.form.cleaned_data.get(field) if valid and filterset.is_bound else None
    links = {"column_field": field, "column_query": query_without(request, field, "page")}
    if chosen:
        label = dict(choices).get(chosen, chosen)
        column = BoardColumn(chosen, label, rows, page=page_number(request.GET.get("page")))
        return {
            "columns": [column],
            "one_column": column,
            "page_obj": column.page,
            "query": query_without(request, "page"),
            **links,
        }
    columns = [BoardColumn(value, label, rows.filter(**{field: value})) for value, label in choices]
    return {"columns": columns, **links}


class FilteredListView(RoleRequiredMixin, View):
    """A list page with a FilterSet in the URL and page numbers; bad filters are a 400 with the reason.

    Subclasses set ``filterset_class`` and ``template_name`` and define ``get_queryset`` (the visible
    rows, in an order an index serves). Pages are bounded (``BoundedPaginator``): a page reads its own
    rows, and the list is counted up to ``COUNT_BOUND`` rows, never the whole table. ``annotate_page``
    adds what the page shows about its rows (counts of related rows) to those rows only.
    """

    filterset_class = None
    template_name = ""

    def get(self, request):
        filterset, rows, valid = apply_filters(request, self.filterset_class, self.get_queryset())
        page = BoundedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        self.annotate_page(page.object_list)
        context = {
            "filter": filterset,
            "page_obj": page,
            "query": query_without(request, "page"),
            **self.extra_context(),
        }
        return render(request, self.template_name, context, status=200 if valid else 400)

    def annotate_page(self, rows) -> None:
        pass

    def extra_context(self):
        return {}


# ------------------------------------------------------------------------------------------------
# Engagements
# ------------------------------------------------------------------------------------------------
class EngagementListView(FilteredListView):
    filterset_class = EngagementFilterSet
    template_name = "core/engagement_list.html"

    def get_queryset(self):
        return engagements_for_list(Engagement.objects.visible_to(self.request.user))

    def extra_context(self):
        user = self.request.user
        return {"can_create": user.is_admin or user.role == Role.TEAM}


class EngagementDetailView(RoleRequiredMixin, View):
    def get(self, request, pk):
        engagement = get_object_or_404(
            Engagement.objects.visible_to(request.user).select_related("change_object_organization"), pk=pk
        )
        can_edit = Engagement.objects.editable_by(request.user).filter(pk=pk).exists()
        context = {
            "engagement": engagement,
            "can_edit": can_edit,
            "sections": [section(request, engagement, can_edit) for section in ENGAGEMENT_SECTIONS.values()],
            **engagement_page(engagement),
        }
        return render(request, "core/engagement_detail.html", context)


def editable_engagement_or_404(request, pk) -> Engagement:
    engagement = get_object_or_404(Engagement.objects.visible_to(request.user), pk=pk)
    if not Engagement.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    return engagement


class EngagementCreateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.TEAM})

    def get(self, request):
        return render(request, "core/engagement_form.html", {"form": EngagementForm()})

    def post(self, request):
        form = EngagementForm(request.POST)
        engagement = form.is_valid() and save_or_form_errors(
            form, lambda: services.engagement_create(actor=request.user, **form.cleaned_data)
        )
        if not engagement:
            return render(request, "core/engagement_form.html", {"form": form}, status=400)
        messages.success(request, _("The engagement was created."))
        return redirect("engagement-detail", pk=engagement.pk)


class EngagementUpdateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.TEAM})

    def get(self, request, pk):
        engagement = editable_engagement_or_404(request, pk)
        form = EngagementForm(instance=engagement)
        return render(request, "core/engagement_form.html", {"form": form, "engagement": engagement})

    def post(self, request, pk):
        engagement = editable_engagement_or_404(request, pk)
        form = EngagementForm(request.POST, instance=engagement)
        saved = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.engagement_update(
                engagement=engagement, actor=request.user, data=form.cleaned_data
            ),
        )
        if not saved:
            context = {"form": form, "engagement": engagement}
            return render(request, "core/engagement_form.html", context, status=400)
        messages.success(request, _("The engagement was saved."))
        return redirect("engagement-detail", pk=engagement.pk)


class MembershipFormView(RoleRequiredMixin, View):
    """Add a person to the engagement's team, or change/end an existing membership."""

    allowed_roles = frozenset({Role.TEAM})

    def _load(self, request, engagement_pk, pk):
        engagement = editable_engagement_or_404(request, engagement_pk)
        membership = get_object_or_404(engagement.memberships, pk=pk) if pk else None
        return engagement, membership

    def get(self, request, engagement_pk, pk=None):
        engagement, membership = self._load(request, engagement_pk, pk)
        form = MembershipForm(instance=membership, engagement=engagement)
        return render(request, "core/membership_form.html", {"form": form, "engagement": engagement})

    def post(self, request, engagement_pk, pk=None):
        engagement, membership = self._load(request, engagement_pk, pk)
        form = MembershipForm(request.POST, instance=membership, engagement=engagement)

        def save():
            data = dict(form.cleaned_data)
            if membership is None:
                return services.membership_create(engagement=engagement, actor=request.user, **data)
            data.pop("user", None)
            return services.membership_update(membership=membership, actor=request.user, data=data)

        if not (form.is_valid() and save_or_form_errors(form, save)):
            context = {"form": form, "engagement": engagement}
            return render(request, "core/membership_form.html", context, status=400)
        messages.success(request, _("The team was updated."))
        return redirect(reverse("engagement-detail", args=[engagement.pk]) + "#team")


# ------------------------------------------------------------------------------------------------
# Organisation directory
# ------------------------------------------------------------------------------------------------
class OrganizationListView(FilteredListView):
    filterset_class = OrganizationFilterSet
    template_name = "core/organization_list.html"

    def get_queryset(self):
        return organizations_for_directory(Organization.objects.visible_to(self.request.user))

    def extra_context(self):
        user = self.request.user
        return {"can_create": user.is_admin or user.role == Role.TEAM}


class OrganizationDetailView(RoleRequiredMixin, View):
    def get(self, request, pk):
        organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
        engagements = (
            Engagement.objects.visible_to(request.user).filter(partner_organizations=organization).distinct()
        )
        context = {
            "organization": organization,
            "engagements": engagements,
            "can_edit": Organization.objects.editable_by(request.user).filter(pk=pk).exists(),
        }
        return render(request, "core/organization_detail.html", context)


class OrganizationFormView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.TEAM})

    def _load(self, request, pk):
        return get_object_or_404(Organization.objects.visible_to(request.user), pk=pk) if pk else None

    def get(self, request, pk=None):
        organization = self._load(request, pk)
        form = OrganizationForm(instance=organization)
        return render(request, "core/organization_form.html", {"form": form, "organization": organization})

    def post(self, request, pk=None):
        organization = self._load(request, pk)
        form = OrganizationForm(request.POST, instance=organization)

        def save():
            if organization is None:
                return services.organization_create(actor=request.user, **form.cleaned_data)
            return services.organization_update(
                organization=organization, actor=request.user, data=form.cleaned_data
            )

        saved = form.is_valid() and save_or_form_errors(form, save)
        if not saved:
            context = {"form": form, "organization": organization}
            return render(request, "core/organization_form.html", context, status=400)
        messages.success(request, _("The organisation was saved."))
        return redirect("organization-detail", pk=saved.pk)


# ------------------------------------------------------------------------------------------------
# Partners: their organisation and API keys
# ------------------------------------------------------------------------------------------------
def _partner_home(request, form=None, status=200):
    user = request.user
    context = {
        "organization": user.organization,
        "keys": user.api_keys.order_by("-created"),
        "form": form or PartnerKeyForm(),
    }
    return render(request, "core/partner_home.html", context, status=status)


class PartnerHomeView(RoleRequiredMixin, View):
    area_roles = allowed_roles = PARTNERS

    def get(self, request):
        return _partner_home(request)


class PartnerKeyIssueView(RoleRequiredMixin, View):
    """Issue a key and show it once; the page is never cached and the key is not stored in clear."""

    area_roles = allowed_roles = PARTNERS

    @method_decorator(never_cache)
    def post(self, request):
        form = PartnerKeyForm(request.POST)
        if not form.is_valid():
            return _partner_home(request, form=form, status=400)
        key, raw_key = services.partner_key_issue(user=request.user, name=form.cleaned_data["name"])
        return render(request, "core/partner_key_created.html", {"key": key, "raw_key": raw_key})


class PartnerKeyRevokeView(RoleRequiredMixin, View):
    area_roles = allowed_roles = PARTNERS

    def post(self, request, prefix):
        key = get_object_or_404(PartnerKey.objects.filter(user=request.user, revoked=False), prefix=prefix)
        services.partner_key_revoke(key=key)
        messages.success(
            request, _("The key “%(name)s” was revoked; it no longer works.") % {"name": key.name}
        )
        return redirect("partner-home")


# ------------------------------------------------------------------------------------------------
# Error pages: HTML for people, the API's error shape under /api/
# ------------------------------------------------------------------------------------------------
ERROR_MESSAGES = {
    400: ("bad_request", gettext_lazy("The request could not be understood.")),
    403: ("permission_denied", gettext_lazy("You do not have permission to open this page.")),
    404: ("not_found", gettext_lazy("The page you asked for does not exist, or you may not see it.")),
    500: ("server_error", gettext_lazy("Something went wrong on our side. The team has been told.")),
    503: (
        "service_unavailable",
        gettext_lazy("The service is briefly unavailable. Nothing was saved; please try again in a moment."),
    ),
}
RETRY_AFTER_SECONDS = 5


def _error(request, status_code):
    code, message = ERROR_MESSAGES[status_code]
    if request.path.startswith("/api/"):
        response = json_error(request, status_code=status_code, code=code, message=str(message))
    elif status_code == 503:
        # Without the database the page must not need it: no context processors (the menu reads the
        # signed-in user and their notifications).
        context = {"status": status_code, "message": message, "again": request.get_full_path()}
        response = HttpResponse(render_to_string("unavailable.html", context), status=status_code)
    else:
        response = render(
            request, "error.html", {"status": status_code, "message": message}, status=status_code
        )
    if status_code == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


def server_error(request):
    """A 500, or a 503 when the database was unreachable (a restart, a failover): the request did not
    happen, and the client may send it again — with the same Idempotency-Key, it is done once."""
    return _error(request, 503 if isinstance(sys.exception(), DatabaseError) else 500)


# ------------------------------------------------------------------------------------------------
# Notifications
# ------------------------------------------------------------------------------------------------
class NotificationListView(RoleRequiredMixin, View):
    def get(self, request):
        notifications = Notification.objects.visible_to(request.user).filter(dismissed_at__isnull=True)[:100]
        return render(request, "core/notifications.html", {"notifications": notifications})


class NotificationMarkView(RoleRequiredMixin, View):
    def post(self, request, pk, verb):
        notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
        services.notification_mark(
            notification=notification, read=verb == "read", dismissed=verb == "dismiss"
        )
        if verb == "read" and notification.link:
            return redirect(notification.link)
        return redirect("notification-list")
