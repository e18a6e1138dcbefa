"""Writes of the connectivity app: its reference data, and its reviewed records
through the review core (`monitoring.records` and `monitoring.review`).

Every create and edit runs in one transaction with one audit entry; each record
type adds its own rules as a `check(record, data)` that raises ValidationError
keyed by field. A coordination meeting also writes its action items, inside the
same transaction and the same audit snapshot (the kit's `write_related`).
"""

import uuid
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.db import upsert
from apps.monitoring import records, review
from apps.monitoring.records import Files
from apps.programme.models import MemberState, Partner

from . import facts
from .models import (
    ActionItem,
    City,
    CoordinationBody,
    CoordinationMeeting,
    FocusArea,
    Initiative,
    Progress,
    StrategicArea,
    UrbanisationAction,
)

# --- Reference data -------------------------------------------------------------------


@transaction.atomic
def connectivity_facts_load() -> dict[str, int]:
    """Write the component's reference data (facts.py). Idempotent: matched on natural
    keys (slugs; a city on its name and member state), unchanged rows are not written.
    Cities of member states not loaded yet are skipped. Returns the rows written."""
    written = dict.fromkeys(["strategic areas", "focus areas", "cities", "coordination bodies"], 0)
    for order, item in enumerate(facts.STRATEGIC_AREAS, start=1):
        values = {"title": item["title"], "objectives": item["objectives"], "order": order}
        written["strategic areas"] += upsert(
            StrategicArea, lookup={"slug": item["slug"]}, values=values
        )[1]
    for order, item in enumerate(facts.FOCUS_AREAS, start=1):
        values = {"title": item["title"], "description": item["description"], "order": order}
        written["focus areas"] += upsert(FocusArea, lookup={"slug": item["slug"]}, values=values)[1]
    states = {state.iso_code: state for state in MemberState.objects.all()}
    for iso_code, names in facts.SMART_CITIES_NETWORK.items():
        state = states.get(iso_code)
        if state is None:
            continue
        for name in names:
            written["cities"] += upsert(
                City,
                lookup={"member_state": state, "name": name},
                values={"in_smart_cities_network": True},
            )[1]
    for order, item in enumerate(facts.COORDINATION_BODIES, start=1):
        values = {key: value for key, value in item.items() if key != "slug"}
        written["coordination bodies"] += upsert(
            CoordinationBody, lookup={"slug": item["slug"]}, values={**values, "order": order}
        )[1]
    return written


# --- Rules shared by the records --------------------------------------------------------


def _check_member_states(record, data: dict, *, date_field: str, what: str) -> None:
    """Every member state named was a member on the record's date (Timor-Leste, which
    joined in October 2025, was not one for a 2019 initiative)."""
    day = data.get(date_field, getattr(record, date_field))
    if day is None:
        return
    if "member_states" in data:
        states = data["member_states"]
    elif record.pk:
        states = record.member_states.all()
    else:
        return
    late = [state for state in states if state.joined_on > day]
    if late:
        raise ValidationError(
            {
                "member_states": [
                    _("%(state)s joined ASEAN on %(joined)s, after %(what)s (%(date)s): untick it.")
                    % {
                        "state": state.name,
                        "joined": date_format(state.joined_on),
                        "what": what,
                        "date": date_format(day),
                    }
                    for state in late
                ]
            }
        )


def _check_progress(record, data: dict) -> None:
    """Completed work has an end date; stalled work says why in its note."""
    progress = data.get("progress", record.progress)
    errors = {}
    if progress == Progress.COMPLETED and not data.get("end_date", record.end_date):
        errors["end_date"] = _("Enter the date it was completed.")
    note_field = "progress_note" if isinstance(record, Initiative) else "description"
    note = data.get(note_field, getattr(record, note_field))
    if progress == Progress.STALLED and not str(note or "").strip():
        errors[note_field] = _("Say why it stalled: the reviewers and the public read it.")
    if errors:
        raise ValidationError(errors)


# --- Initiatives ---------------------------------------------------------------------


def _initiative_check(initiative: Initiative, data: dict) -> None:
    _check_member_states(
        initiative, data, date_field="start_date", what=_("this initiative's start")
    )
    _check_progress(initiative, data)


def initiative_create(
    *,
    user: User,
    data: dict,
    files: Files = (),
    submit: bool = False,
    token: uuid.UUID | None = None,
) -> Initiative:
    """Record an MPAC initiative for the user's unit (and submit it, if asked)."""
    return records.record_create(
        record=Initiative(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_initiative_check,
    )


def initiative_update(
    *, initiative: Initiative, user: User, data: dict, files: Files = (), submit: bool = False
) -> Initiative:
    """Change a draft or returned initiative (its progress, say) and submit it, if asked."""
    return records.record_update(
        record=initiative, user=user, data=data, files=files, submit=submit, check=_initiative_check
    )


def initiative_submit(*, initiative: Initiative, user: User) -> Initiative:
    return review.submit(record=initiative, user=user)


def initiative_approve(*, initiative: Initiative, reviewer: User) -> Initiative:
    return review.approve(record=initiative, reviewer=reviewer)


def initiative_return(*, initiative: Initiative, reviewer: User, note: str) -> Initiative:
    return review.return_to_author(record=initiative, reviewer=reviewer, note=note)


def initiative_delete(*, initiative: Initiative, user: User) -> None:
    review.delete(record=initiative, user=user)


# --- Cities' urbanisation actions --------------------------------------------------------


def _city_action_check(action: UrbanisationAction, data: dict) -> None:
    own = [p for p in data.get("partners") or () if p.kind == Partner.Kind.EXECUTING_AGENCY]
    if own:
        raise ValidationError(
            {
                "partners": _(
                    "%(partner)s is the programme's executing agency, the Secretariat itself: "
                    "it cannot be a partner of a city's action."
                )
                % {"partner": own[0]}
            }
        )
    _check_progress(action, data)


def city_action_create(
    *,
    user: User,
    data: dict,
    files: Files = (),
    submit: bool = False,
    token: uuid.UUID | None = None,
) -> UrbanisationAction:
    """Record a city's action under an ASUS focus area for the user's unit."""
    return records.record_create(
        record=UrbanisationAction(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_city_action_check,
    )


def city_action_update(
    *,
    action: UrbanisationAction,
    user: User,
    data: dict,
    files: Files = (),
    submit: bool = False,
) -> UrbanisationAction:
    return records.record_update(
        record=action, user=user, data=data, files=files, submit=submit, check=_city_action_check
    )


def city_action_submit(*, action: UrbanisationAction, user: User) -> UrbanisationAction:
    return review.submit(record=action, user=user)


def city_action_approve(*, action: UrbanisationAction, reviewer: User) -> UrbanisationAction:
    return review.approve(record=action, reviewer=reviewer)


def city_action_return(
    *, action: UrbanisationAction, reviewer: User, note: str
) -> UrbanisationAction:
    return review.return_to_author(record=action, reviewer=reviewer, note=note)


def city_action_delete(*, action: UrbanisationAction, user: User) -> None:
    review.delete(record=action, user=user)


# --- Coordination meetings and their action items ------------------------------------------

ACTION_ITEM_FIELDS = ("description", "owner", "due_on", "status", "done_on")


def _meeting_check(meeting: CoordinationMeeting, data: dict) -> None:
    _check_member_states(meeting, data, date_field="held_on", what=_("the meeting"))


def _action_items_build(*, meeting: CoordinationMeeting, items: Sequence[dict]) -> list[ActionItem]:
    """The meeting's action items as unsaved rows, each checked like the model checks
    it and not due before the meeting. Raises ValidationError on "action_items",
    naming the item ("Action item 2: …")."""
    built, errors = [], []
    for number, item in enumerate(items, start=1):
        row = ActionItem(meeting=meeting, **{name: item.get(name) for name in ACTION_ITEM_FIELDS})
        row.status = row.status or ActionItem.Status.OPEN
        try:
            row.full_clean(exclude=["meeting"])
        except ValidationError as error:
            errors.extend(
                _("Action item %(number)d: %(message)s") % {"number": number, "message": message}
                for message in error.messages
            )
            continue
        if meeting.held_on and row.due_on < meeting.held_on:
            errors.append(
                _("Action item %(number)d: it cannot be due before the meeting (%(date)s).")
                % {"number": number, "date": date_format(meeting.held_on)}
            )
        built.append(row)
    if errors:
        raise ValidationError({"action_items": errors})
    return built


def _action_items_write(*, meeting: CoordinationMeeting, items: Sequence[dict]) -> None:
    """Make the meeting's action items the ones given; nothing written when they are
    the same, so an edit of the meeting alone leaves them (and the trail) alone."""
    wanted = _action_items_build(meeting=meeting, items=items)

    def key(row: ActionItem) -> tuple:
        return tuple(getattr(row, name) for name in ACTION_ITEM_FIELDS)

    current = list(meeting.action_items.order_by("due_on", "pk"))
    if sorted(map(key, current), key=str) == sorted(map(key, wanted), key=str):
        return
    meeting.action_items.all().delete()
    ActionItem.objects.bulk_create(wanted)


def _items_writer(items: Sequence[dict] | None):
    """The kit's `write_related` step: the meeting's action items become `items`
    (None leaves them as they are), inside the meeting's audit snapshot."""

    def write(meeting: CoordinationMeeting) -> None:
        if items is not None:
            _action_items_write(meeting=meeting, items=items)

    return write


@transaction.atomic
def coordination_meeting_create(
    *,
    user: User,
    data: dict,
    action_items: Sequence[dict] = (),
    files: Files = (),
    submit: bool = False,
    token: uuid.UUID | None = None,
) -> CoordinationMeeting:
    """Record a coordination meeting with its action items for the user's unit (and
    submit it, if asked): one transaction, one audit entry listing the items too."""
    return records.record_create(
        record=CoordinationMeeting(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_meeting_check,
        write_related=_items_writer(action_items),
    )


@transaction.atomic
def coordination_meeting_update(
    *,
    meeting: CoordinationMeeting,
    user: User,
    data: dict,
    action_items: Sequence[dict] | None = None,
    files: Files = (),
    submit: bool = False,
) -> CoordinationMeeting:
    """Change a draft or returned meeting and, when `action_items` is given, make its
    action items these (None leaves them as they are)."""
    return records.record_update(
        record=meeting,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=_meeting_check,
        write_related=_items_writer(action_items),
    )


def coordination_meeting_submit(*, meeting: CoordinationMeeting, user: User):
    return review.submit(record=meeting, user=user)


def coordination_meeting_approve(*, meeting: CoordinationMeeting, reviewer: User):
    """Approve a submitted meeting with its action items: its decisions become public
    (if it is marked for the public site); its internal notes never do."""
    return review.approve(record=meeting, reviewer=reviewer)


def coordination_meeting_return(*, meeting: CoordinationMeeting, reviewer: User, note: str):
    return review.return_to_author(record=meeting, reviewer=reviewer, note=note)


def coordination_meeting_delete(*, meeting: CoordinationMeeting, user: User) -> None:
    review.delete(record=meeting, user=user)


def action_items_data(items: Iterable[ActionItem]) -> list[dict]:
    """Action items as the services take them (e.g. to keep them on an edit)."""
    return [{name: getattr(item, name) for name in ACTION_ITEM_FIELDS} for item in items]
