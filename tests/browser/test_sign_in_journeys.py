"""Sign-in journeys in the browser: an adviser's first sign-in with two-step set-up,
a forgotten password, a lockout (docs/security.md)."""

import re
from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD

from .marks import BROWSER

pytestmark = BROWSER

NEW_PASSWORD = "violet-harbour-lantern-42"


def _sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_adviser_sets_up_two_step_sign_in_at_the_first_sign_in_and_reaches_the_admin(
    open_page, portal
):
    page = open_page("/admin/monitoring/activity/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    _sign_in(page, portal.users["adviser"].email)

    expect(page.locator("h1")).to_have_text("Set up two-step sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    key = page.locator("#setup-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(
        f"{TOTP(b32decode(key)).token():06d}"
    )
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    expect(page.locator("h1")).to_have_text("Your recovery codes")
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(
        10
    )
    page.get_by_role("link", name="I have saved them, continue").click()

    expect(page).to_have_url(re.compile(r"/admin/monitoring/activity/$"))


def test_a_person_resets_a_forgotten_password_by_email(open_page, portal, mailoutbox):
    page = open_page("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email address").fill("staff@asean.example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    # The first field labelled "New password…" is the password, then its confirmation.
    page.get_by_label("New password").first.fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator("h1")).to_have_text("Password reset")

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    _sign_in(page, "staff@asean.example.org", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/workspace/$"))


def test_five_wrong_passwords_pause_sign_in_with_a_page_that_says_what_to_do(open_page, portal):
    page = open_page("/accounts/login/")
    for _attempt in range(5):
        _sign_in(page, "staff@asean.example.org", "not-the-password")

    expect(page.locator("h1")).to_have_text("Sign-in paused")
    expect(page.get_by_text("Wait 15 minutes after your last attempt")).to_be_visible()
    expect(page.get_by_role("link", name="reset it by email")).to_be_visible()
