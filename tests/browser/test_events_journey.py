"""The events app's main task, end to end (issue 15's "done when"): staff of the
Culture and Information Division create the next ASEAN Media Forum from the last
edition, add two sessions and a speaker and submit it; an adviser approves it in the
admin; a visitor finds it on /events/, reads its agenda and downloads its .ics; the
event's activity is in the division's monitoring log."""

import re
from urllib.parse import urljoin

from playwright.sync_api import Page, expect

from apps.events.models import Event
from apps.monitoring.models import ReviewStatus

from .marks import BROWSER

pytestmark = BROWSER


def last_edition() -> None:
    """The ASEAN Media Forum 2021, published, with its agenda."""
    from apps.accounts.models import User
    from apps.events.models import Series
    from apps.events.services import events_facts_load
    from tests.events.factories import EventFactory, SessionFactory, SpeakerFactory, jakarta

    events_facts_load()
    staff = User.objects.get(email="staff.information@asean.example.org")
    forum = EventFactory(
        title="ASEAN Media Forum 2021",
        slug="asean-media-forum-2021",
        series=Series.objects.get(slug="asean-media-forum"),
        unit=staff.unit,
        created_by=staff,
        status=ReviewStatus.APPROVED,
        starts_at=jakarta(2021, 9, 14, 9),
        ends_at=jakarta(2021, 9, 14, 12, 30),
    )
    SessionFactory(
        event=forum,
        title="Opening remarks",
        kind="talk",
        starts_at=jakarta(2021, 9, 14, 9),
        ends_at=jakarta(2021, 9, 14, 9, 30),
        speakers=[SpeakerFactory(name="Rizal Santoso", organisation="ASEAN Secretariat")],
    )


def fill_date(page: Page, name: str, day: int, month: int, year: int) -> None:
    page.locator(f'[name="{name}_0"]').fill(str(day))
    page.locator(f'[name="{name}_1"]').fill(str(month))
    page.locator(f'[name="{name}_2"]').fill(str(year))


def add_session(page: Page, title: str, start: str, end: str) -> None:
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Kind").select_option(label="Panel")
    fill_date(page, "day", 18, 10, 2022)
    page.get_by_label("Starts at").fill(start)
    page.get_by_label("Ends at").fill(end)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"“{title}” was added to the agenda.")).to_be_visible()


def test_next_media_forum_from_the_workspace_to_the_visitors_calendar(open_page):
    last_edition()

    # 1. CID staff make the next edition from the workspace's events panel.
    page = open_page("/workspace/", user="staff-information")
    panel = page.get_by_role("region", name="Events")
    expect(panel).to_contain_text("Next edition after “ASEAN Media Forum 2021”")
    fill_date(page, "starts_on", 18, 10, 2022)
    with page.expect_navigation():
        panel.get_by_role("button", name=re.compile("Create next edition")).click()
    expect(page.get_by_role("heading", name="ASEAN Media Forum 2022", level=1)).to_be_visible()
    expect(page.get_by_text("was made from “ASEAN Media Forum 2021” as a draft")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Opening remarks")  # the copied agenda

    # 2. Two sessions and a speaker.
    add_session(page, "Panel: trust in regional news", "09:30", "11:00")
    add_session(page, "Panel: newsrooms and AI", "11:30", "12:30")
    page.get_by_role("link", name="Add a speaker").click()
    page.get_by_label("Name").fill("Maria Dela Cruz")
    page.get_by_label("Organisation").fill("Manila Morning Post")
    page.get_by_label("Panel: trust in regional news").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Maria Dela Cruz was added as a speaker.")).to_be_visible()

    # 3. Submitted for review.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("was submitted for review")).to_be_visible()
    event = Event.objects.get(title="ASEAN Media Forum 2022")
    assert event.status == ReviewStatus.SUBMITTED

    # 4. An adviser approves it in the admin.
    admin = open_page("/admin/events/event/?status__exact=submitted", user="adviser")
    admin.get_by_role("link", name="ASEAN Media Forum 2022").click()
    admin.get_by_role("region", name="Review").get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Approved “ASEAN Media Forum 2022”.")).to_be_visible()

    # 5. A visitor finds it on /events/ and reads its agenda.
    visitor = open_page("/events/")
    visitor.get_by_label("Kind").select_option(label="Forum")
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Show events").click()
    visitor.get_by_role("link", name="ASEAN Media Forum 2022").click()
    agenda = visitor.get_by_role("region", name="Agenda")
    expect(agenda).to_contain_text("Tuesday 18 October 2022")
    expect(agenda).to_contain_text("9:30–11:00")
    expect(agenda).to_contain_text("Panel: trust in regional news")
    expect(agenda).to_contain_text("Maria Dela Cruz")
    expect(visitor.get_by_role("main")).to_contain_text("Jakarta time (UTC+7)")

    # 6. … and adds it to a calendar.
    link = visitor.get_by_role("link", name="Add to your calendar (.ics)")
    ics = visitor.request.get(urljoin(visitor.url, link.get_attribute("href")))
    assert ics.headers["content-type"] == "text/calendar; charset=utf-8"
    body = ics.text()
    assert "SUMMARY:ASEAN Media Forum 2022\r\n" in body
    assert "DTSTART:20221018T020000Z\r\n" in body

    # 7. The event's activity is in the division's monitoring log.
    log = open_page("/workspace/activities/", user="staff-information")
    expect(log.get_by_role("link", name="ASEAN Media Forum 2022")).to_be_visible()
