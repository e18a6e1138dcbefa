"""What the connectivity component publishes on /open-data/ (apps.core.open_data,
docs/open-data.md): initiatives, city actions and coordination meetings, approved and
marked public. A meeting's internal notes, agenda and action items are never read,
nor an initiative's progress note (written for advisers)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from apps.core.open_data import Column, Dataset
from apps.programme.models import MemberState, Partner

from . import selectors

STATES = Prefetch("member_states", queryset=MemberState.objects.order_by("iso_code"))
STATE_CODES = _("ISO 3166-1 alpha-2 codes of the member states involved, separated by “;”.")
PROGRESS = _("planned, ongoing, completed or stalled.")


def _codes(states) -> str:
    return ";".join(state.iso_code for state in states)


def initiative_rows():
    """Two queries."""
    initiatives = (
        selectors.published_initiatives()
        .select_related("strategic_area")
        .prefetch_related(STATES)
        .only("pk", "title", "lead", "progress", "start_date", "end_date", "strategic_area__slug")
        .order_by("-start_date", "-pk")
    )
    for initiative in initiatives:
        yield {
            "id": initiative.pk,
            "title": initiative.title,
            "strategic_area": initiative.strategic_area.slug,
            "lead": initiative.lead,
            "member_states": _codes(initiative.member_states.all()),
            "progress": initiative.progress,
            "start_date": initiative.start_date,
            "end_date": initiative.end_date,
        }


def city_action_rows():
    """Two queries."""
    actions = (
        selectors.published_city_actions()
        .select_related("city__member_state", "focus_area")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
        .order_by("-start_date", "-pk")
    )
    for action in actions:
        yield {
            "id": action.pk,
            "title": action.title,
            "focus_area": action.focus_area.slug,
            "city": action.city.name,
            "member_state": action.city.member_state.iso_code,
            "description": action.description,
            "progress": action.progress,
            "partners": ";".join(partner.name for partner in action.partners.all()),
            "start_date": action.start_date,
            "end_date": action.end_date,
        }


def meeting_rows():
    """Two queries; internal notes and the agenda are not even read."""
    meetings = (
        selectors.published_meetings()
        .select_related("body")
        .prefetch_related(STATES)
        .only("pk", "held_on", "place", "online", "decisions", "body__slug")
        .order_by("-held_on", "-pk")
    )
    for meeting in meetings:
        yield {
            "id": meeting.pk,
            "body": meeting.body.slug,
            "held_on": meeting.held_on,
            "place": meeting.place,
            "online": meeting.online,
            "member_states": _codes(meeting.member_states.all()),
            "decisions": meeting.decisions,
        }


def datasets() -> list[Dataset]:
    record_id = Column("id", _("The record's number in the portal: stable, never reused."))
    return [
        Dataset(
            slug="connectivity-initiatives",
            title=_("MPAC 2025 initiatives"),
            description=_(
                "One row per published initiative or project of the Master Plan on ASEAN "
                "Connectivity 2025 that the ASEAN Connectivity Division follows."
            ),
            columns=(
                record_id,
                Column("title", _("The initiative's title.")),
                Column("strategic_area", _("The slug of its MPAC 2025 strategic area.")),
                Column("lead", _("The ASEC unit or ASEAN body that leads it.")),
                Column("member_states", STATE_CODES),
                Column("progress", PROGRESS),
                Column("start_date", _("When it started (ISO date).")),
                Column("end_date", _("When it ended or is planned to end (ISO date).")),
            ),
            rows=initiative_rows,
        ),
        Dataset(
            slug="city-actions",
            title=_("Sustainable urbanisation: city actions"),
            description=_(
                "One row per published action of a city under a focus area of the ASEAN "
                "Sustainable Urbanisation Strategy (ASUS)."
            ),
            columns=(
                record_id,
                Column("title", _("The action's title.")),
                Column("focus_area", _("The slug of its ASUS focus area.")),
                Column("city", _("The city's name.")),
                Column("member_state", _("The city's member state (ISO 3166-1 alpha-2).")),
                Column("description", _("What the city does.")),
                Column("progress", PROGRESS),
                Column("partners", _("The partner organisations, separated by “;”.")),
                Column("start_date", _("When it started (ISO date).")),
                Column("end_date", _("When it ended (ISO date), if it has.")),
            ),
            rows=city_action_rows,
        ),
        Dataset(
            slug="coordination-meetings",
            title=_("Coordination meetings and their decisions"),
            description=_(
                "One row per published meeting of a coordination body, with its decisions. "
                "Internal notes, agendas and follow-up items are not published."
            ),
            columns=(
                record_id,
                Column("body", _("The slug of the coordination body that met.")),
                Column("held_on", _("The day it met (ISO date).")),
                Column("place", _("Where it met; empty when only online.")),
                Column("online", _("true when it met online.")),
                Column("member_states", _("ISO codes of the member states represented, “;”.")),
                Column("decisions", _("What it decided.")),
            ),
            rows=meeting_rows,
        ),
    ]
