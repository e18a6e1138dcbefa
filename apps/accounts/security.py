"""Security events and the client's address, for sign-in protection (docs/security.md).

Every sign-in success, failure and lockout, and every change to a person's
second factor, is one line on the logger "portal.security": a JSON object with
at least `event`, `email` (lower-cased), `ip` and `path`. Values are escaped
(control characters, line breaks and everything outside ASCII as \\uXXXX), so a
crafted email address cannot start a line of its own in the log. Passwords,
codes and keys are never logged.
"""

import ipaddress
import json
import logging

from django.conf import settings

logger = logging.getLogger("portal.security")

# Long enough for any real address; cut so nobody fills the log with one value.
LONGEST_VALUE = 320


def client_ip(request) -> str:
    """The address a request comes from: REMOTE_ADDR, or where the portal runs
    behind a proxy of ours, the header that proxy sets (settings
    PORTAL_CLIENT_IP_HEADER, PORTAL_TRUSTED_PROXY_COUNT).

    In a list such as X-Forwarded-For, every proxy appends the address it saw,
    so the client's address is the one `PORTAL_TRUSTED_PROXY_COUNT` places from
    the right; entries further left are whatever the client sent and are never
    read. A missing or malformed header falls back to REMOTE_ADDR. django-axes
    counts failures per address with this (AXES_CLIENT_IP_CALLABLE).
    """
    header = settings.PORTAL_CLIENT_IP_HEADER
    if header:
        key = header.upper().replace("-", "_")
        if not key.startswith("HTTP_") and key != "REMOTE_ADDR":
            key = f"HTTP_{key}"
        entries = [entry.strip() for entry in request.META.get(key, "").split(",")]
        entries = [entry for entry in entries if entry]
        count = max(settings.PORTAL_TRUSTED_PROXY_COUNT, 1)
        if len(entries) >= count and _is_ip(entries[-count]):
            return entries[-count]
    address = request.META.get("REMOTE_ADDR", "")
    return address if _is_ip(address) else ""


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def lockout_username(request, credentials: dict | None) -> str | None:
    """The account django-axes counts failures against: the email as typed,
    trimmed and lower-cased, because sign-in ignores case ("Ana@X" is "ana@x")
    and a counter per spelling would let anyone try five passwords per spelling.
    AXES_USERNAME_CALLABLE."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    if value is None:
        return None
    return str(value).strip().lower()[:255]


def escape(value) -> str:
    """`value` as text that stays on one line: cut to LONGEST_VALUE characters;
    json.dumps later escapes control characters and non-ASCII."""
    return str(value)[:LONGEST_VALUE]


def security_event(event: str, *, request=None, email=None, level=logging.INFO, **fields) -> None:
    """Log one security event as one line of JSON on "portal.security".

    `email` is lower-cased; `ip` and `path` come from the request when there is
    one. Further keyword arguments are added as they are (never pass a password,
    code or key). The event is also attached to the log record as
    `record.security_event` for handlers that ship structured logs.
    """
    record = {
        "event": event,
        "email": escape(email).strip().lower() if email else "",
        "ip": client_ip(request) if request is not None else "",
        "path": escape(request.path) if request is not None else "",
    }
    record.update({key: escape(value) for key, value in fields.items()})
    # ensure_ascii escapes CR, LF, NUL and every other control character, the
    # Unicode line separators and anything non-ASCII; DEL is escaped by hand.
    line = json.dumps(record, ensure_ascii=True).replace("\x7f", "\\u007f")
    logger.log(level, line, extra={"security_event": record})
