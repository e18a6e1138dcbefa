"""The Excel templates staff download, fill in and upload again.

The data sheet comes first: a header row (what the portal writes has a blue-grey
header; what staff fill in a yellow one, with a note saying what to type), then
the rows. Cells to fill are yellow; a cell the row's indicator does not ask for is
grey and reads "not asked". Drop-downs and number checks (Excel's data validation)
catch typing mistakes early; the import checks everything again anyway. The sheet
"About this file" names the kind, the unit, the period and the template's version,
which the import checks, and says how to fill it in.
"""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from apps.accounts.models import User

from ..models import ReportingPeriod
from .activities import ActivitiesKind
from .columns import ABOUT_SHEET, CHOICE, COUNT, DATE, NOT_ASKED, NUMBER, Column
from .kinds import Kind
from .updates import UpdatesKind

FILL = PatternFill("solid", fgColor="FFF2CC")  # cells to fill: light yellow
FILL_HEADER = PatternFill("solid", fgColor="FFD966")
INFO_HEADER = PatternFill("solid", fgColor="D9E1F2")  # written by the portal
NOT_ASKED_FILL = PatternFill("solid", fgColor="D9D9D9")
NOT_ASKED_FONT = Font(italic=True, color="595959")
BOLD = Font(bold=True)
DATE_FORMAT = "d mmm yyyy"  # as exports.XLSX_DATE_FORMAT: "3 Nov 2021"
NOTE_AUTHOR = "ASEC portal"
# Empty rows the activities template offers, coloured to be filled in; more may be added.
ACTIVITY_ROWS = 30
LISTS_SHEET = "Lists"


def _text(value) -> str:
    # Control characters would make openpyxl refuse to write the file.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _put(sheet, row: int, column: int, value):
    """Write a cell; text stays text even when it starts with "=" (never a formula)."""
    if isinstance(value, str):
        cell = sheet.cell(row=row, column=column, value=_text(value))
        cell.data_type = "s"
        return cell
    return sheet.cell(row=row, column=column, value=value)


def updates_template(*, user: User, period: ReportingPeriod) -> bytes:
    """The unit's indicators for `period`, one row each, with the cells to fill."""
    kind = UpdatesKind(user=user, period=period)
    workbook = Workbook()
    sheet = workbook.active
    columns = _header(sheet, kind)
    rows = kind.template_rows()
    for number, template_row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            if not column.to_fill:
                value = template_row.values.get(column.key)
                if value not in (None, ""):
                    _put(sheet, number, index, value)
            elif column.key in template_row.not_asked:
                cell = _put(sheet, number, index, NOT_ASKED)
                cell.fill, cell.font = NOT_ASKED_FILL, NOT_ASKED_FONT
            else:
                sheet.cell(row=number, column=index).fill = FILL
    _validations(sheet, columns, last_row=max(len(rows) + 1, 2))
    sheet.freeze_panes = "C2"  # the code and the title stay in view
    _about(
        workbook,
        kind,
        [
            _(
                "One row per indicator of your unit. Fill in the yellow cells of the "
                "indicators you report on for %(period)s; leave a row's yellow cells empty "
                "to skip it. Grey cells (“not asked”) stay empty."
            )
            % {"period": period.name},
            _(
                "Number indicators: Value. Percentage indicators: Numerator and Denominator. "
                "Qualitative indicators: Narrative. Comment is optional for all."
            ),
            _(
                "Breakdowns are optional; a breakdown's cells together cannot be more than "
                "the value (or the numerator)."
            ),
            _(
                "Type figures as numbers (12 or 12.5), never as formulas. A row for an "
                "indicator with a draft or returned update for this period changes it; an "
                "update already submitted or approved cannot be changed here."
            ),
        ],
    )
    return _save(workbook)


def activities_template(*, user: User) -> bytes:
    """Empty rows for the unit's activities, with drop-downs and the sheet Lists."""
    kind = ActivitiesKind(user=user)
    workbook = Workbook()
    sheet = workbook.active
    columns = _header(sheet, kind)
    for number in range(2, ACTIVITY_ROWS + 2):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=number, column=index)
            cell.fill = FILL
            if column.type == DATE:
                cell.number_format = DATE_FORMAT
    ranges = _lists(workbook, kind)
    _validations(sheet, columns, last_row=ACTIVITY_ROWS + 1, lists=ranges)
    sheet.freeze_panes = "B2"
    _about(
        workbook,
        kind,
        [
            _(
                "One row per activity your unit logs; add rows below the yellow ones if you "
                "need more. Every row becomes a new activity (a draft, or submitted for "
                "review, as you choose when you upload the file)."
            ),
            _(
                "Required: Title, Date, Type and the five participant counts (0 is an "
                "answer). Hover over a column's header for what to type."
            ),
            _(
                "Member states, partners and indicators: use the codes and names on the "
                "sheet Lists. Type figures and dates as values, never as formulas."
            ),
            _(
                "Example: Workshop on trade facilitation · 10 Dec 2021 · Workshop · Jakarta "
                "· women 14, men 11, other 0 · with disabilities 2, not stated 3 · member "
                "states ID, MY · public yes."
            ),
        ],
    )
    return _save(workbook)


def _header(sheet, kind: Kind) -> list[Column]:
    """The header row, named and noted; returns the columns."""
    sheet.title = kind.sheet
    columns = kind.columns()
    for index, column in enumerate(columns, start=1):
        cell = _put(sheet, 1, index, column.header)
        cell.font = BOLD
        cell.fill = FILL_HEADER if column.to_fill else INFO_HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.to_fill and column.note:
            cell.comment = Comment(_text(column.note), NOTE_AUTHOR, width=300, height=120)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 32
    return columns


def _validations(
    sheet, columns: list[Column], *, last_row: int, lists: dict[str, str] | None = None
) -> None:
    """Excel's own checks, as a first help: figures of 0 or more, whole counts, choices."""
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{last_row}"
        if column.type == NUMBER:
            check = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
            check.error = _("Type a number, 0 or more, like 12 or 12.5.")
        elif column.type == COUNT:
            check = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
            check.error = _("Type a whole number, 0 or more.")
        elif column.type == CHOICE and lists and column.key in lists:
            check = DataValidation(type="list", formula1=lists[column.key], allow_blank=True)
            check.error = _("Choose from the list.")
        else:
            continue
        check.errorTitle = column.header
        check.showErrorMessage = True
        check.add(area)
        sheet.add_data_validation(check)


def _lists(workbook: Workbook, kind: ActivitiesKind) -> dict[str, str]:
    """The sheet Lists: what the choice columns and the codes may hold. Returns the
    drop-downs' ranges by column key."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    ranges = {}
    drop_downs = {
        _("Types"): "activity_type",
        _("Components"): "component",
        _("Yes or no"): ("confirm_no_participants", "is_public"),
    }
    column = 1
    for title, entries in kind.lists().items():
        described = any(description for _value, description in entries)
        _put(sheet, 1, column, title).font = BOLD
        sheet.column_dimensions[get_column_letter(column)].width = 28
        if described:
            _put(sheet, 1, column + 1, _("Name")).font = BOLD
            sheet.column_dimensions[get_column_letter(column + 1)].width = 40
        for number, (value, description) in enumerate(entries, start=2):
            _put(sheet, number, column, value)
            if described and description:
                _put(sheet, number, column + 1, description)
        keys = drop_downs.get(title)
        if keys and entries:
            letter = get_column_letter(column)
            area = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(entries) + 1}"
            for key in (keys,) if isinstance(keys, str) else keys:
                ranges[key] = area
        column += 2 if described else 1
    sheet.freeze_panes = "A2"
    return ranges


def _about(workbook: Workbook, kind: Kind, instructions: list[str]) -> None:
    sheet = workbook.create_sheet(ABOUT_SHEET, 1)
    _put(sheet, 1, 1, ABOUT_SHEET).font = Font(bold=True, size=14)
    facts = [
        *kind.about(),
        (_("Unit name"), kind.unit.name),
        (_("Made on"), date_format(timezone.localdate())),
    ]
    for number, (label, value) in enumerate(facts, start=2):
        _put(sheet, number, 1, label).font = BOLD
        _put(sheet, number, 2, value)
    row = len(facts) + 3
    _put(sheet, row, 1, _("How to fill it in")).font = BOLD
    for offset, line in enumerate(instructions, start=1):
        cell = _put(sheet, row + offset, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(
            start_row=row + offset, start_column=1, end_row=row + offset, end_column=4
        )
        sheet.row_dimensions[row + offset].height = 48
    row += len(instructions) + 2
    legend = [
        (FILL, _("A cell to fill in")),
        (INFO_HEADER, _("Written by the portal, for reading")),
        (NOT_ASKED_FILL, _("Not asked for this row: leave it empty")),
    ]
    for offset, (fill, text) in enumerate(legend):
        sheet.cell(row=row + offset, column=1).fill = fill
        _put(sheet, row + offset, 2, text)
    _put(
        sheet,
        row + len(legend) + 1,
        1,
        _("Do not change this sheet: the portal checks it when you upload the file."),
    ).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 24
    sheet.column_dimensions["D"].width = 24


def _save(workbook: Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
