"""The staff's reads of an event's participants (docs/attendance.md): counts in one
query, lists filtered in the database, each row with what the page shows
(member state, days present) so a page runs the same queries for 5 or 500 people."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from apps.accounts.permissions import is_secretariat_staff
from apps.events.models import Event

from .attendance import certificate_days_needed, days_of
from .models import Attendance, Registration, RegistrationSetup

Status = Registration.Status
# The order of the counts and of the status filter on the participants page.
STATUS_ORDER = (
    Status.CONFIRMED,
    Status.WAITING,
    Status.PENDING,
    Status.DECLINED,
    Status.CANCELLED,
)


def _counts_by_status(prefix: str = "") -> dict:
    return {
        status: Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": status}))
        for status in STATUS_ORDER
    }


def participant_counts(*, event: Event) -> dict:
    """{status: count} and `places_left` (None without a capacity), in one query."""
    counts = Registration.objects.filter(event=event).aggregate(**_counts_by_status())
    places = None
    if event.capacity is not None:
        places = max(event.capacity - counts[Status.CONFIRMED], 0)
    return {**counts, "places_left": places, "total": sum(counts.values())}


def _search(queryset: QuerySet, q: str) -> QuerySet:
    q = q.strip()
    if not q:
        return queryset
    return queryset.filter(
        Q(name__icontains=q) | Q(email__icontains=q) | Q(organisation__icontains=q)
    )


def participant_list(*, event: Event, status: str = "", q: str = "") -> QuerySet[Registration]:
    """The event's registrations, filtered by status and a search of name, email and
    organisation; each with `days_present`. Confirmed first, then in queue order."""
    registrations = Registration.objects.filter(event=event).select_related("member_state")
    if status:
        registrations = registrations.filter(status=status)
    return (
        _search(registrations, q).annotate(days_present=Count("attendance")).order_by("name", "pk")
    )


def checkin_list(*, event: Event, day: datetime.date, q: str = "") -> QuerySet[Registration]:
    """The event's confirmed participants, each with `present` on `day`."""
    present = Attendance.objects.filter(registration=OuterRef("pk"), day=day)
    registrations = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    return (
        _search(registrations, q)
        .annotate(present=Exists(present))
        .only("pk", "name", "email", "organisation", "status", "event_id")
        .order_by("name", "pk")
    )


def present_count(*, event: Event, day: datetime.date) -> int:
    return Attendance.objects.filter(
        registration__event=event, registration__status=Status.CONFIRMED, day=day
    ).count()


def certificate_share(event: Event) -> int:
    """The event's share of days for a certificate (the default without a set-up)."""
    setup = getattr(event, "registration_setup", None)  # selected with the event
    if setup is None:
        return RegistrationSetup._meta.get_field("certificate_share").default
    return setup.certificate_share


def certificate_rule(*, event: Event) -> dict:
    """{days, share, needed}: how many of the event's days earn a certificate."""
    days = len(days_of(event))
    share = certificate_share(event)
    return {"days": days, "share": share, "needed": certificate_days_needed(days=days, share=share)}


def certificate_holders(*, event: Event, needed: int) -> QuerySet[Registration]:
    """Participants present on at least `needed` days (personal data not removed),
    with `days_present`, by name."""
    return (
        Registration.objects.filter(event=event, anonymised_at__isnull=True)
        .exclude(name="")
        .annotate(days_present=Count("attendance"))
        .filter(days_present__gte=needed)
        .order_by("name", "pk")
    )


def events_to_run(*, user, limit: int = 5) -> list[Event]:
    """The next events of the person's unit (not ended, not cancelled), soonest first,
    each with its registrations counted by status (`count_<status>`)."""
    if not is_secretariat_staff(user):
        return []
    counts = {
        f"count_{status}": count for status, count in _counts_by_status("registrations__").items()
    }
    return list(
        Event.objects.filter(unit_id=user.unit_id, ends_at__gte=timezone.now())
        .exclude(state=Event.State.CANCELLED)
        .select_related("registration_setup")
        .annotate(**counts)
        .order_by("starts_at", "pk")[:limit]
    )
