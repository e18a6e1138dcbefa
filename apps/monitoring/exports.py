"""Exports for the advisers' back office: CSV and Excel.

One place builds each table (`activity_table`, `targets_vs_actuals_table`) and
two writers turn any table into a download (`csv_response`, `xlsx_response`),
so the CSV and the Excel file always hold the same columns and values.

Every table is scoped to what the requesting user may see (the selectors'
`*_list_for_user`), whatever queryset the caller passes, and runs a fixed
number of queries however many rows it has. Actual values come from
`selectors.indicator_progress` and are never recomputed here.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from apps.accounts.models import User

from .models import Activity, Indicator
from .selectors import (
    activity_list_for_user,
    indicator_list_for_user,
    indicator_progress,
    progress_percent,
)

Value = str | int | Decimal | date | datetime | None

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A spreadsheet reads a cell starting with one of these as a formula; text
# typed by staff must never run as one (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# Excel shows dates as the portal does (SHORT_DATE_FORMAT, "3 Nov 2021"); the
# cells stay real dates, so they sort and filter as dates.
XLSX_DATE_FORMAT = "d mmm yyyy"
XLSX_DATETIME_FORMAT = "d mmm yyyy, hh:mm"


# Rows fetched from the database at a time while a download streams.
CHUNK_SIZE = 500


@dataclass(frozen=True)
class Table:
    title: str  # the Excel sheet's name
    header: list[str]
    rows: Iterable[list[Value]]  # read once, possibly lazily, while the file is written


# --- Tables -------------------------------------------------------------------


def activity_table(*, user: User, activities: QuerySet[Activity] | None = None) -> Table:
    """Activities the user may see (of `activities`, if given), one row each.

    The rows are read lazily, CHUNK_SIZE activities at a time, each chunk in
    four queries: the activities with their unit, component and people, then
    their member states, partners and indicators. So a download starts at once
    and holds a bounded number of rows in memory, however many it has.
    """
    qs = activity_list_for_user(user=user)
    if activities is not None:
        qs = qs.filter(pk__in=activities.order_by().values("pk"))
    qs = qs.prefetch_related(
        "member_states",
        "partners",
        Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
    ).order_by("-start_date", "-pk")
    header = [
        _("ID"),
        _("Title"),
        _("Status"),
        _("Date"),
        _("End date"),
        _("Type"),
        _("Component"),
        _("Unit"),
        _("Location"),
        _("Description"),
        _("Women"),
        _("Men"),
        _("Other or not stated"),
        _("Participants in total"),
        _("Persons with disabilities"),
        _("Persons without disabilities"),
        _("Disability not stated"),
        _("Member states"),
        _("Partners"),
        _("Indicators"),
        _("Public"),
        _("Created by"),
        _("Submitted at"),
        _("Reviewed by"),
        _("Reviewed at"),
        _("Reviewer's note"),
    ]
    rows = (
        [
            activity.pk,
            activity.title,
            activity.get_status_display(),
            activity.start_date,
            activity.end_date,
            activity.get_activity_type_display(),
            activity.component.title,
            activity.unit.name,
            activity.location,
            activity.description,
            activity.participants_women,
            activity.participants_men,
            activity.participants_sex_other,
            activity.participants_total,
            activity.participants_with_disability,
            activity.participants_without_disability,
            activity.participants_disability_not_stated,
            _joined(activity.member_states.all()),
            _joined(activity.partners.all()),
            _joined(indicator.code for indicator in activity.indicators.all()),
            _("yes") if activity.is_public else _("no"),
            str(activity.created_by),
            _local(activity.submitted_at),
            str(activity.reviewed_by) if activity.reviewed_by_id else "",
            _local(activity.reviewed_at),
            activity.review_note,
        ]
        for activity in qs.iterator(chunk_size=CHUNK_SIZE)
    )
    return Table(title=_("Activities"), header=header, rows=rows)


def targets_vs_actuals_table(*, user: User, indicators: QuerySet[Indicator] | None = None) -> Table:
    """Each indicator's baseline and target against its actual in every period.

    One row per indicator and reporting period with an approved value; an
    indicator without one still gets a row, with the period left empty. Two
    queries: the indicators, and their approved updates.
    """
    qs = indicator_list_for_user(user=user)
    if indicators is not None:
        qs = qs.filter(pk__in=indicators.order_by().values("pk"))
    qs = qs.order_by("result__component__number", "result__order", "order", "code")
    header = [
        _("Component"),
        _("Result"),
        _("Indicator code"),
        _("Indicator"),
        _("Measure"),
        _("Unit of measure"),
        _("Baseline value"),
        _("Baseline year"),
        _("Target value"),
        _("Target year"),
        _("Period"),
        _("Actual as of the period"),
        _("Progress (%)"),
        _("Narrative"),
    ]
    rows = []
    for entry in indicator_progress(indicators=qs).values():
        indicator = entry.indicator
        fixed = [
            indicator.result.component.title,
            str(indicator.result),
            indicator.code,
            indicator.title,
            indicator.get_measure_display(),
            indicator.unit_of_measure,
            indicator.baseline_value,
            indicator.baseline_year,
            indicator.target_value,
            indicator.target_year,
        ]
        if not entry.series:
            rows.append([*fixed, "", None, None, ""])
        for period_value in entry.series:
            progress = progress_percent(
                actual=period_value.value,
                baseline=indicator.baseline_value,
                target=indicator.target_value,
            )
            rows.append(
                [
                    *fixed,
                    period_value.period.name,
                    period_value.value,
                    progress,
                    period_value.narrative,
                ]
            )
    return Table(title=_("Targets vs actuals"), header=header, rows=rows)


def _joined(items: Iterable) -> str:
    return "; ".join(str(item) for item in items)


def _local(moment: datetime | None) -> datetime | None:
    """A naive local time to the second: spreadsheets know no time zones."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


# --- Writers ------------------------------------------------------------------


def csv_response(table: Table, *, filename: str) -> StreamingHttpResponse:
    """The table as a UTF-8 CSV download (with a byte-order mark, so Excel reads it),
    streamed row by row: the first bytes leave before the last row is read."""
    return StreamingHttpResponse(
        _csv_lines(table),
        content_type=CSV_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


class _Line:
    """A file for csv.writer that hands back what it is given, one line at a time."""

    def write(self, line: str) -> str:
        return line


def _csv_lines(table: Table) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(table.header)
    for row in table.rows:
        yield writer.writerow([_csv_value(value) for value in row])


def _csv_value(value: Value) -> str:
    """Data, not display: ISO dates (2021-12-10) and plain numbers without trailing
    zeros or grouping (62.5, 1250), which every tool reads back the same."""
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def xlsx_response(table: Table, *, filename: str) -> HttpResponse:
    """The table as an Excel workbook: one sheet, a bold frozen header, a filter.

    Not streamed: a workbook is a zip file, complete only once its last row is in.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title[:31]  # Excel's limit
    bold = Font(bold=True)
    for column, label in enumerate(table.header, start=1):
        sheet.cell(row=1, column=column, value=label).font = bold
    for row_number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                cell = sheet.cell(row=row_number, column=column, value=_xlsx_text(value))
                cell.data_type = "s"  # text, even when it starts with "="
            else:
                cell = sheet.cell(row=row_number, column=column, value=value)
                if isinstance(value, datetime):
                    cell.number_format = XLSX_DATETIME_FORMAT
                elif isinstance(value, date):
                    cell.number_format = XLSX_DATE_FORMAT
    for column, label in enumerate(table.header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(12, len(label) + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    output = io.BytesIO()
    workbook.save(output)
    return HttpResponse(
        output.getvalue(),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
    )


def _xlsx_text(value: str) -> str:
    # Control characters pasted into a text field would make openpyxl refuse the file.
    return ILLEGAL_CHARACTERS_RE.sub("", value)
