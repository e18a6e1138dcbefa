"""Reads of the connectivity app: what a person may see in /workspace/ (scoped with
`records.visible_to`), the overdue action items, and what the public page shows
(only `records.published`), each in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from apps.monitoring import records
from apps.programme import selectors as programme_selectors
from apps.programme.models import MemberState

from .models import (
    ActionItem,
    CoordinationBody,
    CoordinationMeeting,
    CoordinationMeetingEvidence,
    FocusArea,
    Initiative,
    InitiativeEvidence,
    StrategicArea,
    UrbanisationAction,
    UrbanisationActionEvidence,
)

# --- The workspace -----------------------------------------------------------------


def initiative_list_for_user(*, user) -> QuerySet[Initiative]:
    return records.visible_to(
        Initiative.objects.select_related("unit", "strategic_area", "created_by", "reviewed_by"),
        user=user,
    )


def city_action_list_for_user(*, user) -> QuerySet[UrbanisationAction]:
    return records.visible_to(
        UrbanisationAction.objects.select_related(
            "unit", "city", "city__member_state", "focus_area", "created_by", "reviewed_by"
        ),
        user=user,
    )


def coordination_meeting_list_for_user(*, user) -> QuerySet[CoordinationMeeting]:
    return records.visible_to(
        CoordinationMeeting.objects.select_related("unit", "body", "created_by", "reviewed_by"),
        user=user,
    )


def initiative_evidence_list_for_user(*, user) -> QuerySet[InitiativeEvidence]:
    return InitiativeEvidence.objects.filter(
        record__in=initiative_list_for_user(user=user)
    ).select_related("record", "uploaded_by")


def city_action_evidence_list_for_user(*, user) -> QuerySet[UrbanisationActionEvidence]:
    return UrbanisationActionEvidence.objects.filter(
        record__in=city_action_list_for_user(user=user)
    ).select_related("record", "uploaded_by")


def coordination_meeting_evidence_list_for_user(*, user) -> QuerySet[CoordinationMeetingEvidence]:
    return CoordinationMeetingEvidence.objects.filter(
        record__in=coordination_meeting_list_for_user(user=user)
    ).select_related("record", "uploaded_by")


def action_item_list_for_user(*, user) -> QuerySet[ActionItem]:
    """The action items of the meetings the person may see, soonest due first."""
    meetings = coordination_meeting_list_for_user(user=user)
    return (
        ActionItem.objects.filter(meeting__in=meetings.order_by().values("pk"))
        .select_related("meeting", "meeting__body")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class FollowUps:
    """The workspace's follow-ups: overdue items first, then the next few open ones,
    each list cut at `limit`, with the full counts."""

    overdue: list[ActionItem]
    overdue_count: int
    upcoming: list[ActionItem]
    upcoming_count: int
    today: datetime.date


def follow_ups_for_user(*, user, limit: int = 10, today: datetime.date | None = None) -> FollowUps:
    """Open action items of the person's meetings: overdue ones (due before today,
    the longest overdue first) and those still to come (due today or later). Four
    queries whatever the number of items."""
    today = today or timezone.localdate()
    items = action_item_list_for_user(user=user)
    overdue = items.overdue(today=today)
    upcoming = items.filter(status=ActionItem.Status.OPEN, due_on__gte=today)
    return FollowUps(
        overdue=list(overdue[:limit]),
        overdue_count=overdue.count(),
        upcoming=list(upcoming[:limit]),
        upcoming_count=upcoming.count(),
        today=today,
    )


# --- The public component page ---------------------------------------------------------

# How many records each area, focus area or body shows on the public page: the page
# stays the same size whatever the data (the counts say how many more there are).
PUBLIC_PER_GROUP = 6
PUBLIC_DECISIONS_PER_BODY = 2


def published_initiatives() -> QuerySet[Initiative]:
    return records.published(Initiative.objects.all())


def published_city_actions() -> QuerySet[UrbanisationAction]:
    return records.published(UrbanisationAction.objects.all())


def published_meetings() -> QuerySet[CoordinationMeeting]:
    return records.published(CoordinationMeeting.objects.all())


def _first_per_group(qs: QuerySet, *, group: str, order: list, limit: int) -> QuerySet:
    """The first `limit` rows of each `group` in `order`, cut in the database, each
    carrying `group_total`, the group's full count (one query)."""
    return (
        qs.annotate(
            rank=Window(RowNumber(), partition_by=F(group), order_by=order),
            group_total=Window(Count("pk"), partition_by=F(group)),
        )
        .filter(rank__lte=limit)
        .order_by(group, "rank")
    )


def _grouped(rows, *, key: str) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


@dataclass(frozen=True)
class Group:
    """A reference row (area, focus area, body) with the first records under it."""

    item: object
    records: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.records)


def strategic_areas_public() -> list[Group]:
    """The five MPAC areas, each with its newest public initiatives (two queries)."""
    initiatives = _first_per_group(
        published_initiatives(),
        group="strategic_area_id",
        order=[F("start_date").desc(), F("pk").desc()],
        limit=PUBLIC_PER_GROUP,
    )
    by_area = _grouped(initiatives, key="strategic_area_id")
    return [
        Group(
            item=area,
            records=by_area.get(area.pk, []),
            total=by_area[area.pk][0].group_total if area.pk in by_area else 0,
        )
        for area in StrategicArea.objects.order_by("order", "title")
    ]


def focus_areas_public() -> list[Group]:
    """The six ASUS focus areas, each with its newest public city actions (two queries)."""
    actions = _first_per_group(
        published_city_actions().select_related("city", "city__member_state"),
        group="focus_area_id",
        order=[F("start_date").desc(), F("pk").desc()],
        limit=PUBLIC_PER_GROUP,
    )
    by_area = _grouped(actions, key="focus_area_id")
    return [
        Group(
            item=area,
            records=by_area.get(area.pk, []),
            total=by_area[area.pk][0].group_total if area.pk in by_area else 0,
        )
        for area in FocusArea.objects.order_by("order", "title")
    ]


def coordination_bodies_public() -> list[Group]:
    """Every coordination body with its count of public meetings and the latest
    decisions (two queries). Internal notes are not even read."""
    meetings = _first_per_group(
        published_meetings().exclude(decisions="").only("pk", "body_id", "held_on", "decisions"),
        group="body_id",
        order=[F("held_on").desc(), F("pk").desc()],
        limit=PUBLIC_DECISIONS_PER_BODY,
    )
    by_body = _grouped(meetings, key="body_id")
    bodies = CoordinationBody.objects.annotate(
        meeting_count=Count(
            "meetings", filter=Q(meetings__in=published_meetings().order_by().values("pk"))
        )
    ).order_by("order", "name")
    return [
        Group(item=body, records=by_body.get(body.pk, []), total=body.meeting_count)
        for body in bodies
    ]


def _count_per_state(qs: QuerySet, *, state_path: str, counted: str) -> Subquery:
    """A subquery counting distinct `counted` of `qs` whose `state_path` is the outer
    member state, or 0."""
    counts = (
        qs.filter(**{state_path: OuterRef("pk")})
        .order_by()
        .values(state_path)
        .annotate(n=Count(counted, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class StateOverview:
    state: MemberState
    initiatives: int
    cities: int
    meetings: int


def member_state_overview_public(*, programme) -> list[StateOverview]:
    """For each member state of the programme's term: the public initiatives involving
    it, its cities with public actions and the public meetings it was represented at.
    One query, counted in the database."""
    if programme is None:
        return []
    states = programme_selectors.member_states_between(
        first=datetime.date(programme.start_year, 1, 1),
        last=datetime.date(programme.end_year, 12, 31),
    ).annotate(
        initiative_count=_count_per_state(
            published_initiatives(), state_path="member_states", counted="pk"
        ),
        city_count=_count_per_state(
            published_city_actions(), state_path="city__member_state", counted="city"
        ),
        meeting_count=_count_per_state(
            published_meetings(), state_path="member_states", counted="pk"
        ),
    )
    return [
        StateOverview(
            state=state,
            initiatives=state.initiative_count,
            cities=state.city_count,
            meetings=state.meeting_count,
        )
        for state in states.order_by("name")
    ]


def meeting_with_items(qs: QuerySet[CoordinationMeeting]) -> QuerySet[CoordinationMeeting]:
    """Meetings with their action items, soonest due first (one more query)."""
    return qs.prefetch_related(
        Prefetch("action_items", queryset=ActionItem.objects.order_by("due_on", "pk"))
    )
