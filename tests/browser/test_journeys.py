"""End-to-end journeys through the portal, as people take them. Later issues add theirs."""

from tests.accounts.factories import PASSWORD

from .marks import BROWSER

pytestmark = BROWSER


def test_visitor_reads_the_home_page_follows_a_component_and_returns(open_page):
    page = open_page("/")
    assert page.locator("h1").inner_text().startswith("Strengthening the capacities")

    page.get_by_role("main").get_by_role("link", name="Diversity and inclusion").click()

    assert page.url.endswith("/components/diversity-inclusion/")
    assert page.locator("h1").inner_text() == "Diversity and inclusion"
    assert page.get_by_text("Corporate Affairs Directorate").is_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()

    assert page.url.endswith("/")
    assert page.get_by_role("heading", name="Three components").is_visible()


def test_staff_signs_in_with_email_and_password_lands_on_workspace_and_signs_out(open_page, portal):
    page = open_page("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("Staff@ASEAN.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    assert page.url.endswith("/workspace/")
    assert page.locator("h1").inner_text() == "Workspace"
    assert page.get_by_text("Community Relations Division (CRD)").is_visible()
    assert page.get_by_text("Secretariat staff").is_visible()

    page.get_by_role("button", name="Sign out").click()

    assert page.url == portal.url + "/"
    assert page.get_by_role("link", name="Sign in").is_visible()
    page.goto(portal.url + "/workspace/")
    assert "/accounts/login/" in page.url


def test_wrong_password_shows_one_message_and_keeps_the_email(open_page):
    page = open_page("/accounts/login/")
    page.get_by_label("Email address").fill("staff@asean.example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    assert page.title().startswith("Error:")
    assert page.get_by_text("The email address or password is not correct.").count() == 1
    assert page.get_by_label("Email address").input_value() == "staff@asean.example.org"


def test_staff_logs_an_activity_with_one_form_and_one_submit(open_page):
    page = open_page("/accounts/login/")
    page.get_by_label("Email address").fill("staff@asean.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Log an activity").click()

    page.get_by_label("Title*", exact=True).fill("Training on statistical data dissemination")
    page.get_by_label("Type*", exact=True).select_option(label="Training")
    page.get_by_label("Date*", exact=True).fill("2019-10-08")
    page.get_by_label("Women*", exact=True).fill("14")
    page.get_by_label("Men*", exact=True).fill("11")
    page.get_by_label("Persons with disabilities*", exact=True).fill("2")
    page.get_by_label("Indonesia", exact=True).check()
    page.get_by_role("button", name="Submit for review").click()

    assert page.url.endswith("/workspace/")
    assert page.get_by_text(
        "“Training on statistical data dissemination” was submitted for review."
    ).is_visible()
    submitted = page.get_by_role("region", name="Submitted for review")
    link = submitted.get_by_role("link", name="Training on statistical data dissemination")
    assert link.is_visible()

    link.click()

    assert page.locator("h1").inner_text() == "Training on statistical data dissemination"
    assert page.locator(".portal-status").inner_text() == "Submitted"
    assert page.get_by_role("button", name="Submit for review").count() == 0
