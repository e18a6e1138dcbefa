"""Corporate Affairs staff record a policy review with two recommendations and a
workforce snapshot in the browser; an adviser approves both in the admin; the
component page shows them, the workforce through the disclosure rule."""

from playwright.sync_api import expect

from apps.inclusion.models import PolicyReview, StaffCategory, WorkforceSnapshot
from apps.inclusion.services import inclusion_facts_load
from apps.monitoring.models import ReviewStatus

from .marks import BROWSER

pytestmark = BROWSER


def _date(page, name: str, day: int, month: int, year: int) -> None:
    page.locator(f'[name="{name}_0"]').fill(str(day))
    page.locator(f'[name="{name}_1"]').fill(str(month))
    page.locator(f'[name="{name}_2"]').fill(str(year))


def test_corporate_staff_record_an_adviser_approves_the_public_sees_it_suppressed(open_page):
    inclusion_facts_load()

    # 1. The policy review, with two recommendations, sent for review.
    page = open_page("/workspace/", user="staff-corporate")
    page.get_by_role("link", name="Add a policy review").click()
    page.locator('[name="title"]').fill("Recruitment rules of the Secretariat")
    page.get_by_label("Gender equality").check()
    page.locator('[name="stage"]').select_option("recommendations_made")
    _date(page, "started_on", 1, 2, 2019)
    _date(page, "recommendations_on", 30, 9, 2019)
    page.locator('[name="findings"]').fill("Selection panels were often all men.")
    page.locator('[name="is_public"]').check()
    page.locator('[name="recommendations-0-text"]').fill("Gender-balanced selection panels.")
    page.locator('[name="recommendations-0-owner"]').fill("Human Resources Division")
    page.locator('[name="recommendations-0-status"]').select_option("implemented")
    page.locator('[name="recommendations-1-text"]').fill("Offer reasonable accommodation in tests.")
    _date(page, "recommendations-1-due_on", 30, 6, 2021)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("was submitted for review")).to_be_visible()

    # 2. The workforce snapshot: first with totals that disagree, then right.
    page.get_by_role("link", name="Add a workforce snapshot").click()
    _date(page, "as_of", 31, 12, 2021)
    page.locator('[name="source"]').fill("HR information system, year-end headcount")
    page.locator('[name="is_public"]').check()
    counts = {
        # women, men, other or not stated; with, without, not stated a disability
        "professional": (61, 68, 6, 2, 121, 12),
        "general-service": (111, 88, 8, 8, 184, 16),
    }
    for slug, numbers in counts.items():
        category = StaffCategory.objects.get(slug=slug)
        for group, number in zip(
            (
                "women",
                "men",
                "sex_other",
                "with_disability",
                "without_disability",
                "disability_not_stated",
            ),
            numbers,
            strict=True,
        ):
            page.locator(f'[name="count_{category.pk}_{group}"]').fill(str(number))
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_text("General service staff: The counts by disability add up to 208").first
    ).to_be_visible()
    assert not WorkforceSnapshot.objects.exists()
    general = StaffCategory.objects.get(slug="general-service")
    page.locator(f'[name="count_{general.pk}_disability_not_stated"]').fill("15")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("was submitted for review")).to_be_visible()

    # 3. The adviser approves both from the records' pages in the admin.
    admin = open_page("/admin/inclusion/policyreview/?status__exact=submitted", user="adviser")
    admin.get_by_role("link", name="Recruitment rules of the Secretariat").click()
    expect(admin.get_by_text("Gender-balanced selection panels.", exact=True).first).to_be_visible()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Nothing else waits for review.")).to_be_visible()
    admin.goto(
        admin.url.split("/admin/")[0]
        + "/admin/inclusion/workforcesnapshot/?status__exact=submitted"
    )
    admin.get_by_role("link", name="Workforce on 31 December 2021").click()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Nothing else waits for review.")).to_be_visible()
    assert PolicyReview.objects.get().status == ReviewStatus.APPROVED
    assert WorkforceSnapshot.objects.get().status == ReviewStatus.APPROVED

    # 4. The public page: the review, 1 of 2 recommendations implemented, and the
    # workforce rounded, with the two professional staff with a disability withheld.
    visitor = open_page("/components/diversity-inclusion/")
    expect(
        visitor.get_by_role("heading", name="Recruitment rules of the Secretariat")
    ).to_be_visible()
    expect(visitor.get_by_text("1 of 2", exact=True)).to_be_visible()
    disability = visitor.get_by_role("table", name="By disability, 31 December 2021")
    professional = disability.get_by_role("row", name="Professional staff")
    expect(professional).to_contain_text("fewer than 5")
    expect(professional).to_contain_text("135")  # 135 staff, rounded: shown as 135
    expect(disability).not_to_contain_text("121")  # "without" is rounded to 120
    expect(visitor.get_by_role("img", name="Share of women by staff category")).to_be_visible()
