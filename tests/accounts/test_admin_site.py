"""The admin needs a second factor, and its sign-in page is the portal's."""

import pytest
from django.contrib import admin
from django.urls import reverse

from apps.accounts.admin_site import PortalAdminSite
from tests.accounts.factories import (
    PASSWORD,
    AdviserFactory,
    AuthenticatorFactory,
    authenticator_code,
)
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")
LOGIN = reverse("accounts:login")
ACTIVITIES = reverse("admin:monitoring_activity_changelist")


def test_the_default_admin_site_is_the_portals():
    assert isinstance(admin.site, PortalAdminSite)


@pytest.mark.parametrize("who", ["adviser", "superuser"])
def test_the_admin_refuses_a_password_only_session(client, who, request):
    client.force_login(request.getfixturevalue(who))

    index = client.get(ADMIN)
    listing = client.get(ACTIVITIES)

    assert index.status_code == 302
    assert index.url == f"{ADMIN_LOGIN}?next={ADMIN}"
    assert listing.status_code == 302
    assert listing.url.startswith(ADMIN_LOGIN)


@pytest.mark.parametrize("who", ["adviser", "superuser"])
def test_the_admin_opens_after_the_second_step(client, who, request):
    force_login_verified(client, request.getfixturevalue(who))

    assert client.get(ADMIN).status_code == 200
    assert client.get(ACTIVITIES).status_code == 200


def test_a_verification_of_another_person_does_not_count(client, adviser):
    other = force_login_verified(client, AdviserFactory())
    client.force_login(adviser)
    session = client.session
    session["otp_device_id"] = other.persistent_id
    session.save()

    assert client.get(ADMIN).status_code == 302


def test_the_admin_sign_in_sends_visitors_to_the_portals_sign_in(client):
    response = client.get(ADMIN_LOGIN + "?next=/admin/monitoring/activity/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/admin/monitoring/activity/"


def test_the_admin_sign_in_never_passes_on_a_foreign_next(client):
    response = client.get(ADMIN_LOGIN + "?next=https://evil.example.org/")

    assert response.url == f"{LOGIN}?next={ADMIN}"


def test_the_admin_sign_in_has_no_form_to_post_to(client, adviser):
    response = client.post(ADMIN_LOGIN, {"username": adviser.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_sends_a_half_signed_in_adviser_to_the_second_step(client, adviser):
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    response = client.get(ADMIN_LOGIN + "?next=/admin/monitoring/activity/")

    assert response.url == (
        reverse("accounts:two_factor_verify") + "?next=%2Fadmin%2Fmonitoring%2Factivity%2F"
    )


def test_the_admin_sign_in_refuses_staff_without_back_office_access(client, staff_user):
    force_login_verified(client, staff_user)

    assert client.get(ADMIN_LOGIN).status_code == 403


def test_the_admin_sign_in_sends_a_verified_adviser_on(client, adviser):
    force_login_verified(client, adviser)

    response = client.get(ADMIN_LOGIN + "?next=/admin/monitoring/activity/")

    assert response.url == "/admin/monitoring/activity/"


def test_an_adviser_signs_in_to_the_admin_in_two_steps(client):
    adviser = AdviserFactory(email="adviser@giz.example.org")
    device = AuthenticatorFactory(user=adviser)

    to_admin_login = client.get(ACTIVITIES)
    to_portal_login = client.get(to_admin_login.url)
    password_step = client.post(
        to_portal_login.url.split("?")[0],
        {"username": adviser.email, "password": PASSWORD, "next": ACTIVITIES},
    )
    code_step = client.post(
        password_step.url, {"code": authenticator_code(device), "next": ACTIVITIES}
    )

    assert code_step.url == ACTIVITIES
    assert client.get(ACTIVITIES).status_code == 200
