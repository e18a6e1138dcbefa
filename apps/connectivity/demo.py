"""Demo records of the connectivity component for a developer's machine (design.md §1).

`seed_demo` calls `connectivity_demo_load()` only when DEBUG is on, after the
programme facts, this app's reference data, the demo accounts and monitoring's
demo. The ASEAN Connectivity Division's demo staff member writes every record
through the services; the demo adviser approves most of them (or returns one),
so each carries its real review history. Records link monitoring's demo
activities of the division where they come from.

Idempotent: initiatives and city actions are matched on their unit and title,
meetings on their body and date; what exists is left alone.

The programme ran 2018–2021, so every open action item of its meetings is overdue
today. The ACCC meeting of March 2021 therefore has one item done on time, one done
late (not flagged: it is done) and one still open and overdue — the one the
workspace flags. An item "due in the future" would need a meeting after the term.
"""

from collections.abc import Iterable
from datetime import date
from functools import partial

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from apps.accounts.models import User
from apps.monitoring.models import Activity, Indicator, ReviewStatus
from apps.programme.models import MemberState, Partner

from . import services
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

UNIT = "ACD"
DRAFT, SUBMITTED, RETURNED, APPROVED = (
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.RETURNED,
    ReviewStatus.APPROVED,
)
IN_TERM = ("ID", "MY", "PH", "SG", "TH", "BN", "VN", "LA", "MM", "KH")  # the ten, 2018–2021

INITIATIVES = [
    {
        "title": "ASEAN Sustainable Urbanisation Strategy",
        "area": "sustainable-infrastructure",
        "lead": "ASEAN Connectivity Division",
        "progress": Progress.COMPLETED,
        "note": "Adopted in 2018; the cities' assessment framework is in use.",
        "start_date": date(2018, 3, 1),
        "end_date": date(2018, 11, 30),
        "member_states": IN_TERM,
        "indicators": ("2.1.a",),
        "activities": ("ASUS city assessment workshop",),
    },
    {
        "title": "Rolling priority pipeline of ASEAN infrastructure projects",
        "area": "sustainable-infrastructure",
        "lead": "ASEAN Connectivity Division",
        "progress": Progress.ONGOING,
        "note": "19 projects listed in the initial pipeline; the second pipeline is in review.",
        "start_date": date(2019, 1, 15),
        "member_states": IN_TERM,
        "indicators": ("2.a",),
    },
    {
        "title": "ASEAN Digital Data Governance Framework",
        "area": "digital-innovation",
        "lead": "ASEAN Telecommunications and IT Ministers",
        "progress": Progress.COMPLETED,
        "note": "Endorsed in 2018; the data management framework followed in 2021.",
        "start_date": date(2018, 2, 1),
        "end_date": date(2021, 1, 22),
        "member_states": IN_TERM,
        "indicators": ("2.a",),
    },
    {
        "title": "Study on the supply chain efficiency of commodities",
        "area": "seamless-logistics",
        "lead": "ASEAN Connectivity Division",
        "progress": Progress.ONGOING,
        "note": "Route studies in the corridors between Malaysia, Singapore and Thailand.",
        "start_date": date(2019, 6, 1),
        "member_states": ("MY", "SG", "TH"),
        "activities": (
            "MPAC 2025 coordination meeting: seamless logistics and regulatory excellence",
        ),
    },
    {
        "title": "Good regulatory practice core principles",
        "area": "regulatory-excellence",
        "lead": "ASEAN Coordinating Committee on Services",
        "progress": Progress.STALLED,
        "note": "Stalled in 2020: the pilot reviews in the member states waited for travel.",
        "start_date": date(2019, 3, 26),
        "member_states": ("ID", "PH", "VN"),
    },
    {
        "title": "ASEAN Qualifications Reference Framework referencing",
        "area": "people-mobility",
        "lead": "ASEAN Qualifications Reference Framework Committee",
        "progress": Progress.ONGOING,
        "note": "Four member states referenced their national frameworks.",
        "start_date": date(2019, 9, 1),
        "member_states": ("MY", "PH", "TH", "ID"),
        "activities": ("MPAC 2025 coordination meeting: people mobility and digital innovation",),
    },
    {
        "title": "Enhancing ASEAN university student mobility",
        "area": "people-mobility",
        "lead": "ASEAN Connectivity Division",
        "progress": Progress.PLANNED,
        "note": "A scoping paper is being drafted with the ASEAN University Network.",
        "start_date": date(2021, 10, 1),
        "member_states": IN_TERM,
        "state": SUBMITTED,
    },
]

CITY_ACTIONS = [
    {
        "title": "Participatory budgeting in the city's districts",
        "city": ("Makassar", "ID"),
        "focus": "civic-and-social",
        "progress": Progress.ONGOING,
        "description": "Residents vote on a share of the district budgets.",
        "start_date": date(2019, 4, 1),
    },
    {
        "title": "Primary health care network with telemedicine",
        "city": ("Kuching", "MY"),
        "focus": "health-and-well-being",
        "progress": Progress.ONGOING,
        "description": "Clinics connected to the city hospital for remote consultations.",
        "start_date": date(2020, 5, 1),
    },
    {
        "title": "Flood early warning system",
        "city": ("Da Nang", "VN"),
        "focus": "security",
        "progress": Progress.COMPLETED,
        "description": "River sensors and text alerts to residents of low-lying wards.",
        "start_date": date(2018, 9, 1),
        "end_date": date(2020, 12, 15),
    },
    {
        "title": "Riverside green corridor",
        "city": ("Phnom Penh", "KH"),
        "focus": "quality-environment",
        "progress": Progress.ONGOING,
        "description": "Tree planting and a cycle path along the Tonle Sap riverbank.",
        "start_date": date(2019, 11, 1),
        "activities": ("ASUS city assessment workshop",),
    },
    {
        "title": "Waste segregation at source",
        "city": ("Cebu City", "PH"),
        "focus": "quality-environment",
        "progress": Progress.STALLED,
        "description": "Stalled in 2020: collection crews were redeployed during the pandemic.",
        "start_date": date(2019, 7, 1),
    },
    {
        "title": "Bus rapid transit feeder lines",
        "city": ("Bangkok", "TH"),
        "focus": "built-infrastructure",
        "progress": Progress.PLANNED,
        "description": "Feeder lines to the new rail stations, planned with the city.",
        "start_date": date(2021, 6, 1),
    },
    {
        "title": "Smart city operations centre",
        "city": ("Luang Prabang", "LA"),
        "focus": "industry-and-innovation",
        "progress": Progress.ONGOING,
        "description": "One centre for traffic, heritage-site visitors and utilities.",
        "start_date": date(2020, 2, 1),
    },
    {
        "title": "Digital services for small businesses",
        "city": ("Banyuwangi", "ID"),
        "focus": "industry-and-innovation",
        "progress": Progress.COMPLETED,
        "description": "Village-level digital service points for permits and payments.",
        "start_date": date(2018, 6, 1),
        "end_date": date(2020, 6, 30),
        "state": RETURNED,
        "return_note": "Please attach the city's completion report.",
    },
]

MEETINGS = [
    {
        "body": "accc",
        "held_on": date(2021, 3, 23),
        "place": "",
        "online": True,
        "member_states": IN_TERM,
        "agenda": (
            "1. Progress of the MPAC 2025 initiatives\n2. People mobility and digital "
            "innovation\n3. Mid-term review of MPAC 2025"
        ),
        "decisions": (
            "The ACCC endorsed the terms of reference of the MPAC 2025 mid-term review and "
            "asked the Secretariat to report progress on people mobility at its next meeting."
        ),
        "internal_notes": "Two delegations asked for the draft review in advance; send by May.",
        "activities": ("MPAC 2025 coordination meeting: people mobility and digital innovation",),
        "items": [
            {
                "description": "Circulate the terms of reference of the mid-term review",
                "owner": "ASEAN Connectivity Division",
                "due_on": date(2021, 4, 15),
                "status": ActionItem.Status.DONE,
                "done_on": date(2021, 4, 12),
            },
            {
                "description": "Collect the national progress reports on people mobility",
                "owner": "National Connectivity Coordinators",
                "due_on": date(2021, 5, 31),
                "status": ActionItem.Status.DONE,
                "done_on": date(2021, 7, 2),
            },
            {
                "description": "Report progress on people mobility to the ACCC",
                "owner": "ASEAN Connectivity Division",
                "due_on": date(2021, 9, 30),
                "status": ActionItem.Status.OPEN,
                "done_on": None,
            },
        ],
    },
    {
        "body": "asus-focal-points",
        "held_on": date(2020, 11, 10),
        "place": "",
        "online": True,
        "member_states": IN_TERM,
        "agenda": "1. ASUS coordination mechanism\n2. Cities' assessments",
        "decisions": (
            "The focal points agreed to meet twice a year and to share the cities' ASUS "
            "assessments through the Secretariat."
        ),
        "activities": ("First ASEAN-wide ASUS coordination meeting",),
        "items": [
            {
                "description": "Set up the focal points' shared folder",
                "owner": "ASEAN Connectivity Division",
                "due_on": date(2020, 12, 15),
                "status": ActionItem.Status.DONE,
                "done_on": date(2020, 12, 1),
            },
        ],
    },
    {
        "body": "asec-connectivity-task-force",
        "held_on": date(2021, 2, 2),
        "place": "ASEAN Secretariat, Jakarta",
        "online": False,
        "member_states": (),
        "agenda": "Monitoring of MPAC 2025 across the Secretariat's divisions.",
        "decisions": "Each division names a focal point for MPAC 2025 monitoring.",
        "internal_notes": "Internal: not for the public site.",
        "public": False,
        "activities": ("Internal ACD meeting on MPAC monitoring",),
        "items": [],
    },
]


def _people(users: Iterable[User]) -> tuple[User, User]:
    """The demo adviser and the division's demo staff member."""
    reviewer = next((user for user in users if user.is_programme_adviser), None)
    author = next(
        (
            user
            for user in users
            if user.is_secretariat_staff and user.unit_id and user.unit.abbreviation == UNIT
        ),
        None,
    )
    if reviewer is None or author is None:
        raise ImproperlyConfigured(
            "The connectivity demo needs the demo adviser and the ASEAN Connectivity "
            "Division's demo staff member (accounts.services.DEMO_ACCOUNTS)."
        )
    return reviewer, author


def _review(*, state: str, reviewer: User, approve, give_back, note: str = "") -> None:
    if state == APPROVED:
        approve(reviewer=reviewer)
    elif state == RETURNED:
        give_back(reviewer=reviewer, note=note)


@transaction.atomic
def connectivity_demo_load(*, users: Iterable[User]) -> dict[str, int]:
    """Load the demo initiatives, city actions and coordination meetings (with their
    action items). Idempotent. Returns how many records of each kind it wrote.
    Raises ImproperlyConfigured without the demo adviser or the ACD's staff member."""
    users = list(users)
    reviewer, author = _people(users)
    written = dict.fromkeys(["initiatives", "city actions", "coordination meetings"], 0)
    states = {state.iso_code: state for state in MemberState.objects.all()}
    activities = {
        activity.title: activity for activity in Activity.objects.filter(unit_id=author.unit_id)
    }
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(result__component__slug="connectivity")
    }

    def linked(titles) -> list[Activity]:
        return [activities[title] for title in titles if title in activities]

    areas = {area.slug: area for area in StrategicArea.objects.all()}
    existing = set(
        Initiative.objects.filter(unit_id=author.unit_id).values_list("title", flat=True)
    )
    for spec in INITIATIVES:
        if spec["title"] in existing:
            continue
        data = {
            "title": spec["title"],
            "strategic_area": areas[spec["area"]],
            "lead": spec["lead"],
            "progress": spec["progress"],
            "progress_note": spec["note"],
            "start_date": spec["start_date"],
            "end_date": spec.get("end_date"),
            "member_states": [states[code] for code in spec["member_states"] if code in states],
            "indicators": [indicators[c] for c in spec.get("indicators", ()) if c in indicators],
            "activities": linked(spec.get("activities", ())),
            "is_public": True,
        }
        state = spec.get("state", APPROVED)
        initiative = services.initiative_create(user=author, data=data, submit=state != DRAFT)
        _review(
            state=state,
            reviewer=reviewer,
            approve=partial(services.initiative_approve, initiative=initiative),
            give_back=partial(services.initiative_return, initiative=initiative),
            note=spec.get("return_note", ""),
        )
        written["initiatives"] += 1

    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    cities = {
        (city.name, city.member_state.iso_code): city
        for city in City.objects.select_related("member_state")
    }
    giz = Partner.objects.filter(acronym="GIZ").first()
    existing = set(
        UrbanisationAction.objects.filter(unit_id=author.unit_id).values_list("title", flat=True)
    )
    for spec in CITY_ACTIONS:
        if spec["title"] in existing or spec["city"] not in cities:
            continue
        data = {
            "title": spec["title"],
            "city": cities[spec["city"]],
            "focus_area": focus_areas[spec["focus"]],
            "description": spec["description"],
            "progress": spec["progress"],
            "start_date": spec["start_date"],
            "end_date": spec.get("end_date"),
            "partners": [giz] if giz else [],
            "activities": linked(spec.get("activities", ())),
            "is_public": True,
        }
        state = spec.get("state", APPROVED)
        action = services.city_action_create(user=author, data=data, submit=state != DRAFT)
        _review(
            state=state,
            reviewer=reviewer,
            approve=partial(services.city_action_approve, action=action),
            give_back=partial(services.city_action_return, action=action),
            note=spec.get("return_note", ""),
        )
        written["city actions"] += 1

    bodies = {body.slug: body for body in CoordinationBody.objects.all()}
    existing = set(
        CoordinationMeeting.objects.filter(unit_id=author.unit_id).values_list(
            "body__slug", "held_on"
        )
    )
    for spec in MEETINGS:
        if (spec["body"], spec["held_on"]) in existing:
            continue
        data = {
            "body": bodies[spec["body"]],
            "held_on": spec["held_on"],
            "place": spec["place"],
            "online": spec["online"],
            "member_states": [states[code] for code in spec["member_states"] if code in states],
            "agenda": spec["agenda"],
            "decisions": spec["decisions"],
            "internal_notes": spec.get("internal_notes", ""),
            "activities": linked(spec.get("activities", ())),
            "is_public": spec.get("public", True),
        }
        meeting = services.coordination_meeting_create(
            user=author, data=data, action_items=spec["items"], submit=True
        )
        services.coordination_meeting_approve(meeting=meeting, reviewer=reviewer)
        written["coordination meetings"] += 1
    return written
