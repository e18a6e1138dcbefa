"""Personal data of participants: how long it is kept, and how it is removed
(docs/participation.md, "Retention").

The rule: an event's registrations keep their personal fields until the event's
last day (in its own time zone) plus its set-up's `retention_months`
(PORTAL_PARTICIPANT_RETENTION_MONTHS for an event without a set-up). From that day
on, `purge_due` removes them; on a participant's request an adviser removes one
person's at any time (`anonymise`).

Removing empties the name, email, organisation, job title, the needs and their note
and the consent to be listed, stamps `anonymised_at`, and deletes the registration's
history rows (which hold the old values), leaving one history row that records the
removal. What the figures count stays: status, sex, disability, member state, role,
source, accommodation and attendance — so every figure is the same afterwards.
Idempotent: what is anonymised already is left alone. Rows are locked first.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.core.public_cache import public_pages_purge
from apps.events.models import Event

from .models import Registration

# The fields that say who someone is; emptied on removal (`needs` becomes []).
PERSONAL_FIELDS = ("name", "email", "organisation", "job_title", "needs", "needs_note")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months; the 31st of a shorter month is its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_months(event: Event) -> int:
    setup = getattr(event, "registration_setup", None)
    if setup is not None:
        return setup.retention_months
    return settings.PORTAL_PARTICIPANT_RETENTION_MONTHS


def purge_day(event: Event) -> datetime.date:
    """The first day the event's personal data is removed on."""
    return add_months(event.end_date, retention_months(event))


@dataclass(frozen=True)
class DueEvent:
    event: Event
    purge_day: datetime.date
    registrations: int  # not yet anonymised


def due(*, today: datetime.date | None = None) -> list[DueEvent]:
    """Events whose retention has run out by `today` and that still hold personal data,
    the oldest first. Two queries, whatever the number of registrations."""
    today = today or timezone.localdate()
    events = (
        Event.objects.select_related("registration_setup")
        .annotate(personal=Count("registrations", filter=Q(registrations__anonymised_at=None)))
        .filter(personal__gt=0)
        .order_by("ends_at", "pk")
    )
    found = []
    for event in events:
        day = purge_day(event)
        if day <= today:
            found.append(DueEvent(event=event, purge_day=day, registrations=event.personal))
    return sorted(found, key=lambda item: (item.purge_day, item.event.pk))


@dataclass(frozen=True)
class PurgeResult:
    events: list[DueEvent]
    anonymised: int


def purge_due(*, today: datetime.date | None = None, user=None, dry_run: bool = False):
    """Remove the personal data of every event whose retention has run out by `today`
    (each event in its own transaction). With dry_run, only say what would go."""
    found = due(today=today)
    if dry_run:
        return PurgeResult(events=found, anonymised=0)
    removed = 0
    for item in found:
        with transaction.atomic():
            removed += _anonymise(
                Registration.objects.filter(event=item.event, anonymised_at__isnull=True),
                user=user,
            )
    return PurgeResult(events=found, anonymised=removed)


def anonymise(*, registration: Registration, user=None) -> Registration:
    """Remove one participant's personal data, on their request (the admin's action).
    Nothing happens to a registration anonymised already."""
    with transaction.atomic():
        _anonymise(Registration.objects.filter(pk=registration.pk), user=user)
    return Registration.objects.get(pk=registration.pk)


def anonymise_many(*, registrations: QuerySet[Registration], user=None) -> int:
    """The same for several registrations at once; how many were anonymised now."""
    with transaction.atomic():
        return _anonymise(registrations.filter(anonymised_at__isnull=True), user=user)


def _anonymise(registrations: QuerySet[Registration], *, user) -> int:
    """Lock the rows, empty their personal fields in one UPDATE, delete their history
    and write one history row each recording the removal. Call in a transaction."""
    ids = list(
        registrations.select_for_update(of=("self",))
        .filter(anonymised_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    now = timezone.now()
    Registration.objects.filter(pk__in=ids).update(
        name="",
        email="",
        organisation="",
        job_title="",
        needs=[],
        needs_note="",
        listed_publicly=False,
        anonymised_at=now,
        updated_at=now,
    )
    Registration.history.filter(id__in=ids).delete()
    removed = list(Registration.objects.filter(pk__in=ids).order_by("pk"))
    Registration.history.bulk_history_create(
        removed, update=True, default_user=user, default_change_reason="personal data removed"
    )
    # A name listed on a public page (with consent) goes from there too.
    public_pages_purge()
    return len(ids)
