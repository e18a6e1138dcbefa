"""Lockout after repeated failed sign-ins, per account and per address (django-axes).

The limit and cool-off come from the environment (DJANGO_AXES_FAILURE_LIMIT,
DJANGO_AXES_COOLOFF_MINUTES): 5 failures and 15 minutes by default.
"""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import PASSWORD, AdviserFactory, StaffUserFactory
from tests.helpers import force_login_verified, query_count

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
ATTEMPTS = reverse("admin:axes_accessattempt_changelist")
ROOT = Path(__file__).resolve().parents[2]
EMAIL = "ana@asean.example.org"


def _sign_in(client, email=EMAIL, password=PASSWORD, ip="192.0.2.1", **extra):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip, **extra)


def _fail(client, times, email=EMAIL, ip="192.0.2.1", **extra):
    for _attempt in range(times):
        response = _sign_in(client, email=email, password="not-the-password", ip=ip, **extra)
    return response


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def ana(db):
    return StaffUserFactory(email=EMAIL)


# --- The boundary ----------------------------------------------------------------------


def test_four_failures_then_the_right_password_signs_in(client, ana):
    _fail(client, 4)

    response = _sign_in(client)

    assert response.status_code == 302
    assert response.url == reverse("site:workspace")
    assert _signed_in(client)


def test_five_failures_then_the_right_password_is_refused(client, ana):
    fifth = _fail(client, 5)

    response = _sign_in(client)

    assert fifth.status_code == 429
    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_failure_limit_is_a_setting(client, ana, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _fail(client, 3)

    assert _sign_in(client).status_code == 429


# --- Per account and per address ---------------------------------------------------------


def test_failures_against_one_account_from_many_addresses_lock_the_account(client, ana):
    for n in range(5):
        _fail(client, 1, ip=f"198.51.100.{n + 1}")

    from_a_new_address = _sign_in(client, ip="203.0.113.7")

    assert from_a_new_address.status_code == 429
    assert not _signed_in(client)


def test_failures_from_one_address_against_many_accounts_lock_the_address(client):
    StaffUserFactory(email="colleague@asean.example.org")
    for n in range(5):
        _fail(client, 1, email=f"guess{n}@asean.example.org")

    another_account = _sign_in(client, email="colleague@asean.example.org")
    from_elsewhere = _sign_in(client, email="colleague@asean.example.org", ip="203.0.113.7")

    assert another_account.status_code == 429
    assert from_elsewhere.status_code == 302


def test_the_same_account_in_other_letter_cases_counts_as_one(client, ana):
    for n, spelling in enumerate(["Ana@asean.example.org", "ANA@ASEAN.EXAMPLE.ORG", EMAIL] * 2):
        if n == 5:
            break
        _fail(client, 1, email=spelling, ip=f"198.51.100.{n + 1}")

    assert _sign_in(client, ip="203.0.113.7").status_code == 429


# --- Cool-off ---------------------------------------------------------------------------


def _age_failures(minutes: int) -> None:
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))


def test_the_lock_holds_during_the_cool_off(client, ana):
    _fail(client, 5)
    _age_failures(14)

    assert _sign_in(client).status_code == 429


def test_the_lock_ends_after_the_cool_off(client, ana):
    _fail(client, 5)
    _age_failures(16)

    response = _sign_in(client)

    assert response.status_code == 302
    assert _signed_in(client)


def test_limit_and_cool_off_come_from_the_environment():
    code = "import config.settings.base as b; print(b.AXES_FAILURE_LIMIT, b.AXES_COOLOFF_TIME)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DJANGO_ENV_FILE"] = str(ROOT / "no-such-env-file")

    defaults = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    configured = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment | {"DJANGO_AXES_FAILURE_LIMIT": "8", "DJANGO_AXES_COOLOFF_MINUTES": "60"},
        capture_output=True,
        text=True,
    )

    assert defaults.stdout.split() == ["5", "0:15:00"], defaults.stderr
    assert configured.stdout.split() == ["8", "1:00:00"], configured.stderr


# --- The page a locked-out person sees ---------------------------------------------------


def test_the_lockout_page_says_how_long_to_wait_and_whom_to_ask(client, ana, settings):
    settings.PORTAL_CONTACT_EMAIL = "help@asean.example.org"
    _fail(client, 5)

    response = _sign_in(client)

    html = response.content.decode()
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert "<title>Sign-in paused · ASEC Programme Portal</title>" in html
    assert '<main id="main"' in html
    assert html.count("<h1>") == 1
    assert "Wait 15 minutes after your last attempt" in html
    assert "ask a programme adviser to lift the pause" in html
    assert 'href="mailto:help@asean.example.org"' in html
    assert f'href="{reverse("accounts:password_reset")}"' in html
    assert "Forbidden" not in html
    assert "Account locked: too many login attempts" not in html


def test_the_lockout_page_says_the_wait_the_settings_give(client, ana, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(hours=1)
    _fail(client, 5)

    assert "Wait 1 hour after your last attempt" in _sign_in(client).content.decode()


def test_the_lockout_page_does_not_tell_whether_the_account_exists(client, ana):
    known = _fail(client, 5)
    unknown = _fail(client, 5, email="nobody@asean.example.org", ip="192.0.2.99")

    def comparable(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert known.status_code == unknown.status_code == 429
    assert comparable(known) == comparable(unknown)


# --- The admin's sign-in is no way around ------------------------------------------------


def test_a_password_sent_to_the_admin_sign_in_is_never_checked(client):
    adviser = AdviserFactory(email="adviser@giz.example.org")

    response = client.post(
        reverse("admin:login"), {"username": adviser.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not _signed_in(client)


def test_a_locked_out_adviser_cannot_reach_the_admin_through_its_sign_in(client):
    adviser = AdviserFactory(email="adviser@giz.example.org")
    _fail(client, 5, email=adviser.email)

    admin_sign_in = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": adviser.email, "password": PASSWORD},
    )
    portal_sign_in = client.post(
        admin_sign_in.url, {"username": adviser.email, "password": PASSWORD, "next": "/admin/"}
    )

    assert admin_sign_in.url == f"{LOGIN}?next=/admin/"
    assert portal_sign_in.status_code == 429
    assert not _signed_in(client)


# --- The client's address ----------------------------------------------------------------


def test_a_forwarded_for_header_is_ignored_unless_configured(client, ana):
    for n in range(5):
        _fail(client, 1, email=f"guess{n}@asean.example.org", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    assert _sign_in(client, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_a_proxy_the_configured_header_gives_the_address(client, ana, settings):
    settings.PORTAL_CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.1"
    for n in range(5):
        # What the client wrote itself (the left entries) is never read.
        _fail(
            client,
            1,
            email=f"guess{n}@asean.example.org",
            ip=proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.66",
        )

    same_client = _sign_in(client, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.66")
    other_client = _sign_in(client, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.67")

    assert same_client.status_code == 429
    assert other_client.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


# --- Advisers lift a lockout --------------------------------------------------------------


def _lift(client, attempts):
    return client.post(
        ATTEMPTS,
        {
            "action": "lift_selected",
            "index": 0,
            ACTION_CHECKBOX_NAME: [attempt.pk for attempt in attempts],
        },
    )


def test_an_adviser_lifts_a_lockout_and_the_person_signs_in(client, ana, caplog):
    _fail(client, 5)
    adviser = AdviserFactory(email="adviser@giz.example.org")
    adviser_client = Client()
    force_login_verified(adviser_client, adviser)

    listing = adviser_client.get(ATTEMPTS)
    lifted = _lift(adviser_client, AccessAttempt.objects.filter(username=EMAIL))
    retry = _sign_in(client)

    assert listing.status_code == 200
    assert EMAIL in listing.content.decode()
    assert lifted.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert retry.status_code == 302
    assert _signed_in(client)
    lifts = [
        r
        for r in caplog.records
        if getattr(r, "security_event", {}).get("event") == "lockout_lifted"
    ]
    assert [r.security_event["by"] for r in lifts] == ["adviser@giz.example.org"]
    assert lifts[0].security_event["email"] == EMAIL


def test_an_adviser_lifts_a_lockout_by_deleting_it(client, ana):
    _fail(client, 5)
    adviser = AdviserFactory()
    force_login_verified(client, adviser)
    attempt = AccessAttempt.objects.get()

    response = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_staff_cannot_lift_a_lockout(client, ana, staff_user):
    _fail(client, 5)
    force_login_verified(client, staff_user)

    response = _lift(client, AccessAttempt.objects.all())

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert AccessAttempt.objects.count() == 1


def test_lifting_nothing_selected_changes_nothing(client, ana):
    _fail(client, 5)
    force_login_verified(client, AdviserFactory())

    response = _lift(client, [])

    assert response.status_code == 302
    assert AccessAttempt.objects.count() == 1


def test_the_clean_up_of_expired_attempts_runs_from_the_admin(client, ana):
    _fail(client, 2)
    _fail(client, 2, email="old@asean.example.org", ip="192.0.2.50")
    AccessAttempt.objects.filter(username="old@asean.example.org").update(
        attempt_time=timezone.now() - datetime.timedelta(hours=1)
    )
    force_login_verified(client, AdviserFactory())

    response = client.post(
        ATTEMPTS,
        {
            "action": "cleanup_expired_attempts",
            "index": 0,
            ACTION_CHECKBOX_NAME: list(AccessAttempt.objects.values_list("pk", flat=True)),
        },
    )

    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [EMAIL]


def test_the_lockout_list_query_count_is_flat(client):
    force_login_verified(client, AdviserFactory())
    AccessAttempt.objects.bulk_create(
        AccessAttempt(
            username=f"person{n}@asean.example.org",
            ip_address="192.0.2.1",
            user_agent="test",
            failures_since_start=5,
            attempt_time=timezone.now(),
        )
        for n in range(10)
    )
    few = query_count(client, ATTEMPTS)
    AccessAttempt.objects.bulk_create(
        AccessAttempt(
            username=f"other{n}@asean.example.org",
            ip_address="192.0.2.2",
            user_agent="test",
            failures_since_start=5,
            attempt_time=timezone.now(),
        )
        for n in range(200)
    )

    assert query_count(client, ATTEMPTS) == few
