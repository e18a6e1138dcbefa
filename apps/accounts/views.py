"""Sign-in, sign-out, passwords and the second factor (docs/security.md).

Signing in takes one or two steps. The password step (PortalLoginView) is
guarded by django-axes (lockout per account and per address). People whose
role requires a second factor, and people who turned one on, then enter a code
(TwoFactorVerifyView) or, the first time an adviser signs in, set up an
authenticator app (TwoFactorSetupView). Until then the session is
"half signed in": it reaches only these pages, sign-out and public pages
(accounts.permissions.SecondFactorRequiredMixin; the admin: admin_site.py).
"""

import logging
from base64 import b32encode
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .admin_site import landing_url
from .forms import (
    AuthenticatorCodeForm,
    DisableTwoFactorForm,
    EmailAuthenticationForm,
    EmailPreferencesForm,
    PortalPasswordResetForm,
    RecoveryCodeForm,
)
from .permissions import (
    SecondFactorRequiredMixin,
    is_secretariat_staff,
    is_verified,
    safe_next,
    second_factor_missing,
    second_factor_required,
    second_factor_url,
)
from .qr import qr_code_svg
from .security import security_event
from .selectors import authenticator_get, has_second_factor, recovery_codes_left

# The recovery codes made a moment ago, kept in the session until the page that
# shows them (once) has been rendered.
NEW_RECOVERY_CODES = "portal_new_recovery_codes"
# The key of the authenticator app being set up, until a code from it confirms it.
PENDING_AUTHENTICATOR_KEY = "portal_pending_authenticator_key"


def duration_text(seconds: int) -> str:
    """A duration of whole hours or minutes as people read it: "1 hour", "15 minutes"."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(round(seconds / 60), 1)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


# --- Password step, sign-out and the lockout page ----------------------------------


class PortalLoginView(auth_views.LoginView):
    """The password step. A person who needs a second factor goes on to it,
    keeping `next`; a half-signed-in person who comes back here too."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a `next`: advisers land in the admin index, staff in /workspace/."""
        return landing_url(self.request)

    def dispatch(self, request, *args, **kwargs):
        if second_factor_missing(request.user):
            return redirect(second_factor_url(request.user, self.get_redirect_url()))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)
        if second_factor_required(user) or has_second_factor(user):
            return redirect(second_factor_url(user, self.get_redirect_url()))
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        # A wrong password or unknown address is logged by the signal Django
        # sends (apps.accounts.signals); a form that never reached the check
        # (malformed address, empty password) is logged here.
        if form.has_error("username") or form.has_error("password"):
            security_event(
                "sign_in_failed",
                request=self.request,
                email=self.request.POST.get("username", ""),
                reason="invalid_form",
                level=logging.WARNING,
            )
        return super().form_invalid(form)


class PortalLogoutView(auth_views.LogoutView):
    pass


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE):
    the portal's layout, how long to wait and whom to ask; 429 Too Many Requests.
    It reads the same whether or not the address has an account."""
    cool_off = get_cool_off(request)
    context = {
        "wait": duration_text(int(cool_off.total_seconds())) if cool_off else "",
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
    }
    return render(request, "accounts/locked_out.html", context, status=429)


# --- Password change and reset ----------------------------------------------------


class PortalPasswordChangeView(SecondFactorRequiredMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PortalPasswordChangeDoneView(SecondFactorRequiredMixin, auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetTimeoutMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["valid_for"] = duration_text(settings.PASSWORD_RESET_TIMEOUT)
        return context


class PortalPasswordResetView(PasswordResetTimeoutMixin, auth_views.PasswordResetView):
    """Ask for a reset link. The next page says the same whether or not the
    address has an account; the mail goes only to an active account's address."""

    template_name = "accounts/password_reset_form.html"
    form_class = PortalPasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "valid_for": duration_text(settings.PASSWORD_RESET_TIMEOUT),
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
        }
        security_event(
            "password_reset_requested", request=self.request, email=form.cleaned_data["email"]
        )
        return super().form_valid(form)


class PortalPasswordResetDoneView(PasswordResetTimeoutMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link in the mail (checked by the password
    validators). Does not sign in: the second factor, if any, is still asked."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        email = self.user.email.lower()
        # Whoever holds the mailbox may try again now: the failures counted
        # against this account (not those against an address) are dropped.
        AxesProxyHandler.reset_attempts(username=email)
        security_event("password_reset_completed", request=self.request, email=email)
        return response


class PortalPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- Second factor ----------------------------------------------------------------


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class NextMixin:
    """`next` from the query string or the form, only if it points into the portal."""

    def next_url(self) -> str:
        return safe_next(
            self.request, self.request.POST.get("next") or self.request.GET.get("next")
        )

    def next_or(self, default: str) -> str:
        return self.next_url() or default

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url()
        return context


class TwoFactorOverviewView(SecondFactorRequiredMixin, TemplateView):
    """Whether two-step sign-in is on, and what the person can do about it."""

    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        authenticator = authenticator_get(user)
        context.update(
            authenticator=authenticator,
            required=second_factor_required(user),
            codes_left=recovery_codes_left(user) if authenticator else 0,
        )
        return context


class TwoFactorSetupView(NextMixin, LoginRequiredMixin, FormView):
    """Set up an authenticator app: the QR code and the key in text, then a code
    from the app. Open to any signed-in person without a second factor (an
    adviser does this at their first sign-in) and to a verified person moving
    to a new phone; someone who has one but has not entered it goes to that step."""

    template_name = "accounts/two_factor_setup.html"
    form_class = AuthenticatorCodeForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and has_second_factor(user) and not is_verified(user):
            return redirect(second_factor_url(user, self.next_url()))
        return super().dispatch(request, *args, **kwargs)

    def pending_key(self) -> str:
        """The key being set up: the same one until a code confirms it, so the QR
        code does not change when the page is reloaded or a code is mistyped."""
        key = self.request.session.get(PENDING_AUTHENTICATOR_KEY)
        if key is None:
            key = self.request.session[PENDING_AUTHENTICATOR_KEY] = services.authenticator_key_new()
        return key

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = TOTPDevice(user=user, key=self.pending_key())  # not stored until confirmed
        key = b32encode(device.bin_key).decode()
        context.update(
            qr_code=qr_code_svg(
                device.config_url, label=_("QR code to add the portal to an authenticator app")
            ),
            key_groups=[key[i : i + 4] for i in range(0, len(key), 4)],
            required=second_factor_required(user),
            replacing=has_second_factor(user),
        )
        return context

    def form_valid(self, form):
        user = self.request.user
        try:
            device, codes = services.two_factor_enable(
                user=user, key=self.pending_key(), token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
            security_event(
                "two_factor_setup_failed",
                request=self.request,
                email=user.email,
                level=logging.WARNING,
            )
            return self.form_invalid(form)
        self.request.session.pop(PENDING_AUTHENTICATOR_KEY, None)
        self.request.session.cycle_key()
        otp_login(self.request, device)
        self.request.session[NEW_RECOVERY_CODES] = codes
        security_event("two_factor_enabled", request=self.request, email=user.email)
        return redirect(_with_next(reverse("accounts:two_factor_recovery_codes"), self.next_url()))


class TwoFactorVerifyView(NextMixin, LoginRequiredMixin, FormView):
    """The second step of signing in: a code from the authenticator app. Then on to
    `next`, or where the person lands (`admin_site.landing_url`: advisers in the
    admin index, staff in /workspace/)."""

    template_name = "accounts/two_factor_verify.html"
    form_class = AuthenticatorCodeForm
    recovery_code = False

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if not second_factor_missing(user):
                return redirect(self.next_or(landing_url(self.request)))
            if not has_second_factor(user):
                return redirect(second_factor_url(user, self.next_url()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recovery_code"] = self.recovery_code
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
        return context

    def form_valid(self, form):
        user = self.request.user
        method = "recovery_code" if self.recovery_code else "authenticator"
        try:
            device = services.second_factor_verify(
                user=user, token=form.cleaned_data["code"], recovery_code=self.recovery_code
            )
        except ValidationError as error:
            form.add_error("code", error)
            security_event(
                "two_factor_failed",
                request=self.request,
                email=user.email,
                method=method,
                level=logging.WARNING,
            )
            return self.form_invalid(form)
        self.request.session.cycle_key()
        otp_login(self.request, device)
        security_event("two_factor_verified", request=self.request, email=user.email, method=method)
        if self.recovery_code:
            left = recovery_codes_left(user)
            messages.warning(
                self.request,
                ngettext(
                    "You used a recovery code. %(count)d is left: make new ones "
                    "under Two-step sign-in.",
                    "You used a recovery code. %(count)d are left: make new ones "
                    "under Two-step sign-in if you are running low.",
                    left,
                )
                % {"count": left},
            )
        return redirect(self.next_or(landing_url(self.request)))


class RecoveryCodeVerifyView(TwoFactorVerifyView):
    """The second step with a recovery code, for a person without their phone."""

    form_class = RecoveryCodeForm
    recovery_code = True


class RecoveryCodesView(NextMixin, SecondFactorRequiredMixin, TemplateView):
    """Recovery codes: the new ones, once, right after they are made; otherwise
    how many are left, and a button to make new ones (the old ones stop working)."""

    template_name = "accounts/two_factor_recovery_codes.html"

    def get(self, request, *args, **kwargs):
        if authenticator_get(request.user) is None:
            return redirect("accounts:two_factor")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = self.request.session.pop(NEW_RECOVERY_CODES, None)
        context.update(
            new_codes=[f"{code[:4]} {code[4:]}" for code in codes or []],
            codes_left=recovery_codes_left(self.request.user),
            # "Continue" after the first sign-in's set-up: where the person lands.
            next=context["next"] or landing_url(self.request),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            codes = services.recovery_codes_regenerate(user=request.user)
        except ValidationError:
            return redirect("accounts:two_factor")
        request.session[NEW_RECOVERY_CODES] = codes
        security_event("recovery_codes_regenerated", request=request, email=request.user.email)
        return redirect(_with_next(reverse("accounts:two_factor_recovery_codes"), self.next_url()))


class TwoFactorDisableView(SecondFactorRequiredMixin, UserPassesTestMixin, FormView):
    """Turn two-step sign-in off, with a current code. Only for people whose role
    does not require it (Secretariat staff); advisers get 403."""

    template_name = "accounts/two_factor_disable.html"
    form_class = DisableTwoFactorForm

    def test_func(self) -> bool:
        return not second_factor_required(self.request.user)

    def get(self, request, *args, **kwargs):
        if not has_second_factor(request.user):
            return redirect("accounts:two_factor")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        try:
            services.two_factor_disable(user=user, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            security_event(
                "two_factor_failed",
                request=self.request,
                email=user.email,
                method="turn_off",
                level=logging.WARNING,
            )
            return self.form_invalid(form)
        security_event("two_factor_disabled", request=self.request, email=user.email)
        messages.success(
            self.request, _("Two-step sign-in is off. You sign in with your password only.")
        )
        return redirect("accounts:two_factor")


# --- Email preferences ---------------------------------------------------------------


class EmailPreferencesView(SecondFactorRequiredMixin, FormView):
    """Whether the signed-in person gets the reporting cycle's emails: reminders for
    Secretariat staff, the weekly review digest for programme advisers. Changes only
    the person's own flag."""

    template_name = "accounts/emails.html"
    form_class = EmailPreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            is_staff_member=is_secretariat_staff(user),
            is_adviser=user.is_programme_adviser,
            days_before=settings.PORTAL_REMINDER_DAYS_BEFORE,
            days_after=settings.PORTAL_REMINDER_DAYS_AFTER,
        )
        return context

    def form_valid(self, form):
        user = form.save(commit=False)
        # One column, whatever else the session's copy of the user holds.
        user.save(update_fields=["gets_reporting_emails"])
        if user.gets_reporting_emails:
            messages.success(self.request, _("Saved: you get reporting emails."))
        else:
            messages.success(self.request, _("Saved: you no longer get reporting emails."))
        return redirect("accounts:emails")
