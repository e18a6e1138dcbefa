"""Demo events for a developer's machine (`seed_demo`, only under DEBUG), after the
programme facts, the demo accounts, monitoring's demo and the photos' illustrations.

The ASEAN Media Forum 2018–2021 (with agendas, speakers and sponsors), an
anti-corruption workshop with KPK, a legal training with CIL, a statistics training
and the launch of the Communication Master Plan II, each written by the demo staff
member of its unit through the services and approved by the demo adviser. (No 2022
draft: "Create next edition" would add an activity to the monitoring log, which
`seed_demo --scale N` expects to hold monitoring's demo activities only.)

Each event is linked to monitoring's demo activity of the same title (no second
activity, no double-counted participants). The business sponsors are
demo partners (programme.Partner, kind "business sponsor"), written here. Photos are
the photos app's demo illustrations, with their credits.

Idempotent: events are matched on their titles; what exists is left alone.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from apps.accounts.models import User
from apps.core.db import upsert
from apps.monitoring.models import Activity
from apps.photos import selectors as photo_selectors
from apps.programme.models import Component, MemberState, Partner

from . import services
from .facts import MEDIA_FORUM
from .models import Event, Series, Speaker
from .times import combine

SPONSORS = [
    ("Nusantara Media Group (demo)", "https://example.org/nusantara-media"),
    ("Mekong Telecom (demo)", "https://example.org/mekong-telecom"),
    ("Straits Bank (demo)", "https://example.org/straits-bank"),
]

SPEAKERS = {
    "amara": ("Amara Wongsakul", "Editor-in-chief", "Bangkok Daily Review (demo)", "TH"),
    "rizal": ("Rizal Santoso", "Director of Community Relations", "ASEAN Secretariat", "ID"),
    "maria": ("Maria Dela Cruz", "Head of digital news", "Manila Morning Post (demo)", "PH"),
    "linh": ("Tran Thi Linh", "Economics correspondent", "Hanoi Business Weekly (demo)", "VN"),
    "kevin": ("Kevin Tan", "Chief economist", "Straits Bank (demo)", "SG"),
    "dewi": ("Dewi Anggraini", "Prevention director", "KPK", "ID"),
    "lim": ("Lim Wei Ling", "Senior research fellow", "Centre for International Law", "SG"),
    "sok": ("Sok Vannak", "Statistician", "ASEANstats (demo)", "KH"),
}


def _agenda(day: datetime.date, *, online: bool) -> list[dict]:
    """A forum day's agenda: (start, end, title, kind, speakers)."""
    room = "" if online else "Main hall"
    return [
        (day, "09:00", "09:30", "Opening remarks", "talk", ["rizal"], room),
        (
            day,
            "09:30",
            "11:00",
            "Panel: how the media report ASEAN integration",
            "panel",
            ["amara", "maria", "linh"],
            room,
        ),
        (day, "11:00", "11:30", "Coffee break", "break", [], ""),
        (day, "11:30", "12:30", "The region's economy in numbers", "talk", ["kevin"], room),
    ]


def _forum(year, month, day, *, days, venue, online, state_iso, zone, theme) -> dict:
    first = datetime.date(year, month, day)
    sessions = _agenda(first, online=online)
    if days > 1:
        second = first + datetime.timedelta(days=1)
        sessions.append(
            (
                second,
                "09:00",
                "12:00",
                "Workshop: fact-checking regional news",
                "workshop",
                ["maria"],
                "Room B",
            )
        )
    return {
        "unit": "CID",
        "title": f"ASEAN Media Forum {year}" + (" (online)" if online else ""),
        "series": MEDIA_FORUM,
        "kind": Event.Kind.FORUM,
        "first": first,
        "last": first + datetime.timedelta(days=days - 1),
        "times": ("09:00", "17:00" if days > 1 else "12:30"),
        "zone": zone,
        "venue": venue,
        "online": online,
        "state": state_iso,
        "summary": (
            f"Media leaders of the member states and the region's opinion leaders on {theme}."
        ),
        "description": (
            "The ASEAN Media Forum brings editors and journalists from the ten member states "
            f"together with the region's opinion leaders. This edition's theme: {theme}.\n\n"
            "Sponsored by regional businesses."
        ),
        "partners": ("GIZ",),
        "sessions": sessions,
        "sponsors": [("Nusantara Media Group (demo)", "gold"), ("Straits Bank (demo)", "silver")],
        "activity": f"ASEAN Media Forum {year}" + (" (online)" if online else ""),
        "photos": 2,
    }


EVENTS = [
    _forum(
        2018,
        10,
        16,
        days=2,
        venue="ASEAN Secretariat, Jakarta",
        online=False,
        state_iso="ID",
        zone="Asia/Jakarta",
        theme="economic integration",
    ),
    _forum(
        2019,
        11,
        5,
        days=2,
        venue="Centara Grand, Bangkok",
        online=False,
        state_iso="TH",
        zone="Asia/Bangkok",
        theme="the digital economy",
    ),
    _forum(
        2020,
        11,
        24,
        days=1,
        venue="",
        online=True,
        state_iso=None,
        zone="Asia/Jakarta",
        theme="the pandemic's economic impact",
    ),
    _forum(
        2021,
        9,
        14,
        days=1,
        venue="",
        online=True,
        state_iso=None,
        zone="Asia/Jakarta",
        theme="the ASEAN Comprehensive Recovery Framework",
    ),
    {
        "unit": "CAD",
        "title": "Anti-corruption workshop with the Corruption Eradication Commission (KPK)",
        "kind": Event.Kind.WORKSHOP,
        "first": datetime.date(2019, 5, 7),
        "last": datetime.date(2019, 5, 8),
        "times": ("09:00", "16:00"),
        "zone": "Asia/Jakarta",
        "venue": "ASEAN Secretariat, Jakarta",
        "online": False,
        "state": "ID",
        "summary": "Corruption risks in procurement, and KPK's prevention tools for ASEC.",
        "description": "A two-day workshop for ASEC's procurement and finance staff.",
        "partners": ("KPK", "GIZ"),
        "sessions": [
            (
                datetime.date(2019, 5, 7),
                "09:00",
                "12:00",
                "Corruption risks in procurement",
                "workshop",
                ["dewi"],
                "Room 2",
            ),
            (
                datetime.date(2019, 5, 8),
                "09:00",
                "12:00",
                "KPK's prevention tools",
                "talk",
                ["dewi"],
                "Room 2",
            ),
        ],
        "sponsors": [],
        "activity": "Anti-corruption workshop with the Corruption Eradication Commission (KPK)",
        "photos": 0,
    },
    {
        "unit": "LSAD",
        "title": "Legal training on ASEAN contracts with the Centre for International Law",
        "kind": Event.Kind.TRAINING,
        "first": datetime.date(2019, 9, 24),
        "last": datetime.date(2019, 9, 26),
        "times": ("09:00", "17:00"),
        "zone": "Asia/Singapore",
        "venue": "Centre for International Law, Singapore",
        "online": False,
        "state": "SG",
        "summary": "Contract law for ASEC's lawyers and procurement officers.",
        "description": "Three days on drafting, negotiating and enforcing ASEAN contracts.",
        "partners": ("CIL", "GIZ"),
        "sessions": [
            (
                datetime.date(2019, 9, 24),
                "09:00",
                "12:00",
                "Principles of ASEAN contracts",
                "talk",
                ["lim"],
                "Seminar room",
            ),
            (
                datetime.date(2019, 9, 25),
                "09:00",
                "12:00",
                "Dispute clauses",
                "workshop",
                ["lim"],
                "Seminar room",
            ),
        ],
        "sponsors": [],
        "activity": "Legal training on ASEAN contracts with the Centre for International Law",
        "photos": 0,
    },
    {
        "unit": "CID",
        "title": "Training on statistical data dissemination",
        "kind": Event.Kind.TRAINING,
        "first": datetime.date(2019, 3, 12),
        "last": datetime.date(2019, 3, 14),
        "times": ("09:00", "16:00"),
        "zone": "Asia/Jakarta",
        "venue": "ASEAN Secretariat, Jakarta",
        "online": False,
        "state": "ID",
        "summary": "How ASEC's communication officers present ASEAN statistics to the public.",
        "description": "Charts, tables and plain words for ASEAN's figures.",
        "partners": ("GIZ",),
        "sessions": [
            (
                datetime.date(2019, 3, 12),
                "09:00",
                "12:00",
                "Reading ASEAN statistics",
                "talk",
                ["sok"],
                "Training room",
            ),
            (
                datetime.date(2019, 3, 13),
                "09:00",
                "12:00",
                "Charts that tell the truth",
                "workshop",
                ["sok"],
                "Training room",
            ),
        ],
        "sponsors": [],
        "activity": ("Training on statistical data dissemination for ASEC communication officers"),
        "photos": 0,
    },
    {
        "unit": "CID",
        "title": "Launch of the ASEAN Communication Master Plan II",
        "kind": Event.Kind.LAUNCH,
        "first": datetime.date(2018, 11, 13),
        "last": datetime.date(2018, 11, 13),
        "times": ("14:00", "15:30"),
        "zone": "Asia/Singapore",
        "venue": "Suntec Convention Centre, Singapore",
        "online": False,
        "state": "SG",
        "summary": "The Master Plan II launched at the 33rd ASEAN Summit, with a press event.",
        "description": "The Secretary-General presented the Master Plan's key messages.",
        "partners": ("GIZ",),
        "sessions": [
            (
                datetime.date(2018, 11, 13),
                "14:00",
                "14:30",
                "Presentation of the Master Plan II",
                "talk",
                ["rizal"],
                "Press room",
            ),
            (
                datetime.date(2018, 11, 13),
                "14:30",
                "15:30",
                "Questions from the press",
                "panel",
                ["rizal", "amara"],
                "Press room",
            ),
        ],
        "sponsors": [],
        "activity": "Launch of the ASEAN Communication Master Plan II",
        "photos": 1,
    },
]


def _people(users: Iterable[User]) -> tuple[User, dict[str, User]]:
    reviewer, authors = None, {}
    for user in users:
        if user.is_programme_adviser and reviewer is None:
            reviewer = user
        elif user.is_secretariat_staff and user.unit_id:
            authors.setdefault(user.unit.abbreviation, user)
    wanted = {spec["unit"] for spec in EVENTS}
    missing = sorted(wanted - authors.keys()) + (["the adviser"] if reviewer is None else [])
    if missing:
        raise ImproperlyConfigured(
            f"The events demo needs the demo adviser and demo staff of {', '.join(sorted(wanted))} "
            f"(missing: {', '.join(missing)})."
        )
    return reviewer, authors


def _speakers() -> dict[str, Speaker]:
    states = {state.iso_code: state for state in MemberState.objects.all()}
    speakers = {}
    for key, (name, job, organisation, iso) in SPEAKERS.items():
        speaker, _changed = upsert(
            Speaker,
            lookup={"name": name},
            values={"job_title": job, "organisation": organisation, "member_state": states[iso]},
        )
        speakers[key] = speaker
    return speakers


def _sponsors() -> dict[str, Partner]:
    return {
        name: upsert(
            Partner,
            lookup={"name": name},
            values={"kind": Partner.Kind.BUSINESS_SPONSOR, "website": url},
        )[0]
        for name, url in SPONSORS
    }


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


@transaction.atomic
def events_demo_load(*, users: Iterable[User]) -> dict[str, int]:
    """Load the demo events (see the module's docstring). Returns rows created."""
    reviewer, authors = _people(list(users))
    speakers, sponsors = _speakers(), _sponsors()
    partners = {p.acronym: p for p in Partner.objects.exclude(acronym="")}
    states = {state.iso_code: state for state in MemberState.objects.all()}
    component = Component.objects.get(slug="organisational-processes")
    series = {s.slug: s for s in Series.objects.all()}
    photos = list(photo_selectors.public_photos()[:3])
    written = {"events": 0, "sessions": 0}
    for spec in EVENTS:
        if Event.objects.filter(title=spec["title"]).exists():
            continue
        author = authors[spec["unit"]]
        zone = spec["zone"]
        activity = Activity.objects.filter(title=spec["activity"], event__isnull=True).first()
        data = {
            "title": spec["title"],
            "series": series.get(spec.get("series", "")),
            "kind": spec["kind"],
            "summary": spec["summary"],
            "description": spec["description"],
            "components": [component],
            "partners": [partners[a] for a in spec["partners"] if a in partners],
            "time_zone": zone,
            "starts_at": combine(spec["first"], _time(spec["times"][0]), zone),
            "ends_at": combine(spec["last"], _time(spec["times"][1]), zone),
            "online": spec["online"],
            "venue": spec["venue"],
            "member_state": states.get(spec["state"]),
            "capacity": 120 if spec["kind"] == Event.Kind.FORUM else 40,
            "is_public": True,
            "photo": photos[0] if photos and spec["photos"] else None,
            "gallery": photos[: spec["photos"]],
        }
        event = services.event_create(user=author, data=data, activity=activity)
        for day, start, end, title, kind, people, room in spec["sessions"]:
            services.session_add(
                event=event,
                user=author,
                data={
                    "title": title,
                    "kind": kind,
                    "starts_at": combine(day, _time(start), zone),
                    "ends_at": combine(day, _time(end), zone),
                    "room": room,
                    "description": "",
                    "speakers": [speakers[key] for key in people],
                },
            )
            written["sessions"] += 1
        for name, tier in spec["sponsors"]:
            services.sponsor_add(
                event=event,
                user=author,
                data={"partner": sponsors[name], "tier": tier, "link": sponsors[name].website},
            )
        services.event_submit(event=event, user=author)
        services.event_approve(event=event, reviewer=reviewer)
        written["events"] += 1
    return written
