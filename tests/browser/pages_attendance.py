"""Browser-test cases of the staff's participant pages (apps/registrations/views.py):
see pages.py. `attendance_data` loads "ASEAN Media Forum 2019" of the Culture and
Information Division ("staff-information"): published, held on 15–16 October 2019,
registration set up with approval, and participants in every state (two present on
both days, so they have a certificate; one waiting for approval; one on the waiting
list; one with accessibility needs). Each case opens /workspace/ and goes to its page
(a `state`, which finds the event's address in the database): the pages need the
data, which the registry's title check does not load."""

import re
from collections.abc import Callable

from playwright.sync_api import Page

from .pages import PageCase, in_turn, submit_empty_form

STAFF = "staff-information"
SLUG = "asean-media-forum-2019-participants"


def attendance_data() -> None:
    import datetime

    from apps.accounts.models import User
    from apps.monitoring.models import ReviewStatus
    from apps.registrations.models import Registration, RegistrationSetup
    from tests.events.factories import EventFactory, jakarta
    from tests.registrations.factories import AttendanceFactory, RegistrationFactory

    staff = User.objects.get(email="staff.information@asean.example.org")
    event = EventFactory(
        title="ASEAN Media Forum 2019",
        slug=SLUG,
        unit=staff.unit,
        created_by=staff,
        status=ReviewStatus.APPROVED,
        capacity=6,
        starts_at=jakarta(2019, 10, 15, 9),
        ends_at=jakarta(2019, 10, 16, 17),
    )
    RegistrationSetup.objects.create(
        event=event,
        opens_at=jakarta(2019, 9, 1, 9),
        closes_at=event.starts_at,
        requires_approval=True,
    )
    Status = Registration.Status
    people = [
        ("Amara Wongsakul", "Bangkok Daily Review", Status.CONFIRMED, [], ""),
        ("Maria Dela Cruz", "Manila Morning Post", Status.CONFIRMED, [], ""),
        ("Nguyen Thi Lan", "Hanoi Times", Status.CONFIRMED, ["wheelchair"], "Ramp to the stage"),
        ("Siti Rahman", "Jakarta Globe", Status.PENDING, [], ""),
        ("Somchai Prasert", "Thai Public Broadcasting", Status.WAITING, [], ""),
        ("Aung Kyaw", "Myanmar Times", Status.CANCELLED, [], ""),
    ]
    for number, (name, organisation, status, needs, note) in enumerate(people):
        registration = RegistrationFactory(
            event=event,
            name=name,
            email=f"person{number}@example.org",
            organisation=organisation,
            status=status,
            needs=needs,
            needs_note=note,
            accommodation="requested" if needs else "none",
        )
        if number < 2:
            for day in (15, 16):
                AttendanceFactory(registration=registration, day=datetime.date(2019, 10, day))


def go(name: str, *args) -> Callable[[Page], None]:
    """A state: open the page `registrations:<name>` of the event (and `args`)."""

    def run(page: Page) -> None:
        from django.urls import reverse

        from apps.events.models import Event

        event = Event.objects.get(slug=SLUG)
        site = "/".join(page.url.split("/", 3)[:3])
        page.goto(site + reverse(f"registrations:{name}", args=[event.pk, *args]))

    return run


def figures(page: Page) -> None:
    """A state: the event's participation figures, from the participants page's menu."""
    go("participants")(page)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Participants of this event").get_by_role(
            "link", name="Figures"
        ).click()


def certificate(page: Page) -> None:
    """A state: the certificate of the first participant who has one, from the list."""
    go("participants")(page)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role(
            "link", name=re.compile(r"^Certificate\W")
        ).first.click()


def import_a_bad_file(page: Page) -> None:
    """A state: import a CSV with one good row and two bad ones: the report shows."""
    go("attendance_import")(page)
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "attendance.csv",
                "mimeType": "text/csv",
                "buffer": (
                    b"email,day\nperson0@example.org,2019-10-15\n"
                    b"nobody@example.org,2019-10-15\nperson1@example.org,2019-10-20\n"
                ),
            }
        ]
    )
    submit_empty_form(page)


def bad_set_up(page: Page) -> None:
    """A state: the set-up form sent with a closing time after the event starts and a
    share of 0 %."""
    go("setup")(page)
    page.locator("input[name=closes_time]").fill("18:00")
    page.locator("input[name=certificate_share]").fill("0")
    submit_empty_form(page)


def search(text: str) -> Callable[[Page], None]:
    def run(page: Page) -> None:
        page.get_by_role("main").locator("input[name=q]").fill(text)
        with page.expect_navigation():
            page.get_by_role("main").locator("form[role=search] button[type=submit]").click()

    return run


PAGES = [
    PageCase(
        "participation figures (staff)",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=figures,
    ),
    PageCase(
        "participants (staff)",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=go("participants"),
    ),
    PageCase(
        "participants (staff) at 375px",
        "/workspace/",
        user=STAFF,
        width=375,
        data=attendance_data,
        state=go("participants"),
    ),
    PageCase(
        "participants (adviser)",
        "/workspace/",
        user="adviser",
        data=attendance_data,
        state=go("participants"),
    ),
    PageCase(
        "check-in",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=go("checkin", "2019-10-15"),
    ),
    PageCase(
        "check-in, searched, at 375px",
        "/workspace/",
        user=STAFF,
        width=375,
        data=attendance_data,
        state=in_turn(go("checkin", "2019-10-16"), search("lan")),
    ),
    PageCase(
        "attendance import",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=go("attendance_import"),
    ),
    PageCase(
        "attendance import with a report of problems",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=import_a_bad_file,
    ),
    PageCase(
        "attendance import with a report of problems at 375px",
        "/workspace/",
        user=STAFF,
        width=375,
        data=attendance_data,
        state=import_a_bad_file,
    ),
    PageCase(
        "registration set-up", "/workspace/", user=STAFF, data=attendance_data, state=go("setup")
    ),
    PageCase(
        "registration set-up with errors",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=bad_set_up,
    ),
    PageCase(
        "registration set-up with errors at 375px",
        "/workspace/",
        user=STAFF,
        width=375,
        data=attendance_data,
        state=bad_set_up,
    ),
    PageCase(
        "invite a participant with errors",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=in_turn(go("invite"), submit_empty_form),
    ),
    PageCase(
        "certificate of attendance",
        "/workspace/",
        user=STAFF,
        data=attendance_data,
        state=certificate,
    ),
    PageCase(
        "certificates of attendance at 375px",
        "/workspace/",
        user=STAFF,
        width=375,
        data=attendance_data,
        state=go("certificates"),
    ),
]
