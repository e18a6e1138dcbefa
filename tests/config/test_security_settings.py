"""Passwords, sessions and headers as deployed: read under config.settings.production
in a subprocess (the suite itself runs on config.settings.test, which hashes with
MD5 for speed). docs/security.md, "Passwords and sessions" and "Response headers"."""

import json

import pytest

from tests.helpers import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.slow

SCRIPT = """
import json

from django.conf import settings
from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher, check_password, identify_hasher, make_password,
)
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory

from apps.accounts.models import User

call_command("migrate", "sessions", verbosity=0)

user = User(email="staff.audit@asean.example.org", full_name="Siti Rahma")


def refusals(password):
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return error.messages
    return []


def view(request):
    request.session["visited"] = True
    get_token(request)
    return HttpResponse("ok")


request = RequestFactory().get("/", secure=True, HTTP_HOST="portal.example.org")
response = SessionMiddleware(CsrfViewMiddleware(view))(request)
healthz = Client().get("/healthz", HTTP_HOST="portal.example.org")
passphrase = "a fine long passphrase"

print("RESULT " + json.dumps({
    "hashers": settings.PASSWORD_HASHERS,
    "new_hash": identify_hasher(make_password(passphrase)).algorithm,
    "old_hash_verifies": check_password(
        passphrase, PBKDF2PasswordHasher().encode(passphrase, "saltsaltsalt1234")
    ),
    "refusals": {password: refusals(password) for password in PASSWORDS},
    "cookies": {
        name: {"secure": bool(morsel["secure"]), "path": morsel["path"], "domain": morsel["domain"]}
        for name, morsel in response.cookies.items()
    },
    "idle": settings.PORTAL_SESSION_IDLE_SECONDS,
    "lifetime": settings.SESSION_COOKIE_AGE,
    "healthz": {"status": healthz.status_code, "headers": dict(healthz.headers)},
}))
"""

TOO_SHORT = "This password is too short. It must contain at least 12 characters."
PASSWORDS = {
    "kettle-wave": [TOO_SHORT],  # 11 characters
    "kettle-waves": [],  # 12
    "kettlewavesx": [],  # one kind of character: no composition rules
    "493817265034": [],  # digits only, too
    "password1234": ["This password is too common."],
    "Siti Rahma 2025": ["The password is too similar to the full name."],
    "staffaudit1234": [
        "This password contains “staffaudit” from your email address. Choose a password without it."
    ],
    "Asean2025!!xyz": [
        "This password contains “asean”, a word anyone would try first on this portal. "
        "Choose a password without it."
    ],
}


def _production(tmp_path, **env: str) -> dict:
    script = f"PASSWORDS = {list(PASSWORDS)!r}\n" + SCRIPT
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}"}
    result = run_manage("shell", "-c", script, **PRODUCTION_ENV, **database, **env)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    return _production(tmp_path_factory.mktemp("production"))


def test_argon2_hashes_new_passwords_and_older_hashes_still_verify(production):
    assert production["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production["hashers"][1:]
    assert production["new_hash"] == "argon2"
    assert production["old_hash_verifies"] is True


@pytest.mark.parametrize("password", PASSWORDS)
def test_passwords_are_refused_or_accepted_with_a_clear_message(production, password):
    refusals = production["refusals"][password]

    if PASSWORDS[password]:
        assert set(PASSWORDS[password]) <= set(refusals), refusals
    else:
        assert refusals == []


def test_session_and_csrf_cookies_carry_the_host_prefix(production):
    cookies = production["cookies"]

    assert set(cookies) == {"__Host-sessionid", "__Host-csrftoken"}
    for name, cookie in cookies.items():
        # What browsers demand of a __Host- cookie, or they drop it.
        assert cookie == {"secure": True, "path": "/", "domain": ""}, name


def test_sessions_last_thirty_minutes_idle_and_twelve_hours_in_all(production):
    assert production["idle"] == 30 * 60
    assert production["lifetime"] == 12 * 60 * 60


def test_session_limits_come_from_the_environment(tmp_path):
    limits = _production(tmp_path, DJANGO_SESSION_IDLE_MINUTES="5", DJANGO_SESSION_MAX_HOURS="2")

    assert limits["idle"] == 5 * 60
    assert limits["lifetime"] == 2 * 60 * 60


def test_production_responses_carry_the_security_headers(production):
    healthz = production["healthz"]
    headers = healthz["headers"]

    assert healthz["status"] == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
