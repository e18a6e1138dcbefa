"""Helpers of the participation, admin and retention tests: an edition with its
monitoring activity, and people who registered and attended."""

import datetime
import itertools

from apps.monitoring.models import ReviewStatus
from apps.registrations.models import Attendance, Registration
from tests.events.factories import EventFactory, SeriesFactory, jakarta
from tests.monitoring.factories import ActivityFactory

from .factories import RegistrationFactory, RegistrationSetupFactory

_numbers = itertools.count(1)


def edition(
    *,
    year: int = 2019,
    series=None,
    activity_status: str = ReviewStatus.DRAFT,
    activity_public: bool = True,
    counts: tuple[int, int, int] = (0, 0, 0),
    with_activity: bool = True,
    retention_months: int | None = None,
    **kwargs,
):
    """A published two-day edition (15–16 October of `year`, Jakarta) with a monitoring
    activity of its unit (women, men, other = `counts`)."""
    number = next(_numbers)
    values = {
        "status": ReviewStatus.APPROVED,
        "capacity": 200,
        "starts_at": jakarta(year, 10, 15, 9),
        "ends_at": jakarta(year, 10, 16, 17),
        "title": f"Regional media forum {year}",
        "slug": f"regional-media-forum-{year}-{number}",
        "series": series,
    }
    event = EventFactory(**{**values, **kwargs})
    if with_activity:
        women, men, other = counts
        event.activity = ActivityFactory(
            unit=event.unit,
            component=event.unit.components.order_by("number").first(),
            created_by=event.created_by,
            title=event.title,
            start_date=datetime.date(year, 10, 15),
            status=activity_status,
            is_public=activity_public,
            participants_women=women,
            participants_men=men,
            participants_sex_other=other,
            participants_with_disability=0,
        )
        event.save(update_fields=["activity"])
    if retention_months is not None:
        RegistrationSetupFactory(
            event=event,
            opens_at=event.starts_at - datetime.timedelta(days=30),
            closes_at=event.starts_at,
            retention_months=retention_months,
        )
    return event


def series(**kwargs):
    return SeriesFactory(**kwargs)


def people(event, count: int, *, days: int = 1, **fields) -> list[Registration]:
    """`count` confirmed registrations of the event, present on its first `days` days."""
    made = RegistrationFactory.create_batch(count, event=event, **fields)
    Attendance.objects.bulk_create(
        Attendance(registration=r, day=event.start_date + datetime.timedelta(days=d))
        for r in made
        for d in range(days)
    )
    return made
