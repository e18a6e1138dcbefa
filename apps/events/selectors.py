"""Every read of the events app. Public pages read only published events
(`records.published`: approved and public) and public photos
(`Photo.objects.public()`); /workspace/ reads what `records.visible_to` allows."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.formats import percent
from apps.monitoring import disclosure, records
from apps.monitoring.models import Activity, ReviewStatus
from apps.photos.models import Photo
from apps.programme.models import Component

from .models import Event, EventEvidence, Series, Session, Speaker, Sponsor
from .times import days, local, time_range, zone_label

# --- Staff ----------------------------------------------------------------------------


def event_list_for_user(*, user) -> QuerySet[Event]:
    return records.visible_to(
        Event.objects.select_related("unit", "series", "created_by"), user=user
    )


def event_evidence_list_for_user(*, user) -> QuerySet[EventEvidence]:
    events = event_list_for_user(user=user)
    return EventEvidence.objects.filter(record__in=events.values("pk")).select_related("record")


def event_sessions(*, event: Event) -> QuerySet[Session]:
    return (
        Session.objects.filter(event=event).prefetch_related("speakers").order_by("starts_at", "pk")
    )


def event_sponsors(*, event: Event) -> QuerySet[Sponsor]:
    return event.sponsors.select_related("partner").order_by("pk")


def speaker_choices() -> QuerySet[Speaker]:
    return Speaker.objects.order_by("name", "pk")


def latest_editions_for_user(*, user) -> list[Event]:
    """The latest edition of each series, among the events the user may see: the ones
    to make a next edition from."""
    latest = []
    for series in Series.objects.order_by("title"):
        edition = (
            event_list_for_user(user=user).filter(series=series).order_by("-starts_at").first()
        )
        if edition is not None:
            latest.append(edition)
    return latest


def events_by_status_for_user(*, user) -> dict[str, int]:
    counts = (
        event_list_for_user(user=user)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    found = dict(counts)
    return {status: found.get(status, 0) for status in ReviewStatus.values}


# --- Public -----------------------------------------------------------------------------


def _public_photos():
    return Photo.objects.public()


def events_public() -> QuerySet[Event]:
    """Published events (approved and public), with what lists and cards show."""
    return (
        records.published(Event.objects.all())
        .select_related("series", "member_state")
        .prefetch_related(Prefetch("photo", queryset=_public_photos()))
    )


def upcoming_q(now: datetime.datetime | None = None) -> Q:
    return Q(ends_at__gte=now or timezone.now())


def public_event_list(
    *,
    kind: str = "",
    component: Component | None = None,
    year: int | None = None,
    when: str = "",
) -> QuerySet[Event]:
    """Published events, filtered; upcoming ones first (soonest first), then past ones
    (most recent first)."""
    now = timezone.now()
    events = events_public()
    if kind:
        events = events.filter(kind=kind)
    if component is not None:
        events = events.filter(components=component)
    if year is not None:
        events = events.filter(starts_at__year=year)
    if when == "upcoming":
        events = events.filter(upcoming_q(now))
    elif when == "past":
        events = events.exclude(upcoming_q(now))
    return events.order_by(
        Case(When(upcoming_q(now), then=F("starts_at"))).asc(nulls_last=True),
        F("starts_at").desc(),
        "-pk",
    )


def public_event_years() -> list[int]:
    """The years that have published events, newest first (the year filter)."""
    dates = records.published(Event.objects.all()).dates("starts_at", "year", order="DESC")
    return [day.year for day in dates]


def public_event(*, slug: str) -> Event:
    """A published event with everything its page shows, or 404."""
    events = records.published(Event.objects.all()).select_related(
        "series", "member_state", "unit", "activity", "registration_setup"
    )
    return get_object_or_404(
        events.prefetch_related(
            Prefetch("photo", queryset=_public_photos()),
            Prefetch("gallery", queryset=_public_photos().order_by("taken_on", "pk")),
            "components",
            "partners",
            Prefetch(
                "sessions",
                queryset=Session.objects.order_by("starts_at", "pk").prefetch_related(
                    Prefetch(
                        "speakers",
                        queryset=Speaker.objects.select_related("member_state").prefetch_related(
                            Prefetch("photo", queryset=_public_photos())
                        ),
                    )
                ),
            ),
            Prefetch(
                "sponsors",
                queryset=Sponsor.objects.select_related("partner").prefetch_related(
                    Prefetch("logo", queryset=_public_photos())
                ),
            ),
        ),
        slug=slug,
    )


@dataclass(frozen=True)
class AgendaItem:
    session: Session
    times: str  # "9:00–10:30"


@dataclass(frozen=True)
class AgendaDay:
    day: datetime.date
    items: list[AgendaItem]


def agenda_by_day(*, event: Event) -> list[AgendaDay]:
    """The event's sessions (prefetched) grouped by day in the event's zone, every day
    of the event listed in order (an empty day too, as a day without sessions)."""
    zone = event.time_zone
    grouped: dict[datetime.date, list[AgendaItem]] = {
        day: [] for day in days(event.starts_at, event.ends_at, zone)
    }
    for session in event.sessions.all():
        day = local(session.starts_at, zone).date()
        grouped.setdefault(day, []).append(
            AgendaItem(session=session, times=time_range(session.starts_at, session.ends_at, zone))
        )
    return [AgendaDay(day=day, items=items) for day, items in sorted(grouped.items())]


def event_speakers(*, event: Event) -> list[Speaker]:
    """The speakers of the event's sessions (prefetched), each once, by name."""
    found = {}
    for session in event.sessions.all():
        for speaker in session.speakers.all():
            found[speaker.pk] = speaker
    return sorted(found.values(), key=lambda speaker: (speaker.name, speaker.pk))


def event_sponsors_by_tier(*, event: Event) -> list[Sponsor]:
    order = {tier: position for position, tier in enumerate(Sponsor.TIER_ORDER)}
    return sorted(event.sponsors.all(), key=lambda s: (order[s.tier], s.partner.name))


@dataclass(frozen=True)
class EventTimes:
    """How the event's dates read on its page, in its own zone."""

    first_day: datetime.date
    last_day: datetime.date
    times: str  # "9:00–17:00" (the first day's start to the last day's end)
    zone: str  # "Jakarta time (UTC+7)"


def event_times(event: Event) -> EventTimes:
    zone = event.time_zone
    return EventTimes(
        first_day=event.start_date,
        last_day=event.end_date,
        times=time_range(event.starts_at, event.ends_at, zone),
        zone=zone_label(event.starts_at, zone),
    )


def event_participants(event: Event) -> disclosure.Figure | None:
    """The participants of the event's activity as the public may see them, when the
    activity is approved and public; None otherwise."""
    activity = event.activity
    if activity is None or not (activity.status == ReviewStatus.APPROVED and activity.is_public):
        return None
    return disclosure.figure(activity.participants_total)


# --- Series -------------------------------------------------------------------------------


def series_public(*, slug: str) -> Series:
    return get_object_or_404(Series, slug=slug)


@dataclass(frozen=True)
class SeriesFigures:
    editions: int
    sessions: int
    speakers: int
    participants: disclosure.Figure | None


def series_editions(*, series: Series) -> QuerySet[Event]:
    """The published editions, newest first, each with its number of sessions (and its
    monitoring activity, for the share of women: `series_women_share`)."""
    return (
        events_public()
        .filter(series=series)
        .select_related("activity")
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("-starts_at", "-pk")
    )


def series_figures(*, series: Series) -> SeriesFigures:
    """The series' key figures over its published editions: editions, sessions, distinct
    speakers and participants (of the approved public activities, disclosure rule)."""
    editions = records.published(Event.objects.filter(series=series))
    sessions = Session.objects.filter(event__in=editions.values("pk"))
    activities = Activity.objects.filter(
        event__in=editions.values("pk"), status=ReviewStatus.APPROVED, is_public=True
    )
    total = activities.aggregate(
        total=Coalesce(
            Sum(F("participants_women") + F("participants_men") + F("participants_sex_other")),
            0,
        ),
        count=Count("pk"),
    )
    return SeriesFigures(
        editions=editions.count(),
        sessions=sessions.count(),
        speakers=Speaker.objects.filter(sessions__in=sessions.values("pk")).distinct().count(),
        participants=disclosure.figure(total["total"]) if total["count"] else None,
    )


# --- Cards (the home page, component pages) -------------------------------------------------


@dataclass(frozen=True)
class EventCard:
    """One event as templates/components/event_card.html shows it."""

    title: str
    get_absolute_url: str  # the public page
    start_date: datetime.date
    end_date: datetime.date
    place: str
    get_kind_display: str
    summary: str
    photo: Photo | None
    cancelled: bool = False


def event_card(event: Event) -> EventCard:
    return EventCard(
        title=event.title,
        get_absolute_url=event.get_public_url(),
        start_date=event.start_date,
        end_date=event.end_date,
        place=event.place,
        get_kind_display=event.get_kind_display(),
        summary=event.summary,
        photo=event.photo,
        cancelled=event.state == Event.State.CANCELLED,
    )


def event_cards_public(
    *, component: Component | None = None, upcoming_first: bool = True, limit: int = 3
) -> list[EventCard]:
    """Up to `limit` published events that are not cancelled, as cards: upcoming ones
    first, soonest first; when fewer than `limit` are upcoming, the most recent past
    ones after them (with upcoming_first=False: the most recent first, whatever the
    date). Only the component's events with `component`. Four queries at most
    (upcoming, past, and each one's public lead photos)."""
    events = events_public().exclude(state=Event.State.CANCELLED)
    if component is not None:
        events = events.filter(components=component)
    if not upcoming_first:
        return [event_card(e) for e in events.order_by("-starts_at", "-pk")[:limit]]
    now = timezone.now()
    upcoming = list(events.filter(upcoming_q(now)).order_by("starts_at", "pk")[:limit])
    past = []
    if len(upcoming) < limit:
        past = list(
            events.exclude(upcoming_q(now)).order_by("-starts_at", "-pk")[: limit - len(upcoming)]
        )
    return [event_card(event) for event in upcoming + past]


# --- Participation in public (the editions' monitoring activities) --------------------------
#
# Read from the approved, public monitoring activities, the one source the results and
# inclusion pages read too (the registrations app writes attendance into them), and
# only through the disclosure rule.

SHARE_EDITIONS = 20  # the latest editions in the trend


def _published_activity(event: Event) -> Activity | None:
    activity = event.activity
    if activity is None or not (activity.status == ReviewStatus.APPROVED and activity.is_public):
        return None
    return activity


@dataclass(frozen=True)
class EditionShare:
    """One edition in the series' trend: the share of women among its participants, as
    the public may see it."""

    title: str
    year: int
    url: str
    published: bool  # the edition's participants are published (approved public activity)
    participants: disclosure.Figure | None
    women: disclosure.Figure | None
    share: int | None  # whole percent; None when not published or withheld


def women_share(activity: Activity) -> tuple[disclosure.Figure, disclosure.Figure, int | None]:
    """(participants, women, share of women in whole percent) of a published activity.
    The share is shown only when neither the women nor the others (men, other and not
    stated) are "fewer than 5", and it is worked out from the rounded figures."""
    total = disclosure.figure(activity.participants_total)
    women = disclosure.figure(activity.participants_women)
    others = disclosure.figure(activity.participants_men + activity.participants_sex_other)
    if women.withheld or others.withheld or not total.value:
        return total, women, None
    percent = (Decimal(women.value) * 100 / Decimal(total.value)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return total, women, int(percent)


def series_women_share(*, editions: list[Event]) -> list[EditionShare]:
    """The share of women among the participants of each edition that was not cancelled
    (of `editions`, newest first as `series_editions` gives them, with their activity;
    the latest SHARE_EDITIONS), oldest first, from their approved public activities.
    No query of its own."""
    held = [edition for edition in editions if edition.state != Event.State.CANCELLED]
    shares = []
    for edition in reversed(held[:SHARE_EDITIONS]):
        activity = _published_activity(edition)
        if activity is None:
            participants = women = share = None
        else:
            participants, women, share = women_share(activity)
        shares.append(
            EditionShare(
                title=edition.title,
                year=edition.start_date.year,
                url=edition.get_public_url(),
                published=activity is not None,
                participants=participants,
                women=women,
                share=share,
            )
        )
    return shares


# The trend's chart: a horizontal bar per edition (its year on the left), 0–100%.
SHARE_CHART_LEFT = 90
SHARE_CHART_RIGHT = 560
SHARE_BAR = 18
SHARE_GAP = 8
SHARE_TOP = 24


@dataclass(frozen=True)
class ShareChart:
    summary: str
    width: int
    height: int
    left: int
    top: int
    bottom: int
    ticks: list[dict]
    bars: list[dict]
    table: dict


def women_share_chart(shares: list[EditionShare]) -> ShareChart | None:
    """The trend as bar geometry with the table behind it (components/data_table.html's
    shape); None when no edition's participants are published."""
    if not any(item.published for item in shares):
        return None
    plot = SHARE_CHART_RIGHT - SHARE_CHART_LEFT
    bars, y = [], SHARE_TOP
    for item in shares:
        width = round(plot * item.share / 100) if item.share is not None else 0
        if item.share is not None:
            text = percent(item.share)
        elif item.published:
            text = _("not shown: too few people")
        else:
            text = _("not published yet")
        bars.append(
            {
                "y": y,
                "middle": y + SHARE_BAR // 2,
                "width": width,
                "end": SHARE_CHART_LEFT + width + 6,
                "label": str(item.year),
                "text": text,
            }
        )
        y += SHARE_BAR + SHARE_GAP
    shown = [item for item in shares if item.share is not None]
    first, last = shares[0].year, shares[-1].year
    summary = (
        _(
            "Share of women among the participants per edition, %(first)s to %(last)s; the table "
            "below gives the figures."
        )
        % {"first": first, "last": last}
        if shown
        else _(
            "Share of women among the participants: too few people to show; the table "
            "below says so."
        )
    )

    def cell(value) -> dict:
        return {"text": value, "numeric": True}

    return ShareChart(
        summary=summary,
        width=640,
        height=y + 4,
        left=SHARE_CHART_LEFT,
        top=SHARE_TOP,
        bottom=y - SHARE_GAP,
        ticks=[
            {"x": SHARE_CHART_LEFT + plot * value // 100, "label": percent(value)}
            for value in (0, 25, 50, 75, 100)
        ],
        bars=bars,
        table={
            "caption": _("Share of women among the participants, per edition"),
            "columns": [
                {"label": _("Edition"), "numeric": False},
                {"label": _("Participants"), "numeric": True},
                {"label": _("Women"), "numeric": True},
                {"label": _("Share of women"), "numeric": True},
            ],
            "rows": [
                {
                    "header": item.title,
                    "cells": [
                        cell(str(item.participants) if item.participants else "—"),
                        cell(str(item.women) if item.women else "—"),
                        cell(bar["text"]),
                    ],
                }
                for item, bar in zip(shares, bars, strict=True)
            ],
        },
    )


@dataclass(frozen=True)
class PublicParticipation:
    """An event's participants by sex and by disability, as the public may see them."""

    total: disclosure.Figure
    by_sex: list[tuple[str, disclosure.Figure]]
    by_disability: list[tuple[str, disclosure.Figure]]


def event_participation_public(event: Event) -> PublicParticipation | None:
    """The breakdowns of the event's published activity (no query: the page's event has
    its activity), through disclosure.breakdown; None when it is not published."""
    activity = _published_activity(event)
    if activity is None or not activity.participants_total:
        return None
    sex = disclosure.breakdown(
        {
            "women": activity.participants_women,
            "men": activity.participants_men,
            "other": activity.participants_sex_other,
        }
    )
    disability = disclosure.breakdown(
        {
            "with": activity.participants_with_disability,
            "without": activity.participants_without_disability,
            "not_stated": activity.participants_disability_not_stated,
        }
    )
    return PublicParticipation(
        total=disclosure.figure(activity.participants_total),
        by_sex=[
            (_("Women"), sex["women"]),
            (_("Men"), sex["men"]),
            (_("Other or not stated"), sex["other"]),
        ],
        by_disability=[
            (_("Persons with disabilities"), disability["with"]),
            (_("Persons without disabilities"), disability["without"]),
            (_("Disability not stated"), disability["not_stated"]),
        ],
    )
