"""The per-address rate limit of the registration form (apps/registrations/ratelimit.py):
PORTAL_REGISTRATION_RATE_LIMIT registrations per address in each window, counted in the
shared cache; one more gets status 429, its form kept and a message naming the contact.
The honeypot is checked first; forms with mistakes are not counted."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.urls import reverse

from apps.registrations import ratelimit
from apps.registrations.models import Registration

from .factories import OpenEventFactory
from .test_public import form_data

pytestmark = pytest.mark.django_db

LIMIT = 5  # config.settings.base: PORTAL_REGISTRATION_RATE_LIMIT's default


@pytest.fixture
def event():
    return OpenEventFactory(capacity=None)


def send(client, event, n: int, *, address: str = "203.0.113.7", **overrides):
    return client.post(
        reverse("registrations_public:register", args=[event.slug]),
        form_data(n, **overrides),
        REMOTE_ADDR=address,
    )


def test_the_fifth_is_allowed_and_the_sixth_refused(client, event, settings):
    assert settings.PORTAL_REGISTRATION_RATE_LIMIT == LIMIT
    for n in range(1, LIMIT + 1):
        assert send(client, event, n).status_code == 302, f"registration {n}"

    response = send(client, event, LIMIT + 1)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many registrations from your network in the last hour" in html
    assert settings.PORTAL_CONTACT_EMAIL in html
    assert f'value="Person {LIMIT + 1}"' in html, "the form keeps what was typed"
    assert "<title>Error:" in html
    assert Registration.objects.count() == LIMIT


def test_the_limit_is_per_address(client, event):
    for n in range(1, LIMIT + 1):
        send(client, event, n)

    response = send(client, event, LIMIT + 1, address="198.51.100.20")

    assert response.status_code == 302
    assert Registration.objects.count() == LIMIT + 1


def test_the_limit_follows_the_setting(client, event, settings):
    settings.PORTAL_REGISTRATION_RATE_LIMIT = 2

    assert send(client, event, 1).status_code == 302
    assert send(client, event, 2).status_code == 302
    assert send(client, event, 3).status_code == 429


def test_forms_with_mistakes_are_not_counted(client, event):
    for _ in range(LIMIT + 2):
        assert send(client, event, 1, email="not-an-email").status_code == 200

    assert send(client, event, 1).status_code == 302


def test_a_new_window_starts_a_new_count(client, event, monkeypatch, settings):
    now = 1_700_000_000
    monkeypatch.setattr(ratelimit, "_clock", lambda: now)
    for n in range(1, LIMIT + 2):
        send(client, event, n)
    assert Registration.objects.count() == LIMIT

    now += settings.PORTAL_REGISTRATION_RATE_WINDOW
    response = send(client, event, LIMIT + 2)

    assert response.status_code == 302


def test_the_honeypot_comes_before_the_limit(client, event):
    for n in range(1, LIMIT + 1):
        send(client, event, n)

    response = send(client, event, 99, website="http://spam.example")

    assert response.status_code == 302
    assert Registration.objects.count() == LIMIT


def test_the_count_is_in_the_shared_cache_without_the_address(client, event):
    send(client, event, 1, address="203.0.113.99")

    assert caches["default"].get(_key("203.0.113.99")) is None
    assert caches["shared"].get(_key("203.0.113.99")) == 1
    assert "203.0.113.99" not in _key("203.0.113.99")


@pytest.mark.skipif(
    not isinstance(caches["shared"], DatabaseCache), reason="the database cache's own behaviour"
)
def test_the_database_cache_keeps_the_count_for_the_whole_window(client, event, settings):
    """Django's database cache gives an incremented key its default timeout (5 minutes);
    the count must last the window (an hour)."""
    for n in range(1, 4):
        send(client, event, n)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM portal_cache WHERE cache_key LIKE %s",
            [f"%{ratelimit.PREFIX}%"],
        )
        (expires,) = cursor.fetchone()
    from django.utils import timezone

    left = (expires - timezone.now()).total_seconds()
    assert left > settings.PORTAL_REGISTRATION_RATE_WINDOW - 60


def _key(address: str) -> str:
    from django.test import RequestFactory

    return ratelimit.RateLimit(RequestFactory().get("/", REMOTE_ADDR=address)).key
