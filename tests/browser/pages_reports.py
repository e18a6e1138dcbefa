"""Browser-test cases of the progress report (apps/reporting; see pages.py): the public
annual summary /results/2020/ with seed_demo's monitoring records and a published
event of 2020, at 1280 and 375 px; the advisers' index (also with a report chosen) and
the print page, in the back office."""

from playwright.sync_api import Page

from .pages import PageCase, demo_results


def report_data() -> None:
    """Data: seed_demo's monitoring records and the ASEAN Media Forum 2020, published."""
    from apps.monitoring.models import ReviewStatus
    from apps.programme.models import Component, Unit
    from tests.accounts.factories import StaffUserFactory
    from tests.events.factories import EventFactory, jakarta

    demo_results()
    component = Component.objects.get(slug="organisational-processes")
    unit = Unit.objects.get(abbreviation="CID")
    EventFactory(
        title="ASEAN Media Forum 2020 (online)",
        slug="asean-media-forum-2020-report",
        unit=unit,
        created_by=StaffUserFactory(unit=unit),
        components=[component],
        status=ReviewStatus.APPROVED,
        online=True,
        venue="",
        starts_at=jakarta(2020, 11, 24, 9),
        ends_at=jakarta(2020, 11, 24, 16),
    )


def choose_a_report(page: Page) -> None:
    """A state: choose 2020 for publication and prepare the report: the links show."""
    page.get_by_label("Span").select_option("2020")
    page.get_by_label("For publication (apply the disclosure rule)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Prepare the report").click()


PAGES = [
    PageCase("annual summary 2020", "/results/2020/", data=report_data),
    PageCase("annual summary 2020 at 375px", "/results/2020/", width=375, data=report_data),
    PageCase("annual summary, nothing published yet", "/results/2019/"),
    PageCase("progress reports (adviser)", "/admin/reports/", user="adviser"),
    PageCase(
        "progress reports, a report chosen (adviser)",
        "/admin/reports/",
        user="adviser",
        state=choose_a_report,
    ),
    PageCase(
        "progress report 2020, print page (adviser)",
        "/admin/reports/2020/",
        user="adviser",
        data=report_data,
    ),
    PageCase(
        "progress report 2020 for publication, print page (adviser)",
        "/admin/reports/2020/?audience=publication",
        user="adviser",
        data=report_data,
    ),
]
