"""What the import tests share: downloading a template through the test client,
filling it in with openpyxl as a person does in Excel, and uploading it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

INDEX = reverse("imports:index")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def updates_template_url(period) -> str:
    return reverse("imports:updates_template", args=[period.pk])


ACTIVITIES_TEMPLATE = reverse("imports:activities_template")


def download(client, url: str) -> Workbook:
    """The template the client downloads, opened for filling in."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(response.content))


def headers(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def row_of(sheet, code: str) -> int:
    """The row of the indicator with `code` in an updates template."""
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == code:
            return row
    raise AssertionError(f"no row for {code}")


def fill(workbook: Workbook, code: str, **cells) -> int:
    """Type `cells` (header=value; underscores for spaces) into the indicator's row;
    returns the row number."""
    sheet = workbook["Updates"]
    columns = headers(sheet)
    row = row_of(sheet, code)
    for header, value in cells.items():
        sheet.cell(row=row, column=columns[header.replace("_", " ")], value=value)
    return row


def fill_activity(workbook: Workbook, row: int, **cells) -> None:
    sheet = workbook["Activities"]
    columns = headers(sheet)
    for header, value in cells.items():
        sheet.cell(row=row, column=columns[header.replace("_", " ")], value=value)


def as_bytes(workbook: Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(
    client,
    content: Workbook | bytes,
    *,
    kind: str = "updates",
    period=None,
    mode: str = "draft",
    name: str = "filled.xlsx",
):
    """Send the upload form as a browser does."""
    data = content if isinstance(content, bytes) else as_bytes(content)
    form = {
        "kind": kind,
        "period": period.pk if period is not None else "",
        "mode": mode,
        "file": SimpleUploadedFile(name, data, content_type=XLSX),
    }
    return client.post(INDEX, form)


def preview_url(spreadsheet) -> str:
    return reverse("imports:preview", args=[spreadsheet.pk])


def confirm_url(spreadsheet) -> str:
    return reverse("imports:confirm", args=[spreadsheet.pk])


def problems_of(response) -> list[str]:
    """The problems a refused upload lists: the form's file errors and the list below."""
    errors = list(response.context["form"].errors.get("file", []))
    return errors + [str(problem) for problem in response.context.get("refused") or []]
