"""Files that are refused as a whole: a clear message on the upload page, and
nothing written (no SpreadsheetImport row, no update)."""

import io
import re
import time
import zipfile

import pytest
from django.test import override_settings
from openpyxl import Workbook

from apps.monitoring.models import Activity, IndicatorUpdate, SpreadsheetImport
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.factories import ReportingPeriodFactory
from tests.programme.factories import UnitFactory

from .helpers import (
    ACTIVITIES_TEMPLATE,
    as_bytes,
    download,
    fill,
    fill_activity,
    headers,
    problems_of,
    updates_template_url,
    upload,
)

pytestmark = pytest.mark.django_db


def refused(response) -> list[str]:
    """The upload page came back with problems and nothing was stored."""
    assert response.status_code == 200, response.status_code
    assert not SpreadsheetImport.objects.exists()
    assert not IndicatorUpdate.objects.exists()
    assert not Activity.objects.exists()
    return problems_of(response)


def zipped(entries: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return output.getvalue()


def rewritten(content: bytes, change) -> bytes:
    """The workbook with each entry's bytes passed through change(name, data)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return output.getvalue()


@pytest.fixture
def template(signed_in, indicators, period):
    return download(signed_in, updates_template_url(period))


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4 a report", "report.xlsx", "This file is not an Excel workbook (.xlsx)."),
        (b"code,value\n1.1.a,10\n", "figures.xlsx", "This file is not an Excel workbook (.xlsx)."),
        (b"code,value\n1.1.a,10\n", "figures.csv", "This is a CSV or text file."),
        (zipped({"word/document.xml": b"<w/>"}), "memo.xlsx", "not an Excel workbook (.xlsx)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "protected.xlsx",
            "This file is protected with a password, or it is an old Excel file (.xls).",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.xls", "old Excel file (.xls)"),
    ],
)
def test_what_is_not_a_workbook_is_refused(signed_in, period, content, name, message):
    problems = refused(upload(signed_in, content, period=period, name=name))

    assert any(message in problem for problem in problems), problems


def test_a_macro_enabled_workbook_is_refused_by_name_and_by_content(signed_in, template, period):
    content = as_bytes(template)
    with_macros = rewritten(content, lambda name, data: data)
    with_macros = zipfile.ZipFile(io.BytesIO(with_macros))
    entries = {item: with_macros.read(item) for item in with_macros.namelist()}
    macro_type = entries["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
    )

    for upload_content, name in [
        (content, "figures.xlsm"),
        (zipped({**entries, "xl/vbaProject.bin": b"\0macro"}), "figures.xlsx"),
        (zipped({**entries, "[Content_Types].xml": macro_type}), "figures.xlsx"),
    ]:
        problems = refused(upload(signed_in, upload_content, period=period, name=name))
        assert any("This workbook contains macros" in problem for problem in problems), name


def test_a_zip_bomb_is_refused_before_it_is_unpacked(signed_in, template, period):
    content = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * 3_000_000})
    assert len(content) < 10_000

    with override_settings(PORTAL_IMPORT_MAX_BYTES=100_000):
        problems = refused(upload(signed_in, content, period=period))

    assert any("The file unpacks to 2.9 MB" in problem for problem in problems), problems


def test_the_size_limit_holds_at_its_boundary(signed_in, template, period):
    fill(template, "1.1.a", Value=10)
    content = as_bytes(template)

    with override_settings(PORTAL_IMPORT_MAX_BYTES=len(content) - 1):
        problems = refused(upload(signed_in, content, period=period))
    with override_settings(PORTAL_IMPORT_MAX_BYTES=len(content)):
        accepted = upload(signed_in, content, period=period)

    assert len(problems) == 1
    assert problems[0].startswith("The file is larger than ")
    assert problems[0].endswith(" KB. Import fewer rows at a time: split the rows over two files.")
    assert accepted.status_code == 302
    assert SpreadsheetImport.objects.count() == 1


def activities_with(signed_in, rows: int) -> bytes:
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)
    for number in range(2, rows + 2):
        fill_activity(
            workbook,
            number,
            Title=f"Briefing {number}",
            Date="14/05/2019",
            Type="Meeting",
            Women=3,
            Men=2,
            Other_or_not_stated=0,
            Persons_with_disabilities=0,
            Disability_not_stated=0,
        )
    return as_bytes(workbook)


def test_the_row_limit_holds_at_its_boundary(signed_in, staff, indicators):
    with override_settings(PORTAL_IMPORT_MAX_ROWS=3):
        problems = refused(upload(signed_in, activities_with(signed_in, 4), kind="activities"))
        accepted = upload(signed_in, activities_with(signed_in, 3), kind="activities")

    assert problems == [
        "Nothing was imported: the file has 1 problem, listed below.",
        "The sheet Activities has more than 3 rows below its header: import at most 3 at a "
        "time (split the rows over several files).",
    ] or problems == [
        "The sheet Activities has more than 3 rows below its header: import at most 3 at a "
        "time (split the rows over several files)."
    ]
    assert accepted.status_code == 302
    assert "Import 3 rows" in signed_in.get(accepted.url).content.decode()


def big_sheet(header: list[str], rows: int) -> Workbook:
    """A workbook with the template's header, its About sheet and `rows` rows, written
    quickly (write-only: no declared dimension, so the rows are counted)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Activities")
    sheet.append(header)
    for number in range(rows):
        sheet.append([f"Activity {number}", "14/05/2019"])
    about = workbook.create_sheet("About this file")
    for fact in (["Kind", "Activities"], ["Unit", "CRD"], ["Template version", "1"]):
        about.append(fact)
    return workbook


def test_ten_thousand_rows_are_refused_at_once(signed_in, staff):
    header = list(headers(download(signed_in, ACTIVITIES_TEMPLATE)["Activities"]))
    content = as_bytes(big_sheet(header, 10_000))

    started = time.monotonic()
    problems = refused(upload(signed_in, content, kind="activities"))
    took = time.monotonic() - started

    assert problems == [
        "The sheet Activities has more than 500 rows below its header: import at most 500 at "
        "a time (split the rows over several files)."
    ] or any("more than 500 rows" in problem for problem in problems), problems
    assert took < 5, f"took {took:.1f} s"


def test_a_sheet_that_understates_its_rows_is_still_refused(signed_in, staff, indicators):
    template = activities_with(signed_in, 0)
    workbook_rows = activities_with(signed_in, 1)
    assert template  # the template's layout, 1 filled row below
    many = io.BytesIO(workbook_rows)
    from openpyxl import load_workbook

    workbook = load_workbook(many)
    sheet = workbook["Activities"]
    columns = headers(sheet)
    for number in range(3, 603):
        for header, value in [("Title", f"Briefing {number}"), ("Type", "Meeting")]:
            sheet.cell(row=number, column=columns[header], value=value)
    content = rewritten(
        as_bytes(workbook),
        lambda name, data: (
            re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:B2"/>', data)
            if name.startswith("xl/worksheets/")
            else data
        ),
    )

    problems = refused(upload(signed_in, content, kind="activities"))

    assert any("more than 500 rows" in problem for problem in problems), problems


def test_a_formula_where_a_number_belongs_is_refused(signed_in, template, period):
    row = fill(template, "1.1.a", Value="=B9*2", Women="=1+1")

    problems = refused(upload(signed_in, template, period=period))

    assert (
        f"Sheet Updates, row {row}, column Value: holds a formula (=B9*2): type the number."
        in problems
    )
    assert (
        f"Sheet Updates, row {row}, column Women: holds a formula (=1+1): type the number."
        in problems
    )


def test_text_in_a_number_cell_is_refused(signed_in, template, period):
    row = fill(template, "1.1.a", Value="twelve")

    problems = refused(upload(signed_in, template, period=period))

    assert (
        f"Sheet Updates, row {row}, column Value: holds text (“twelve”): type a number, like 12 "
        "or 12.5." in problems
    )


def test_a_renamed_column_is_refused(signed_in, template, period):
    sheet = template["Updates"]
    sheet.cell(row=1, column=headers(sheet)["Women"], value="Female")

    problems = refused(upload(signed_in, template, period=period))

    assert any("“Female” is not a column of the template." in p for p in problems), problems
    assert any("the column “Women” is missing or was renamed." in p for p in problems), problems


def test_a_workbook_that_is_no_template_is_refused(signed_in, period):
    workbook = Workbook()
    workbook.active["A1"] = "Indicator code"

    problems = refused(upload(signed_in, workbook, period=period))

    assert problems == [
        "This file is not a template from the portal: its sheet “About this file” is missing. "
        "Download the template from this page and fill it in."
    ]


def test_another_units_template_is_refused(client, staff, indicators, period):
    other = StaffUserFactory(unit=UnitFactory(abbreviation="ACD"))
    client.force_login(other)
    theirs = download(client, updates_template_url(period))
    client.force_login(staff)

    problems = refused(upload(client, theirs, period=period))

    assert problems == [
        "This template is for another unit (ACD), not yours (CRD): download your unit's "
        "template from this page."
    ]


def test_another_periods_template_is_refused(signed_in, template, period):
    other = ReportingPeriodFactory()
    fill(template, "1.1.a", Value=10)

    problems = refused(upload(signed_in, template, period=other))

    assert problems == [
        f"This template is for the reporting period 2019 Q3, not {other.name}: choose 2019 Q3 "
        f"above (if it is still open), or download the template for {other.name}."
    ]


def test_an_activities_template_sent_as_updates_is_refused(signed_in, staff, period):
    content = activities_with(signed_in, 1)

    problems = refused(upload(signed_in, content, period=period, kind="updates"))

    assert problems == [
        "This is a template for activities, not for indicator updates: choose “Activities” "
        "above, or download the template for indicator updates."
    ]


def test_a_sheet_that_declares_too_many_rows_is_refused_before_its_cells_are_read(
    signed_in, staff, indicators
):
    content = rewritten(
        activities_with(signed_in, 1),
        lambda name, data: (
            re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:T10001"/>', data)
            if name.startswith("xl/worksheets/")
            else data
        ),
    )

    problems = refused(upload(signed_in, content, kind="activities"))

    assert any("more than 500 rows" in problem for problem in problems), problems
