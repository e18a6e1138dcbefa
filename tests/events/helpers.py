"""What the events tests share: the data the services take, and the staff's forms
as a browser posts them."""

import datetime

from apps.events.models import Event
from apps.programme.models import Component
from tests.monitoring.helpers import date_input

from .factories import jakarta


def event_data(**overrides) -> dict:
    """What `services.event_create` takes: a two-day forum in Jakarta, October 2019."""
    data = {
        "title": "ASEAN Media Forum 2019",
        "series": None,
        "kind": Event.Kind.FORUM,
        "summary": "Media leaders and the region's opinion leaders.",
        "description": "Two days.\n\nIn Jakarta.",
        "components": [Component.objects.get(slug="organisational-processes")],
        "partners": [],
        "time_zone": "Asia/Jakarta",
        "starts_at": jakarta(2019, 10, 15, 9),
        "ends_at": jakarta(2019, 10, 16, 17),
        "online": False,
        "venue": "ASEAN Secretariat, Jakarta",
        "member_state": None,
        "capacity": 100,
        "is_public": True,
        "photo": None,
        "gallery": [],
    }
    return {**data, **overrides}


def session_data(**overrides) -> dict:
    data = {
        "title": "Opening panel",
        "kind": "panel",
        "starts_at": jakarta(2019, 10, 15, 9, 30),
        "ends_at": jakarta(2019, 10, 15, 11),
        "room": "Main hall",
        "description": "",
        "speakers": [],
    }
    return {**data, **overrides}


def event_form(**overrides) -> dict:
    """The event form as a browser posts it."""
    data = {
        "title": "ASEAN Media Forum 2019",
        "kind": "forum",
        "summary": "Media leaders and the region's opinion leaders.",
        "description": "",
        "components": [str(Component.objects.get(slug="organisational-processes").pk)],
        "time_zone": "Asia/Jakarta",
        "start_time": "09:00",
        "end_time": "17:00",
        "venue": "ASEAN Secretariat, Jakarta",
        "is_public": "on",
        "action": "draft",
        **date_input("start_date", datetime.date(2019, 10, 15)),
        **date_input("end_date", datetime.date(2019, 10, 16)),
    }
    data.update(overrides)
    return data
