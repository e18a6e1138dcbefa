"""Security events: every sign-in success, failure and lockout is one line of JSON
on the logger "portal.security", never with the password, and a crafted email
address cannot forge a line of its own."""

import json
import logging

import pytest
from django.conf import settings
from django.urls import reverse

from apps.accounts.security import LONGEST_VALUE, client_ip, security_event
from tests.accounts.factories import PASSWORD, AdviserFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
SECRET = "not-the-password-Zq9"


@pytest.fixture
def events(caplog):
    """The security events logged so far, as (record, parsed JSON) pairs."""
    caplog.set_level(logging.INFO, logger="portal.security")

    def logged() -> list[dict]:
        return [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "portal.security"
        ]

    logged.records = lambda: [r for r in caplog.records if r.name == "portal.security"]
    return logged


def test_a_sign_in_is_logged_with_email_address_and_path(client, events):
    StaffUserFactory(email="ana@asean.example.org")

    client.post(
        LOGIN,
        {"username": "Ana@ASEAN.example.org", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )

    assert events() == [
        {
            "event": "sign_in_succeeded",
            "email": "ana@asean.example.org",
            "ip": "192.0.2.10",
            "path": LOGIN,
            "second_step": "none",
        }
    ]


def test_an_advisers_sign_in_says_a_second_step_follows(client, events):
    AdviserFactory(email="adviser@giz.example.org")

    client.post(LOGIN, {"username": "adviser@giz.example.org", "password": PASSWORD})

    assert events()[0]["second_step"] == "required"


def test_a_failed_sign_in_is_logged_without_the_password(client, events, caplog):
    StaffUserFactory(email="ana@asean.example.org")

    client.post(
        LOGIN, {"username": "ANA@asean.example.org", "password": SECRET}, REMOTE_ADDR="192.0.2.11"
    )

    assert events() == [
        {
            "event": "sign_in_failed",
            "email": "ana@asean.example.org",
            "ip": "192.0.2.11",
            "path": LOGIN,
            "reason": "credentials",
        }
    ]
    assert events.records()[0].levelno == logging.WARNING
    assert SECRET not in caplog.text


def test_a_malformed_sign_in_is_logged_too(client, events, caplog):
    client.post(LOGIN, {"username": "not-an-email", "password": SECRET})

    assert [(e["event"], e["email"], e["reason"]) for e in events()] == [
        ("sign_in_failed", "not-an-email", "invalid_form")
    ]
    assert SECRET not in caplog.text


def test_a_lockout_is_logged(client, events):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "ana@asean.example.org", "password": SECRET})

    locked = [e for e in events() if e["event"] == "sign_in_locked_out"]

    assert locked == [
        {
            "event": "sign_in_locked_out",
            "email": "ana@asean.example.org",
            "ip": "127.0.0.1",
            "path": LOGIN,
        }
    ]


def test_a_sign_out_is_logged(client, events, staff_user):
    client.force_login(staff_user)

    client.post(reverse("accounts:logout"))

    assert events()[-1]["event"] == "sign_out"
    assert events()[-1]["email"] == staff_user.email


def test_a_crafted_email_cannot_forge_a_log_line(client, events, caplog):
    forged = '{"event": "sign_in_succeeded", "email": "boss@asean.example.org"}'
    crafted = f"x@asean.example.org\r\n2025-01-01 00:00:00,000 INFO portal.security {forged}"

    client.post(LOGIN, {"username": crafted, "password": SECRET})

    records = events.records()
    assert len(records) == 1
    message = records[0].getMessage()
    assert "\r" not in message
    assert "\n" not in message
    assert "\\r\\n" in message
    # The crafted text is data inside the one event, not an event of its own.
    assert events() == [
        {
            "event": "sign_in_failed",
            "email": crafted.lower(),
            "ip": "127.0.0.1",
            "path": LOGIN,
            "reason": "invalid_form",
        }
    ]
    # As a handler writes it: one line, whatever the address held.
    assert len([line for line in caplog.text.splitlines() if "portal.security" in line]) == 1


@pytest.mark.parametrize(
    "control", ["\x00", "\x1b[31m", "\x7f", "\u2028", "\u0085", "\t", "\x0b", "\x0c"]
)
def test_control_characters_are_escaped(caplog, control):
    caplog.set_level(logging.INFO, logger="portal.security")

    security_event("sign_in_failed", email=f"a{control}b@example.org", reason=f"x{control}")

    message = caplog.records[-1].getMessage()
    assert control not in message
    assert message.isascii()
    assert all(character.isprintable() for character in message)
    assert json.loads(message)["email"] == f"a{control}b@example.org"


def test_long_values_are_cut(caplog):
    caplog.set_level(logging.INFO, logger="portal.security")

    security_event("sign_in_failed", email="a" * 5000)

    assert len(json.loads(caplog.records[-1].getMessage())["email"]) == LONGEST_VALUE


def test_security_events_are_logged_whatever_the_log_level():
    assert settings.LOGGING["loggers"]["portal.security"]["level"] == "INFO"


# --- The address -------------------------------------------------------------------------


class _Request:
    def __init__(self, **meta):
        self.META = meta


def test_client_ip_is_remote_addr_by_default(settings):
    settings.PORTAL_CLIENT_IP_HEADER = ""

    assert client_ip(_Request(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4")) == (
        "192.0.2.1"
    )


@pytest.mark.parametrize(
    ("header", "count", "meta", "expected"),
    [
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8"}, "5.6.7.8"),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8, 10.0.0.2"}, "5.6.7.8"),
        ("HTTP_X_REAL_IP", 1, {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        # Missing, malformed or too short: the proxy's own address.
        ("X-Forwarded-For", 1, {}, "10.0.0.1"),
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.1"),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "5.6.7.8"}, "10.0.0.1"),
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "1.2.3.4\r\n, 5.6.7.8\n"}, "5.6.7.8"),
    ],
)
def test_client_ip_behind_a_proxy(settings, header, count, meta, expected):
    settings.PORTAL_CLIENT_IP_HEADER = header
    settings.PORTAL_TRUSTED_PROXY_COUNT = count

    assert client_ip(_Request(REMOTE_ADDR="10.0.0.1", **meta)) == expected


def test_client_ip_is_empty_without_a_valid_address(settings):
    settings.PORTAL_CLIENT_IP_HEADER = ""

    assert client_ip(_Request(REMOTE_ADDR="garbage")) == ""
