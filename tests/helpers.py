"""Small helpers shared by the tests."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def query_count(client, url: str, **params) -> int:
    """How many queries one GET of `url` runs. The page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)


def response_size(client, url: str, **params) -> int:
    """How many bytes one GET of `url` sends (its HTML, before any compression).
    The page must answer 200."""
    response = client.get(url, params)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(response.content)


# A page measured with many more records than before may be this much bigger: digits
# of counts, ids and page numbers grow, and nothing else should.
SIZE_GROWTH = 1.1
SIZE_SLACK = 500  # bytes


def assert_size_flat(*, url: str, small: int, large: int, budget: int) -> None:
    """A page's size must not grow with the data: `large` (bytes with many records)
    within SIZE_GROWTH × `small` (with few) + SIZE_SLACK, and within its `budget`.
    A page that renders every row fails the first; one that grew heavier per row,
    the second."""
    assert large <= small * SIZE_GROWTH + SIZE_SLACK, (
        f"{url} grows with the data: {small:,} bytes with few records, {large:,} with many"
    )
    assert large <= budget, f"{url} is {large:,} bytes, over its budget of {budget:,}"


ROOT = Path(__file__).resolve().parents[1]

# Enough for config.settings.production to load; each test adds DATABASE_URL.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "prod-like-" + "k3y-Zq8!vW2#rT6@pL9$xN4%" * 3,
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
}


def run_manage(*args: str, timeout: int = 300, **env: str) -> subprocess.CompletedProcess:
    """`manage.py <args>` in a subprocess with only `env` configuring Django: the
    caller's DJANGO_* variables, DATABASE_URL and any developer .env are left out."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment["DJANGO_ENV_FILE"] = str(ROOT / "no-such-env-file")
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def force_login_verified(client, user):
    """Sign `user` in as after both steps: the password and a code from a
    confirmed authenticator app (created if the user has none), which is what
    the admin and, for advisers, the workspace require (docs/security.md).

    `client.force_login(user)` alone is a password-only session: the admin
    refuses it, and so does the workspace for advisers. Returns the device.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
