"""The connectivity component's main task, end to end: the ASEAN Connectivity
Division records a coordination meeting with its decisions and three action items
(one overdue, flagged in the workspace), an initiative's progress and a city's
action; an adviser approves them in the admin; the public component page shows
them, decisions but not internal notes."""

import re

from playwright.sync_api import Page, expect

from apps.connectivity.models import CoordinationMeeting, Initiative, UrbanisationAction
from apps.connectivity.services import connectivity_facts_load
from apps.monitoring.models import ReviewStatus

from .marks import BROWSER

pytestmark = BROWSER


def fill_date(page: Page, name: str, day: int, month: int, year: int) -> None:
    page.locator(f'[name="{name}_0"]').fill(str(day))
    page.locator(f'[name="{name}_1"]').fill(str(month))
    page.locator(f'[name="{name}_2"]').fill(str(year))


def fill_item(page: Page, index: int, description: str, due: tuple, done: tuple | None = None):
    prefix = f"items-{index}-"
    page.locator(f'[name="{prefix}description"]').fill(description)
    page.locator(f'[name="{prefix}owner"]').fill("ASEAN Connectivity Division")
    fill_date(page, prefix + "due_on", *due)
    if done:
        page.locator(f'[name="{prefix}status"][value="done"]').check()
        fill_date(page, prefix + "done_on", *done)


def submit_for_review(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for review").click()


def test_division_records_a_meeting_and_an_adviser_publishes_it(open_page):
    connectivity_facts_load()
    page = open_page("/workspace/", user="staff-connectivity")

    # 1. The coordination meeting with its decisions and three action items.
    page.get_by_role("link", name="Record a coordination meeting").click()
    page.get_by_label("Coordination body").select_option(
        label="ASEAN Connectivity Coordinating Committee (ACCC)"
    )
    fill_date(page, "held_on", 23, 3, 2021)
    page.get_by_label("Held online").check()
    page.get_by_label("Indonesia").check()
    page.get_by_label("Viet Nam").check()
    page.get_by_label("Agenda").fill("Mid-term review of MPAC 2025")
    page.get_by_label("Decisions").fill("The ACCC endorsed the terms of reference of the review.")
    page.get_by_label("Internal notes").fill("Two delegations asked for the draft early.")
    page.get_by_label("Show on the public site").check()
    fill_item(page, 0, "Circulate the terms of reference", (15, 4, 2021), done=(12, 4, 2021))
    fill_item(page, 1, "Collect the national reports", (31, 5, 2021), done=(2, 7, 2021))
    fill_item(page, 2, "Report progress on people mobility", (30, 9, 2021))
    submit_for_review(page)

    # Back in the workspace: the open item, past its due date, flagged in words.
    expect(page.get_by_text("was submitted for review")).to_be_visible()
    follow_ups = page.locator(".connectivity-follow-ups")
    expect(follow_ups).to_contain_text("Overdue since 1 October 2021")
    expect(follow_ups).to_contain_text("Report progress on people mobility")
    expect(follow_ups).not_to_contain_text("Circulate the terms of reference")

    # 2. An initiative's progress.
    page.get_by_role("link", name="Record an initiative").click()
    page.get_by_label("Title").fill("Rolling pipeline of infrastructure projects")
    page.get_by_label("MPAC strategic area").select_option(label="Sustainable infrastructure")
    page.locator('[name="lead"]').fill("ASEAN Connectivity Division")
    fill_date(page, "start_date", 15, 1, 2019)
    page.locator('[name="progress"]').select_option(label="Ongoing")
    page.get_by_label("Progress note").fill("19 projects in the first pipeline.")
    page.get_by_label("Malaysia").check()
    page.get_by_label("Show on the public site").check()
    submit_for_review(page)
    expect(page.get_by_text("was submitted for review")).to_be_visible()

    # 3. A city's action.
    page.get_by_role("link", name="Record a city action").click()
    page.get_by_label("Title").fill("Flood early warning system")
    page.locator('[name="city"]').select_option(label="Da Nang (Viet Nam)")
    page.get_by_label("ASUS focus area").select_option(label="Security")
    page.locator('[name="progress"]').select_option(label="Ongoing")
    fill_date(page, "start_date", 1, 9, 2019)
    page.get_by_label("Show on the public site").check()
    submit_for_review(page)
    expect(page.get_by_text("was submitted for review")).to_be_visible()

    # 4. The adviser approves each from its page in the admin.
    admin = open_page("/admin/", user="adviser")
    for model in ("coordinationmeeting", "initiative", "urbanisationaction"):
        admin.goto(re.sub(r"/admin/.*", "", admin.url) + f"/admin/connectivity/{model}/")
        admin.locator("#result_list tbody tr th a, #result_list tbody tr td a").first.click()
        admin.get_by_role("button", name="Approve").click()
        expect(admin.get_by_text("Nothing else waits for review.")).to_be_visible()

    assert {
        CoordinationMeeting.objects.get().status,
        Initiative.objects.get().status,
        UrbanisationAction.objects.get().status,
    } == {ReviewStatus.APPROVED}

    # 5. The public component page shows them; the internal notes stay internal.
    public = open_page("/components/connectivity/")
    expect(public.get_by_text("Rolling pipeline of infrastructure projects")).to_be_visible()
    expect(public.get_by_text("Da Nang (Viet Nam): Flood early warning system")).to_be_visible()
    expect(
        public.get_by_text("The ACCC endorsed the terms of reference of the review.")
    ).to_be_visible()
    expect(public.get_by_role("img", name=re.compile("Public MPAC initiatives"))).to_be_visible()
    expect(public.get_by_role("row", name=re.compile("^Viet Nam 0 1 1$"))).to_be_visible()
    assert "Two delegations asked" not in public.content()
