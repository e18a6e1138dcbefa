"""Every write of the events app (docs/events.md).

- An event is a reviewed record: created and changed through the review core's
  `records.record_create` / `record_update` (locked, checked, audited), submitted,
  approved or returned through `review`. Publication is approval: an approved event
  marked public shows on /events/.
- Its agenda (sessions), speakers and sponsors change only while the event may be
  edited (draft or returned), under the event's lock, and each change is one entry
  in the event's audit trail (`Event.audit_related`).
- Each event is a monitoring activity: the staff member who creates an event
  creates its activity (a draft of the same unit, through monitoring's services),
  and every later edit keeps it in step while the activity may still be edited.
  Staff report the participants on the activity after the event and submit it.
- Cancelling or completing an event changes its own state, beside the review
  status, at any review status.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.permissions import is_secretariat_staff
from apps.core.db import upsert
from apps.monitoring import records, review
from apps.monitoring import services as monitoring
from apps.monitoring.models import Activity, AuditEntry
from apps.photos import images
from apps.photos import services as photo_services
from apps.photos.models import Photo
from apps.programme.models import Partner

from . import facts
from .models import Event, Series, Session, Speaker, Sponsor
from .times import days, local

# --- Reference data ------------------------------------------------------------------


def events_facts_load() -> dict[str, int]:
    """Write the series of `facts.py`, matched on their slugs. Idempotent."""
    written = 0
    for item in facts.SERIES:
        values = {"title": item["title"], "description": item["description"]}
        _series, changed = upsert(Series, lookup={"slug": item["slug"]}, values=values)
        written += changed
    return {"series": written}


# --- Events ----------------------------------------------------------------------------


def unique_slug(*, title: str, starts_at: datetime.datetime, exclude_pk: int | None = None) -> str:
    """The title (with the year, unless it names it) as a web address, unique:
    "asean-media-forum-2022", then "-2", "-3"… if taken."""
    year = str(starts_at.year)
    base = slugify(title)[:200] or "event"
    if year not in base:
        base = f"{base}-{year}"
    taken = set(
        Event.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check(event: Event, data: dict) -> None:
    """The event's own rules, with a message on the field to change."""
    errors = {}
    starts, ends = data.get("starts_at", event.starts_at), data.get("ends_at", event.ends_at)
    if starts and ends and ends <= starts:
        errors["ends_at"] = _("The event must end after it starts.")
    if "components" in data:
        unit_components = set(event.unit.components.values_list("pk", flat=True))
        if not any(component.pk in unit_components for component in data["components"]):
            errors["components"] = _(
                "Tick at least one component your unit works with: the event's monitoring "
                "activity counts for it."
            )
    own = [p for p in data.get("partners") or () if p.kind == Partner.Kind.EXECUTING_AGENCY]
    if own:
        errors["partners"] = _(
            "%(partner)s is the programme's executing agency, the Secretariat itself: it "
            "cannot be a partner of its own events."
        ) % {"partner": own[0]}
    if data.get("online") is False and "venue" in data and not data["venue"].strip():
        errors["venue"] = _("Enter the venue, or tick “online”.")
    if event.pk and starts and ends and ("starts_at" in data or "ends_at" in data):
        outside = [
            session.title
            for session in event.sessions.all()
            if session.starts_at < starts or session.ends_at > ends
        ]
        if outside:
            errors.setdefault(
                "starts_at",
                _("These sessions would fall outside the event: %(titles)s. Move them first.")
                % {"titles": ", ".join(outside)},
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(
    *,
    user,
    data: dict,
    files=(),
    submit: bool = False,
    token: uuid.UUID | None = None,
    activity: Activity | None = None,
) -> Event:
    """A new event of the user's unit, with its monitoring activity: a new draft of
    the unit, or `activity` when the event is entered after its activity was logged
    (that one is linked, not copied, and kept in step only while it may be edited)."""
    if not is_secretariat_staff(user):
        raise PermissionDenied(_("Only Secretariat staff with a unit can add events."))
    if activity is not None and Event.objects.filter(activity=activity).exists():
        raise ValidationError(_("This activity belongs to another event."))
    slug = unique_slug(title=data["title"], starts_at=data["starts_at"])
    event = records.record_create(
        record=Event(unit_id=user.unit_id, slug=slug, activity=activity),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_check,
    )
    _activity_sync(event=event, user=user)
    return event


@transaction.atomic
def event_update(*, event: Event, user, data: dict, files=(), submit: bool = False) -> Event:
    """Change a draft or returned event (and submit it, if asked); its activity follows."""
    event = records.record_update(
        record=event, user=user, data=data, files=files, submit=submit, check=_check
    )
    _activity_sync(event=event, user=user)
    return event


def event_submit(*, event: Event, user) -> Event:
    return review.submit(record=event, user=user)


def event_approve(*, event: Event, reviewer) -> Event:
    """Approve (publish, when public) a submitted event."""
    return review.approve(record=event, reviewer=reviewer)


def event_return(*, event: Event, reviewer, note: str) -> Event:
    return review.return_to_author(record=event, reviewer=reviewer, note=note)


@transaction.atomic
def event_delete(*, event: Event, user) -> None:
    """Delete a draft event never submitted, and its activity while that is an
    untouched draft of the same author."""
    activity = event.activity
    review.delete(record=event, user=user)
    if activity is not None and review.may_delete(user=user, record=activity):
        monitoring.activity_delete(activity=activity, user=user)


def may_manage(*, user, event: Event) -> bool:
    """Staff of the organising unit, and the reviewers of events."""
    return (is_secretariat_staff(user) and user.unit_id == event.unit_id) or user.has_perm(
        review.review_permission(Event)
    )


@transaction.atomic
def _set_state(*, event: Event, user, state: str, allowed_from: tuple[str, ...]) -> Event:
    locked = review.lock(event)
    if not may_manage(user=user, event=locked):
        raise PermissionDenied(_("Only staff of the organising unit or advisers can do this."))
    if locked.state not in allowed_from:
        raise ValidationError(
            _("This event is already %(state)s.") % {"state": locked.get_state_display().lower()}
        )
    before = locked.get_state_display()
    locked.state = state
    locked.save(update_fields=["state", "updated_at"])
    review.audit(
        record=locked,
        action=AuditEntry.Action.EDITED,
        user=user,
        changes=[
            {
                "field": "state",
                "label": str(Event._meta.get_field("state").verbose_name).capitalize(),
                "old": str(before),
                "new": str(locked.get_state_display()),
            }
        ],
    )
    return locked


def event_cancel(*, event: Event, user) -> Event:
    """Cancel a scheduled event, whatever its review status: a published event stays
    on the public pages, marked cancelled (and so in calendars)."""
    return _set_state(
        event=event, user=user, state=Event.State.CANCELLED, allowed_from=(Event.State.SCHEDULED,)
    )


def event_complete(*, event: Event, user) -> Event:
    """Mark a scheduled event that has ended as held."""
    if event.ends_at > timezone.now():
        raise ValidationError(_("An event is completed only after it ends."))
    return _set_state(
        event=event, user=user, state=Event.State.COMPLETED, allowed_from=(Event.State.SCHEDULED,)
    )


# --- The event's monitoring activity ---------------------------------------------------

ACTIVITY_TYPES = {
    Event.Kind.FORUM: Activity.Type.MEETING,
    Event.Kind.WORKSHOP: Activity.Type.WORKSHOP,
    Event.Kind.TRAINING: Activity.Type.TRAINING,
    Event.Kind.LAUNCH: Activity.Type.LAUNCH,
    Event.Kind.DIALOGUE: Activity.Type.MEETING,
    Event.Kind.OTHER: Activity.Type.OTHER,
}
# The activity's fields an error may name, and the event's field to show it on.
ACTIVITY_ERROR_FIELDS = {
    "title": "title",
    "start_date": "starts_at",
    "end_date": "ends_at",
    "component": "components",
    "member_states": "member_state",
    "partners": "partners",
    "location": "venue",
    "description": "description",
}


def activity_data(event: Event) -> dict:
    """What the event's activity holds of the event (monitoring's services' keys)."""
    start, end = event.start_date, event.end_date
    unit_components = set(event.unit.components.values_list("pk", flat=True))
    component = next(
        (c for c in event.components.order_by("number") if c.pk in unit_components), None
    )
    description = event.summary
    if event.description:
        description = f"{description}\n\n{event.description}"
    return {
        "title": event.title,
        "start_date": start,
        "end_date": end if end != start else None,
        "component": component,
        "activity_type": ACTIVITY_TYPES[event.kind],
        "description": description,
        "location": event.place[:200],
        "member_states": [event.member_state] if event.member_state_id else [],
        "partners": list(event.partners.all()),
        "is_public": event.is_public,
    }


def _activity_sync(*, event: Event, user) -> None:
    """Create the event's activity, or bring it in step while it may be edited (a
    submitted or approved activity is the monitoring record of what happened and is
    left alone). An error of the activity shows on the event's field it concerns."""
    try:
        if event.activity_id is None:
            activity = monitoring.activity_create(user=user, data=activity_data(event))
            event.activity = activity
            event.save(update_fields=["activity", "updated_at"])
        elif review.may_edit(user=user, record=event.activity):
            monitoring.activity_update(
                activity=event.activity, user=user, data=activity_data(event)
            )
    except ValidationError as error:
        raise _on_event_fields(error) from error


def _on_event_fields(error: ValidationError) -> ValidationError:
    prefix = _("The event's monitoring activity: ")
    if not hasattr(error, "error_dict"):
        return ValidationError([prefix + message for message in error.messages])
    mapped: dict[str, list[str]] = {}
    for field, errors in error.error_dict.items():
        target = ACTIVITY_ERROR_FIELDS.get(field)
        for message in ValidationError(errors).messages:
            mapped.setdefault(target or "__all__", []).append(prefix + message)
    return ValidationError(mapped)


# --- The agenda, speakers and sponsors -------------------------------------------------


def _check_session(event: Event, data: dict) -> None:
    errors = {}
    starts, ends = data["starts_at"], data["ends_at"]
    if ends <= starts:
        errors["ends_at"] = _("The session must end after it starts.")
    event_days = days(event.starts_at, event.ends_at, event.time_zone)
    if local(starts, event.time_zone).date() not in event_days:
        errors["day"] = _("Pick a day of the event: %(first)s to %(last)s.") % {
            "first": event_days[0].isoformat(),
            "last": event_days[-1].isoformat(),
        }
    if errors:
        raise ValidationError(errors)


SESSION_FIELDS = ("title", "kind", "starts_at", "ends_at", "room", "description")


@transaction.atomic
def session_add(*, event: Event, user, data: dict) -> Session:
    """Add a session to the agenda of an event the user may edit."""
    with review.editing(record=event, user=user) as locked:
        _check_session(locked, data)
        session = Session(event=locked, **{name: data[name] for name in SESSION_FIELDS})
        session.full_clean()
        session.save()
        session.speakers.set(data.get("speakers") or [])
    return session


@transaction.atomic
def session_change(*, session: Session, user, data: dict) -> Session:
    with review.editing(record=session.event, user=user) as locked:
        session = Session.objects.select_for_update().get(pk=session.pk, event=locked)
        _check_session(locked, data)
        for name in SESSION_FIELDS:
            setattr(session, name, data[name])
        session.full_clean()
        session.save()
        session.speakers.set(data.get("speakers") or [])
    return session


@transaction.atomic
def session_remove(*, session: Session, user) -> None:
    with review.editing(record=session.event, user=user):
        session.delete()


SPEAKER_FIELDS = ("name", "job_title", "organisation", "member_state", "bio")


@transaction.atomic
def speaker_add(*, event: Event, user, data: dict) -> Speaker:
    """A new speaker, on the sessions of the event ticked in `data["sessions"]`.
    Speakers are shared by every event: any edition may list them again."""
    with review.editing(record=event, user=user) as locked:
        speaker = Speaker(**{name: data[name] for name in SPEAKER_FIELDS})
        speaker.full_clean()
        speaker.save()
        for session in data.get("sessions") or ():
            if session.event_id != locked.pk:
                raise ValidationError({"sessions": _("Pick sessions of this event.")})
            session.speakers.add(speaker)
    return speaker


def _logo(*, upload, alt_text: str, partner: Partner) -> Photo:
    """The sponsor's logo as a photo record: checked by its content (a renamed file
    that is not an image is refused), re-encoded without metadata."""
    try:
        master = images.prepare(upload)
    except ValidationError as error:
        raise ValidationError({"logo_file": error.messages}) from error
    return photo_services.photo_save(
        photo=Photo(
            alt_text=alt_text or partner.name,
            credit=partner.name,
            copyright_holder=partner.name,
            kind=Photo.Kind.ILLUSTRATION,
            people=Photo.People.NONE,
            is_published=True,
        ),
        master=master,
    )


@transaction.atomic
def sponsor_add(*, event: Event, user, data: dict) -> Sponsor:
    """A business sponsor of an event the user may edit, with its logo if uploaded."""
    with review.editing(record=event, user=user) as locked:
        partner = data["partner"]
        if partner.kind != Partner.Kind.BUSINESS_SPONSOR:
            raise ValidationError({"partner": _("Pick a business sponsor.")})
        if locked.sponsors.filter(partner=partner).exists():
            raise ValidationError({"partner": _("This organisation already sponsors the event.")})
        sponsor = Sponsor(
            event=locked, partner=partner, tier=data["tier"], link=data.get("link", "")
        )
        if data.get("logo_file"):
            sponsor.logo = _logo(
                upload=data["logo_file"], alt_text=data.get("logo_alt", ""), partner=partner
            )
        sponsor.full_clean()
        sponsor.save()
    return sponsor


@transaction.atomic
def sponsor_remove(*, sponsor: Sponsor, user) -> None:
    with review.editing(record=sponsor.event, user=user):
        sponsor.delete()


# --- The next edition ----------------------------------------------------------------

NEXT_EDITION_FIELDS = (
    "kind",
    "venue",
    "online",
    "time_zone",
    "member_state",
    "capacity",
    "summary",
    "description",
    "is_public",
)


def next_title(title: str, old_year: int, new_year: int) -> str:
    """The title with the new year: "ASEAN Media Forum 2021" → "… 2022"."""
    if str(old_year) in title:
        return title.replace(str(old_year), str(new_year))
    return f"{title} {new_year}"


@transaction.atomic
def event_next_edition(*, event: Event, user, starts_on: datetime.date) -> Event:
    """A fresh draft of the user's unit from an edition: its structure (title with the
    new year, series, kind, components, partners, venue, time zone, capacity, texts,
    sessions shifted by as many days, sponsors, the speakers of each session) on a new
    date. Nothing personal or of the old edition's life: no review state, no state,
    no photos, no evidence files, no activity of its own (a new one is made)."""
    zone = event.time_zone
    shift = starts_on - event.start_date
    starts_at = local(event.starts_at, zone) + shift
    ends_at = local(event.ends_at, zone) + shift
    data = {name: getattr(event, name) for name in NEXT_EDITION_FIELDS}
    data.update(
        title=next_title(event.title, event.start_date.year, starts_on.year),
        series=event.series,
        starts_at=starts_at,
        ends_at=ends_at,
        components=list(event.components.all()),
        partners=list(event.partners.all()),
    )
    new = event_create(user=user, data=data)
    # The copied agenda and sponsors: one more entry in the new draft's trail.
    with review.editing(record=new, user=user) as locked:
        for session in event.sessions.prefetch_related("speakers"):
            copy = Session.objects.create(
                event=locked,
                title=session.title,
                kind=session.kind,
                starts_at=local(session.starts_at, zone) + shift,
                ends_at=local(session.ends_at, zone) + shift,
                room=session.room,
                description=session.description,
            )
            copy.speakers.set(session.speakers.all())
        Sponsor.objects.bulk_create(
            Sponsor(event=locked, partner=s.partner, tier=s.tier, link=s.link)
            for s in event.sponsors.all()
        )
    return locked
