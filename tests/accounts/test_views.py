import re

import pytest
from django.urls import reverse

from apps.accounts.forms import INVALID_LOGIN
from tests.accounts.factories import PASSWORD, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")


def _comparable(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_login_with_email_and_password_lands_on_workspace(client):
    user = StaffUserFactory(email="ana@asean.example.org")

    response = client.post(LOGIN_URL, {"username": "ana@asean.example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("site:workspace")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_ignores_the_case_of_the_email(client):
    StaffUserFactory(email="ana@asean.example.org")

    response = client.post(LOGIN_URL, {"username": "Ana@ASEAN.example.org", "password": PASSWORD})

    assert response.status_code == 302


def test_login_wrong_password_and_unknown_email_give_the_same_single_message(client):
    StaffUserFactory(email="ana@asean.example.org")

    wrong_password = client.post(
        LOGIN_URL, {"username": "ana@asean.example.org", "password": "not-the-password"}
    )
    unknown_email = client.post(
        LOGIN_URL, {"username": "nobody@asean.example.org", "password": "not-the-password"}
    )

    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [INVALID_LOGIN]
        assert response.content.decode().count(str(INVALID_LOGIN)) == 1
        assert "_auth_user_id" not in client.session
    # Apart from the email typed and the CSRF token, the two pages are the same.
    assert _comparable(wrong_password) == _comparable(unknown_email).replace(
        "nobody@asean.example.org", "ana@asean.example.org"
    )


def test_login_inactive_account_gets_the_same_message(client):
    StaffUserFactory(email="left@asean.example.org", is_active=False)

    response = client.post(LOGIN_URL, {"username": "left@asean.example.org", "password": PASSWORD})

    assert response.context["form"].non_field_errors() == [INVALID_LOGIN]


def test_login_bad_input_names_the_fields(client):
    response = client.post(LOGIN_URL, {"username": "not-an-email", "password": ""})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["username"] == ["Enter a valid email address."]
    assert errors["password"] == ["This field is required."]
    assert "<title>Error: Sign in" in response.content.decode()


def test_login_page_has_email_field_with_autocomplete(client):
    response = client.get(LOGIN_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="email"' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html


def test_logout_needs_post_and_signs_out(client, staff_user):
    client.force_login(staff_user)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_allowed_for_signed_in_user(client):
    user = StaffUserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")


def test_password_change_denied_to_anonymous(client):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_password_change_bad_input_keeps_old_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "short", "new_password2": "other"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Your old password was entered incorrectly" in errors["old_password"][0]
    assert errors["new_password2"] == ["The two password fields didn’t match."]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
