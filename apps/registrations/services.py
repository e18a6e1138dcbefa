"""Every write of registrations (docs/registrations.md).

Capacity holds under load because every change of who holds a place happens under
the event's row lock (`SELECT ... FOR UPDATE` on events_event): registering,
cancelling, approving, declining and promoting each lock the event, count the
confirmed registrations inside the transaction and decide only then. Two people
who click at once are served one after the other.

Emails leave through tasks.py, queued with `transaction.on_commit`: nothing is sent
for a registration that is rolled back, and a slow mail server never holds the lock.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.events import services as event_services
from apps.events.models import Event
from apps.monitoring.models import ReviewStatus

from . import tasks, tokens
from .models import Registration

Status = Registration.Status

# The fields a registration form hands over (services check them again).
PERSON_FIELDS = (
    "name",
    "email",
    "organisation",
    "job_title",
    "role",
    "member_state",
    "sex",
    "disability",
    "needs",
    "needs_note",
    "listed_publicly",
)


# --- Is registration open? ----------------------------------------------------------


class Window:
    NOT_OFFERED = "not_offered"
    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"


def registration_window(event: Event, *, now=None) -> str:
    """Whether the public may register for the event now. Only a published,
    scheduled event with a set-up takes registrations, between its opening and its
    closing (and never after the event has started)."""
    now = now or timezone.now()
    setup = getattr(event, "registration_setup", None)
    if setup is None or not _published(event) or event.state != Event.State.SCHEDULED:
        return Window.NOT_OFFERED
    if now < setup.opens_at:
        return Window.NOT_YET
    if now >= min(setup.closes_at, event.starts_at):
        return Window.CLOSED
    return Window.OPEN


def _published(event: Event) -> bool:
    return event.status == ReviewStatus.APPROVED and event.is_public


def places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=Registration.HOLDS_PLACE).count()


def places_left(event: Event) -> int | None:
    """Free places, or None when the event has no capacity limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - places_taken(event), 0)


# --- Registering ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    created: bool  # False: this email was registered already, nothing changed


def register(
    *, event: Event, data: dict, invited_by=None, now=None, consent: bool = True
) -> Outcome:
    """Register one person for the event: confirmed while places are free, else on
    the waiting list; pending approval where staff approve registrations (public
    registrations only: staff who invite someone have approved them). The same
    email twice gives the first registration back and writes nothing."""
    now = now or timezone.now()
    source = Registration.Source.INVITED if invited_by else Registration.Source.PUBLIC
    if invited_by is not None:
        _check_manager(user=invited_by, event=event)
    elif registration_window(event, now=now) != Window.OPEN:
        raise ValidationError(_("Registration for this event is not open."))
    if not consent:
        raise ValidationError(
            {"consent": _("Agree to the privacy notice to register, or do not register.")}
        )
    email = (data.get("email") or "").strip()
    if source == Registration.Source.PUBLIC and not email:
        raise ValidationError({"email": _("Enter your email address.")})

    with transaction.atomic():
        locked = _lock(event)
        existing = _by_email(locked, email)
        # Registered already (or declined): the same row back, nothing changed. Only
        # someone who cancelled may register again, at the end of the queue.
        if existing is not None and existing.status != Status.CANCELLED:
            return Outcome(existing, created=False)
        registration = existing or Registration(event=locked, cancel_key=tokens.new_key())
        for field in PERSON_FIELDS:
            if field in data:
                setattr(registration, field, data[field])
        registration.email = email
        if registration.accommodation == Registration.Accommodation.NONE and (
            registration.needs or (registration.needs_note or "").strip()
        ):
            registration.accommodation = Registration.Accommodation.REQUESTED
        registration.source = source
        registration.invited_by = invited_by
        registration.privacy_notice_version = settings.PORTAL_PRIVACY_NOTICE_VERSION
        registration.consented_at = now
        setup = getattr(locked, "registration_setup", None)
        if source == Registration.Source.PUBLIC and setup and setup.requires_approval:
            status = Status.PENDING
        else:
            status = Status.CONFIRMED if _has_place(locked) else Status.WAITING
        _set_status(registration, status, now=now)
        registration.full_clean(exclude=["event", "cancel_key"], validate_unique=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # Only the email's uniqueness can fail here, and the lock rules it out
            # for this event; say so plainly rather than fail with a server error.
            raise ValidationError(
                {"email": _("This email address is already registered.")}
            ) from None
        _email_after_commit(registration, status)
    return Outcome(registration, created=True)


def _lock(event: Event) -> Event:
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("registration_setup")
        .get(pk=event.pk)
    )


def _by_email(event: Event, email: str) -> Registration | None:
    if not email:
        return None
    return Registration.objects.select_for_update().filter(event=event, email__iexact=email).first()


def _has_place(event: Event) -> bool:
    return event.capacity is None or places_taken(event) < event.capacity


def _set_status(registration: Registration, status: str, *, now) -> None:
    registration.status = status
    registration.status_changed_at = now
    if status in (Status.WAITING, Status.PENDING):
        registration.queued_at = registration.queued_at or now
    if status in (Status.CONFIRMED, Status.CANCELLED, Status.DECLINED):
        registration.queued_at = registration.queued_at if status == Status.CONFIRMED else None


def _email_after_commit(registration: Registration, kind: str) -> None:
    transaction.on_commit(lambda: tasks.registration_email.enqueue(registration.pk, kind))


# --- Cancelling and the waiting list ----------------------------------------------------


def cancel(*, registration: Registration, user=None, now=None) -> Registration:
    """Cancel a registration (by its cancel link, or by staff). A freed place goes
    to the first person waiting, who is told by email."""
    now = now or timezone.now()
    if user is not None:
        _check_manager(user=user, event=registration.event)
    with transaction.atomic():
        event = _lock(registration.event)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status not in Registration.ACTIVE:
            return locked
        _set_status(locked, Status.CANCELLED, now=now)
        locked.save(update_fields=["status", "status_changed_at", "queued_at", "updated_at"])
        _email_after_commit(locked, Status.CANCELLED)
        fill_places(event=event, now=now)
    return locked


def fill_places(*, event: Event, now=None) -> list[Registration]:
    """Give free places to the waiting list, earliest first. Call it under the
    event's lock (the functions here do); it is also the admin's promotion action."""
    now = now or timezone.now()
    promoted = []
    if event.capacity is None:
        waiting = list(_waiting(event))
    else:
        free = event.capacity - places_taken(event)
        waiting = list(_waiting(event)[: max(free, 0)])
    for registration in waiting:
        _set_status(registration, Status.CONFIRMED, now=now)
        registration.save(update_fields=["status", "status_changed_at", "queued_at", "updated_at"])
        _email_after_commit(registration, "promoted")
        promoted.append(registration)
    return promoted


def _waiting(event: Event):
    return (
        Registration.objects.select_for_update()
        .filter(event=event, status=Status.WAITING)
        .order_by("queued_at", "pk")
    )


def promote_waiting(*, event: Event, user, now=None) -> list[Registration]:
    """Staff or an adviser fill the event's free places from its waiting list (after
    raising the capacity, say)."""
    _check_manager(user=user, event=event)
    with transaction.atomic():
        return fill_places(event=_lock(event), now=now)


def approve(*, registration: Registration, user, now=None) -> Registration:
    """Accept a registration that waits for approval: confirmed if a place is free,
    else onto the waiting list (in the order it registered)."""
    return _decide(registration=registration, user=user, approve=True, now=now)


def decline(*, registration: Registration, user, now=None) -> Registration:
    return _decide(registration=registration, user=user, approve=False, now=now)


def _decide(*, registration: Registration, user, approve: bool, now=None) -> Registration:
    now = now or timezone.now()
    _check_manager(user=user, event=registration.event)
    with transaction.atomic():
        event = _lock(registration.event)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != Status.PENDING:
            raise ValidationError(
                _("This registration was already decided: it is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if approve:
            status = Status.CONFIRMED if _has_place(event) else Status.WAITING
        else:
            status = Status.DECLINED
        _set_status(locked, status, now=now)
        locked.save(update_fields=["status", "status_changed_at", "queued_at", "updated_at"])
        _email_after_commit(locked, status)
    return locked


# --- Who may manage an event's registrations ---------------------------------------------


def may_manage(*, user, event: Event) -> bool:
    """The event's organising unit, and the reviewers of events (the events app's rule)."""
    return user.is_authenticated and event_services.may_manage(user=user, event=event)


def _check_manager(*, user, event: Event) -> None:
    if not may_manage(user=user, event=event):
        raise PermissionDenied(
            _("Only the organising unit's staff manage this event's participants.")
        )
