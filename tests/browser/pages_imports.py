"""Browser-test cases of the spreadsheet import (apps/monitoring/import_views.py): see
pages.py. The "staff" account (CRD) has CRD-1.a (a number broken down by sex) and
CRD-1.b (a percentage, with a returned update) to report for 2020 Q1 (tests/browser/
conftest.py). The preview states fill the unit's template in, as a person does in
Excel, and upload it through the page's form."""

from collections.abc import Callable

from playwright.sync_api import Page

from .pages import PageCase, submit_empty_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled_template(*, women: int) -> bytes:
    """The staff member's template for 2020 Q1 with CRD-1.a (value 10, `women` of them)
    and CRD-1.b (3 of 5) filled in."""
    import io

    from openpyxl import load_workbook

    from apps.accounts.models import User
    from apps.monitoring.models import ReportingPeriod
    from apps.monitoring.spreadsheets.templates import updates_template

    staff = User.objects.get(email="staff@asean.example.org")
    period = ReportingPeriod.objects.get(name="2020 Q1")
    workbook = load_workbook(io.BytesIO(updates_template(user=staff, period=period)))
    sheet = workbook["Updates"]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    figures = {
        "CRD-1.a": {"Value": 10, "Women": women, "Men": 4},
        "CRD-1.b": {"Numerator": 3, "Denominator": 5, "Comment": "The venue had no ramp."},
    }
    for row in range(2, sheet.max_row + 1):
        for header, value in figures.get(sheet.cell(row=row, column=1).value, {}).items():
            sheet.cell(row=row, column=columns[header], value=value)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(*, women: int) -> Callable[[Page], None]:
    """A state: upload the filled template from the import page (a preview follows)."""

    def run(page: Page) -> None:
        main = page.get_by_role("main")
        main.get_by_label("Indicator updates").check()
        main.get_by_label("Reporting period").select_option(label="2020 Q1")
        content = filled_template(women=women)
        main.locator("input[type=file]").set_input_files(
            files=[{"name": "crd-2020-q1.xlsx", "mimeType": XLSX, "buffer": content}]
        )
        with page.expect_navigation():
            main.get_by_role("button", name="Check the file").click()

    return run


PAGES = [
    PageCase("spreadsheet import", "/workspace/imports/", user="staff"),
    PageCase("spreadsheet import at 375px", "/workspace/imports/", user="staff", width=375),
    PageCase(
        "spreadsheet import with errors",
        "/workspace/imports/",
        user="staff",
        state=submit_empty_form,
    ),
    PageCase(
        "spreadsheet import with errors at 375px",
        "/workspace/imports/",
        user="staff",
        width=375,
        state=submit_empty_form,
    ),
    PageCase(
        "spreadsheet import preview with row problems",
        "/workspace/imports/",
        user="staff",
        state=upload(women=12),
    ),
    PageCase(
        "spreadsheet import preview with row problems at 375px",
        "/workspace/imports/",
        user="staff",
        width=375,
        state=upload(women=12),
    ),
    PageCase(
        "spreadsheet import preview",
        "/workspace/imports/",
        user="staff",
        state=upload(women=6),
    ),
    PageCase(
        "spreadsheet import preview at 375px",
        "/workspace/imports/",
        user="staff",
        width=375,
        state=upload(women=6),
    ),
]
