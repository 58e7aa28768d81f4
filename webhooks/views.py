"""The partner's browser pages of webhooks: the endpoints, adding and editing one, the secret shown
once, a test event, the secret's rotation, deleting, enabling again, and the delivery log."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View

from api_human.core.views import PARTNERS, RoleRequiredMixin, save_or_form_errors

from . import services
from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint

DELIVERIES_PER_PAGE = 25


class PartnerPageMixin(RoleRequiredMixin):
    """Partners only: for everybody else these pages do not exist (404)."""

    area_roles = allowed_roles = PARTNERS

    def endpoints(self, request):
        return WebhookEndpoint.objects.visible_to(request.user)

    def endpoint(self, request, pk):
        return get_object_or_404(self.endpoints(request), pk=pk)


def _list_page(request, form=None, status=200):
    endpoints = list(WebhookEndpoint.objects.visible_to(request.user).order_by("id"))
    context = {
        "organization": request.user.organization,
        "endpoints": endpoints,
        "form": form or WebhookEndpointForm(),
        "can_add": len(endpoints) < settings.WEBHOOKS_MAX_ENDPOINTS,
        "max_endpoints": settings.WEBHOOKS_MAX_ENDPOINTS,
        "disable_after": settings.WEBHOOKS_DISABLE_AFTER,
        "timeout": f"{settings.WEBHOOKS_TIMEOUT_SECONDS:g}",
        "retry_hours": f"{settings.WEBHOOKS_RETRY_FOR / 3600:.3g}",
    }
    return render(request, "webhooks/endpoint_list.html", context, status=status)


def _secret_page(request, endpoint, secret, *, created: bool):
    """The secret, shown once: the page is never cached (``Cache-Control: no-store``)."""
    context = {"endpoint": endpoint, "secret": secret, "created": created}
    response = render(request, "webhooks/secret.html", context)
    add_never_cache_headers(response)
    return response


class EndpointListView(PartnerPageMixin, View):
    def get(self, request):
        return _list_page(request)

    def post(self, request):
        """Add an endpoint and show its secret, once."""
        form = WebhookEndpointForm(request.POST)
        created = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.endpoint_create(
                actor=request.user, url=form.cleaned_data["url"], events=form.cleaned_data["events"]
            ),
        )
        if not created:
            return _list_page(request, form=form, status=400)
        endpoint, secret = created
        return _secret_page(request, endpoint, secret, created=True)


class EndpointEditView(PartnerPageMixin, View):
    def get(self, request, pk):
        endpoint = self.endpoint(request, pk)
        form = WebhookEndpointForm(instance=endpoint)
        return render(request, "webhooks/endpoint_form.html", {"form": form, "endpoint": endpoint})

    def post(self, request, pk):
        endpoint = self.endpoint(request, pk)
        form = WebhookEndpointForm(request.POST, instance=endpoint)
        saved = form.is_valid() and save_or_form_errors(
            form,
            lambda: services.endpoint_update(
                endpoint=endpoint,
                actor=request.user,
                data={"url": form.cleaned_data["url"], "events": form.cleaned_data["events"]},
            ),
        )
        if not saved:
            context = {"form": form, "endpoint": endpoint}
            return render(request, "webhooks/endpoint_form.html", context, status=400)
        messages.success(request, _("The endpoint was saved."))
        return redirect("webhook-list")


class EndpointActionView(PartnerPageMixin, View):
    """The buttons of an endpoint: test, rotate-secret, enable, delete (all POST)."""

    def post(self, request, pk, verb):
        endpoint = self.endpoint(request, pk)
        if verb == "rotate-secret":
            endpoint, secret = services.endpoint_rotate_secret(endpoint=endpoint, actor=request.user)
            return _secret_page(request, endpoint, secret, created=False)
        if verb == "test":
            delivery = services.send_test(endpoint=endpoint)
            if delivery.status == WebhookDelivery.Status.SUCCEEDED:
                messages.success(
                    request,
                    _("The test event was delivered: your endpoint answered %(code)s.")
                    % {"code": delivery.last_status_code},
                )
            else:
                messages.error(
                    request,
                    _("The test event was not delivered: %(error)s") % {"error": delivery.last_error},
                )
            return redirect("webhook-deliveries", pk=endpoint.pk)
        if verb == "enable":
            services.endpoint_enable(endpoint=endpoint, actor=request.user)
            messages.success(request, _("The endpoint is active again; new events will be sent to it."))
            return redirect("webhook-list")
        services.endpoint_delete(endpoint=endpoint, actor=request.user)  # verb == "delete" (urls.py)
        messages.success(request, _("The endpoint %(url)s was deleted.") % {"url": endpoint.url})
        return redirect("webhook-list")


class DeliveryLogView(PartnerPageMixin, View):
    def get(self, request, pk):
        endpoint = self.endpoint(request, pk)
        paginator = Paginator(endpoint.deliveries.order_by("-id"), DELIVERIES_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        context = {"endpoint": endpoint, "page_obj": page, "deliveries": page.object_list}
        return render(request, "webhooks/delivery_log.html", context)
