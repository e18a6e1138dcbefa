"""Sessions end after PORTAL_SESSION_IDLE_SECONDS without a request and
SESSION_COOKIE_AGE after signing in (apps.core.middleware.SessionTimeoutMiddleware);
the next page says why. The clock is the middleware's, set by the test."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from apps.core import middleware

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("site:workspace")
LOGIN = reverse("accounts:login")
START = 1_900_000_000  # any fixed moment, in epoch seconds


class Clock:
    def __init__(self, now: int):
        self.now = now

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(START)
    monkeypatch.setattr(middleware, "_now", clock)
    return clock


@pytest.fixture
def signed_in(client, clock, staff_user):
    """The staff member signed in at START."""
    client.force_login(staff_user)
    return client


def _is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


def _idle() -> int:
    return settings.PORTAL_SESSION_IDLE_SECONDS


def _lifetime() -> int:
    return settings.SESSION_COOKIE_AGE


def test_the_limits_are_thirty_minutes_idle_and_twelve_hours_in_all():
    # The defaults; DJANGO_SESSION_IDLE_MINUTES and DJANGO_SESSION_MAX_HOURS change them
    # (tests/config/test_security_settings.py).
    assert _idle() == 30 * 60
    assert _lifetime() == 12 * 60 * 60


def test_a_session_idle_for_just_under_the_limit_goes_on(signed_in, clock):
    clock.now = START + _idle() - 1

    response = signed_in.get(WORKSPACE)

    assert response.status_code == 200
    assert _is_signed_in(signed_in)


def test_a_session_idle_for_the_limit_ends_with_a_message(signed_in, clock):
    clock.now = START + _idle()

    response = signed_in.get(WORKSPACE, follow=True)

    assert response.redirect_chain[0] == (f"{LOGIN}?next={WORKSPACE}", 302)
    assert not _is_signed_in(signed_in)
    assert "You were signed out after 30 minutes without activity." in response.content.decode()


def test_each_request_restarts_the_idle_clock(signed_in, clock):
    for step in range(1, 5):
        clock.now = START + step * (_idle() - 1)
        assert signed_in.get(WORKSPACE).status_code == 200

    clock.now += _idle()

    assert signed_in.get(WORKSPACE).status_code == 302
    assert not _is_signed_in(signed_in)


def _recorded_activity(client) -> int:
    return client.session[middleware.LAST_ACTIVITY_AT]


def test_a_request_within_a_minute_of_the_recorded_activity_does_not_write_the_session(
    signed_in, clock
):
    clock.now = START + middleware.ACTIVITY_RESOLUTION - 1

    assert signed_in.get(WORKSPACE).status_code == 200

    assert _recorded_activity(signed_in) == START


def test_a_request_a_minute_after_the_recorded_activity_records_it(signed_in, clock):
    clock.now = START + middleware.ACTIVITY_RESOLUTION

    assert signed_in.get(WORKSPACE).status_code == 200

    assert _recorded_activity(signed_in) == START + middleware.ACTIVITY_RESOLUTION


def test_the_idle_limit_counts_from_the_recorded_activity_so_ends_early_never_late(
    signed_in, clock
):
    # Active at START + 59 s (not recorded), then idle: the session ends at
    # START + the limit, 59 s early, rather than 59 s late.
    clock.now = START + middleware.ACTIVITY_RESOLUTION - 1
    assert signed_in.get(WORKSPACE).status_code == 200

    clock.now = START + _idle()

    assert signed_in.get(WORKSPACE).status_code == 302
    assert not _is_signed_in(signed_in)


def _stay_active_until(client, clock, moment: int) -> None:
    """A request every 29 minutes until `moment`."""
    step = _idle() - 60
    while clock.now + step < moment:
        clock.now += step
        assert client.get(WORKSPACE).status_code == 200
    clock.now = moment


def test_an_active_session_goes_on_until_just_under_its_lifetime(signed_in, clock):
    _stay_active_until(signed_in, clock, START + _lifetime() - 1)

    assert signed_in.get(WORKSPACE).status_code == 200
    assert _is_signed_in(signed_in)


def test_an_active_session_ends_at_its_lifetime_with_a_message(signed_in, clock):
    _stay_active_until(signed_in, clock, START + _lifetime())

    response = signed_in.get(WORKSPACE, follow=True)

    assert response.redirect_chain[0] == (f"{LOGIN}?next={WORKSPACE}", 302)
    assert not _is_signed_in(signed_in)
    html = response.content.decode()
    assert "You were signed out because you had been signed in for 12 hours." in html


def test_signing_in_again_starts_a_new_lifetime(signed_in, clock, staff_user):
    _stay_active_until(signed_in, clock, START + _lifetime() - 10 * 60)
    signed_in.force_login(staff_user)

    _stay_active_until(signed_in, clock, START + _lifetime() + 60 * 60)

    assert signed_in.get(WORKSPACE).status_code == 200
    assert _is_signed_in(signed_in)


def test_a_session_from_before_the_limits_starts_its_clocks_now(signed_in, clock):
    session = signed_in.session
    del session[middleware.SIGNED_IN_AT], session[middleware.LAST_ACTIVITY_AT]
    session.save()
    clock.now = START + _lifetime() * 2

    assert signed_in.get(WORKSPACE).status_code == 200
    assert signed_in.session[middleware.SIGNED_IN_AT] == clock.now


def test_the_sign_out_response_is_not_stored(signed_in, clock):
    clock.now = START + _idle()

    response = signed_in.get(reverse("site:home"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "You were signed out after 30 minutes" in response.content.decode()


def test_the_message_is_shown_once(signed_in, clock):
    clock.now = START + _idle()
    signed_in.get(reverse("site:home"))

    again = signed_in.get(reverse("site:home"))

    assert "You were signed out" not in again.content.decode()


def test_after_the_sign_out_the_request_goes_on_as_an_anonymous_visitor(signed_in, clock):
    """django-otp's middleware, after this one, still gives the visitor `is_verified`."""
    clock.now = START + _idle()

    response = signed_in.get(reverse("site:home"))

    user = response.wsgi_request.user
    assert not user.is_authenticated
    assert user.is_verified() is False


def test_an_anonymous_visitor_gets_no_session_clocks(client, clock):
    client.get(reverse("site:home"))

    assert middleware.SIGNED_IN_AT not in client.session


def test_the_limits_follow_the_settings(signed_in, clock, settings):
    settings.PORTAL_SESSION_IDLE_SECONDS = 5 * 60
    clock.now = START + 5 * 60 - 1
    assert signed_in.get(WORKSPACE).status_code == 200

    clock.now += 5 * 60
    response = signed_in.get(WORKSPACE, follow=True)

    assert "You were signed out after 5 minutes without activity." in response.content.decode()
