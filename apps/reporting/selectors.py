"""The progress report: everything one span's report shows, read once (`progress_report`).

A report covers a span (a year of the programme's term, or the whole term) for an
audience: advisers see full figures and every approved record; a report for
publication shows only public indicators, public activities and published events,
and every count of people goes through monitoring's disclosure rule
(`apps.monitoring.disclosure`). The print page, the Word document and the public
annual summary all render the same `ProgressReport`, so they cannot disagree.

Figures are measured at the span's end, not today: actuals come from approved updates
of periods that ended by then (`indicator_actual_list(as_of=...)`, monitoring's one
rule for actual values), and on track or behind is judged on that day. The report says
when its data last changed (the newest `updated_at` among the records it read), never
"now", so the same data always gives the same report. The number of queries is fixed
(about fifteen) whatever the number of indicators, updates, activities or events:
aggregates are computed in the database, lists are prefetched.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import F, OuterRef, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.formats import figure, percent
from apps.events.models import Event
from apps.monitoring import disclosure, records
from apps.monitoring import selectors as monitoring
from apps.monitoring.models import Activity, Indicator, IndicatorUpdate, Result, ReviewStatus
from apps.programme import selectors as programme_selectors
from apps.programme.models import Component, MemberState, Programme

# How many activities each component's highlights name: those with the most participants.
HIGHLIGHTS_PER_COMPONENT = 6


class Audience(models.TextChoices):
    ADVISERS = "advisers", _("Advisers: full figures, every approved record")
    PUBLICATION = "publication", _("For publication: public records, the disclosure rule")


# --- The span -------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A year of the programme's term, or the whole term."""

    key: str  # in the URL: "2020", or "2018-2021" for the whole term
    first: datetime.date
    last: datetime.date

    @property
    def is_year(self) -> bool:
        return self.first.year == self.last.year

    @property
    def label(self) -> str:
        """ "2020", or "2018–2021"."""
        if self.is_year:
            return str(self.first.year)
        return f"{self.first.year}–{self.last.year}"


def span_list(*, programme: Programme) -> list[Span]:
    """Each year of the term, then the whole term."""
    years = [
        Span(str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        for year in range(programme.start_year, programme.end_year + 1)
    ]
    whole = Span(
        f"{programme.start_year}-{programme.end_year}",
        datetime.date(programme.start_year, 1, 1),
        datetime.date(programme.end_year, 12, 31),
    )
    return [*years, whole]


def span_get(*, programme: Programme, key: str) -> Span | None:
    """The span `key` names ("2020", "2018-2021"), or None when it is not one of the
    term's: views answer 404."""
    return next((span for span in span_list(programme=programme) if span.key == key), None)


# --- What the report holds ------------------------------------------------------------


def measured(value: Decimal | None, indicator: Indicator) -> str:
    """A value as the report's tables write it: "63%" for a percentage, "1,250" else;
    "" for none. The unit is named once, beside the indicator."""
    if value is None:
        return ""
    return percent(value) if indicator.measure == Indicator.Measure.PERCENTAGE else figure(value)


@dataclass(frozen=True)
class Narrative:
    period: str  # "2020 Q3"
    text: str


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator as of the span's end. `item` is monitoring's `PublicIndicator` (the
    public cards render it as it is): the indicator, its actual, the period it is as of,
    its progress and state."""

    item: monitoring.PublicIndicator
    narratives: tuple[Narrative, ...] = ()  # approved in the span (qualitative)

    @property
    def indicator(self) -> Indicator:
        return self.item.indicator

    @property
    def is_qualitative(self) -> bool:
        return self.indicator.measure == Indicator.Measure.QUALITATIVE

    @property
    def title_text(self) -> str:
        unit = self.indicator.unit_of_measure
        if unit and self.indicator.measure == Indicator.Measure.NUMBER:
            return f"{self.indicator.title} ({unit})"
        return self.indicator.title

    @property
    def baseline_text(self) -> str:
        indicator = self.indicator
        if self.is_qualitative:
            return ""
        text = measured(indicator.baseline_value, indicator) or str(_("none"))
        return f"{text} ({indicator.baseline_year})" if indicator.baseline_year else text

    @property
    def target_text(self) -> str:
        indicator = self.indicator
        if self.is_qualitative:
            return ""
        text = measured(indicator.target_value, indicator)
        if indicator.direction == Indicator.Direction.DECREASE and text:
            text = str(_("%(value)s or fewer")) % {"value": text}
        return f"{text} ({indicator.target_year})" if indicator.target_year else text

    @property
    def actual_text(self) -> str:
        if self.is_qualitative:
            return str(_("described in words"))
        if self.item.actual is None:
            return str(_("no approved figures"))
        return measured(self.item.actual, self.indicator)

    @property
    def progress_text(self) -> str:
        progress = self.item.progress_percent
        return percent(progress) if progress is not None else ""

    @property
    def state_text(self) -> str:
        return str(self.item.state.label)


@dataclass(frozen=True)
class ResultSection:
    result: Result
    indicators: list[IndicatorLine]

    @property
    def measured(self) -> list[IndicatorLine]:
        return [line for line in self.indicators if not line.is_qualitative]

    @property
    def described(self) -> list[IndicatorLine]:
        return [line for line in self.indicators if line.is_qualitative]


@dataclass(frozen=True)
class Highlight:
    """One approved activity of the span. `participants` is what the audience may see:
    the exact count for advisers, a `disclosure.Figure` for publication, None for
    studies and strategies (documents, not gatherings)."""

    activity: Activity  # with unit, component and member states loaded
    member_states: str  # monitoring.member_states_summary: "all 10 member states", …
    participants: int | disclosure.Figure | None

    @property
    def participants_text(self) -> str:
        if self.participants is None:
            return ""
        if isinstance(self.participants, disclosure.Figure):
            if self.participants.small:
                return str(_("fewer than 5"))
            return str(_("about %(count)s")) % {"count": self.participants}
        return figure(self.participants)


@dataclass(frozen=True)
class PeopleCell:
    label: str
    text: str  # "1,250", "fewer than 5", "not shown"
    # For publication: what the disclosure rule lets through (includes/_results_people.html
    # reads it); None in the advisers' version.
    figure: disclosure.Figure | None = None


@dataclass(frozen=True)
class Participation:
    """Participants of the span's approved activities. Exact for advisers; through the
    disclosure rule for publication (`disclosed`), where a cell withheld to protect a
    small one reads "not shown"."""

    activities: int
    total: str
    by_sex: list[PeopleCell]
    by_disability: list[PeopleCell]
    disclosed: bool
    total_small: bool = False  # publication: fewer than 5 people in all


@dataclass(frozen=True)
class EventLine:
    """An event held in the span, as the event card (templates/components/event_card.html)
    reads it; `get_absolute_url` is its public page when it is published, else ""."""

    title: str
    series: str
    get_kind_display: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    summary: str
    get_absolute_url: str
    photo: None = None


@dataclass(frozen=True)
class BehindLine:
    line: IndicatorLine
    explanation: str  # from the latest approved update's narrative (advisers: or comment)
    explained_in: str  # that update's period


@dataclass(frozen=True)
class Tally:
    """How a set of indicators stands: reached, on track, behind, without figures,
    described in words."""

    reached: int = 0
    on_track: int = 0
    behind: int = 0
    without_data: int = 0
    described: int = 0

    @property
    def measured(self) -> int:
        return self.reached + self.on_track + self.behind + self.without_data

    @property
    def indicators(self) -> int:
        return self.measured + self.described

    @property
    def on_track_or_reached(self) -> int:
        return self.reached + self.on_track


def _tally(lines: list[IndicatorLine]) -> Tally:
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        counts[line.item.state] += 1
    State = monitoring.ProgressState
    return Tally(
        reached=counts[State.REACHED],
        on_track=counts[State.ON_TRACK],
        behind=counts[State.BEHIND],
        without_data=counts[State.WITHOUT_DATA],
        described=counts[State.DESCRIBED],
    )


@dataclass(frozen=True)
class ComponentSection:
    component: Component
    results: list[ResultSection]
    highlights: list[Highlight]
    activities: int  # approved (public, for publication) activities in the span
    participation: Participation | None  # advisers only: per component
    tally: Tally = field(default_factory=Tally)

    @property
    def indicator_lines(self) -> list[IndicatorLine]:
        return [line for result in self.results for line in result.indicators]

    @property
    def described(self) -> list[IndicatorLine]:
        return [line for result in self.results for line in result.described]


@dataclass(frozen=True)
class ProgressReport:
    programme: Programme
    span: Span
    audience: str  # Audience
    measured_on: datetime.date  # the span's end (today, while the span runs)
    data_changed: datetime.date | None  # the newest change among the records read
    components: list[ComponentSection]
    participation: Participation  # the whole programme
    events: list[EventLine]
    behind: list[BehindLine]
    tally: Tally

    @property
    def for_publication(self) -> bool:
        return self.audience == Audience.PUBLICATION

    @property
    def activities(self) -> int:
        return sum(section.activities for section in self.components)


# --- Building it ----------------------------------------------------------------------


def progress_report(
    *,
    programme: Programme,
    span: Span,
    audience: str = Audience.ADVISERS,
    today: datetime.date | None = None,
) -> ProgressReport:
    """The progress report of `span` for `audience` (see the module's doc)."""
    publication = audience == Audience.PUBLICATION
    today = today or timezone.localdate()
    measured_on = min(span.last, today)

    components = list(programme_selectors.component_list(programme=programme))
    indicators = _indicators(components=components, publication=publication)
    lines = _indicator_lines(indicators=indicators, span=span, measured_on=measured_on)
    behind = _behind(lines=lines, span=span, publication=publication)

    activities = Activity.objects.filter(
        component__in=components,
        status=ReviewStatus.APPROVED,
        start_date__gte=span.first,
        start_date__lte=span.last,
    )
    if publication:
        activities = activities.filter(is_public=True)
    counts = _participant_counts(activities)
    highlights = _highlights(activities=activities, publication=publication)
    events = _events(components=components, span=span, publication=publication)

    sections = []
    for component in components:
        component_lines = [
            line for line in lines if line.indicator.result.component_id == component.pk
        ]
        component_counts = counts.get(component.pk, {})
        sections.append(
            ComponentSection(
                component=component,
                results=_by_result(component_lines),
                highlights=highlights.get(component.pk, []),
                activities=component_counts.get("activities", 0),
                # A table per component beside the programme's total would let a reader
                # narrow the rounded bands (docs/monitoring.md): for publication, only the
                # programme's figures are given.
                participation=None if publication else _participation(component_counts, False),
                tally=_tally(component_lines),
            )
        )
    programme_counts: dict[str, int] = defaultdict(int)
    for component_counts in counts.values():
        for key, value in component_counts.items():
            programme_counts[key] += value
    return ProgressReport(
        programme=programme,
        span=span,
        audience=Audience.PUBLICATION if publication else Audience.ADVISERS,
        measured_on=measured_on,
        data_changed=_data_changed(
            programme=programme,
            indicators=indicators,
            activities=activities,
            span=span,
            publication=publication,
        ),
        components=sections,
        participation=_participation(programme_counts, publication),
        events=events,
        behind=behind,
        tally=_tally(lines),
    )


def _indicators(*, components: list[Component], publication: bool):
    indicators = Indicator.objects.filter(result__component__in=components)
    return indicators.filter(is_public=True) if publication else indicators


def _indicator_lines(*, indicators, span: Span, measured_on: datetime.date) -> list[IndicatorLine]:
    """Each indicator in the framework's order with its actual as of the span's end
    (monitoring's rule, aggregated in the database), its state on `measured_on`, and,
    for qualitative ones, the narratives approved for the span's periods. Five queries."""
    objects = list(
        indicators.select_related("result__component", "responsible_unit").order_by(
            "result__component__number",
            "result__order",
            "result__code",
            "result_id",
            "order",
            "code",
            "pk",
        )
    )
    actuals = {
        row.pk: row
        for row in monitoring.indicator_actual_list(indicators=indicators, as_of=span.last)
    }
    narratives = _narratives(
        indicators=[i for i in objects if i.measure == Indicator.Measure.QUALITATIVE], span=span
    )
    lines = []
    for indicator in objects:
        row = actuals[indicator.pk]
        latest, in_span = narratives.get(indicator.pk, (None, ()))
        series = (latest,) if latest is not None else ()
        item = monitoring.PublicIndicator(
            indicator=indicator,
            actual=row.actual,
            as_of=row.as_of,
            state=monitoring.progress_state(
                indicator=row, progress=row.progress_percent, today=measured_on
            ),
            series=series,
        )
        lines.append(IndicatorLine(item=item, narratives=in_span))
    return lines


def _narratives(*, indicators: list[Indicator], span: Span) -> dict:
    """{indicator pk: (the latest approved narrative by the span's end, as monitoring's
    PeriodValue; the narratives of the span's periods, oldest first)}. One query."""
    if not indicators:
        return {}
    rows = (
        IndicatorUpdate.objects.filter(
            indicator__in=indicators, status=ReviewStatus.APPROVED, period__end__lte=span.last
        )
        .select_related("period")
        .only("indicator_id", "narrative", "period__name", "period__start", "period__end")
        .order_by("indicator_id", "period__start")
    )
    found: dict[int, tuple] = {}
    for update in rows:
        _previous, in_span = found.get(update.indicator_id, (None, ()))
        latest = monitoring.PeriodValue(
            period=update.period, value=None, narrative=update.narrative
        )
        if update.period.start >= span.first:
            in_span = (*in_span, Narrative(period=update.period.name, text=update.narrative))
        found[update.indicator_id] = (latest, in_span)
    return found


def _by_result(lines: list[IndicatorLine]) -> list[ResultSection]:
    sections: dict[int, ResultSection] = {}
    for line in lines:
        result = line.indicator.result
        sections.setdefault(result.pk, ResultSection(result=result, indicators=[]))
        sections[result.pk].indicators.append(line)
    return list(sections.values())


def _behind(*, lines: list[IndicatorLine], span: Span, publication: bool) -> list[BehindLine]:
    """The indicators behind on the span's end, each with why: the narrative of its
    latest approved update by then, or for advisers its comment (a note to the reviewer,
    never published). One query."""
    behind = [line for line in lines if line.item.state == monitoring.ProgressState.BEHIND]
    if not behind:
        return []
    newest_first = Window(
        RowNumber(), partition_by=F("indicator_id"), order_by=F("period__start").desc()
    )
    latest = {
        pk: (narrative, comment, period)
        for pk, narrative, comment, period in IndicatorUpdate.objects.filter(
            indicator__in=[line.indicator.pk for line in behind],
            status=ReviewStatus.APPROVED,
            period__end__lte=span.last,
        )
        .order_by()
        .annotate(rank=newest_first)
        .filter(rank=1)
        .values_list("indicator_id", "narrative", "comment", "period__name")
    }
    result = []
    for line in behind:
        narrative, comment, period = latest.get(line.indicator.pk, ("", "", ""))
        explanation = narrative.strip() or ("" if publication else comment.strip())
        result.append(BehindLine(line=line, explanation=explanation, explained_in=period))
    return result


PARTICIPANT_FIELDS = {
    "women": "participants_women",
    "men": "participants_men",
    "sex_other": "participants_sex_other",
    "with_disability": "participants_with_disability",
    "disability_not_stated": "participants_disability_not_stated",
}


def _participant_counts(activities) -> dict[int, dict[str, int]]:
    """{component pk: {"activities": n, "women": n, …}}, summed in the database. One query."""
    rows = (
        activities.order_by()
        .values("component_id")
        .annotate(
            activities=models.Count("pk"),
            **{key: Sum(name) for key, name in PARTICIPANT_FIELDS.items()},
        )
    )
    return {
        row["component_id"]: {key: row[key] or 0 for key in ("activities", *PARTICIPANT_FIELDS)}
        for row in rows
    }


def _participation(counts: dict[str, int], publication: bool) -> Participation:
    women, men, other = (counts.get(key, 0) for key in ("women", "men", "sex_other"))
    total = women + men + other
    with_disability = counts.get("with_disability", 0)
    not_stated = counts.get("disability_not_stated", 0)
    by_sex = {"women": women, "men": men, "sex_other": other}
    by_disability = {
        "with_disability": with_disability,
        "without_disability": total - with_disability - not_stated,
        "disability_not_stated": not_stated,
    }
    labels = monitoring.PARTICIPANT_LABELS
    if publication:

        def cells(group: dict[str, int]) -> list[PeopleCell]:
            return [
                PeopleCell(
                    str(labels[key]), str(_("not shown")) if shown.hidden else str(shown), shown
                )
                for key, shown in disclosure.breakdown(group).items()
            ]

        shown_total = disclosure.figure(total)
        return Participation(
            activities=counts.get("activities", 0),
            total=str(shown_total),
            by_sex=cells(by_sex),
            by_disability=cells(by_disability),
            disclosed=True,
            total_small=shown_total.small,
        )
    return Participation(
        activities=counts.get("activities", 0),
        total=figure(total),
        by_sex=[PeopleCell(str(labels[key]), figure(count)) for key, count in by_sex.items()],
        by_disability=[
            PeopleCell(str(labels[key]), figure(count)) for key, count in by_disability.items()
        ],
        disclosed=False,
    )


def _highlights(*, activities, publication: bool) -> dict[int, list[Highlight]]:
    """Each component's HIGHLIGHTS_PER_COMPONENT activities with the most participants
    (ties: the earlier, then the first logged), listed by date. Three queries: the
    activities (ranked in the database), their member states, and the states' join dates."""
    people = F("participants_women") + F("participants_men") + F("participants_sex_other")
    rank = Window(
        RowNumber(),
        partition_by=F("component_id"),
        order_by=[people.desc(), F("start_date").asc(), F("pk").asc()],
    )
    chosen = list(
        activities.annotate(people=people, rank=rank)
        .filter(rank__lte=HIGHLIGHTS_PER_COMPONENT)
        .select_related("unit", "component")
        .prefetch_related("member_states")
        .order_by("component__number", "start_date", "pk")
    )
    joined = list(MemberState.objects.order_by().values_list("joined_on", flat=True))
    found: dict[int, list[Highlight]] = defaultdict(list)
    for activity in chosen:
        if activity.activity_type in monitoring.WITHOUT_PARTICIPANTS:
            participants = None
        elif publication:
            participants = disclosure.figure(activity.people)
        else:
            participants = activity.people
        members_then = sum(1 for day in joined if day <= activity.start_date)
        names = [state.name for state in activity.member_states.all()]
        found[activity.component_id].append(
            Highlight(
                activity=activity,
                member_states=str(
                    monitoring.member_states_summary(names=names, members_then=members_then)
                ),
                participants=participants,
            )
        )
    return found


def _events(*, components: list[Component], span: Span, publication: bool) -> list[EventLine]:
    """Events held in the span (by their first day in their own time zone): approved and
    not cancelled; for publication also public (published). One query."""
    events = Event.objects.filter(status=ReviewStatus.APPROVED)
    if publication:
        events = records.published(events)
    # A day either side in UTC, then each event's own first day decides.
    margin = datetime.timedelta(days=1)
    first = timezone.make_aware(datetime.datetime.combine(span.first - margin, datetime.time()))
    last = timezone.make_aware(datetime.datetime.combine(span.last + margin * 2, datetime.time()))
    events = (
        events.exclude(state=Event.State.CANCELLED)
        .filter(starts_at__gte=first, starts_at__lt=last)
        .select_related("series", "member_state")
        .order_by("starts_at", "pk")
    )
    lines = []
    for event in events:
        if not span.first <= event.start_date <= span.last:
            continue
        place = event.place
        if event.member_state_id and not event.online and event.member_state.name not in place:
            place = ", ".join(filter(None, (place, event.member_state.name)))
        published = event.is_public
        lines.append(
            EventLine(
                title=event.title,
                series=event.series.title if event.series_id else "",
                get_kind_display=str(event.get_kind_display()),
                start_date=event.start_date,
                end_date=event.end_date,
                place=place,
                summary=event.summary,
                get_absolute_url=event.get_public_url() if published else "",
            )
        )
    return lines


def _data_changed(
    *, programme: Programme, indicators, activities, span: Span, publication: bool
) -> datetime.date | None:
    """The day the newest of the records the report reads last changed: the programme,
    its results and indicators, the approved updates counted, the span's activities and
    events. One query (a subquery per kind of record)."""

    def newest(queryset):
        return Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])

    updates = IndicatorUpdate.objects.filter(
        indicator__in=indicators, status=ReviewStatus.APPROVED, period__end__lte=span.last
    )
    events = Event.objects.filter(
        status=ReviewStatus.APPROVED,
        starts_at__date__gte=span.first - datetime.timedelta(days=1),
        starts_at__date__lte=span.last + datetime.timedelta(days=1),
    )
    if publication:
        events = records.published(events)
    stamps = (
        Programme.objects.filter(pk=programme.pk)
        .annotate(
            components_changed=newest(Component.objects.filter(programme=OuterRef("pk"))),
            results_changed=newest(Result.objects.filter(pk__in=indicators.values("result_id"))),
            indicators_changed=newest(indicators),
            updates_changed=newest(updates),
            activities_changed=newest(activities),
            events_changed=newest(events),
        )
        .values_list(
            "updated_at",
            "components_changed",
            "results_changed",
            "indicators_changed",
            "updates_changed",
            "activities_changed",
            "events_changed",
        )
        .first()
    )
    known = [stamp for stamp in stamps or () if stamp is not None]
    return timezone.localtime(max(known)).date() if known else None
