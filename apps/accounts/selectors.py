"""Reads about user accounts: their second factor."""

from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_second_factor(user) -> bool:
    """The person has a confirmed second factor (authenticator app or recovery
    codes), so every sign-in asks for it."""
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def authenticator_get(user) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_codes_left(user) -> int:
    """How many unused recovery codes the person has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
