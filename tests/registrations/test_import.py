"""Attendance import: all or nothing. A file with one bad row writes nothing and is
reported row by row; every way a file or a row can be wrong has its message; CSV and
Excel (.xlsx, with date cells or day numbers) are read alike."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from apps.registrations import attendance
from apps.registrations.attendance import ImportRefused
from apps.registrations.models import Attendance, Registration

from . import staff_fixtures
from .factories import AttendanceFactory, RegistrationFactory

event = staff_fixtures.event
manager = staff_fixtures.manager
outsider = staff_fixtures.outsider
as_manager = staff_fixtures.as_manager

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def people(event):
    """Three confirmed participants and one on the waiting list."""
    return {
        name: RegistrationFactory(event=event, email=f"{name}@example.org", name=name.title())
        for name in ("amara", "maria", "lan")
    } | {"wait": RegistrationFactory(event=event, email="wait@example.org", status=Status.WAITING)}


def csv_file(text: str, name: str = "attendance.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "attendance.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def run(event, manager, upload):
    return attendance.attendance_import(event=event, user=manager, upload=upload)


def problems(event, manager, upload) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        run(event, manager, upload)
    assert not Attendance.objects.exists(), "a refused file writes nothing"
    return [str(problem) for problem in refused.value.problems]


# --- Good files ---------------------------------------------------------------------------


def test_a_good_csv_adds_every_mark(event, manager, people):
    result = run(
        event,
        manager,
        csv_file(
            "email,day\n"
            "amara@example.org,2019-10-15\n"
            "MARIA@example.org,2019-10-15\n"
            "amara@example.org,2019-10-16\n"
        ),
    )
    assert result.added == 3
    assert result.rows == 3
    assert Attendance.objects.filter(registration=people["amara"]).count() == 2
    assert Attendance.objects.get(registration=people["maria"]).recorded_by == manager


def test_marks_already_recorded_are_counted_not_doubled(event, manager, people):
    AttendanceFactory(registration=people["amara"], day=datetime.date(2019, 10, 15))
    result = run(
        event,
        manager,
        csv_file("email,day\namara@example.org,2019-10-15\nlan@example.org,2019-10-15\n"),
    )
    assert (result.added, result.already) == (1, 1)
    assert Attendance.objects.count() == 2


def test_present_no_takes_a_mark_away(event, manager, people):
    AttendanceFactory(registration=people["amara"], day=datetime.date(2019, 10, 15))
    result = run(
        event,
        manager,
        csv_file(
            "Email;Day;Present;Name\n"
            "amara@example.org;2019-10-15;no;Amara\n"
            "lan@example.org;2019-10-15;yes;Lan\n"
            "maria@example.org;2019-10-16;;Maria\n"
        ),
    )
    assert (result.added, result.removed) == (2, 1)
    assert not Attendance.objects.filter(registration=people["amara"]).exists()


def test_an_excel_file_with_date_cells_and_day_numbers(event, manager, people):
    result = run(
        event,
        manager,
        xlsx_file(
            [
                ["email", "day", "present"],
                ["amara@example.org", datetime.datetime(2019, 10, 15), "yes"],
                [None, None, None],  # an empty row is skipped
                ["maria@example.org", 43754, True],  # 43754 is 2019-10-15 as Excel counts
                ["lan@example.org", "2019-10-16", 1],
            ]
        ),
    )
    assert result.added == 3
    assert set(Attendance.objects.values_list("day", flat=True)) == {
        datetime.date(2019, 10, 15),
        datetime.date(2019, 10, 16),
    }


def test_a_csv_with_a_byte_order_mark_and_windows_line_ends(event, manager, people):
    upload = SimpleUploadedFile(
        "a.csv", "\ufeffemail,day\r\namara@example.org,2019-10-15\r\n".encode()
    )
    assert run(event, manager, upload).added == 1


# --- One bad row: nothing written ---------------------------------------------------------


def test_one_bad_row_writes_nothing_and_names_the_row(event, manager, people):
    found = problems(
        event,
        manager,
        csv_file(
            "email,day\n"
            "amara@example.org,2019-10-15\n"
            "maria@example.org,2019-10-15\n"
            "x@y.org,2019-10-15\n"
            "lan@example.org,2019-10-15\n"
        ),
    )
    assert found == ["Row 4: no confirmed participant with email x@y.org for this event."]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("wait@example.org,2019-10-15", "wait@example.org is not a confirmed participant"),
        ("amara@example.org,2019-10-17", "2019-10-17 is not a day of this event"),
        ("amara@example.org,2019-10-14", "2019-10-14 is not a day of this event"),
        ("amara@example.org,15/10/2019", "“15/10/2019” is not a date"),
        ("amara@example.org,2019-02-30", "“2019-02-30” is not a date"),
        ("amara@example.org,", "the day is empty"),
        (",2019-10-15", "the email is empty"),
        ("amara@example.org,2019-10-15,maybe", "present is “maybe”"),
    ],
)
def test_each_bad_row_is_named(event, manager, people, line, message):
    found = problems(
        event,
        manager,
        csv_file(f"email,day,present\nmaria@example.org,2019-10-16\n{line}\n"),
    )
    assert len(found) == 1
    assert found[0].startswith("Row 3: ")
    assert message in found[0]


def test_a_duplicate_row_names_the_first(event, manager, people):
    found = problems(
        event,
        manager,
        csv_file(
            "email,day\namara@example.org,2019-10-15\nlan@example.org,2019-10-15\n"
            "Amara@Example.org,2019-10-15\n"
        ),
    )
    assert found == ["Row 4: repeats row 2 (the same email and day)."]


def test_another_events_participant_is_unknown_here(event, manager, people):
    RegistrationFactory(email="elsewhere@example.org")
    found = problems(event, manager, csv_file("email,day\nelsewhere@example.org,2019-10-15\n"))
    assert "no confirmed participant with email elsewhere@example.org" in found[0]


def test_every_problem_is_reported_at_once(event, manager, people):
    found = problems(
        event,
        manager,
        csv_file("email,day\nx@y.org,2019-10-15\namara@example.org,tomorrow\n"),
    )
    assert [line[:6] for line in found] == ["Row 2:", "Row 3:"]


# --- Files that are not right as a whole ------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file(""), "The file is empty."),
        (csv_file("\n\n"), "The file is empty."),
        (csv_file("email,day\n"), "no rows below them"),
        (csv_file("mail,date\nx@y.org,2019-10-15\n"), "The column “mail” is not one"),
        (csv_file("email\nx@y.org\n"), "The column “day” is missing."),
        (csv_file("email,day,email\nx@y.org,2019-10-15,\n"), "appears twice"),
        (
            SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"),
            "neither a CSV file nor an Excel workbook",
        ),
        (SimpleUploadedFile("list.csv", b"email,day\n\x00\x01\x02"), "neither a CSV file"),
        (SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0 old"), "Old Excel files (.xls)"),
        (SimpleUploadedFile("broken.xlsx", b"PK\x03\x04 not really"), "could not be read"),
        (SimpleUploadedFile("fake.xlsx", b"email,day\n"), "could not be read"),
    ],
)
def test_files_refused_as_a_whole(event, manager, people, upload, message):
    found = problems(event, manager, upload)
    assert any(message in line for line in found), found


def test_a_file_over_2_mb_is_refused(event, manager, people):
    line = "amara@example.org,2019-10-15\n"
    upload = csv_file("email,day\n" + line * (2 * 1024 * 1024 // len(line) + 1))
    assert "larger than 2 MB" in problems(event, manager, upload)[0]


def test_5000_rows_are_read_and_5001_refused(event, manager, people):
    rows = [f"p{n}@example.org,2019-10-15" for n in range(5001)]
    over = problems(event, manager, csv_file("email,day\n" + "\n".join(rows)))
    at_limit = problems(event, manager, csv_file("email,day\n" + "\n".join(rows[:5000])))
    assert over == ["The file has more than 5,000 rows: split it into smaller files."]
    # 5,000 rows are read, and then checked one by one (none of these people exists).
    assert len(at_limit) == 5000
    assert at_limit[0].startswith("Row 2: no confirmed participant")


def test_another_units_staff_may_not_import(event, outsider, people):
    with pytest.raises(PermissionDenied):
        run(event, outsider, csv_file("email,day\namara@example.org,2019-10-15\n"))
    assert not Attendance.objects.exists()


# --- The page -------------------------------------------------------------------------------


def url(event) -> str:
    return reverse("registrations:attendance_import", args=[event.pk])


def test_the_page_imports_and_says_how_many(as_manager, event, people):
    response = as_manager.post(
        url(event),
        {"file": csv_file("email,day\namara@example.org,2019-10-15\nlan@example.org,2019-10-16\n")},
        follow=True,
    )
    assert "Imported 2 rows: 2 marks of attendance added." in response.content.decode()
    assert Attendance.objects.count() == 2


def test_the_page_reports_a_bad_row_and_writes_nothing(as_manager, event, people):
    response = as_manager.post(
        url(event),
        {
            "file": csv_file(
                "email,day\namara@example.org,2019-10-15\nmaria@example.org,2019-10-15\n"
                "lan@example.org,2019-10-15\nx@y.org,2019-10-15\n"
            )
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: the file has 1 problem, listed below." in html
    assert "Row 5: no confirmed participant with email x@y.org for this event." in html
    assert not Attendance.objects.exists()


def test_the_page_without_a_file(as_manager, event):
    response = as_manager.post(url(event), {})
    assert "Choose the file to import" in response.content.decode()


def test_the_page_shows_many_problems_up_to_a_limit(as_manager, event, people):
    rows = "\n".join(f"p{n}@example.org,2019-10-15" for n in range(250))
    response = as_manager.post(url(event), {"file": csv_file("email,day\n" + rows)})
    html = response.content.decode()
    assert "the file has 250 problems" in html
    assert "And 50 more problems." in html
    assert "Row 201:" in html
    assert "Row 202:" not in html
