"""Two-step sign-in (django-otp): required for advisers and the admin, offered to staff."""

import datetime
import logging
import re
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import services
from apps.accounts.forms import AuthenticatorCodeForm
from apps.accounts.views import PENDING_AUTHENTICATOR_KEY
from tests.accounts.factories import (
    PASSWORD,
    AdviserFactory,
    AuthenticatorFactory,
    UserFactory,
    authenticator_code,
)
from tests.helpers import force_login_verified, query_count

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
OVERVIEW = reverse("accounts:two_factor")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
VERIFY_RECOVERY = reverse("accounts:two_factor_verify_recovery")
CODES = reverse("accounts:two_factor_recovery_codes")
DISABLE = reverse("accounts:two_factor_disable")
WORKSPACE = reverse("site:workspace")
ADMIN = reverse("admin:index")  # where advisers land (tests/accounts/test_landing.py)


def _sign_in(client, user, next_url=None):
    data = {"username": user.email, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data)


def _verified(client) -> bool:
    return "otp_device_id" in client.session


def _app_being_set_up(client, user) -> TOTPDevice:
    """The authenticator app as the person's phone has it after scanning the set-up
    page: the key is in the session until a code confirms it, not stored yet."""
    return TOTPDevice(user=user, key=client.session[PENDING_AUTHENTICATOR_KEY])


def _set_up(client, user, next_url="") -> list[str]:
    """Open the set-up page, enter the app's code; the new recovery codes."""
    client.get(SETUP)
    device = _app_being_set_up(client, user)
    client.post(SETUP, {"code": authenticator_code(device), "next": next_url})
    page = client.get(CODES)
    return _codes_on(page)


def _codes_on(page) -> list[str]:
    listed = re.search(r'<ol class="font-monospace[^>]*>(.*?)</ol>', page.content.decode(), re.S)
    return re.findall(r"<li>([a-z2-7]{4} [a-z2-7]{4})</li>", listed.group(1)) if listed else []


# --- Advisers: required ----------------------------------------------------------------


def test_an_adviser_without_an_app_is_sent_to_set_one_up_keeping_next(client):
    adviser = AdviserFactory()

    response = _sign_in(client, adviser, next_url="/admin/monitoring/activity/")

    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fadmin%2Fmonitoring%2Factivity%2F"
    assert not _verified(client)


def test_the_set_up_page_shows_the_qr_code_and_the_key_in_text(client):
    adviser = AdviserFactory()
    client.force_login(adviser)

    response = client.get(SETUP)

    html = response.content.decode()
    device = _app_being_set_up(client, adviser)
    key = re.search(r'<code[^>]*id="setup-key"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    assert response.status_code == 200
    assert re.search(r'<svg role="img" aria-label="QR code[^"]*"', html)
    assert "<img" not in html.split("<main")[1]  # inline SVG, no image file or data: URL
    assert key.replace(" ", "") == device.config_url.split("secret=")[1].split("&")[0]
    assert "Programme advisers and back-office accounts sign in in two steps" in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert "captcha" not in html.lower()
    assert "onpaste" not in html


def test_the_set_up_page_keeps_its_key_when_reloaded(client):
    adviser = AdviserFactory()
    client.force_login(adviser)

    client.get(SETUP)
    first = _app_being_set_up(client, adviser).key
    client.post(SETUP, {"code": "000000"})
    client.get(SETUP)

    assert not TOTPDevice.objects.filter(user=adviser).exists()  # nothing stored yet
    assert _app_being_set_up(client, adviser).key == first


def test_an_adviser_sets_up_the_app_sees_ten_codes_once_and_goes_on(client):
    adviser = AdviserFactory()
    _sign_in(client, adviser, next_url="/admin/")
    client.get(SETUP)
    device = _app_being_set_up(client, adviser)

    response = client.post(SETUP, {"code": authenticator_code(device), "next": "/admin/"})
    first_view = client.get(response.url)
    second_view = client.get(CODES)

    assert response.status_code == 302
    assert response.url == f"{CODES}?next=%2Fadmin%2F"
    stored = TOTPDevice.objects.get(user=adviser)
    assert (stored.key, stored.confirmed) == (device.key, True)
    assert PENDING_AUTHENTICATOR_KEY not in client.session
    assert _verified(client)
    codes = _codes_on(first_view)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert "shown only this once" in first_view.content.decode()
    assert 'href="/admin/"' in first_view.content.decode()
    assert _codes_on(second_view) == []
    assert "You have 10 unused recovery codes." in second_view.content.decode()
    assert client.get("/admin/").status_code == 200


def test_a_wrong_set_up_code_shows_the_error_pattern_and_turns_nothing_on(client):
    adviser = AdviserFactory()
    client.force_login(adviser)
    client.get(SETUP)

    wrong = client.post(SETUP, {"code": "000000"})
    empty = client.post(SETUP, {"code": ""})
    letters = client.post(SETUP, {"code": "12ab56"})

    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"] == [
        "This code is not correct. Check it and try again."
    ]
    assert "<title>Error: Set up two-step sign-in" in wrong.content.decode()
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert empty.context["form"].errors["code"] == ["This field is required."]
    assert letters.context["form"].errors["code"] == [
        "Enter the 6 digits your authenticator app shows."
    ]
    assert not TOTPDevice.objects.filter(user=adviser, confirmed=True).exists()
    assert not _verified(client)


def test_the_set_up_code_does_not_sign_in_again(client):
    adviser = AdviserFactory()
    client.force_login(adviser)
    client.get(SETUP)
    code = authenticator_code(_app_being_set_up(client, adviser))
    client.post(SETUP, {"code": code})
    client.post(reverse("accounts:logout"))

    _sign_in(client, adviser)
    replayed = client.post(VERIFY, {"code": code})

    assert replayed.status_code == 200
    assert not _verified(client)


def test_set_up_is_for_signed_in_people_only(client):
    response = client.get(SETUP)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_someone_with_an_app_must_enter_its_code_before_setting_up_another(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    response = client.get(SETUP)
    post = client.post(SETUP, {"code": "123456"})

    assert response.status_code == 302
    assert response.url == VERIFY
    assert post.status_code == 302
    assert TOTPDevice.objects.filter(user=adviser).count() == 1


def test_a_verified_person_moves_to_a_new_phone(client):
    adviser = AdviserFactory()
    old = force_login_verified(client, adviser)

    codes = _set_up(client, adviser)

    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(user=adviser, confirmed=True).count() == 1
    assert len(codes) == 10


def test_an_adviser_with_an_app_enters_its_code_and_goes_to_next(client):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)

    password_step = _sign_in(client, adviser, next_url="/admin/")
    page = client.get(password_step.url)
    response = client.post(VERIFY, {"code": authenticator_code(device), "next": "/admin/"})

    assert password_step.url == f"{VERIFY}?next=%2Fadmin%2F"
    html = page.content.decode()
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert 'name="next" value="/admin/"' in html
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert _verified(client)


def test_a_wrong_code_at_sign_in_is_refused(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    _sign_in(client, adviser)

    response = client.post(VERIFY, {"code": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "This code is not correct. Check it and try again."
    ]
    assert "<title>Error: Enter your sign-in code" in response.content.decode()
    assert not _verified(client)


def test_wrong_codes_in_a_row_make_the_next_try_wait(client):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)
    _sign_in(client, adviser)
    client.post(VERIFY, {"code": "000000"})

    right_too_soon = client.post(VERIFY, {"code": authenticator_code(device)})
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=1)
    )
    right_later = client.post(VERIFY, {"code": authenticator_code(device)})

    assert right_too_soon.context["form"].errors["code"] == [
        "Too many wrong codes in a row. Wait a minute, then try the newest code."
    ]
    assert right_later.status_code == 302


def test_a_code_works_once(client):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)
    code = authenticator_code(device)
    _sign_in(client, adviser)
    client.post(VERIFY, {"code": code})
    client.post(reverse("accounts:logout"))

    _sign_in(client, adviser)
    replayed = client.post(VERIFY, {"code": code})

    assert replayed.status_code == 200
    assert not _verified(client)


@pytest.mark.parametrize(
    "next_url", ["https://evil.example.org/", "//evil.example.org/", "javascript:alert(1)"]
)
def test_the_second_step_never_leaves_the_portal(client, next_url):
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)

    password_step = _sign_in(client, adviser, next_url=next_url)
    response = client.post(VERIFY + "?next=" + next_url, {"code": authenticator_code(device)})
    set_up = client.get(SETUP + "?next=" + next_url)

    assert password_step.url == VERIFY
    assert response.url == ADMIN
    assert "evil" not in set_up.content.decode()


def test_the_verify_page_sends_someone_without_an_app_to_set_up(client):
    client.force_login(AdviserFactory())

    response = client.get(VERIFY + "?next=/admin/")

    assert response.url == f"{SETUP}?next=%2Fadmin%2F"


def test_the_verify_page_sends_a_verified_person_on(client):
    force_login_verified(client, AdviserFactory())

    response = client.get(VERIFY + "?next=/admin/")

    assert response.url == "/admin/"


def test_the_verify_page_is_for_signed_in_people_only(client):
    response = client.post(VERIFY, {"code": "123456"})

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


# --- Recovery codes ----------------------------------------------------------------------


def test_a_recovery_code_signs_in_once(client):
    adviser = AdviserFactory()
    force_login_verified(client, adviser)
    code = services.recovery_codes_regenerate(user=adviser)[0]
    client.post(reverse("accounts:logout"))

    _sign_in(client, adviser)
    page = client.get(VERIFY_RECOVERY)
    first = client.post(VERIFY_RECOVERY, {"code": f"{code[:4]} {code[4:]}".upper()}, follow=True)
    client.post(reverse("accounts:logout"))
    _sign_in(client, adviser)
    second = client.post(VERIFY_RECOVERY, {"code": code})

    assert 'inputmode="numeric"' not in page.content.decode()
    assert first.redirect_chain[0][0] == ADMIN
    assert "You used a recovery code. 9 are left" in first.content.decode()
    assert second.status_code == 200
    assert second.context["form"].errors["code"]
    assert StaticToken.objects.filter(device__user=adviser).count() == 9


def test_new_recovery_codes_replace_the_old_ones(client):
    adviser = AdviserFactory()
    force_login_verified(client, adviser)
    old = services.recovery_codes_regenerate(user=adviser)

    response = client.post(CODES)
    new = _codes_on(client.get(response.url))

    assert response.url == CODES
    assert len(new) == 10
    tokens = set(StaticToken.objects.filter(device__user=adviser).values_list("token", flat=True))
    assert tokens == {code.replace(" ", "") for code in new}
    assert not tokens & set(old)


def test_recovery_codes_need_the_second_step_first(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    page = client.get(CODES)
    regenerate = client.post(CODES)

    assert page.url == f"{VERIFY}?next=%2Faccounts%2Ftwo-factor%2Frecovery-codes%2F"
    assert regenerate.status_code == 302
    assert not StaticDevice.objects.exists()


def test_recovery_codes_without_an_app_lead_to_the_overview(client, staff_user):
    client.force_login(staff_user)

    assert client.get(CODES).url == OVERVIEW
    assert client.post(CODES).url == OVERVIEW
    assert client.get(reverse("accounts:two_factor_recovery_codes")).status_code == 302
    assert not StaticDevice.objects.exists()


def test_recovery_codes_are_for_signed_in_people_only(client):
    assert client.get(CODES).url.startswith(LOGIN)


# --- Staff: optional ------------------------------------------------------------------------


def test_staff_without_an_app_sign_in_with_the_password_only(client, staff_user):
    response = _sign_in(client, staff_user)

    assert response.url == WORKSPACE
    assert client.get(WORKSPACE).status_code == 200


def test_the_workspace_offers_staff_two_step_sign_in(client, staff_user):
    client.force_login(staff_user)

    html = client.get(WORKSPACE).content.decode()

    assert "Two-step sign-in" in html
    assert f'href="{SETUP}"' in html
    assert "Turn on two-step sign-in" in html


def test_staff_turn_it_on_and_are_asked_for_a_code_at_the_next_sign_in(client, staff_user):
    client.force_login(staff_user)
    _set_up(client, staff_user)
    client.post(reverse("accounts:logout"))

    password_step = _sign_in(client, staff_user)
    workspace = client.get(WORKSPACE)

    assert password_step.url == VERIFY
    assert workspace.url == f"{VERIFY}?next=%2Fworkspace%2F"
    assert not _verified(client)


def test_staff_turn_it_off_with_a_code(client, staff_user, caplog):
    caplog.set_level(logging.INFO, logger="portal.security")
    device = force_login_verified(client, staff_user)
    services.recovery_codes_regenerate(user=staff_user)

    page = client.get(DISABLE)
    wrong = client.post(DISABLE, {"code": "000000"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    right = client.post(DISABLE, {"code": authenticator_code(device)})

    assert page.status_code == 200
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    assert right.url == OVERVIEW
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    assert not StaticDevice.objects.filter(user=staff_user).exists()
    assert '"event": "two_factor_disabled"' in caplog.text
    assert _sign_in(client, staff_user).url == WORKSPACE


def test_staff_turn_it_off_with_a_recovery_code(client, staff_user):
    force_login_verified(client, staff_user)
    code = services.recovery_codes_regenerate(user=staff_user)[3]

    response = client.post(DISABLE, {"code": code})

    assert response.url == OVERVIEW
    assert not TOTPDevice.objects.filter(user=staff_user).exists()


def test_advisers_cannot_turn_it_off(client):
    adviser = AdviserFactory()
    device = force_login_verified(client, adviser)

    page = client.get(DISABLE)
    post = client.post(DISABLE, {"code": authenticator_code(device)})
    overview = client.get(OVERVIEW).content.decode()

    assert page.status_code == 403
    assert post.status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert f'href="{DISABLE}"' not in overview
    assert "Your role requires two-step sign-in, so it stays on." in overview


def test_the_service_refuses_to_turn_it_off_for_advisers():
    adviser = AdviserFactory()
    device = AuthenticatorFactory(user=adviser)

    with pytest.raises(Exception, match="requires two-step sign-in"):
        services.two_factor_disable(user=adviser, token=authenticator_code(device))


def test_turn_off_is_for_signed_in_people_only(client):
    assert client.get(DISABLE).url.startswith(LOGIN)


def test_turning_off_without_an_app_leads_to_the_overview(client, staff_user):
    client.force_login(staff_user)

    assert client.get(DISABLE).url == OVERVIEW


def test_the_overview_says_whether_it_is_on(client, staff_user):
    client.force_login(staff_user)
    off = client.get(OVERVIEW).content.decode()
    force_login_verified(client, staff_user)
    services.recovery_codes_regenerate(user=staff_user)
    on = client.get(OVERVIEW).content.decode()

    assert "<strong>Off.</strong>" in off
    assert "<strong>On.</strong>" in on
    assert "10 unused recovery codes left." in on
    assert f'href="{DISABLE}"' in on


def test_the_overview_needs_the_second_step_and_a_sign_in(client):
    adviser = AdviserFactory()
    client.force_login(adviser)

    assert client.get(OVERVIEW).url == f"{SETUP}?next=%2Faccounts%2Ftwo-factor%2F"
    client.logout()
    assert client.get(OVERVIEW).url.startswith(LOGIN)


# --- Half signed in: only the second step ----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        WORKSPACE,
        reverse("monitoring:activity_list"),
        reverse("monitoring:indicator_update_list"),
        reverse("accounts:password_change"),
        OVERVIEW,
    ],
)
def test_a_half_signed_in_adviser_reaches_only_the_second_step(client, url):
    client.force_login(AdviserFactory())

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_a_half_signed_in_person_cannot_change_the_password(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-77",
            "new_password2": "a-new-long-passphrase-77",
        },
    )

    assert response.url.startswith(VERIFY)
    adviser.refresh_from_db()
    assert adviser.check_password(PASSWORD)


def test_the_sign_in_page_sends_a_half_signed_in_person_to_the_second_step(client):
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    client.force_login(adviser)

    response = client.get(LOGIN + "?next=/admin/")

    assert response.url == f"{VERIFY}?next=%2Fadmin%2F"


def test_a_verified_adviser_uses_the_workspace(client):
    force_login_verified(client, AdviserFactory())

    assert client.get(WORKSPACE).status_code == 200


# --- Lost phone: a superuser removes it --------------------------------------------------------


def test_a_superuser_removes_a_persons_second_factor_in_the_admin(client, superuser, caplog):
    caplog.set_level(logging.INFO, logger="portal.security")
    adviser = AdviserFactory()
    AuthenticatorFactory(user=adviser)
    services.recovery_codes_regenerate(user=adviser)
    force_login_verified(client, superuser)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "remove_two_factor", "index": 0, ACTION_CHECKBOX_NAME: [adviser.pk]},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=adviser).exists()
    assert not StaticDevice.objects.filter(user=adviser).exists()
    assert '"event": "two_factor_removed"' in caplog.text
    assert f'"by": "{superuser.email}"' in caplog.text


def test_advisers_cannot_remove_a_second_factor(client):
    colleague = AdviserFactory()
    AuthenticatorFactory(user=colleague)
    force_login_verified(client, AdviserFactory())

    listing = client.get(reverse("admin:accounts_user_changelist"))
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "remove_two_factor", "index": 0, ACTION_CHECKBOX_NAME: [colleague.pk]},
    )

    assert "remove_two_factor" not in listing.content.decode()
    assert TOTPDevice.objects.filter(user=colleague).exists()


def test_manage_py_removes_a_second_factor(caplog):
    caplog.set_level(logging.INFO, logger="portal.security")
    adviser = AdviserFactory(email="adviser@giz.example.org")
    AuthenticatorFactory(user=adviser)
    out = StringIO()

    call_command("two_factor_remove", "Adviser@GIZ.example.org", stdout=out)

    assert "Removed two-step sign-in of adviser@giz.example.org" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=adviser).exists()
    assert '"by": "manage.py"' in caplog.text


def test_manage_py_names_an_unknown_account():
    with pytest.raises(CommandError, match="No account has the email address"):
        call_command("two_factor_remove", "nobody@example.org", stdout=StringIO())


def test_the_admin_never_shows_a_devices_key_again(client, superuser):
    device = AuthenticatorFactory(user=UserFactory())
    force_login_verified(client, superuser)

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    config = client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))

    assert device.key not in page.content.decode()
    assert config.status_code == 403


# --- Forms and the workspace panel -------------------------------------------------------------


def test_the_code_form_accepts_pasted_spaces():
    form = AuthenticatorCodeForm({"code": " 123 456 "})

    assert form.is_valid()
    assert form.cleaned_data["code"] == "123456"


def test_the_workspace_panel_shows_an_advisers_codes_left(client):
    adviser = AdviserFactory()
    force_login_verified(client, adviser)
    services.recovery_codes_regenerate(user=adviser)

    html = client.get(WORKSPACE).content.decode()

    assert "On: you sign in with your password and a code from your phone. 10 recovery" in html
    assert f'href="{OVERVIEW}"' in html


def test_the_workspace_query_count_stays_flat_with_two_step_sign_in(client, staff_user):
    force_login_verified(client, staff_user)
    services.recovery_codes_regenerate(user=staff_user)
    once = query_count(client, WORKSPACE)
    services.recovery_codes_regenerate(user=staff_user)

    assert query_count(client, WORKSPACE) == once
