"""Demo registrations and attendance for a developer's machine (`seed_demo`, only
under DEBUG), after the events' demo (apps.events.demo).

The ASEAN Media Forum 2018–2021 each get a registration set-up (closed: they are
past), made-up participants — registered by the Culture and Information Division's
demo staff member as invited guests — and their attendance per day. The people who
attended add up exactly to the participants of the edition's monitoring activity
(women, men, other or not stated; with a disability, not stated), so the staff's
participation page and the monitoring record agree; a few more registered and did
not come, and two cancelled.

The 2021 edition's monitoring activity waits for review in monitoring's demo (the
adviser's queue shows it), so the public series page shows the share of women for
2018–2020 until an adviser approves it; tests/registrations/test_participation.py
proves the page for all four editions.

Rows are written in bulk rather than through services.register: the services would
send each made-up person an email. Idempotent: an edition with registrations is left
alone.
"""

import datetime
import itertools
from collections.abc import Iterable

from django.db import transaction

from apps.accounts.models import User
from apps.events.facts import MEDIA_FORUM
from apps.events.models import Event
from apps.programme.models import MemberState

from . import tokens
from .models import Attendance, Registration, RegistrationSetup

# The ten member states of the programme's term, in the order participants are spread.
STATES = ("ID", "MY", "PH", "SG", "TH", "BN", "VN", "LA", "MM", "KH")
# Who comes to a media forum: mostly media, then the others.
ROLES = (
    [Registration.Role.MEDIA] * 6
    + [Registration.Role.GOVERNMENT, Registration.Role.CIVIL_SOCIETY]
    + [Registration.Role.PRIVATE_SECTOR, Registration.Role.ACADEMIA, Registration.Role.ASEC]
)
NO_SHOWS = 8
CANCELLED = 2


def _staff(users: Iterable[User]) -> User | None:
    """The Culture and Information Division's demo staff member, who runs the forum."""
    for user in users:
        if user.is_secretariat_staff and user.unit_id and user.unit.abbreviation == "CID":
            return user
    return None


def _sexes(activity) -> list[str]:
    """One sex per person who attended, as the activity counts them (its "other or not
    stated" split between the two)."""
    Sex = Registration.Sex
    other = activity.participants_sex_other
    return (
        [Sex.WOMAN] * activity.participants_women
        + [Sex.MAN] * activity.participants_men
        + [Sex.OTHER] * (other - other // 2)
        + [Sex.NOT_STATED] * (other // 2)
    )


def _disabilities(activity, count: int) -> list[str]:
    Disability = Registration.Disability
    yes, not_stated = (
        activity.participants_with_disability,
        activity.participants_disability_not_stated,
    )
    labels = [Disability.NO] * count
    # Spread over the list, so they fall among women and men alike.
    for index in range(yes):
        labels[(index * 7 + 3) % count] = Disability.YES
    free = [i for i, label in enumerate(labels) if label == Disability.NO]
    for index in free[::-1][:not_stated]:
        labels[index] = Disability.NOT_STATED
    return labels


def _registration(event: Event, number: int, *, sex, disability, state, role, status, staff):
    year = event.start_date.year
    now = event.starts_at - datetime.timedelta(days=30 - number % 20)
    return Registration(
        event=event,
        status=status,
        status_changed_at=now,
        name=f"Demo participant {year}-{number:03d}",
        email=f"participant-{year}-{number:03d}@example.org",
        organisation=f"Regional newsroom {number % 17 + 1} (demo)",
        job_title="Editor" if role == Registration.Role.MEDIA else "Officer",
        role=role,
        member_state=state,
        sex=sex,
        disability=disability,
        needs=["wheelchair"] if disability == Registration.Disability.YES and number % 2 else [],
        accommodation=(
            Registration.Accommodation.PROVIDED
            if disability == Registration.Disability.YES and number % 2
            else Registration.Accommodation.NONE
        ),
        privacy_notice_version="2018-01",
        consented_at=now,
        listed_publicly=number % 3 == 0,
        source=Registration.Source.INVITED,
        invited_by=staff,
        cancel_key=tokens.new_key(),
    )


def _edition_load(event: Event, *, staff: User, states: list[MemberState]) -> dict[str, int]:
    RegistrationSetup.objects.get_or_create(
        event=event,
        defaults={
            "opens_at": event.starts_at - datetime.timedelta(days=60),
            "closes_at": event.starts_at,
        },
    )
    activity = event.activity
    sexes = _sexes(activity)
    disabilities = _disabilities(activity, len(sexes)) if sexes else []
    roles, spread = itertools.cycle(ROLES), itertools.cycle(states)
    people = []
    for number, (sex, disability) in enumerate(zip(sexes, disabilities, strict=True), start=1):
        people.append(
            _registration(
                event,
                number,
                sex=sex,
                disability=disability,
                state=next(spread),
                role=next(roles),
                status=Registration.Status.CONFIRMED,
                staff=staff,
            )
        )
    attended = len(people)
    extra = [
        (Registration.Status.CONFIRMED, Registration.Sex.WOMAN if n % 2 else Registration.Sex.MAN)
        for n in range(NO_SHOWS)
    ] + [(Registration.Status.CANCELLED, Registration.Sex.MAN)] * CANCELLED
    for offset, (status, sex) in enumerate(extra, start=attended + 1):
        people.append(
            _registration(
                event,
                offset,
                sex=sex,
                disability=Registration.Disability.NO,
                state=next(spread),
                role=next(roles),
                status=status,
                staff=staff,
            )
        )
    created = Registration.objects.bulk_create(people)
    days = [
        event.start_date + datetime.timedelta(days=n)
        for n in range((event.end_date - event.start_date).days + 1)
    ]
    present = [
        Attendance(registration=registration, day=day, recorded_by=staff)
        for index, registration in enumerate(created[:attended])
        for position, day in enumerate(days)
        # Everyone came on the first day; a few missed the later ones.
        if position == 0 or index % 7
    ]
    Attendance.objects.bulk_create(present)
    return {"registrations": len(created), "attendance": len(present)}


@transaction.atomic
def registrations_demo_load(*, users: Iterable[User]) -> dict[str, int]:
    """Load the demo registrations (see the module's docstring). Returns rows created."""
    staff = _staff(users)
    written = {"registrations": 0, "attendance": 0}
    if staff is None:
        return written
    by_iso = {state.iso_code: state for state in MemberState.objects.filter(iso_code__in=STATES)}
    states = [by_iso[iso] for iso in STATES if iso in by_iso]
    editions = (
        Event.objects.filter(series__slug=MEDIA_FORUM, activity__isnull=False)
        .select_related("activity")
        .order_by("starts_at")
    )
    for event in editions:
        if not event.registrations.exists():
            for kind, count in _edition_load(event, staff=staff, states=states).items():
                written[kind] += count
    return written
