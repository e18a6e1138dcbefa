"""Who holds which role, asked by every app.

The two role checks below are the only place that decides "is this person
Secretariat staff" and "does this person see every unit"; apps never stand in
a model permission (such as `add_activity`) for a role.

Who must sign in with a second factor is decided here too:
`second_factor_required(user)` (the role asks for it) and
`second_factor_missing(user)` (signed in with the password, second step not
yet taken although the role or the person asks for it).
"""

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from .selectors import has_second_factor


def is_secretariat_staff(user) -> bool:
    """An active account holding the Secretariat staff role and working in a unit:
    it writes its unit's records in /workspace/."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.unit_id is not None
        and SECRETARIAT_STAFF in user.role_names
    )


def sees_every_unit(user) -> bool:
    """Programme advisers and superusers read every unit's records; staff only their own."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or PROGRAMME_ADVISERS in user.role_names)
    )


def second_factor_required(user) -> bool:
    """Programme advisers and everyone with back-office access (is_staff,
    superusers) must sign in with a second factor; Secretariat staff may."""
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or PROGRAMME_ADVISERS in user.role_names)
    )


def is_verified(user) -> bool:
    """Signed in with a second factor in this session (django-otp's middleware
    gives request.user `is_verified`; any other user object is not verified)."""
    check = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and callable(check) and check())


def second_factor_missing(user) -> bool:
    """Signed in with the password, but not yet with the second factor that the
    role requires or that the person turned on: such a session reaches only the
    second step, sign-out and public pages."""
    if not user.is_authenticated or is_verified(user):
        return False
    return second_factor_required(user) or has_second_factor(user)


def safe_next(request, url: str | None) -> str:
    """`url` if it points into the portal, else "" (no open redirect)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def second_factor_url(user, next_url: str = "") -> str:
    """The second step for a half-signed-in person: enter a code if they have a
    second factor, set one up if their role requires it and they have none."""
    name = "accounts:two_factor_verify" if has_second_factor(user) else "accounts:two_factor_setup"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SecondFactorRequiredMixin(LoginRequiredMixin):
    """Signed-in people who have taken the second step where they need one.

    Anonymous visitors are sent to the login page; a half-signed-in person
    (`second_factor_missing`) to the second step, coming back here after it.
    """

    def dispatch(self, request, *args, **kwargs):
        if second_factor_missing(request.user):
            return redirect(second_factor_url(request.user, request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)


class PortalRoleRequiredMixin(SecondFactorRequiredMixin, UserPassesTestMixin):
    """Signed-in users who hold a portal role (or superusers).

    Anonymous visitors are sent to the login page, half-signed-in people to the
    second step; a signed-in account with no role gets 403 rather than an
    empty page.
    """

    def test_func(self) -> bool:
        user = self.request.user
        return user.is_superuser or bool(user.role_names)


class SecretariatStaffRequiredMixin(SecondFactorRequiredMixin, UserPassesTestMixin):
    """Signed-in Secretariat staff with a unit: the people who write records.
    Anonymous visitors are sent to the login page; everyone else gets 403."""

    def test_func(self) -> bool:
        return is_secretariat_staff(self.request.user)
