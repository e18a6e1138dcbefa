"""Component 1's main task, end to end (issue 12's "done when"): staff of the Legal
Services and Agreements Directorate log a legal instrument's move to "adopted", staff of
Corporate Affairs a process improvement's stage with its before/after measure, an
adviser approves both in the admin, and the component page shows them under their
workstreams."""

import datetime
import re

from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.monitoring.models import ReviewStatus
from apps.processes.models import LegalInstrument, ProcessImprovement, Workstream
from apps.processes.services import processes_facts_load
from tests.processes.factories import LegalInstrumentFactory

from .marks import BROWSER

pytestmark = BROWSER

INSTRUMENT = "ASEAN model contract for procurement"
IMPROVEMENT = "Recruitment of professional staff"


def fill_date(page: Page, name: str, day: datetime.date) -> None:
    """A date's three boxes (day, month, year), as a person types them."""
    for part, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"[name={name}_{part}]").fill(str(value))


def test_legal_and_corporate_staff_log_progress_an_adviser_approves_the_public_sees_it(
    open_page,
):
    processes_facts_load()
    legal = User.objects.get(email="staff.legal@asean.example.org")
    LegalInstrumentFactory(
        title=INSTRUMENT,
        unit=legal.unit,
        created_by=legal,
        workstream=Workstream.objects.get(slug="legal-instruments"),
        stage=LegalInstrument.Stage.UNDER_CONSULTATION,
        consultation_started_on=datetime.date(2019, 10, 7),
    )

    # 1. LSAD: from the workspace panel to the draft, on to "adopted", submitted.
    page = open_page("/workspace/", user="staff-legal")
    panel = page.get_by_role("region", name="Organisational processes")
    panel.get_by_role("link", name="Legal instruments", exact=True).click()
    page.get_by_role("link", name=INSTRUMENT).click()
    page.get_by_role("link", name="Change").click()
    page.get_by_label("Stage reached").select_option(label="Adopted")
    page.get_by_label("Show on the public site").check()
    page.get_by_role("button", name="Submit for review").click()
    # Forgot the date: the error sits next to the field, nothing was sent.
    expect(page.get_by_text("Give the date it was adopted.").first).to_be_visible()
    fill_date(page, "adopted_on", datetime.date(2020, 5, 4))
    page.get_by_role("button", name="Submit for review").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))
    expect(page.get_by_text(f"“{INSTRUMENT}” was submitted for review.")).to_be_visible()

    # 2. CAD: a new process improvement, its stage and its before/after measure.
    page = open_page("/workspace/processes/improvements/new/", user="staff-corporate")
    page.get_by_label("Process").fill(IMPROVEMENT)
    expect(page.get_by_label("Workstream")).to_have_value(
        str(Workstream.objects.get(slug="strategic-hr").pk)
    )
    page.get_by_label("Stage reached").select_option(label="Piloted")
    fill_date(page, "mapped_on", datetime.date(2019, 2, 11))
    fill_date(page, "piloted_on", datetime.date(2020, 3, 2))
    page.get_by_label("Measure").fill("working days")
    page.get_by_label("Before", exact=True).fill("120")
    page.get_by_label("After", exact=True).fill("82")
    page.get_by_label("Show on the public site").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))

    # 3. The adviser approves both from the records' pages in the admin.
    for model, title in (("legalinstrument", INSTRUMENT), ("processimprovement", IMPROVEMENT)):
        page = open_page(f"/admin/processes/{model}/?status__exact=submitted", user="adviser")
        page.get_by_role("link", name=title).click()
        panel = page.get_by_role("region", name="Review")
        panel.get_by_role("button", name="Approve").click()
        expect(page.get_by_text("Nothing else waits for review.")).to_be_visible()

    assert LegalInstrument.objects.get().status == ReviewStatus.APPROVED
    improvement = ProcessImprovement.objects.get()
    assert (improvement.status, improvement.measure_before, improvement.measure_after) == (
        ReviewStatus.APPROVED,
        120,
        82,
    )

    # 4. The public: each under its workstream.
    page = open_page("/components/organisational-processes/")
    legal_workstream = page.get_by_role("article", name="Dispute settlement and legal instruments")
    expect(legal_workstream).to_contain_text(INSTRUMENT)
    expect(legal_workstream).to_contain_text("adopted (4 May 2020)")
    hr = page.get_by_role("article", name="Strategic human resources development")
    expect(hr).to_contain_text(IMPROVEMENT)
    expect(hr).to_contain_text("Working days: 120 → 82")
    expect(page.get_by_role("region", name="Process improvements by stage")).to_contain_text(
        "1 published process improvement"
    )
