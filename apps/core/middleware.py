"""Middleware shared by every app."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from django.http import FileResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import ngettext


class NullCharacterInQuery(SuspiciousOperation):
    """Django answers a SuspiciousOperation with 400 Bad Request and logs it."""


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string holding a NUL character.

    No link or form of the portal makes one, and PostgreSQL refuses it in any
    text it compares, so an admin filter, search or autocomplete handed one
    (`?status__exact=%00`) would otherwise fail with a server error. Form
    fields already refuse it with a message (Django's CharField does).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise NullCharacterInQuery("A NUL character in the query string.")
        return self.get_response(request)


# --- Sessions: idle timeout and absolute lifetime ----------------------------

# Epoch seconds, kept in the session (JSON-serialisable).
SIGNED_IN_AT = "portal_signed_in_at"
LAST_ACTIVITY_AT = "portal_last_activity_at"
# Why the last session ended, for the message on the next page.
SIGNED_OUT_BECAUSE = "portal_signed_out_because"
IDLE, LIFETIME = "idle", "lifetime"
# How precisely the last activity is recorded (seconds): see SessionTimeoutMiddleware.
ACTIVITY_RESOLUTION = 60


def _now() -> int:
    """The clock the session limits read (tests replace it)."""
    return int(time.time())


def session_times_start(sender, request, user, **kwargs) -> None:
    """On sign-in (Django's user_logged_in signal): both session clocks start now."""
    if request is None:
        return
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY_AT] = now


class SessionTimeoutMiddleware:
    """Sign a person out on the first request after their session has been idle
    for PORTAL_SESSION_IDLE_SECONDS, or has lasted SESSION_COOKIE_AGE since they
    signed in, whatever they did in between; the page they land on says why.

    A signed-in request records its time in the session only when the recorded
    time is ACTIVITY_RESOLUTION seconds old or more, so that a person clicking
    through pages does not write their session on every click; the idle limit
    may therefore end a session up to that much early, never late. Goes after
    AuthenticationMiddleware and before django-otp's middleware, which must see
    the person as they leave here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ended_because = None
        if request.user.is_authenticated:
            ended_because = self._ended_because(request.session)
            if ended_because:
                logout(request)
                request.session[SIGNED_OUT_BECAUSE] = ended_because
            elif _now() - request.session[LAST_ACTIVITY_AT] >= ACTIVITY_RESOLUTION:
                request.session[LAST_ACTIVITY_AT] = _now()
        response = self.get_response(request)
        if ended_because:
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _ended_because(session) -> str | None:
        now = _now()
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)  # signed in before this existed
        last_activity_at = session.setdefault(LAST_ACTIVITY_AT, now)
        if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
            return LIFETIME
        if now - last_activity_at >= settings.PORTAL_SESSION_IDLE_SECONDS:
            return IDLE
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Tell the person why they were signed out: here, once the messages
        middleware (which runs after this one) has set up."""
        if SIGNED_OUT_BECAUSE in request.session:
            because = request.session.pop(SIGNED_OUT_BECAUSE)
            messages.info(request, self._message(because))

    @staticmethod
    def _message(because: str) -> str:
        if because == LIFETIME:
            hours = settings.SESSION_COOKIE_AGE // 3600
            return ngettext(
                "You were signed out because you had been signed in for %(count)d hour. "
                "Please sign in again.",
                "You were signed out because you had been signed in for %(count)d hours. "
                "Please sign in again.",
                hours,
            ) % {"count": hours}
        minutes = settings.PORTAL_SESSION_IDLE_SECONDS // 60
        return ngettext(
            "You were signed out after %(count)d minute without activity. Please sign in again.",
            "You were signed out after %(count)d minutes without activity. Please sign in again.",
            minutes,
        ) % {"count": minutes}


# --- Response headers ---------------------------------------------------------


class PermissionsPolicyMiddleware:
    """Deny, on every response, the browser features the portal never uses
    (settings.PERMISSIONS_POLICY: feature -> allowed origins, empty for none)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(
                f"{feature}=({' '.join(origins)})"
                for feature, origins in settings.PERMISSIONS_POLICY.items()
            )
        return response


class PrivateResponsesNotStoredMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in person
    and on every file download, so that neither a shared cache nor the browser
    keeps a copy; pages for anonymous visitors stay as cacheable as they were.
    Goes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_private(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _is_private(request, response) -> bool:
        if isinstance(response, FileResponse):
            return True
        if response.get("Content-Disposition", "").lower().startswith("attachment"):
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
