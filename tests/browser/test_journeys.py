"""End-to-end journeys through the portal, as people take them. Later issues add theirs.

Assertions use Playwright's `expect`, which waits for the page a click leads to,
so a journey never checks the page it is leaving.
"""

import re

from playwright.sync_api import expect

from apps.programme.models import Component
from tests.accounts.factories import PASSWORD, AuthenticatorFactory, authenticator_code
from tests.monitoring.factories import IndicatorFactory, ResultFactory

from .marks import BROWSER

pytestmark = BROWSER


def _sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _admin_action(page, *, record: str, action: str) -> None:
    """In an admin changelist: tick the record's row, choose the action, press Go."""
    page.get_by_role("row").filter(has_text=record).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def test_visitor_reads_the_home_page_follows_a_component_and_returns(open_page):
    page = open_page("/")
    expect(page.locator("h1")).to_contain_text("ASEAN Secretariat")

    page.get_by_role("main").get_by_role("link", name="Diversity and inclusion").click()

    expect(page).to_have_url(re.compile(r"/components/diversity-inclusion/$"))
    expect(page.locator("h1")).to_have_text("Diversity and inclusion")
    expect(page.get_by_text("Corporate Affairs Directorate").first).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="The programme's 3 components")).to_be_visible()


def test_staff_signs_in_with_email_and_password_lands_on_workspace_and_signs_out(open_page, portal):
    page = open_page("/")
    page.get_by_role("link", name="Sign in").click()
    _sign_in(page, "Staff@ASEAN.example.org")

    expect(page).to_have_url(re.compile(r"/workspace/$"))
    expect(page.locator("h1")).to_have_text("Workspace")
    expect(page.get_by_text("Community Relations Division (CRD)")).to_be_visible()
    expect(page.get_by_text("Secretariat staff", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(portal.url + "/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(portal.url + "/workspace/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_wrong_password_shows_one_message_and_keeps_the_email(open_page):
    page = open_page("/accounts/login/")
    _sign_in(page, "staff@asean.example.org", password="not-the-password")

    expect(page).to_have_title(re.compile(r"^Error:"))
    expect(page.get_by_text("The email address or password is not correct.")).to_have_count(1)
    expect(page.get_by_label("Email address")).to_have_value("staff@asean.example.org")


def test_staff_logs_an_activity_with_one_form_and_one_submit(open_page):
    page = open_page("/accounts/login/")
    _sign_in(page, "staff@asean.example.org")
    page.get_by_role("link", name="Log an activity").click()

    page.get_by_label("Title*", exact=True).fill("Training on statistical data dissemination")
    page.get_by_label("Type*", exact=True).select_option(label="Training")
    date = page.get_by_role("group", name="Date*", exact=True)
    date.get_by_label("Day").fill("8")
    date.get_by_label("Month").fill("10")
    date.get_by_label("Year").fill("2019")
    page.get_by_label("Women*", exact=True).fill("14")
    page.get_by_label("Men*", exact=True).fill("11")
    page.get_by_label("Other or not stated*", exact=True).fill("0")
    page.get_by_label("Persons with disabilities*", exact=True).fill("2")
    page.get_by_label("Disability not stated*", exact=True).fill("0")
    page.get_by_label("Indonesia", exact=True).check()
    page.get_by_role("button", name="Submit for review").click()

    expect(page).to_have_url(re.compile(r"/workspace/$"))
    expect(
        page.get_by_text("“Training on statistical data dissemination” was submitted for review.")
    ).to_be_visible()
    submitted = page.get_by_role("region", name="Submitted for review")
    link = submitted.get_by_role("link", name="Training on statistical data dissemination")
    expect(link).to_be_visible()

    link.click()

    expect(page.locator("h1")).to_have_text("Training on statistical data dissemination")
    expect(page.locator(".portal-status")).to_have_text("Submitted")
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)


def test_an_update_is_submitted_returned_resubmitted_approved_and_published(open_page, portal):
    component = Component.objects.get(slug="organisational-processes")
    result = ResultFactory(component=component, code="1.9", title="Outreach reaches people")
    indicator = IndicatorFactory(
        result=result,
        code="1.9.a",
        title="Journalists trained on ASEAN affairs",
        unit_of_measure="journalists",
        baseline_value=0,
        target_value=40,
        responsible_unit=portal.users["staff"].unit,
        is_public=True,
    )

    # Staff report the indicator from the dashboard's "to report" list.
    staff = open_page("/accounts/login/")
    _sign_in(staff, "staff@asean.example.org")
    staff.get_by_role("link", name="Report 1.9.a for 2020 Q1").click()
    staff.get_by_label("Value*", exact=True).fill("12")
    staff.get_by_role("button", name="Submit for review").click()
    expect(staff.get_by_text("was submitted for review")).to_be_visible()

    # The adviser signs in with the password and a code from their app, and
    # returns it with a note, in the admin.
    device = AuthenticatorFactory(user=portal.users["adviser"])
    adviser = open_page("/accounts/login/")
    _sign_in(adviser, portal.users["adviser"].email)
    adviser.get_by_label("Code from your authenticator app").fill(authenticator_code(device))
    adviser.get_by_role("button", name="Continue").click()
    expect(adviser).to_have_url(re.compile(r"/admin/$"))
    adviser.goto(portal.url + "/admin/monitoring/indicatorupdate/")
    _admin_action(adviser, record="1.9.a", action="Return selected with a note…")
    adviser.get_by_label("Note to the authors").fill("The attendance list shows 10, not 12.")
    adviser.get_by_role("button", name="Return with this note").click()
    expect(adviser.get_by_text("Returned 1 indicator update with your note.")).to_be_visible()

    # Staff see the note on the dashboard, correct the value and submit again.
    staff.goto(portal.url + "/workspace/")
    expect(staff.get_by_text("The attendance list shows 10, not 12.")).to_be_visible()
    staff.goto(portal.url + f"/workspace/updates/{indicator.updates.get().pk}/edit/")
    staff.get_by_label("Value*", exact=True).fill("10")
    staff.get_by_role("button", name="Submit for review").click()
    expect(staff.get_by_text("was submitted for review")).to_be_visible()

    # The adviser approves it.
    adviser.goto(portal.url + "/admin/monitoring/indicatorupdate/")
    _admin_action(adviser, record="1.9.a", action="Approve selected")
    expect(adviser.get_by_text("Approved 1 indicator update")).to_be_visible()

    # The public sees the approved value against the target: 10 of 40 is 25 %.
    visitor = open_page("/results/")
    visitor.locator('a[href="/results/organisational-processes/"]').first.click()
    card = visitor.get_by_role("listitem").filter(has_text="Journalists trained on ASEAN affairs")
    expect(card.first).to_contain_text("10 of 40")
    expect(card.first).to_contain_text("25%")
    update = indicator.updates.get()
    assert (update.status, update.value) == ("approved", 10)
