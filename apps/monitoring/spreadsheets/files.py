"""Opening an uploaded workbook, and refusing what is not a clean .xlsx template.

Checked in this order, each refusal a message a person can act on, before any cell
is read: the size (PORTAL_IMPORT_MAX_BYTES); the first bytes (a password-protected
workbook and an old .xls are both OLE compound files; a PDF or a CSV renamed .xlsx
is not a zip at all); the zip's table of contents (an Excel workbook has
xl/workbook.xml; macros mean xl/vbaProject.bin or a macro-enabled content type; what
the entries unpack to, which a zip bomb inflates). Then openpyxl opens it read-only
(cells are streamed, never all in memory) and with formulas kept as formulas
(data_only=False), so that a formula is seen and refused, not its cached result
taken for a typed number. Rows: the sheet's declared dimension refuses a large file
at once, and counting while reading stops at the limit whatever the declaration says.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from apps.core.formats import figure

from .columns import ABOUT_SHEET, DATE, NOT_ASKED, Column, header_key
from .problems import FileRefused, Problem, refuse

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any encrypted Office file
ZIP_MAGIC = b"PK\x03\x04"

# What the zip's entries may unpack to, as a multiple of the largest upload, and
# how many entries it may have: a template unpacks to a few times its size.
UNPACKED_FACTOR = 25
MAX_ENTRIES = 1000
# Rows past the last data row that may be read while looking for more (empty but
# formatted rows); beyond it the sheet is refused.
EMPTY_ROWS_ALLOWED = 1000
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")

# What openpyxl or zipfile raise on a file that only looks like a workbook.
UNREADABLE = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    OSError,
    TypeError,
    IndexError,
    EOFError,
    SyntaxError,  # broken XML inside the workbook
)


def _size(size: int) -> str:
    """“2 MB”, “2.9 MB”, “640 KB”: as a person reads a file's size."""
    if size >= 1024 * 1024:
        return _("%(size)s MB") % {"size": figure(round(Decimal(size) / (1024 * 1024), 1))}
    return _("%(size)s KB") % {"size": figure(round(Decimal(size) / 1024, 1))}


def read_upload(upload) -> bytes:
    """The uploaded file's bytes, refused when larger than PORTAL_IMPORT_MAX_BYTES
    (without reading more than one byte past the limit)."""
    limit = settings.PORTAL_IMPORT_MAX_BYTES
    too_large = refuse(
        _(
            "The file is larger than %(limit)s. Import fewer rows at a time: split the "
            "rows over two files."
        )
        % {"limit": _size(limit)}
    )
    if upload.size is not None and upload.size > limit:
        raise too_large
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise refuse(_("The file is empty."))
    return data


def check_container(data: bytes, *, name: str) -> None:
    """Refuse anything but a macro-free .xlsx workbook, from its bytes and its zip's
    table of contents; nothing is unpacked yet."""
    lower = (name or "").lower()
    if data.startswith(OLE_MAGIC):
        raise refuse(
            _(
                "This file is protected with a password, or it is an old Excel file (.xls). "
                "Remove the password (in Excel: File › Info › Protect Workbook › Encrypt with "
                "Password, and clear it) or save it as an Excel Workbook (.xlsx), then upload "
                "it again."
            )
        )
    if lower.endswith(MACRO_SUFFIXES):
        raise _macros()
    if not data.startswith(ZIP_MAGIC):
        if lower.endswith((".csv", ".txt")):
            raise refuse(
                _(
                    "This is a CSV or text file. Fill in the Excel template from this page and "
                    "upload it as an Excel Workbook (.xlsx)."
                )
            )
        raise _not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise _not_a_workbook()
            names = {entry.filename for entry in entries}
            if "xl/workbook.xml" not in names:
                raise _not_a_workbook()
            if any(entry.lower().endswith("vbaproject.bin") for entry in names):
                raise _macros()
            # zipfile never unpacks an entry past its declared size (it stops there and
            # fails the checksum), so the declared sizes bound what openpyxl will read.
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > settings.PORTAL_IMPORT_MAX_BYTES * UNPACKED_FACTOR:
                raise refuse(
                    _(
                        "The file unpacks to %(size)s, far more than a template holds. "
                        "Download a fresh template and copy your figures into it."
                    )
                    % {"size": _size(unpacked)}
                )
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml")
                if b"macroenabled" in types.lower():
                    raise _macros()
    except zipfile.BadZipFile:
        raise _not_a_workbook() from None


def _not_a_workbook() -> FileRefused:
    return refuse(
        _(
            "This file is not an Excel workbook (.xlsx). Fill in the template from this page "
            "and save it in Excel or LibreOffice as an Excel Workbook (.xlsx)."
        )
    )


def _macros() -> FileRefused:
    return refuse(
        _(
            "This workbook contains macros (a macro-enabled file, such as .xlsm). For safety "
            "the portal does not read it: save it as an Excel Workbook (.xlsx), which keeps "
            "your figures and drops the macros, then upload it again."
        )
    )


def open_workbook(data: bytes, *, name: str):
    """The checked workbook, read-only and with formulas as formulas. Close it after use."""
    check_container(data, name=name)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except UNREADABLE:
        raise refuse(
            _(
                "The Excel file could not be read; it may be damaged. Open it in Excel and "
                "save it again as an Excel Workbook (.xlsx)."
            )
        ) from None


# --- The "About this file" sheet --------------------------------------------------


def read_about(workbook) -> dict[str, str]:
    """The About sheet's labels (column A, as header_key) and values (column B)."""
    if ABOUT_SHEET not in workbook.sheetnames:
        raise refuse(
            _(
                "This file is not a template from the portal: its sheet “%(sheet)s” is "
                "missing. Download the template from this page and fill it in."
            )
            % {"sheet": ABOUT_SHEET}
        )
    about = {}
    try:
        for row in workbook[ABOUT_SHEET].iter_rows(max_row=40, max_col=2, values_only=True):
            label, value = [*row, None, None][:2]
            if label is not None:
                about[header_key(label)] = "" if value is None else str(value).strip()
    except UNREADABLE:
        message = _("The sheet “%(sheet)s” could not be read.") % {"sheet": ABOUT_SHEET}
        raise refuse(message) from None
    return about


# --- The data sheet ---------------------------------------------------------------


@dataclass
class Row:
    """One data row: its Excel row number and its values by column key (converted by
    the column's type: Decimal for figures, date or text for dates, text, or None)."""

    number: int
    values: dict = field(default_factory=dict)

    def filled(self, columns: list[Column]) -> bool:
        """Whether any cell to fill holds something."""
        return any(self.values.get(c.key) not in (None, "") for c in columns if c.to_fill)


def read_rows(workbook, *, sheet: str, columns: list[Column]) -> list[Row]:
    """The data rows of `sheet` (the header in row 1), each value converted by its
    column's type. FileRefused, with every problem found, when the sheet is missing,
    its header does not match `columns`, it has more than PORTAL_IMPORT_MAX_ROWS rows,
    or a cell to fill holds a formula, an error or text where a number belongs."""
    limit = settings.PORTAL_IMPORT_MAX_ROWS
    if sheet not in workbook.sheetnames:
        raise refuse(
            _(
                "The sheet “%(sheet)s” is missing: this is not the template for this kind of "
                "import. Download the template from this page."
            )
            % {"sheet": sheet}
        )
    worksheet = workbook[sheet]
    too_many = refuse(
        _(
            "The sheet %(sheet)s has more than %(limit)s rows below its header: import at most "
            "%(limit)s at a time (split the rows over several files)."
        )
        % {"sheet": sheet, "limit": f"{limit:,}"}
    )
    # What the file says about itself, before a cell is read: a large sheet is
    # refused at once. The declaration may be missing or wrong, so the rows are
    # counted below as well, and reading ignores it (reset_dimensions).
    declared = worksheet.max_row
    if declared is not None and declared - 1 > limit + EMPTY_ROWS_ALLOWED:
        raise too_many
    worksheet.reset_dimensions()
    rows: list[Row] = []
    problems: list[Problem] = []
    header: dict[int, Column] | None = None
    try:
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            if header is None:
                header = _header(cells, sheet=sheet, columns=columns)
                continue
            row = Row(number)
            for index, cell in enumerate(cells):
                value = cell.value
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                column = header.get(index)
                if column is None:
                    problems.append(
                        Problem(
                            _("this cell is outside the template's columns: move or clear it."),
                            sheet,
                            number,
                            get_column_letter(index + 1),
                        )
                    )
                    continue
                if column.to_fill:
                    row.values[column.key] = _convert(
                        cell, column=column, place=(sheet, number), problems=problems
                    )
                else:  # written by the portal, read only to name the row (a code)
                    row.values[column.key] = str(value).strip()
            if row.values or any(c.value is not None and str(c.value).strip() for c in cells):
                rows.append(row)
                if len(rows) > limit:
                    raise too_many
            elif number - 1 > limit + EMPTY_ROWS_ALLOWED:
                raise too_many
    except UNREADABLE:
        raise refuse(
            _("The sheet %(sheet)s could not be read; save the file again as .xlsx.")
            % {"sheet": sheet}
        ) from None
    if header is None:
        raise refuse(_("The sheet %(sheet)s is empty.") % {"sheet": sheet})
    if problems:
        raise FileRefused(problems)
    return rows


def _header(cells, *, sheet: str, columns: list[Column]) -> dict[int, Column]:
    """Which column each header cell names; refused when one is missing, renamed,
    unknown or repeated (the rows could not be read right)."""
    wanted = {header_key(column.header): column for column in columns}
    found: dict[int, Column] = {}
    seen: set[str] = set()
    problems = []
    for index, cell in enumerate(cells):
        text = cell.value
        if text is None or not str(text).strip():
            continue
        key = header_key(text)
        column = wanted.get(key)
        if column is None:
            problems.append(
                Problem(
                    _("“%(header)s” is not a column of the template.") % {"header": text},
                    sheet,
                    1,
                    get_column_letter(index + 1),
                )
            )
        elif key in seen:
            problems.append(
                Problem(_("the column “%(header)s” appears twice.") % {"header": text}, sheet, 1)
            )
        else:
            seen.add(key)
            found[index] = column
    missing = [column.header for key, column in wanted.items() if key not in seen]
    if missing:
        problems.append(
            Problem(
                _("the column %(names)s is missing or was renamed.")
                % {"names": ", ".join(f"“{name}”" for name in missing)},
                sheet,
                1,
            )
        )
    if problems:
        problems.append(
            Problem(
                _(
                    "Keep the header row as the template has it; if your unit's indicators "
                    "changed, download a fresh template and copy your figures into it."
                )
            )
        )
        raise FileRefused(problems)
    return found


def _convert(cell, *, column: Column, place: tuple[str, int], problems: list[Problem]):
    """A cell's value as its column reads it; a problem (and None) when it cannot be."""
    sheet, number = place
    value = cell.value

    def problem(message: str) -> None:
        problems.append(Problem(message, sheet, number, column.header))

    if cell.data_type == "f":
        formula = str(value)
        if len(formula) > 40:
            formula = formula[:39] + "…"
        if column.is_number:
            problem(_("holds a formula (%(formula)s): type the number.") % {"formula": formula})
        else:
            problem(_("holds a formula (%(formula)s): type the text.") % {"formula": formula})
        return None
    if cell.data_type == "e":
        problem(_("holds an error (%(error)s): type the value.") % {"error": value})
        return None
    if isinstance(value, str) and header_key(value) == NOT_ASKED:
        return None
    if column.is_number:
        return _number(value, problem)
    if column.type == DATE:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, bool | int | float):
            problem(_("holds %(value)s: type a date, like 10/12/2021.") % {"value": value})
            return None
        return str(value).strip()
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value, problem) -> Decimal | None:
    if isinstance(value, bool):
        problem(_("holds %(value)s: type a number, like 12 or 12.5.") % {"value": value})
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, datetime.date | datetime.time):
        problem(_("holds a date: type a number, like 12 or 12.5."))
        return None
    text = str(value).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        shown = text if len(text) <= 40 else text[:39] + "…"
        problem(_("holds text (“%(text)s”): type a number, like 12 or 12.5.") % {"text": shown})
        return None
    return number
