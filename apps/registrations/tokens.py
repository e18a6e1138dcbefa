"""The cancel link in each registration email: the registration's random key,
signed, so a link can be neither guessed nor forged, and refused once it has
expired or the event has started (docs/registrations.md)."""

import datetime
import secrets

from django.core import signing
from django.utils import timezone

SALT = "registrations.cancel"
# A link older than this is refused even if the event is further away: the
# confirmation email is the only place it appears.
MAX_AGE = datetime.timedelta(days=366)


def new_key() -> str:
    return secrets.token_urlsafe(24)[:32]


def cancel_token(registration) -> str:
    return signing.TimestampSigner(salt=SALT).sign(registration.cancel_key)


def key_from_token(token: str) -> str | None:
    """The registration key a token carries, or None when it is forged or too old."""
    try:
        return signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None


def link_usable(registration) -> bool:
    """A cancel link works until the event starts."""
    return registration.event.starts_at > timezone.now()
