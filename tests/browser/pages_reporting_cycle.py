"""Browser-test cases of the reporting cycle (see pages.py): the reporting-emails page
for staff and advisers, after saving and at 375 px, and the list of what to report
with each period's due date in words (an overdue period and one due in a fortnight)."""

from playwright.sync_api import Page

from .pages import PageCase

EMAILS = "/accounts/emails/"
DUE_LIST = "/workspace/updates/due/"


def saved(page: Page) -> None:
    """A state: untick "Send me reporting emails" and save (the success message)."""
    page.get_by_label("Send me reporting emails").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()


def two_periods_due() -> None:
    """Data: a period that runs now, due in 14 days, beside the overdue 2020 Q1."""
    import datetime

    from django.utils import timezone

    from tests.monitoring.factories import ReportingPeriodFactory

    today = timezone.localdate()
    ReportingPeriodFactory(
        name="Current quarter",
        start=today - datetime.timedelta(days=60),
        end=today - datetime.timedelta(days=1),
        due_date=today + datetime.timedelta(days=14),
    )


PAGES = [
    PageCase("reporting emails (staff)", EMAILS, user="staff"),
    PageCase("reporting emails (staff) at 375px", EMAILS, user="staff", width=375),
    PageCase("reporting emails (adviser)", EMAILS, user="adviser"),
    PageCase("reporting emails saved", EMAILS, user="staff", state=saved),
    PageCase("reporting emails saved at 375px", EMAILS, user="staff", width=375, state=saved),
    PageCase("to report with due dates", DUE_LIST, user="staff", data=two_periods_due),
    PageCase(
        "to report with due dates at 375px",
        DUE_LIST,
        user="staff",
        width=375,
        data=two_periods_due,
    ),
]
