"""An adviser reviews the queue from the records' own pages: approve, return with a
note, approve, without going back to the list."""

import re

from playwright.sync_api import expect

from apps.monitoring.models import Activity, ReviewStatus

from .marks import BROWSER
from .pages import review_queue

pytestmark = BROWSER


def test_adviser_reviews_three_records_in_a_row_from_their_pages(open_page):
    review_queue()
    page = open_page("/admin/monitoring/activity/?status__exact=submitted", user="adviser")

    # The queue: the longest waiting first, its missing participants marked.
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("Regional workshop on outreach")
    expect(rows.first.locator(".plausibility-mark")).to_be_visible()
    page.get_by_role("link", name="Regional workshop on outreach").click()

    # 1. Approve the oldest, after reading its warning.
    panel = page.get_by_role("region", name="Review")
    expect(panel.get_by_text("No participants counted, for a workshop.")).to_be_visible()
    expect(panel.get_by_text("2 more waiting")).to_be_visible()
    panel.get_by_role("button", name="Approve").click()

    # 2. On to the next one: return it, first forgetting the note.
    expect(page.get_by_role("heading", name="ASEAN Media Forum 2019")).to_be_visible()
    expect(page.get_by_text("Approved “Regional workshop on outreach”.")).to_be_visible()
    page.get_by_role("button", name="Return to the authors").click()
    expect(page.get_by_text("Write a note: the authors need to know why.")).to_be_visible()
    page.get_by_label("Note to the authors").fill("Please attach the participant list.")
    page.get_by_role("button", name="Return to the authors").click()

    # 3. And the last one: approve it; nothing else waits.
    heading = page.get_by_role("heading", name="Training on statistical data dissemination")
    expect(heading).to_be_visible()
    expect(page.get_by_text("Nothing else waiting")).to_be_visible()
    page.get_by_role("button", name="Approve").click()

    expect(page).to_have_url(re.compile(r"/admin/monitoring/activity/\?status__exact=submitted$"))
    expect(page.get_by_text("Nothing else waits for review.")).to_be_visible()
    # The message links back to the record just approved.
    expect(page.locator(".messagelist a")).to_have_text(
        "Training on statistical data dissemination"
    )

    decided = {
        activity.title: (activity.status, activity.review_note, activity.reviewed_by.email)
        for activity in Activity.objects.filter(reviewed_by__isnull=False).exclude(
            title="ASEAN Media Forum preparatory meeting"  # returned before the journey
        )
    }
    adviser = "adviser@giz.example.org"
    assert decided == {
        "Regional workshop on outreach": (ReviewStatus.APPROVED, "", adviser),
        "ASEAN Media Forum 2019": (
            ReviewStatus.RETURNED,
            "Please attach the participant list.",
            adviser,
        ),
        "Training on statistical data dissemination": (ReviewStatus.APPROVED, "", adviser),
    }
