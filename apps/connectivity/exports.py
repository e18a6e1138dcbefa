"""The advisers' CSV and Excel downloads of the connectivity records: one table per
record type, written by monitoring's two writers (`exports.csv_response`,
`xlsx_response`), so both files hold the same columns and CSV injection is
neutralised in one place. Each table is scoped to what the user may see."""

from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from apps.monitoring.exports import CHUNK_SIZE, Table

from . import selectors
from .models import CoordinationMeeting, Initiative, UrbanisationAction


def _joined(items: Iterable) -> str:
    return "; ".join(str(item) for item in items)


def _review_columns(record) -> list:
    return [
        record.get_status_display(),
        _("yes") if record.is_public else _("no"),
        record.unit.abbreviation,
        str(record.created_by),
        str(record.reviewed_by) if record.reviewed_by_id else "",
        record.review_note,
    ]


REVIEW_HEADER = [
    "Status",
    "Public",
    "Unit",
    "Created by",
    "Reviewed by",
    "Reviewer's note",
]


def _table(
    *, title: str, header: list[str], rows: QuerySet, row: Callable[[object], list]
) -> Table:
    return Table(
        title=title,
        header=[_("ID"), *header, *(_(name) for name in REVIEW_HEADER)],
        rows=(
            [record.pk, *row(record), *_review_columns(record)]
            for record in rows.iterator(chunk_size=CHUNK_SIZE)
        ),
    )


def _scoped(qs: QuerySet, chosen: QuerySet | None) -> QuerySet:
    if chosen is not None:
        qs = qs.filter(pk__in=chosen.order_by().values("pk"))
    return qs


def initiative_table(*, user, initiatives: QuerySet[Initiative] | None = None) -> Table:
    qs = _scoped(selectors.initiative_list_for_user(user=user), initiatives)
    qs = qs.prefetch_related("member_states", "indicators").order_by("-start_date", "-pk")
    return _table(
        title=_("Initiatives"),
        header=[
            _("Title"),
            _("MPAC strategic area"),
            _("Lead"),
            _("Progress"),
            _("Progress note"),
            _("Start date"),
            _("End date"),
            _("Member states"),
            _("Indicators"),
        ],
        rows=qs,
        row=lambda initiative: [
            initiative.title,
            initiative.strategic_area.title,
            initiative.lead,
            initiative.get_progress_display(),
            initiative.progress_note,
            initiative.start_date,
            initiative.end_date,
            _joined(initiative.member_states.all()),
            _joined(indicator.code for indicator in initiative.indicators.all()),
        ],
    )


def city_action_table(*, user, actions: QuerySet[UrbanisationAction] | None = None) -> Table:
    qs = _scoped(selectors.city_action_list_for_user(user=user), actions)
    qs = qs.prefetch_related("partners").order_by("-start_date", "-pk")
    return _table(
        title=_("City actions"),
        header=[
            _("Title"),
            _("City"),
            _("Member state"),
            _("ASUS focus area"),
            _("Progress"),
            _("Description"),
            _("Start date"),
            _("End date"),
            _("Partners"),
        ],
        rows=qs,
        row=lambda action: [
            action.title,
            action.city.name,
            action.city.member_state.name,
            action.focus_area.title,
            action.get_progress_display(),
            action.description,
            action.start_date,
            action.end_date,
            _joined(action.partners.all()),
        ],
    )


def meeting_table(*, user, meetings: QuerySet[CoordinationMeeting] | None = None) -> Table:
    """Meetings with their decisions, internal notes (advisers read them) and their
    action items, open and overdue counted."""
    qs = _scoped(selectors.coordination_meeting_list_for_user(user=user), meetings)
    qs = selectors.meeting_with_items(qs.prefetch_related("member_states")).order_by(
        "-held_on", "-pk"
    )
    return _table(
        title=_("Coordination meetings"),
        header=[
            _("Coordination body"),
            _("Date"),
            _("Place"),
            _("Online"),
            _("Member states represented"),
            _("Agenda"),
            _("Decisions"),
            _("Internal notes"),
            _("Action items"),
            _("Overdue action items"),
        ],
        rows=qs,
        row=lambda meeting: [
            str(meeting.body),
            meeting.held_on,
            meeting.place,
            _("yes") if meeting.online else _("no"),
            _joined(meeting.member_states.all()),
            meeting.agenda,
            meeting.decisions,
            meeting.internal_notes,
            _joined(item.audit_text() for item in meeting.action_items.all()),
            sum(1 for item in meeting.action_items.all() if item.overdue),
        ],
    )
