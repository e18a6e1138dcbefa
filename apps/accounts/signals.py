"""Security events for what Django and django-axes signal: sign-in, failure,
lockout, sign-out (apps.accounts.security; connected in AccountsConfig.ready)."""

import logging

from .permissions import second_factor_required
from .security import security_event
from .selectors import has_second_factor


def sign_in_succeeded(sender, request, user, **kwargs) -> None:
    """The password step passed (django.contrib.auth's user_logged_in). Whether a
    second step follows is in `second_step`: "required" or "none"."""
    needs_second_step = second_factor_required(user) or has_second_factor(user)
    security_event(
        "sign_in_succeeded",
        request=request,
        email=user.email,
        second_step="required" if needs_second_step else "none",
    )


def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password, an unknown or inactive account, or an attempt while
    locked out (user_login_failed; Django has already masked the password)."""
    security_event(
        "sign_in_failed",
        request=request,
        email=credentials.get("username") or "",
        reason="credentials",
        level=logging.WARNING,
    )


def sign_in_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    """django-axes refused a sign-in: too many failures for the account or the address."""
    security_event("sign_in_locked_out", request=request, email=username, level=logging.WARNING)


def signed_out(sender, request, user, **kwargs) -> None:
    security_event("sign_out", request=request, email=getattr(user, "email", "") or "")
