"""Attendance and accommodation: the staff's writes while an event runs
(docs/attendance.md).

- `attendance_mark` / `attendance_unmark`: one confirmed participant present (or
  not) on one day of the event. Marking twice keeps one row: the registration's row
  is locked, so two staff checking in the same person at once are served one after
  the other, and the database's unique constraint holds behind it.
- `accommodation_set`: where a participant's accessibility needs stand (requested,
  being arranged, provided, could not be provided).
- `attendance_import`: marks from a CSV or Excel file, all or nothing: every row is
  checked first, under the event's lock (so no registration changes status in the
  meantime); one problem and nothing is written, with a report naming each row.
- `certificate_days_needed`: how many days earn a certificate of attendance.

A day counts only when it is a day of the event (in its time zone) that has come.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.events.models import Event
from apps.events.times import days as event_days
from apps.events.times import local

from . import services
from .models import Attendance, Registration

Status = Registration.Status
Accommodation = Registration.Accommodation


def _check_manager(*, user, event: Event) -> None:
    if not services.may_manage(user=user, event=event):
        raise PermissionDenied(
            _("Only the organising unit's staff manage this event's participants.")
        )


# --- The event's days -------------------------------------------------------------------


def days_of(event: Event) -> list[datetime.date]:
    """The event's calendar days in its own time zone."""
    return event_days(event.starts_at, event.ends_at, event.time_zone)


def today_at(event: Event, *, now=None) -> datetime.date:
    """Today where the event takes place."""
    return local(now or timezone.now(), event.time_zone).date()


def day_problem(event: Event, day: datetime.date, *, now=None) -> str | None:
    """Why nobody can be marked present on `day`, or None when they can."""
    all_days = days_of(event)
    if day not in all_days:
        return _("%(day)s is not a day of this event (%(first)s to %(last)s).") % {
            "day": day.isoformat(),
            "first": all_days[0].isoformat(),
            "last": all_days[-1].isoformat(),
        }
    if day > today_at(event, now=now):
        return _("%(day)s has not come yet.") % {"day": day.isoformat()}
    return None


def certificate_days_needed(*, days: int, share: int) -> int:
    """The fewest days present that reach `share` % of `days`, rounded up: at 75 %,
    3 of 4 days (75 %) qualify and 2 of 4 (50 %) do not; 3 of 3 days are needed for
    more than 66 %. Never fewer than one day."""
    return max(1, -(-days * share // 100))


# --- Marking one person ----------------------------------------------------------------


def attendance_mark(
    *, registration: Registration, day: datetime.date, user, now=None
) -> tuple[Attendance, bool]:
    """Mark a confirmed participant present on a day of the event. Returns the mark
    and whether it is new (False: already marked, nothing changed)."""
    _check_manager(user=user, event=registration.event)
    with transaction.atomic():
        locked = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=registration.pk)
        )
        problem = day_problem(locked.event, day, now=now)
        if problem:
            raise ValidationError(problem)
        if locked.status != Status.CONFIRMED:
            raise ValidationError(
                _("%(name)s is not a confirmed participant: “%(status)s”.")
                % {"name": locked, "status": locked.get_status_display()}
            )
        return Attendance.objects.get_or_create(
            registration=locked, day=day, defaults={"recorded_by": user}
        )


def attendance_unmark(*, registration: Registration, day: datetime.date, user) -> bool:
    """Take back a mark (a slip at the door). False when there was none."""
    _check_manager(user=user, event=registration.event)
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        deleted, _rows = Attendance.objects.filter(registration=locked, day=day).delete()
    return bool(deleted)


# --- Accommodation ---------------------------------------------------------------------


def needs_accommodation(registration: Registration) -> bool:
    return bool(registration.needs or registration.needs_note.strip())


def accommodation_set(*, registration: Registration, status: str, user) -> Registration:
    """Note how a participant's accessibility needs stand. Only for someone who asked
    for something; any step may be set (plans change), never back to "none
    requested"."""
    _check_manager(user=user, event=registration.event)
    allowed = [choice for choice in Accommodation.values if choice != Accommodation.NONE]
    if status not in allowed:
        raise ValidationError({"accommodation": _("Choose one of the steps in the list.")})
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if not needs_accommodation(locked) and locked.accommodation == Accommodation.NONE:
            raise ValidationError(
                _("%(name)s did not ask for any accommodation.") % {"name": locked}
            )
        if locked.accommodation != status:
            locked.accommodation = status
            locked.save(update_fields=["accommodation", "updated_at"])
    return locked


# --- Importing marks -------------------------------------------------------------------

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_PROBLEMS_SHOWN = 200
REQUIRED_COLUMNS = ("email", "day")
OPTIONAL_COLUMNS = ("present", "name")  # "name" is read by people, ignored here
YES = {"yes", "y", "true", "1", "x", "present"}
NO = {"no", "n", "false", "0", "absent"}
_ISO_DAY = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})(?:[ T]00:00(?::00)?)?")


@dataclass(frozen=True)
class Problem:
    row: int | None  # the file's row number (the header is row 1); None: the whole file
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportRefused(Exception):
    """The file was not imported; `problems` says why, row by row."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems

    @property
    def shown(self) -> list[Problem]:
        return self.problems[:MAX_PROBLEMS_SHOWN]

    @property
    def hidden(self) -> int:
        return max(len(self.problems) - MAX_PROBLEMS_SHOWN, 0)


@dataclass
class ImportResult:
    added: int = 0
    already: int = 0
    removed: int = 0
    rows: int = 0
    days: list = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    number: int
    values: dict


def _refuse(message: str) -> ImportRefused:
    return ImportRefused([Problem(None, message)])


def _read_bytes(upload) -> bytes:
    if upload.size is not None and upload.size > MAX_BYTES:
        raise _refuse(_("The file is larger than 2 MB: split it into smaller files."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is larger than 2 MB: split it into smaller files."))
    if not data.strip():
        raise _refuse(_("The file is empty."))
    return data


NOT_A_TABLE = _(
    "The file is neither a CSV file nor an Excel workbook (.xlsx). Save the list as "
    "“CSV UTF-8” or as an Excel workbook and try again."
)


def _table(upload) -> list[tuple[int, list]]:
    """(row number, cells) of the file's first sheet, empty rows left out."""
    name = (upload.name or "").lower()
    data = _read_bytes(upload)
    is_zip = data.startswith(b"PK\x03\x04")
    if name.endswith(".xlsx") or (is_zip and not name.endswith(".csv")):
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")) and not is_zip:
        return _csv_rows(data)
    if name.endswith(".xls"):
        raise _refuse(_("Old Excel files (.xls) are not read: save it as .xlsx or CSV."))
    raise _refuse(NOT_A_TABLE)


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    if b"\x00" in data:
        raise _refuse(NOT_A_TABLE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" in Western locales
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    rows = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise _refuse(_("The CSV file could not be read: %(error)s") % {"error": error}) from None
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        OSError,
        TypeError,
        IndexError,
        SyntaxError,  # broken XML inside the workbook
    )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = []
            for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
                if any(cell is not None and str(cell).strip() for cell in cells):
                    rows.append((number, list(cells)))
                if len(rows) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except unreadable:
        raise _refuse(
            _("The Excel file could not be read. Save it again as .xlsx or CSV.")
        ) from None
    return rows


def _header(cells: list) -> dict[str, int]:
    names = [str(cell or "").strip().lower().lstrip("\ufeff") for cell in cells]
    columns: dict[str, int] = {}
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    problems = []
    for index, name in enumerate(names):
        if not name:
            continue
        if name not in known:
            problems.append(
                _("The column “%(name)s” is not one this import reads.") % {"name": name}
            )
        elif name in columns:
            problems.append(_("The column “%(name)s” appears twice.") % {"name": name})
        else:
            columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        problems.append(
            _("The column %(names)s is missing.") % {"names": ", ".join(f"“{n}”" for n in missing)}
        )
    if problems:
        problems.append(
            _(
                "The first row names the columns: email and day, and optionally present "
                "(yes or no) and name."
            )
        )
        raise ImportRefused([Problem(None, problem) for problem in problems])
    return columns


def read_rows(upload) -> list[_Row]:
    """The file's rows as {column: value}, its header checked; ImportRefused when the
    file as a whole cannot be read (type, size, header, empty, too many rows)."""
    table = _table(upload)
    if not table:
        raise _refuse(_("The file is empty."))
    columns = _header(table[0][1])
    body = table[1:]
    if not body:
        raise _refuse(_("The file names its columns but has no rows below them."))
    if len(body) > MAX_ROWS:
        raise _refuse(
            _("The file has more than %(max)s rows: split it into smaller files.")
            % {"max": f"{MAX_ROWS:,}"}
        )
    rows = []
    for number, cells in body:
        values = {
            name: (cells[index] if index < len(cells) else None) for name, index in columns.items()
        }
        rows.append(_Row(number, values))
    return rows


def _day(value) -> datetime.date:
    """A day as the file has it: an Excel date, an Excel day number, or YYYY-MM-DD."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= value < 2958466:
            raise ValueError
        moment = from_excel(value)
        return moment.date() if isinstance(moment, datetime.datetime) else moment
    text = str(value or "").strip()
    match = _ISO_DAY.fullmatch(text)
    if not match:
        raise ValueError
    return datetime.date.fromisoformat(
        "-".join(part.zfill(2) for part in match.group(1).split("-"))
    )


def _present(value) -> bool:
    if value is None or isinstance(value, bool):
        return value is not False
    text = str(value).strip().lower()
    if isinstance(value, int | float):
        text = str(int(value)) if value == int(value) else text
    if text == "" or text in YES:
        return True
    if text in NO:
        return False
    raise ValueError


def _check_rows(event: Event, rows: list[_Row], *, now=None):
    """Every row checked against the event's registrations: (problems, marks, unmarks)
    with marks and unmarks as {(registration id, day)}."""
    by_email = {
        email.lower(): (pk, status, name)
        for pk, email, status, name in Registration.objects.filter(event=event)
        .exclude(email="")
        .values_list("pk", "email", "status", "name")
    }
    statuses = dict(Status.choices)
    problems: list[Problem] = []
    seen: dict[tuple[str, datetime.date], int] = {}
    marks, unmarks = set(), set()
    for row in rows:
        email = str(row.values.get("email") or "").strip()
        raw_day = row.values.get("day")
        found = None
        if not email:
            problems.append(Problem(row.number, _("the email is empty.")))
        else:
            found = by_email.get(email.lower())
            if found is None:
                problems.append(
                    Problem(
                        row.number,
                        _("no confirmed participant with email %(email)s for this event.")
                        % {"email": email},
                    )
                )
            elif found[1] != Status.CONFIRMED:
                problems.append(
                    Problem(
                        row.number,
                        _("%(email)s is not a confirmed participant: “%(status)s”.")
                        % {"email": email, "status": statuses[found[1]]},
                    )
                )
                found = None
        day = None
        if raw_day in (None, "") or not str(raw_day).strip():
            problems.append(Problem(row.number, _("the day is empty.")))
        else:
            try:
                day = _day(raw_day)
            except ValueError:
                problems.append(
                    Problem(
                        row.number,
                        _("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. %(example)s.")
                        % {"value": raw_day, "example": event.start_date.isoformat()},
                    )
                )
            else:
                problem = day_problem(event, day, now=now)
                if problem:
                    problems.append(Problem(row.number, problem))
                    day = None
        try:
            present = _present(row.values.get("present"))
        except ValueError:
            problems.append(
                Problem(
                    row.number,
                    _("present is “%(value)s”: write yes or no (or leave it empty for yes).")
                    % {"value": row.values.get("present")},
                )
            )
            present = None
        if email and day is not None:
            key = (email.lower(), day)
            if key in seen:
                problems.append(
                    Problem(
                        row.number,
                        _("repeats row %(row)s (the same email and day).") % {"row": seen[key]},
                    )
                )
                continue
            seen[key] = row.number
        if found is not None and day is not None and present is not None:
            (marks if present else unmarks).add((found[0], day))
    return problems, marks, unmarks


def attendance_import(*, event: Event, user, upload, now=None) -> ImportResult:
    """Import marks from a CSV or Excel file (columns email, day and optionally
    present): all or nothing. Raises ImportRefused with every problem found, and
    writes nothing, when any row is wrong."""
    _check_manager(user=user, event=event)
    rows = read_rows(upload)
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
        problems, marks, unmarks = _check_rows(locked, rows, now=now)
        if problems:
            raise ImportRefused(problems)
        existing = set(
            Attendance.objects.filter(registration__event=locked).values_list(
                "registration_id", "day"
            )
        )
        new = [
            Attendance(registration_id=registration, day=day, recorded_by=user)
            for registration, day in sorted(marks - existing)
        ]
        Attendance.objects.bulk_create(new, ignore_conflicts=True)
        removed = 0
        for day in {day for _registration, day in unmarks & existing}:
            ids = [registration for registration, d in unmarks & existing if d == day]
            removed += Attendance.objects.filter(
                registration__event=locked, day=day, registration_id__in=ids
            ).delete()[0]
    return ImportResult(
        added=len(new),
        already=len(marks & existing),
        removed=removed,
        rows=len(rows),
        days=sorted({day for _registration, day in marks | unmarks}),
    )
