"""Demo accounts, whose password is published in the README, sign in only under DEBUG."""

import subprocess

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from apps.accounts.backends import PortalBackend
from apps.accounts.services import demo_accounts_create
from tests.helpers import PRODUCTION_ENV, run_manage

DEMO_PASSWORD = "asean-demo-2025"
LOGIN = reverse("accounts:login")


@pytest.fixture
def demo_users(programme_facts):
    return demo_accounts_create(password=DEMO_PASSWORD)


def _sign_in(client, email: str):
    return client.post(LOGIN, {"username": email, "password": DEMO_PASSWORD})


def test_demo_account_is_refused_when_debug_is_off(client, settings, demo_users):
    settings.DEBUG = False

    response = _sign_in(client, "staff.processes@example.org")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_demo_account_signs_in_when_debug_is_on(client, settings, demo_users):
    settings.DEBUG = True

    response = _sign_in(client, "staff.processes@example.org")

    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_a_demo_session_ends_once_debug_is_off(client, settings, demo_users):
    settings.DEBUG = True
    client.force_login(demo_users[1], backend="apps.accounts.backends.PortalBackend")
    settings.DEBUG = False

    response = client.get(reverse("site:workspace"))

    assert response.status_code == 302  # to the sign-in page: the session no longer counts
    assert PortalBackend().get_user(demo_users[1].pk) is None


def test_an_ordinary_account_with_a_demo_like_address_still_signs_in(client, staff_user):
    staff_user.email = "staff.processes@example.org.asean.example.org"
    staff_user.save()

    assert PortalBackend().get_user(staff_user.pk) == staff_user


# Under production settings: seed the demo accounts straight into the database
# (as a seed_demo run against the wrong DATABASE_URL would), then try them.
SCRIPT = """
from django.contrib.auth import authenticate
from django.test import RequestFactory
from apps.accounts.backends import PortalBackend
from apps.accounts.services import demo_accounts_create
from apps.programme.services import programme_facts_load

programme_facts_load()
users = demo_accounts_create(password="asean-demo-2025")
request = RequestFactory().post("/accounts/login/")
signed_in = authenticate(request=request, username=users[1].email, password="asean-demo-2025")
print("SIGNED_IN", signed_in is not None)
print("SESSION_KEPT", PortalBackend().get_user(users[1].pk) is not None)
"""


@pytest.mark.slow
def test_demo_accounts_never_sign_in_under_production_settings(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}"}

    def manage(*args: str) -> subprocess.CompletedProcess:
        return run_manage(*args, **PRODUCTION_ENV, **database)

    migrated = manage("migrate", "--noinput", "-v0")
    result = manage("shell", "-c", SCRIPT)

    assert migrated.returncode == 0, migrated.stderr
    assert result.returncode == 0, result.stderr
    assert "SIGNED_IN False" in result.stdout
    assert "SESSION_KEPT False" in result.stdout
