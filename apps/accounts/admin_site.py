"""The admin as the portal's own site: a second factor is required, and the
sign-in is the portal's (docs/security.md).

`apps.accounts.admin_apps.PortalAdminConfig` makes `PortalAdminSite` Django's
default admin site, so `admin.site` and every `@admin.register` (django-axes'
and django-otp's too) use it.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .permissions import (
    is_secretariat_staff,
    is_verified,
    safe_next,
    second_factor_missing,
    second_factor_url,
    sees_every_unit,
)
from .roles import SECRETARIAT_STAFF


class PortalAdminSite(AdminSite):
    """Django's admin site, open only to active back-office accounts that signed
    in with a second factor in this session (django-otp's `is_verified()`).

    It has no sign-in form of its own: /admin/login/ sends anonymous visitors to
    the portal's sign-in (/accounts/login/, which counts failures and locks out)
    and half-signed-in advisers to the second step, keeping `next`. A POST of a
    password to /admin/login/ is never read.
    """

    def has_permission(self, request) -> bool:
        # Secretariat staff work in /workspace/: back-office access ticked on one of
        # their accounts by mistake opens nothing here (unless they advise too).
        user = request.user
        staff_only = SECRETARIAT_STAFF in getattr(user, "role_names", ()) and not sees_every_unit(
            user
        )
        return super().has_permission(request) and not staff_only and is_verified(user)

    def login(self, request, extra_context=None):
        next_url = safe_next(request, request.GET.get(REDIRECT_FIELD_NAME)) or reverse(
            "admin:index", current_app=self.name
        )
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return redirect(next_url)
        if user.is_active and user.is_staff and second_factor_missing(user):
            return redirect(second_factor_url(user, next_url))
        # Signed in, but without back-office access: no sign-in form would help.
        return refused(request)


@never_cache
def refused(request):
    """The page a signed-in person without back-office access gets when they open
    /admin/ (Django's admin sends them to its sign-in, PortalAdminSite.login): in the
    portal's layout, what the back office is for, the way to /workspace/ and whom to
    ask for access. 403 Forbidden."""
    context = {
        "is_staff_member": is_secretariat_staff(request.user),
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
    }
    return render(request, "accounts/back_office_refused.html", context, status=403)


def lands_in_back_office(request) -> bool:
    """Programme advisers (and superusers) whom the back office lets in now: they
    see every unit, and their work is the review queue."""
    return sees_every_unit(request.user) and admin.site.has_permission(request)


def landing_url(request) -> str:
    """Where a person lands after signing in when no `next` says otherwise: advisers
    in the admin index, everyone else in /workspace/ (settings.LOGIN_REDIRECT_URL)."""
    if lands_in_back_office(request):
        return reverse("admin:index")
    return resolve_url(settings.LOGIN_REDIRECT_URL)
