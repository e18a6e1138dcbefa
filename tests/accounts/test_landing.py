"""Where people land after signing in, and what staff see when they open /admin/.

Advisers (back-office users who see every unit) land in the admin index, after the
password step and the second step alike; staff land in /workspace/; a `next` given
by the person still wins. Staff who open /admin/ get a page in the portal's layout
saying what the back office is for and where their own work is (403)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import services
from apps.accounts.views import PENDING_AUTHENTICATOR_KEY
from tests.accounts.factories import (
    PASSWORD,
    AdviserFactory,
    AuthenticatorFactory,
    StaffUserFactory,
    UserFactory,
    authenticator_code,
)
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")
VERIFY_RECOVERY = reverse("accounts:two_factor_verify_recovery")
SETUP = reverse("accounts:two_factor_setup")
CODES = reverse("accounts:two_factor_recovery_codes")
ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")
WORKSPACE = reverse("site:workspace")
ACTIVITIES = reverse("monitoring:activity_list")


def sign_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD, **extra})


# --- Landing after signing in ------------------------------------------------------------


def test_an_adviser_lands_in_the_admin_index_after_the_second_step(client):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)

    password_step = sign_in(client, adviser)
    code_step = client.post(VERIFY, {"code": authenticator_code(device)})

    assert password_step.url == VERIFY
    assert code_step.url == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_an_adviser_with_a_recovery_code_lands_in_the_admin_index(client):
    adviser = AdviserFactory()
    force_login_verified(client, adviser)
    code = services.recovery_codes_regenerate(user=adviser)[0]
    client.post(reverse("accounts:logout"))

    sign_in(client, adviser)
    response = client.post(VERIFY_RECOVERY, {"code": code})

    assert response.url == ADMIN


def test_a_superuser_lands_in_the_admin_index(client, superuser):
    device = AuthenticatorFactory(user=superuser)

    sign_in(client, superuser)
    response = client.post(VERIFY, {"code": authenticator_code(device)})

    assert response.url == ADMIN


def test_a_next_given_by_the_adviser_still_wins(client):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)

    password_step = sign_in(client, adviser, next=ACTIVITIES)
    code_step = client.post(
        f"{VERIFY}?next={ACTIVITIES}", {"code": authenticator_code(device), "next": ACTIVITIES}
    )

    assert password_step.url == f"{VERIFY}?next=%2Fworkspace%2Factivities%2F"
    assert code_step.url == ACTIVITIES


def test_a_foreign_next_does_not_win(client):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)
    sign_in(client, adviser)

    response = client.post(
        VERIFY, {"code": authenticator_code(device), "next": "https://evil.example.org/"}
    )

    assert response.url == ADMIN


def test_staff_land_in_the_workspace(client):
    staff = StaffUserFactory()

    assert sign_in(client, staff).url == WORKSPACE


def test_staff_with_a_second_factor_land_in_the_workspace(client):
    staff = StaffUserFactory()
    device = AuthenticatorFactory(user=staff)

    sign_in(client, staff)
    response = client.post(VERIFY, {"code": authenticator_code(device)})

    assert response.url == WORKSPACE


def test_staff_ticked_for_the_back_office_by_mistake_still_land_in_the_workspace(client):
    # Back-office access on a staff account opens nothing there (admin_site.has_permission).
    staff = StaffUserFactory(is_staff=True)
    device = AuthenticatorFactory(user=staff)

    sign_in(client, staff)
    response = client.post(VERIFY, {"code": authenticator_code(device)})

    assert response.url == WORKSPACE


def test_a_signed_in_adviser_opening_the_sign_in_page_goes_to_the_admin(client, adviser):
    force_login_verified(client, adviser)

    assert client.get(LOGIN).url == ADMIN


def test_a_half_signed_in_adviser_opening_the_sign_in_page_goes_to_the_second_step(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    assert client.get(LOGIN).url == VERIFY


def test_the_first_sign_in_set_up_continues_to_the_admin_index(client):
    adviser = AdviserFactory()
    sign_in(client, adviser)
    client.get(SETUP)  # the key being set up is kept in the session
    key = client.session[PENDING_AUTHENTICATOR_KEY]
    device = TOTPDevice(user=adviser, key=key)
    set_up = client.post(SETUP, {"code": authenticator_code(device)})
    codes = client.get(set_up.url)

    assert set_up.url == CODES
    assert f'href="{ADMIN}">I have saved them, continue</a>' in codes.content.decode()


# --- Staff who open the back office -----------------------------------------------------


def test_staff_opening_the_admin_get_a_friendly_page(client, staff_user, settings):
    settings.PORTAL_CONTACT_EMAIL = "programme@giz.example.org"
    client.force_login(staff_user)

    response = client.get(ADMIN, follow=True)

    assert response.redirect_chain == [(f"{ADMIN_LOGIN}?next={ADMIN}", 302)]
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>The back office is for programme advisers</h1>" in html
    assert f'<a class="btn btn-primary" href="{WORKSPACE}">Go to your workspace</a>' in html
    assert 'href="mailto:programme@giz.example.org"' in html
    # The portal's layout: its header and sign-out, not Django's admin.
    assert 'class="portal-header"' in html
    assert "Log in again" not in html
    assert "another account" not in html


def test_verified_staff_opening_an_admin_page_get_the_same_page(client, staff_user):
    force_login_verified(client, staff_user)

    response = client.get(reverse("admin:monitoring_activity_changelist"), follow=True)

    assert response.status_code == 403
    assert "The back office is for programme advisers" in response.content.decode()


def test_an_account_without_a_role_is_pointed_home(client):
    client.force_login(UserFactory())

    response = client.get(ADMIN, follow=True)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Go to your workspace" not in html
    assert "Go to the home page" in html


def test_anonymous_visitors_still_go_to_the_portals_sign_in(client):
    to_admin_login = client.get(ADMIN)
    to_portal_login = client.get(to_admin_login.url)

    assert to_admin_login.url == f"{ADMIN_LOGIN}?next={ADMIN}"
    assert to_portal_login.url == f"{LOGIN}?next={ADMIN}"


def test_half_signed_in_advisers_still_go_to_the_second_step(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    response = client.get(ADMIN, follow=True)

    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_the_friendly_page_is_never_cached(client, staff_user):
    client.force_login(staff_user)

    response = client.get(ADMIN_LOGIN)

    assert response.status_code == 403
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
