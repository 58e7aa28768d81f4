"""Sign-in pages: the sign-in page (the ministry's account and a password), sign-out (the provider's too),
and a person's own security page (the second factor, where they are signed in, sign out elsewhere)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import LoginForm, SecondFactorForm
from .mfa import (
    clean_code,
    has_second_factor,
    qr_svg,
    recovery_codes_generate,
    recovery_codes_left,
    second_factor_required,
    second_factor_reset,
    second_factor_verified,
    second_factor_verify,
    secret_groups,
    totp_confirm,
    totp_start,
)
from .models import UserSession
from .signin import address_blocked, address_blocked_response, sign_out_everywhere
from .sso import provider_logout_url, sso_enabled

SETUP_DEVICE = "second_factor_setup_device"


class LoginView(auth_views.LoginView):
    """Ministry staff sign in with the ministry's account (when single sign-on is set up) or a password
    (partners always; staff unless ``STAFF_PASSWORD_SIGN_IN`` is off)."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if address_blocked(request):
            return address_blocked_response(request)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = context.get("next") or ""
        context["sso_enabled"] = sso_enabled()
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        context["sso_url"] = reverse("oidc_authentication_init") + query
        context["staff_password_sign_in"] = settings.STAFF_PASSWORD_SIGN_IN
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(View):
    """Signs out (POST); a person who came through the ministry's account is also signed out there."""

    http_method_names = ["post"]

    def post(self, request):
        provider = provider_logout_url(request)
        logout(request)
        if not provider:
            return redirect(settings.LOGOUT_REDIRECT_URL)
        # A page that moves on by itself (and a link): a redirect answering a form may not leave the
        # site under the Content-Security-Policy (form-action 'self').
        return render(request, "registration/signed_out.html", {"provider_logout_url": provider})


class SecurityView(LoginRequiredMixin, View):
    """The person's own security page: their second factor and the places where they are signed in."""

    def get(self, request):
        user = request.user
        sessions = list(UserSession.objects.filter(user=user).order_by("-signed_in_at"))
        context = {
            "has_second_factor": has_second_factor(user),
            "second_factor_required": second_factor_required(user),
            "recovery_codes_left": recovery_codes_left(user),
            "sessions": sessions,
            "current_session": request.session.session_key,
            "sso_account": bool(user.oidc_subject),
        }
        return render(request, "registration/security.html", context)

    def post(self, request):
        ended = sign_out_everywhere(request.user, keep=request.session.session_key)
        messages.success(
            request,
            ngettext(
                "You were signed out of %(count)d other session.",
                "You were signed out of %(count)d other sessions.",
                ended,
            )
            % {"count": ended},
        )
        return redirect("account-security")


# ------------------------------------------------------------------------------------------------
# The second factor
# ------------------------------------------------------------------------------------------------
def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


class SecondFactorView(LoginRequiredMixin, View):
    """Enter a code from the authenticator app (or a recovery code) to finish signing in."""

    def get(self, request):
        if not has_second_factor(request.user):
            return redirect("second-factor-setup")
        return self._page(request, SecondFactorForm())

    def post(self, request):
        if not has_second_factor(request.user):
            return redirect("second-factor-setup")
        if address_blocked(request):
            return address_blocked_response(request)
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            accepted, refused = second_factor_verify(request, form.cleaned_data["code"])
            if refused is not None:
                return refused
            if accepted:
                return redirect(_next(request))
            form.add_error("code", _("This code is not right, or it has expired. Try the newest code."))
        return self._page(request, form, status=400)

    def _page(self, request, form, status=200):
        context = {"form": form, "next": _next(request)}
        return render(request, "registration/second_factor.html", context, status=status)


class SecondFactorSetupView(LoginRequiredMixin, View):
    """Set up (or replace) the authenticator app: scan the code, then confirm with a code from the app."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and has_second_factor(user) and not user.is_verified():
            return redirect("second-factor")  # replacing it needs the current one first
        return super().dispatch(request, *args, **kwargs)

    def _pending(self, request):
        return TOTPDevice.objects.filter(
            user=request.user, confirmed=False, pk=request.session.get(SETUP_DEVICE)
        ).first()

    def get(self, request):
        # A reload shows the same key (the person may have scanned it already); a new visit, a new one.
        device = self._pending(request) or totp_start(request.user)
        request.session[SETUP_DEVICE] = device.pk
        return self._page(request, device, SecondFactorForm())

    def post(self, request):
        device = self._pending(request)
        if device is None:
            return redirect("second-factor-setup")
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            codes = totp_confirm(request.user, device, clean_code(form.cleaned_data["code"]))
            if codes is not None:
                request.session.pop(SETUP_DEVICE, None)
                second_factor_verified(request, device)
                return render(
                    request, "registration/recovery_codes.html", {"codes": codes, "next": _next(request)}
                )
            form.add_error("code", _("This code is not right, or it has expired. Try the newest code."))
        return self._page(request, device, form, status=400)

    def _page(self, request, device, form, status=200):
        context = {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": secret_groups(device),
            "next": _next(request),
            "replacing": has_second_factor(request.user),
            "required": second_factor_required(request.user),
        }
        return render(request, "registration/second_factor_setup.html", context, status=status)


class VerifiedRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and has_second_factor(request.user)
            and not request.user.is_verified()
        ):
            return redirect(f"{reverse('second-factor')}?next={request.get_full_path()}")
        return super().dispatch(request, *args, **kwargs)


class RecoveryCodesView(VerifiedRequiredMixin, View):
    """New recovery codes (the old ones stop working), shown once."""

    http_method_names = ["post"]

    def post(self, request):
        if not has_second_factor(request.user):
            return redirect("account-security")
        codes = recovery_codes_generate(request.user)
        return render(
            request, "registration/recovery_codes.html", {"codes": codes, "next": reverse("account-security")}
        )


class SecondFactorRemoveView(VerifiedRequiredMixin, View):
    """Remove one's own second factor — not for the roles that must have one."""

    http_method_names = ["post"]

    def post(self, request):
        if second_factor_required(request.user):
            messages.error(request, _("Your role must keep a second factor. You can replace it instead."))
        else:
            second_factor_reset(request.user)
            messages.success(request, _("Your second factor was removed."))
        return redirect("account-security")
