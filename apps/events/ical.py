"""iCalendar (RFC 5545) for public events, written by hand: a few lines of text.

What the standard asks and this module does: CRLF line ends; text values with
backslash, semicolon, comma and newline escaped (§3.3.11); lines folded at 75
octets, never inside a UTF-8 character (§3.1); DTSTAMP and a UID that stays the
same for an event; DTSTART/DTEND in UTC with a Z. Only what the public page shows
goes in: no speakers' details, no people.
"""

import datetime
from collections.abc import Iterable

PRODID = "-//ASEAN Secretariat//Programme Portal events//EN"
MAX_OCTETS = 75


def escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """The line cut into pieces of at most 75 octets, each continuation starting with
    a space (which counts in its 75)."""
    pieces, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        limit = MAX_OCTETS if not pieces else MAX_OCTETS - 1
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, *, url: str, host: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{utc(event.updated_at)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(event.summary)}",
        f"URL:{url}",
    ]
    if event.place:
        lines.append(f"LOCATION:{escape(event.place)}")
    status = "CANCELLED" if event.state == event.State.CANCELLED else "CONFIRMED"
    lines += [f"STATUS:{status}", "END:VEVENT"]
    return lines


def calendar(events: Iterable, *, name: str, url_for, host: str) -> str:
    """A VCALENDAR with one VEVENT per event; `url_for(event)` is its public address."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += event_lines(event, url=url_for(event), host=host)
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)
