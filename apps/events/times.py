"""Event times: stored in UTC, typed and read in the event's own time zone.

The member states span four offsets (Yangon UTC+6:30; Jakarta, Bangkok, Hanoi…
UTC+7; Manila, Singapore, Kuala Lumpur… UTC+8; Dili UTC+9), so an event names
its zone and every time of it (its start and end, its sessions) is shown there,
with the zone's name: "9:00–17:00, Jakarta time (UTC+7)".
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

# (IANA zone, the place people know it by), one per member state.
TIME_ZONES = [
    ("Asia/Brunei", _("Bandar Seri Begawan")),
    ("Asia/Phnom_Penh", _("Phnom Penh")),
    ("Asia/Jakarta", _("Jakarta")),
    ("Asia/Vientiane", _("Vientiane")),
    ("Asia/Kuala_Lumpur", _("Kuala Lumpur")),
    ("Asia/Yangon", _("Yangon")),
    ("Asia/Manila", _("Manila")),
    ("Asia/Singapore", _("Singapore")),
    ("Asia/Bangkok", _("Bangkok")),
    ("Asia/Dili", _("Dili")),
    ("Asia/Ho_Chi_Minh", _("Hanoi and Ho Chi Minh City")),
]
ZONE_NAMES = dict(TIME_ZONES)


def local(moment: datetime.datetime, zone: str) -> datetime.datetime:
    """`moment` (aware) in the zone."""
    return moment.astimezone(ZoneInfo(zone))


def combine(day: datetime.date, time: datetime.time, zone: str) -> datetime.datetime:
    """The moment a day and a wall-clock time in the zone are (aware, in that zone)."""
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(zone))


def utc_offset(moment: datetime.datetime, zone: str) -> str:
    """ "UTC+7", "UTC+6:30" at that moment in the zone."""
    offset = local(moment, zone).utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def zone_label(moment: datetime.datetime, zone: str) -> str:
    """ "Jakarta time (UTC+7)"."""
    return _("%(place)s time (%(offset)s)") % {
        "place": ZONE_NAMES.get(zone, zone),
        "offset": utc_offset(moment, zone),
    }


def clock(moment: datetime.datetime) -> str:
    """9:00, 17:30 (24-hour clock, as across the region)."""
    return f"{moment.hour}:{moment.minute:02d}"


def time_range(start: datetime.datetime, end: datetime.datetime, zone: str) -> str:
    """ "9:00–17:00" in the zone (the times only; the days are shown apart)."""
    return f"{clock(local(start, zone))}–{clock(local(end, zone))}"


def days(start: datetime.datetime, end: datetime.datetime, zone: str) -> list[datetime.date]:
    """The calendar days, in the zone, from start to end."""
    first, last = local(start, zone).date(), local(end, zone).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
