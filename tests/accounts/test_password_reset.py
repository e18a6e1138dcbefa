"""A forgotten password: a link by email that expires (PASSWORD_RESET_TIMEOUT)."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.accounts.factories import (
    PASSWORD,
    AdviserFactory,
    AuthenticatorFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
SENT = reverse("accounts:password_reset_done")
COMPLETE = reverse("accounts:password_reset_complete")
LOGIN = reverse("accounts:login")
NEW_PASSWORD = "violet-harbour-lantern-42"


@pytest.fixture
def ana(db):
    return StaffUserFactory(email="ana@asean.example.org")


def _link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", message.body).group(1)


def _comparable(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_sign_in_page_links_to_the_reset(client):
    html = client.get(LOGIN).content.decode()

    assert f'href="{RESET}">Forgotten your password?</a>' in html


def test_the_reset_form_asks_for_the_email_address(client):
    html = client.get(RESET).content.decode()

    assert "<title>Reset your password" in html
    assert 'type="email"' in html
    assert 'autocomplete="email"' in html
    assert "for 1 hour" in html


def test_a_known_address_gets_a_link_by_email(client, ana):
    response = client.post(RESET, {"email": "Ana@ASEAN.example.org"})

    assert response.status_code == 302
    assert response.url == SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@asean.example.org"]
    assert message.subject == "Reset your password for the ASEC Programme Portal"
    assert "http://testserver/accounts/password/reset/" in message.body
    assert "The link works once, for 1 hour." in message.body


def test_the_page_after_says_the_same_whether_or_not_the_address_has_an_account(client, ana):
    known = client.post(RESET, {"email": "ana@asean.example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@asean.example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [(SENT, 302)]
    assert _comparable(known) == _comparable(unknown)
    assert "If the address you entered belongs to a portal account" in known.content.decode()
    assert len(mail.outbox) == 1


def test_an_inactive_account_gets_no_mail(client):
    StaffUserFactory(email="left@asean.example.org", is_active=False)

    response = client.post(RESET, {"email": "left@asean.example.org"})

    assert response.url == SENT
    assert mail.outbox == []


def test_the_reset_form_names_a_bad_address(client):
    response = client.post(RESET, {"email": "not-an-email"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert "<title>Error: Reset your password" in response.content.decode()
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once(client, ana):
    client.post(RESET, {"email": ana.email})
    link = _link_in(mail.outbox[0])

    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    saved = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(link, follow=True)

    assert 'autocomplete="new-password"' in form_page.content.decode()
    assert saved.status_code == 302
    assert saved.url == COMPLETE
    ana.refresh_from_db()
    assert ana.check_password(NEW_PASSWORD)
    assert "_auth_user_id" not in client.session  # the reset does not sign in
    assert "This link does not work" in again.content.decode()
    assert client.post(LOGIN, {"username": ana.email, "password": NEW_PASSWORD}).status_code == 302


def test_the_new_password_is_checked_by_the_validators(client, ana):
    client.post(RESET, {"email": ana.email})
    set_password_url = client.get(_link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})

    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert any("too short" in error for error in errors)
    assert "<title>Error: Choose a new password" in response.content.decode()
    ana.refresh_from_db()
    assert ana.check_password(PASSWORD)


class _IssuedEarlier(PasswordResetTokenGenerator):
    def __init__(self, seconds_ago: int):
        super().__init__()
        self.seconds_ago = seconds_ago

    def _now(self):
        return datetime.datetime.now() - datetime.timedelta(seconds=self.seconds_ago)


def _link_issued(user, seconds_ago: int) -> str:
    token = _IssuedEarlier(seconds_ago).make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:password_reset_confirm", args=[uid, token])


def test_a_link_works_within_the_timeout(client, ana, settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 60 * 60

    page = client.get(_link_issued(ana, 60 * 60 - 60), follow=True)

    assert "Choose a new password" in page.content.decode()


def test_a_link_expires_after_the_timeout(client, ana):
    page = client.get(_link_issued(ana, 60 * 60 + 60), follow=True)

    assert page.status_code == 200
    assert "This link does not work" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main")[1]


def test_a_tampered_link_does_not_work(client, ana):
    link = _link_issued(ana, 0)

    page = client.get(link[:-3] + "xyz/", follow=True)

    assert "This link does not work" in page.content.decode()


def test_a_reset_lifts_the_lock_on_the_account(client, ana):
    for _attempt in range(5):
        client.post(LOGIN, {"username": ana.email, "password": "wrong"}, REMOTE_ADDR="198.51.100.1")
    client.post(RESET, {"email": ana.email})
    set_password_url = client.get(_link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert not AccessAttempt.objects.filter(username=ana.email).exists()
    assert client.post(LOGIN, {"username": ana.email, "password": NEW_PASSWORD}).status_code == 302


def test_a_reset_keeps_the_second_step(client):
    adviser = AdviserFactory(email="adviser@giz.example.org")
    AuthenticatorFactory(user=adviser)
    client.post(RESET, {"email": adviser.email})
    set_password_url = client.get(_link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.post(LOGIN, {"username": adviser.email, "password": NEW_PASSWORD})

    assert response.url == reverse("accounts:two_factor_verify")


def test_the_complete_page_links_to_sign_in(client):
    html = client.get(COMPLETE).content.decode()

    assert f'href="{LOGIN}"' in html
