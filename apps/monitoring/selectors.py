"""Reads of monitoring records. Actual values are computed here and nowhere else."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.permissions import sees_every_unit
from apps.programme.models import Component, MemberState

from . import disclosure
from .models import (
    Activity,
    ActivityEvidence,
    Indicator,
    IndicatorUpdate,
    IndicatorUpdateEvidence,
    MemberStateParticipation,
    ReportingPeriod,
    Result,
    ReviewStatus,
    percentage,
)

# --- Scoped lists: what a signed-in user may see ------------------------------


def activity_list_for_user(*, user: User) -> QuerySet[Activity]:
    qs = Activity.objects.select_related("unit", "component", "created_by", "reviewed_by")
    if sees_every_unit(user):
        return qs
    return qs.filter(unit_id=user.unit_id) if user.unit_id else qs.none()


def indicator_update_list_for_user(*, user: User) -> QuerySet[IndicatorUpdate]:
    qs = IndicatorUpdate.objects.select_related(
        "indicator",
        "indicator__result",
        "indicator__responsible_unit",
        "period",
        "created_by",
        "reviewed_by",
    )
    if sees_every_unit(user):
        return qs
    if not user.unit_id:
        return qs.none()
    return qs.filter(indicator__responsible_unit_id=user.unit_id)


def indicator_list_for_user(*, user: User) -> QuerySet[Indicator]:
    qs = Indicator.objects.select_related("result", "result__component", "responsible_unit")
    if sees_every_unit(user):
        return qs
    return qs.filter(responsible_unit_id=user.unit_id) if user.unit_id else qs.none()


def indicator_list_for_unit_components(*, unit_id: int | None) -> QuerySet[Indicator]:
    """Indicators of the components a unit works with: what its activities may contribute to.

    Ordered so that each result's indicators come together (the activity form groups them).
    """
    return (
        Indicator.objects.filter(result__component__units=unit_id)
        .select_related("result__component")
        .order_by(
            "result__component__number",
            "result__order",
            "result__code",
            "result_id",
            "order",
            "code",
        )
    )


def activity_evidence_list_for_user(*, user: User) -> QuerySet[ActivityEvidence]:
    """Evidence of the activities the user may see."""
    return ActivityEvidence.objects.select_related("record", "uploaded_by").filter(
        record__in=activity_list_for_user(user=user)
    )


def indicator_update_evidence_list_for_user(*, user: User) -> QuerySet[IndicatorUpdateEvidence]:
    """Evidence of the indicator updates the user may see."""
    return IndicatorUpdateEvidence.objects.select_related("record", "uploaded_by").filter(
        record__in=indicator_update_list_for_user(user=user)
    )


def period_list_open(*, today: date | None = None) -> QuerySet[ReportingPeriod]:
    """Periods staff can report on: unlocked and already begun."""
    today = today or timezone.localdate()
    return ReportingPeriod.objects.filter(is_locked=False, start__lte=today).order_by("start")


@dataclass(frozen=True)
class ReportDue:
    indicator: Indicator
    period: ReportingPeriod


class ReportsDue:
    """The user's indicators with an open period and no update yet: (indicator, period)
    pairs, by period, then indicator code.

    The pairs are a cross product (a hundred times the demo data gave a unit hundreds
    of them), so they are never built in Python: counting them is one query, and a
    slice (`due[:10]`, a Paginator's page) is one query for the pairs of that slice
    and one for their indicators. Paginator takes this object as it is.
    """

    def __init__(self, *, user: User, today: date | None = None):
        self.indicators = indicator_list_for_user(user=user).order_by()
        self.periods = list(period_list_open(today=today))  # a few: unlocked and begun
        self._count: int | None = None

    def count(self) -> int:
        """Every pair of indicator and open period, less those already reported (an
        indicator has at most one update a period). One query."""
        if self._count is None:
            if not self.periods:
                self._count = 0
            else:
                figures = self.indicators.aggregate(
                    indicators=Count("pk", distinct=True),
                    reported=Count("updates", filter=Q(updates__period__in=self.periods)),
                )
                self._count = figures["indicators"] * len(self.periods) - figures["reported"]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, key: int | slice):
        if isinstance(key, int):
            return self[key : key + 1][0]
        if not self.periods:
            return []
        # One SELECT per open period, joined with UNION ALL: each lists the indicators
        # without an update in that period, tagged with the period's place in the list.
        pairs = [
            self.indicators.exclude(updates__period=period)
            .annotate(due_rank=Value(rank, output_field=models.IntegerField()))
            .values_list("pk", "code", "due_rank")
            for rank, period in enumerate(self.periods)
        ]
        query = pairs[0].union(*pairs[1:], all=True) if len(pairs) > 1 else pairs[0]
        rows = list(query.order_by("due_rank", "code", "pk")[key])
        indicators = Indicator.objects.select_related("result").in_bulk(
            [pk for pk, _code, _rank in rows]
        )
        return [
            ReportDue(indicator=indicators[pk], period=self.periods[rank])
            for pk, _code, rank in rows
        ]


def reports_due_for_user(*, user: User, today: date | None = None) -> ReportsDue:
    """The unit's indicators with an open period that has no update yet, counted and cut
    in the database (`ReportsDue`): `.count()`, a slice, or a Paginator over it."""
    return ReportsDue(user=user, today=today)


def status_counts(queryset: QuerySet) -> dict[str, int]:
    """How many records of the queryset are in each review status (one query)."""
    counts = dict.fromkeys(ReviewStatus.values, 0)
    for row in queryset.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


# --- Actual values and progress ---------------------------------------------


@dataclass
class PeriodValue:
    period: ReportingPeriod
    value: Decimal | None  # the actual as of this period (cumulated where the rule says so)
    narrative: str = ""


class ProgressMixin:
    """Progress for anything with an `indicator` and an `actual`: the one place the
    public cards and the progress series compute it."""

    @property
    def progress_percent(self) -> Decimal | None:
        """How far the actual has moved from baseline to target, in percent.

        0 at the baseline, 100 at the target; it can go below 0 or above 100.
        Works for lower-is-better indicators too, since target − baseline is
        then negative. None without an actual or without a target to measure by.
        """
        return progress_percent(
            actual=self.actual,
            baseline=self.indicator.baseline_value,
            target=self.indicator.target_value,
        )

    @property
    def bar_percent(self) -> int:
        """The progress clamped to 0–100, for drawing a bar."""
        progress = self.progress_percent
        return 0 if progress is None else int(max(Decimal(0), min(Decimal(100), progress)))


@dataclass
class IndicatorProgress(ProgressMixin):
    indicator: Indicator
    series: list[PeriodValue] = field(default_factory=list)

    @property
    def actual(self) -> Decimal | None:
        return self.series[-1].value if self.series else None

    @property
    def latest_narrative(self) -> str:
        return self.series[-1].narrative if self.series else ""


def progress_percent(
    *, actual: Decimal | None, baseline: Decimal | None, target: Decimal | None
) -> Decimal | None:
    if actual is None or target is None:
        return None
    start = baseline or Decimal(0)
    if target == start:
        return None
    return ((actual - start) / (target - start) * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def indicator_progress(*, indicators: Iterable[Indicator]) -> dict[int, IndicatorProgress]:
    """Actual values per period for each indicator, from approved updates only (one query).

    The indicator's cumulative rule decides what a period's actual is:
    - number, non-cumulative: the value reported for that period (a level);
    - number, cumulative: the baseline plus every value reported up to that
      period (values are increments);
    - percentage, non-cumulative: numerator / denominator of that period;
    - percentage, cumulative: the sum of numerators over the sum of
      denominators up to that period;
    - qualitative: no number; the narrative of that period.

    The updates are read as plain rows (`values_list`), not model objects: with
    a hundred times the demo data, building 14,000 updates took ten times as long
    as fetching their values. Each row carries its period's own fields (in the same
    query, so it stays one) and each period is made into one ReportingPeriod the
    first time it is met: a few dozen objects however many updates there are. The
    periods' timestamps are left out (deferred: loaded if ever read), since nothing
    that reads progress needs them and converting them per row was a third of the
    time on SQLite.
    """
    indicators = list(indicators)
    progress = {indicator.pk: IndicatorProgress(indicator=indicator) for indicator in indicators}
    period_names = [
        field.attname
        for field in ReportingPeriod._meta.concrete_fields
        if field.attname not in ("created_at", "updated_at")
    ]
    period_pk = period_names.index(ReportingPeriod._meta.pk.attname)
    rows = (
        IndicatorUpdate.objects.filter(indicator__in=indicators, status=ReviewStatus.APPROVED)
        .order_by("period__start")
        .values_list(
            "indicator_id",
            "value",
            "numerator",
            "denominator",
            "narrative",
            *(f"period__{name}" for name in period_names),
        )
    )
    periods: dict[int, ReportingPeriod] = {}
    running = defaultdict(lambda: [Decimal(0), Decimal(0)])  # indicator → [sum a, sum b]
    for indicator_id, value, numerator, denominator, narrative, *period_row in rows:
        period = periods.get(period_row[period_pk])
        if period is None:
            period = ReportingPeriod.from_db(rows.db, period_names, period_row)
            periods[period.pk] = period
        entry = progress[indicator_id]
        indicator = entry.indicator
        cumulative = indicator.cumulative_rule == Indicator.CumulativeRule.CUMULATIVE
        totals = running[indicator_id]
        if indicator.measure == Indicator.Measure.NUMBER:
            if cumulative:
                totals[0] += value or 0
                actual = (indicator.baseline_value or Decimal(0)) + totals[0]
            else:
                actual = value
        elif indicator.measure == Indicator.Measure.PERCENTAGE:
            if cumulative:
                totals[0] += numerator or 0
                totals[1] += denominator or 0
                actual = percentage(totals[0], totals[1])
            else:
                actual = percentage(numerator or Decimal(0), denominator)
        else:
            actual = None
        entry.series.append(PeriodValue(period=period, value=actual, narrative=narrative))
    return progress


@dataclass(frozen=True)
class IndicatorActual:
    """An indicator's figures and its actual as of its latest approved period, without
    the series: what summaries need (`indicator_actual_list`)."""

    pk: int
    result_id: int
    component_id: int
    measure: str
    cumulative_rule: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int | None
    actual: Decimal | None
    level: str = ""  # the result's level (Result.Level)
    as_of: str = ""  # the name of the latest approved period; "" without one

    @property
    def progress_percent(self) -> Decimal | None:
        return progress_percent(
            actual=self.actual, baseline=self.baseline_value, target=self.target_value
        )


def indicator_actual_list(
    *, indicators: QuerySet[Indicator], as_of: date | None = None
) -> list[IndicatorActual]:
    """Each indicator's actual as of its latest approved period, aggregated in the
    database: three queries, a row per indicator whatever the number of updates.
    With `as_of`, only periods ending on or before that day count (the progress
    report's figures at the end of a year: apps/reporting).

    The same rule table as `indicator_progress` (whose last value it equals; a test
    holds them together), from the latest approved update's figures and the sums of
    all approved ones instead of a walk through every period. Both are one pass
    over the approved updates (a GROUP BY and a window), not a subquery per
    indicator: on 1,500 indicators the subqueries took seconds.
    """
    approved = IndicatorUpdate.objects.filter(
        indicator__in=indicators.order_by().values("pk"), status=ReviewStatus.APPROVED
    ).order_by()
    if as_of is not None:
        approved = approved.filter(period__end__lte=as_of)
    sums = {
        pk: figures
        for pk, *figures in approved.values("indicator_id")
        .annotate(value=Sum("value"), numerator=Sum("numerator"), denominator=Sum("denominator"))
        .values_list("indicator_id", "value", "numerator", "denominator")
    }
    newest_first = Window(
        RowNumber(), partition_by=F("indicator_id"), order_by=F("period__start").desc()
    )
    latest = {
        pk: figures
        for pk, *figures in approved.annotate(rank=newest_first)
        .filter(rank=1)
        .values_list("indicator_id", "value", "numerator", "denominator", "period__name")
    }
    rows = indicators.order_by().values_list(
        "pk",
        "result_id",
        "result__component_id",
        "measure",
        "cumulative_rule",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "result__level",
    )
    actuals = []
    for *figures, level in rows:
        pk, _result, _component, measure, rule, baseline, *_rest = figures
        cumulative = rule == Indicator.CumulativeRule.CUMULATIVE
        if pk not in latest:
            actual = None
        elif measure == Indicator.Measure.NUMBER:
            actual = (baseline or Decimal(0)) + (sums[pk][0] or 0) if cumulative else latest[pk][0]
        elif measure == Indicator.Measure.PERCENTAGE:
            if cumulative:
                actual = percentage(sums[pk][1] or Decimal(0), sums[pk][2] or Decimal(0))
            else:
                actual = percentage(latest[pk][1] or Decimal(0), latest[pk][2])
        else:
            actual = None
        as_of = latest[pk][3] if pk in latest else ""
        actuals.append(IndicatorActual(*figures, actual=actual, level=level, as_of=as_of))
    return actuals


# --- Public results --------------------------------------------------------
#
# What the public pages read (apps/site). For the home page (issue 11):
# - `headline_results_public(limit=4)`: a few outcome indicators with actual, target,
#   progress, state and "as of" (`PublicIndicator`), six queries;
# - `component_key_results_public()`: {component id: its key `PublicIndicator`}, five
#   queries;
# - `public_results_summary(...)`: "8 of 12 indicators have reached at least three
#   quarters of their target", for the top of /results/.
# Every one takes only public indicators and approved figures.


@dataclass
class PublicResult:
    result: Result
    indicators: list[IndicatorProgress]


@dataclass
class PublicComponentResults:
    component: Component
    results: list[PublicResult]


def result_list_public(*, component: Component | None = None) -> QuerySet[Result]:
    """Results with at least one public indicator, in the framework's order: what the
    public pages list, a page or a few at a time (`result_progress_public`)."""
    public = Indicator.objects.filter(result=OuterRef("pk"), is_public=True)
    results = (
        Result.objects.filter(Exists(public))
        .select_related("component")
        .order_by("component__number", "order", "code", "pk")
    )
    return results.filter(component=component) if component is not None else results


def result_progress_public(*, results: Iterable[Result]) -> list[PublicResult]:
    """These results with their public indicators and approved actuals.

    Two queries (indicators, then their approved values), and work in proportion to
    the results given: pass a page of `result_list_public`, not all of it.
    """
    results = list(results)
    indicators = (
        Indicator.objects.filter(is_public=True)
        .select_related("responsible_unit")
        .order_by("order", "code")
    )
    prefetch_related_objects(
        results, Prefetch("indicators", queryset=indicators, to_attr="public_indicators")
    )
    progress = indicator_progress(
        indicators=[indicator for result in results for indicator in result.public_indicators]
    )
    return [
        PublicResult(
            result=result,
            indicators=[progress[indicator.pk] for indicator in result.public_indicators],
        )
        for result in results
    ]


def results_public(*, component: Component | None = None) -> list[PublicComponentResults]:
    """Every result with its public indicators and approved actuals, by component.

    Three queries whatever the number of results, indicators or updates, but the
    work and the output grow with them: public pages show a page of results
    (`result_list_public`, `result_progress_public`) or `results_overview_public`.
    """
    grouped: dict[int, PublicComponentResults] = {}
    for entry in result_progress_public(results=result_list_public(component=component)):
        result = entry.result
        grouped.setdefault(
            result.component_id, PublicComponentResults(component=result.component, results=[])
        ).results.append(entry)
    return list(grouped.values())


@dataclass(frozen=True)
class ComponentResultsSummary:
    component: Component
    results: int  # with at least one public indicator
    indicators: int  # public ones
    on_track: int
    behind: int
    without_data: int  # measured in numbers, no approved figures yet
    described: int  # qualitative: described in words, not on track or behind


def results_overview_public(*, today: date | None = None) -> list[ComponentResultsSummary]:
    """Each component with how many results and public indicators it has, and how many
    of those are on track, behind or without data (`indicator_track`), measured on
    `today`: by default the admin index's reference day (`track_reference`), so the
    public figures and the advisers' agree.

    Four queries whatever the data (five without `today`), and no series: the actuals
    are aggregated in the database (`indicator_actual_list`, a row per indicator, not
    per update), and the page shows a line per component, never a row per indicator.
    """
    today = today or track_reference().measured_on
    results: dict[int, set[int]] = defaultdict(set)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in indicator_actual_list(indicators=Indicator.objects.filter(is_public=True)):
        results[row.component_id].add(row.result_id)
        tally = counts[row.component_id]
        tally["indicators"] += 1
        if row.measure == Indicator.Measure.QUALITATIVE:
            tally["described"] += 1
        else:
            tally[indicator_track(indicator=row, progress=row.progress_percent, today=today)] += 1
    return [
        ComponentResultsSummary(
            component=component,
            results=len(results[component.pk]),
            indicators=counts[component.pk]["indicators"],
            on_track=counts[component.pk][Track.ON_TRACK],
            behind=counts[component.pk][Track.BEHIND],
            without_data=counts[component.pk][Track.WITHOUT_DATA],
            described=counts[component.pk]["described"],
        )
        for component in Component.objects.order_by("number", "pk")
    ]


class ProgressState(models.TextChoices):
    """Where a public indicator stands, as the progress bar says it (in words, and in
    colour only as well): its target reached, on track (`indicator_track`), behind,
    no approved figures yet, or described in words (qualitative: no bar at all)."""

    REACHED = "reached", _("Target reached")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    WITHOUT_DATA = "without_data", _("No approved figures yet")
    DESCRIBED = "described", _("Described in words")


def progress_state(
    *, indicator: Indicator | IndicatorActual, progress: Decimal | None, today: date
) -> ProgressState:
    """The state of `progress_state`'s table: qualitative → described; no progress →
    without data; 100% or more → reached; else on track or behind by `indicator_track`
    (at least the share of the term passed on `today`)."""
    if indicator.measure == Indicator.Measure.QUALITATIVE:
        return ProgressState.DESCRIBED
    if progress is None:
        return ProgressState.WITHOUT_DATA
    if progress >= 100:
        return ProgressState.REACHED
    track = indicator_track(indicator=indicator, progress=progress, today=today)
    return ProgressState.ON_TRACK if track == Track.ON_TRACK else ProgressState.BEHIND


@dataclass(frozen=True)
class PublicIndicator(ProgressMixin):
    """One public indicator as a reader sees it (templates/components/indicator_card.html):
    the indicator (with `result` and `result.component` loaded), its actual as of the
    latest approved period (`as_of`, that period's name; "" without one), where it
    stands (`state`), and, on the results pages only, every approved period (`series`,
    oldest first, values cumulated where the rule says so)."""

    indicator: Indicator
    actual: Decimal | None
    as_of: str
    state: ProgressState
    series: tuple[PeriodValue, ...] = ()

    @property
    def latest_narrative(self) -> str:
        return self.series[-1].narrative if self.series else ""


# The levels a headline is taken from, best first: outcomes say what changed.
HEADLINE_LEVELS = (Result.Level.OUTCOME, Result.Level.IMPACT, Result.Level.OUTPUT)


def _measured_public_actuals() -> list[IndicatorActual]:
    """Public number and percentage indicators with their actuals (three queries)."""
    indicators = Indicator.objects.filter(is_public=True).exclude(
        measure=Indicator.Measure.QUALITATIVE
    )
    return indicator_actual_list(indicators=indicators)


def _public_indicators(rows: list[IndicatorActual], *, today: date) -> list[PublicIndicator]:
    """`rows` as PublicIndicators, in the same order (one query for the indicators)."""
    indicators = Indicator.objects.select_related("result__component").in_bulk(
        [row.pk for row in rows]
    )
    return [
        PublicIndicator(
            indicator=indicators[row.pk],
            actual=row.actual,
            as_of=row.as_of,
            state=progress_state(indicator=row, progress=row.progress_percent, today=today),
        )
        for row in rows
    ]


def headline_results_public(*, limit: int = 4, today: date | None = None) -> list[PublicIndicator]:
    """Up to `limit` public indicators for the home page's headline results.

    Which: measured in numbers or percentages (not qualitative), with at least one
    approved figure, at the outcome level — or, when no outcome indicator has
    figures, at the impact level, then the output level. Taken a component at a
    time (component 1's first, component 2's first, …, then each one's second), so
    that the headlines speak for the whole programme; within a component in the
    framework's order (result, then indicator order and code).

    Each is a `PublicIndicator` (no series): `.indicator` (code, title, unit,
    direction; `.result.component`), `.actual`, `.progress_percent`, `.bar_percent`,
    `.state` (`ProgressState`, measured on `today`: by default the end of the latest
    period with approved figures, `track_reference`) and `.as_of` (the name of the
    indicator's latest approved period). Render it with
    `{% include "components/indicator_card.html" with item=... compact=True %}` or
    `components/progress_bar.html` on its own.

    An empty list when nothing is published. Six queries whatever the data (five
    with `today`): the actuals are aggregated in the database.
    """
    today = today or track_reference().measured_on
    rows = [row for row in _measured_public_actuals() if row.actual is not None]
    level = next((lvl for lvl in HEADLINE_LEVELS if any(r.level == lvl for r in rows)), None)
    candidates = [row for row in rows if row.level == level]
    if not candidates or limit <= 0:
        return []
    framework_order = {
        pk: position
        for position, pk in enumerate(
            Indicator.objects.filter(pk__in=[row.pk for row in candidates])
            .order_by("result__component__number", "result__order", "result__code", "order", "code")
            .values_list("pk", flat=True)
        )
    }
    by_component: dict[int, list[IndicatorActual]] = defaultdict(list)
    for row in sorted(candidates, key=lambda row: framework_order[row.pk]):
        by_component[row.component_id].append(row)
    chosen: list[IndicatorActual] = []
    queues = list(by_component.values())  # in component order: dicts keep insertion order
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return _public_indicators(chosen, today=today)


def component_key_results_public(*, today: date | None = None) -> dict[int, PublicIndicator]:
    """Each component's key result for the home page: {component id: PublicIndicator}.

    The key result is the component's public number or percentage indicator at the
    best level it has figures for (outcome, then impact, then output) that has come
    furthest towards its target (highest `progress_percent`; ties: the lower id).
    A component whose measured indicators have no approved figures yet gets one of
    them (outcome level first, then the oldest) with `actual` None and state
    "without data";
    a component without any public measured indicator is missing from the dict.

    Five queries whatever the data (four with `today`). See `PublicIndicator` and
    `headline_results_public` for what each entry carries.
    """
    today = today or track_reference().measured_on
    rank = {level: position for position, level in enumerate(HEADLINE_LEVELS)}
    best: dict[int, IndicatorActual] = {}

    def key(row: IndicatorActual) -> tuple:
        progress = row.progress_percent
        return (
            progress is None,  # figures first
            rank.get(row.level, len(rank)),
            -(progress if progress is not None else Decimal(0)),
            row.pk,
        )

    for row in _measured_public_actuals():
        current = best.get(row.component_id)
        if current is None or key(row) < key(current):
            best[row.component_id] = row
    if not best:
        return {}
    return {
        entry.indicator.result.component_id: entry
        for entry in _public_indicators(list(best.values()), today=today)
    }


def indicator_list_public(*, component: Component | None = None) -> QuerySet[Indicator]:
    """Public indicators (of `component`, or all) in the framework's order, with their
    result, component and responsible unit: what the results pages list a page at a
    time (`indicator_cards_public`)."""
    indicators = (
        Indicator.objects.filter(is_public=True)
        .select_related("result__component", "responsible_unit")
        .order_by(
            "result__component__number",
            "result__order",
            "result__code",
            "result_id",
            "order",
            "code",
            "pk",
        )
    )
    return indicators.filter(result__component=component) if component is not None else indicators


def indicator_cards_public(
    *, indicators: Iterable[Indicator], today: date
) -> list[PublicIndicator]:
    """These indicators as `PublicIndicator`s with every approved period (`series`) and
    their state on `today` (the results page's reference day, `track_reference`).

    One query (`indicator_progress`), and work in proportion to the indicators given:
    pass a page of `indicator_list_public`, not all of it."""
    progress = indicator_progress(indicators=indicators)
    cards = []
    for entry in progress.values():
        latest = entry.series[-1] if entry.series else None
        cards.append(
            PublicIndicator(
                indicator=entry.indicator,
                actual=entry.actual,
                as_of=latest.period.name if latest else "",
                state=progress_state(
                    indicator=entry.indicator, progress=entry.progress_percent, today=today
                ),
                series=tuple(entry.series),
            )
        )
    return cards


# "At least three quarters of the way": the share the results summary counts.
SUMMARY_SHARE = Decimal(75)


@dataclass(frozen=True)
class PublicResultsSummary:
    """The figures at the top of /results/ (`public_results_summary`)."""

    reference: "TrackReference"
    indicators: int  # public ones, qualitative included
    measured: int  # in numbers or percentages
    with_data: int  # measured, with approved figures
    reached: int  # 100% of the way or more
    three_quarters: int  # at least SUMMARY_SHARE % of the way, those reached included
    on_track: int  # reached or on track (`progress_state`)
    behind: int
    described: int  # qualitative

    @property
    def without_data(self) -> int:
        return self.measured - self.with_data


def public_results_summary(
    *, component: Component | None = None, reference: "TrackReference | None" = None
) -> PublicResultsSummary:
    """How many public indicators (of `component`, or all) have reached their target,
    at least three quarters of it (SUMMARY_SHARE), are on track or behind, measured at
    `reference` (by default `track_reference()`: the latest period with approved
    figures). Four queries whatever the data (three with `reference`)."""
    reference = reference or track_reference()
    indicators = Indicator.objects.filter(is_public=True)
    if component is not None:
        indicators = indicators.filter(result__component=component)
    counts: dict[str, int] = defaultdict(int)
    for row in indicator_actual_list(indicators=indicators):
        counts["indicators"] += 1
        state = progress_state(
            indicator=row, progress=row.progress_percent, today=reference.measured_on
        )
        counts[state] += 1
        if state == ProgressState.DESCRIBED:
            continue
        counts["measured"] += 1
        if state != ProgressState.WITHOUT_DATA:
            counts["with_data"] += 1
            counts["three_quarters"] += row.progress_percent >= SUMMARY_SHARE
    return PublicResultsSummary(
        reference=reference,
        indicators=counts["indicators"],
        measured=counts["measured"],
        with_data=counts["with_data"],
        reached=counts[ProgressState.REACHED],
        three_quarters=counts["three_quarters"],
        on_track=counts[ProgressState.REACHED] + counts[ProgressState.ON_TRACK],
        behind=counts[ProgressState.BEHIND],
        described=counts[ProgressState.DESCRIBED],
    )


def activity_list_public(*, component: Component | None = None) -> QuerySet[Activity]:
    """Approved activities marked public, newest first."""
    qs = (
        Activity.objects.filter(status=ReviewStatus.APPROVED, is_public=True)
        .select_related("unit", "component")
        .prefetch_related("member_states")
        .order_by("-start_date", "-pk")
    )
    return qs.filter(component=component) if component is not None else qs


# Activities that are documents, not gatherings: their cards say nothing of participants.
WITHOUT_PARTICIPANTS = (Activity.Type.STUDY, Activity.Type.STRATEGY)


@dataclass(frozen=True)
class PublicActivity:
    """One public activity as its card shows it (templates/components/activity_card.html)."""

    activity: Activity  # with unit, component, member_states and partners loaded
    member_states: str  # "all 10 member states", "Indonesia and Viet Nam", "5 member states", ""
    participants: disclosure.Figure | None  # None for studies and strategies


def member_states_summary(*, names: list[str], members_then: int) -> str:
    """The member states an activity involved, in a few words: "all 10 member states"
    when every state that was a member then took part, else the names when three or
    fewer ("Indonesia, Malaysia and Thailand"), else how many ("5 member states");
    "" for none."""
    if not names:
        return ""
    if members_then and len(names) >= members_then:
        return _("all %(count)s member states") % {"count": members_then}
    if len(names) <= 3:
        return get_text_list(sorted(names), _("and"))
    return _("%(count)s member states") % {"count": len(names)}


def activity_cards_public(*, activities: QuerySet[Activity], limit: int) -> list[PublicActivity]:
    """The first `limit` of these public activities (`activity_list_public`) for their
    cards: member states summarised against the states that were members on the
    activity's date (`member_states_summary`), and participants as the disclosure rule
    lets the public see them (`disclosure.figure` of the total: rounded to 5, "fewer
    than 5" under 5, zero included). Two queries: the activities, with how many states
    were members on each one's date counted in the same query, and their member states."""
    members_then = (
        MemberState.objects.filter(joined_on__lte=OuterRef("start_date"))
        .order_by()
        .values(one=Value(1))
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = activities.annotate(
        members_then=Coalesce(Subquery(members_then, output_field=models.IntegerField()), 0)
    )[:limit]
    cards = []
    for activity in rows:
        names = [state.name for state in activity.member_states.all()]
        total = (
            activity.participants_women
            + activity.participants_men
            + activity.participants_sex_other
        )
        cards.append(
            PublicActivity(
                activity=activity,
                member_states=member_states_summary(
                    names=names, members_then=activity.members_then
                ),
                participants=None
                if activity.activity_type in WITHOUT_PARTICIPANTS
                else disclosure.figure(total),
            )
        )
    return cards


# --- People figures: aggregates through the disclosure rule ---------------------


PARTICIPANT_LABELS = {
    "women": _("Women"),
    "men": _("Men"),
    "sex_other": _("Other or not stated"),
    "with_disability": _("Persons with disabilities"),
    "without_disability": _("Persons without disabilities"),
    "disability_not_stated": _("Disability not stated"),
}


@dataclass(frozen=True)
class Cell:
    label: str
    figure: disclosure.Figure  # what the public may see of the count, never the count


@dataclass(frozen=True)
class ParticipationSummary:
    activities: int
    total: disclosure.Figure
    by_sex: list[Cell]
    by_disability: list[Cell]
    # Empty when no published activity recorded where its participants came from.
    by_member_state: list[Cell] = field(default_factory=list)


def participation_public(*, component: Component | None = None) -> ParticipationSummary:
    """Participants of approved public activities, as aggregates through the disclosure
    rule (`disclosure`): rounded to base 5, under 5 withheld, complementary cells hidden.
    One query."""
    sums = (
        activity_list_public(component=component)
        .order_by()
        .aggregate(
            activities=Count("pk"),
            women=Sum("participants_women"),
            men=Sum("participants_men"),
            sex_other=Sum("participants_sex_other"),
            with_disability=Sum("participants_with_disability"),
            disability_not_stated=Sum("participants_disability_not_stated"),
        )
    )
    women, men, other = (sums[key] or 0 for key in ("women", "men", "sex_other"))
    total = women + men + other
    with_disability = sums["with_disability"] or 0
    not_stated = sums["disability_not_stated"] or 0
    by_sex = {"women": women, "men": men, "sex_other": other}
    by_disability = {
        "with_disability": with_disability,
        "without_disability": total - with_disability - not_stated,
        "disability_not_stated": not_stated,
    }
    return ParticipationSummary(
        activities=sums["activities"],
        total=disclosure.figure(total),
        by_sex=_cells(by_sex),
        by_disability=_cells(by_disability),
        by_member_state=_by_member_state(component=component, total=total),
    )


def _by_member_state(*, component: Component | None, total: int) -> list[Cell]:
    """Participants by member state (one query), with those whose state was not
    recorded as a cell of their own: the cells add up to the total, so that the
    disclosure rule's complementary cell protects a small state's count."""
    rows = (
        MemberStateParticipation.objects.filter(
            activity__in=activity_list_public(component=component)
        )
        .values("member_state__name")
        .annotate(participants=Sum("participants"))
        .order_by("member_state__name")
    )
    counts = {row["member_state__name"]: row["participants"] for row in rows}
    if not counts:
        return []
    counts[NOT_RECORDED] = max(total - sum(counts.values()), 0)
    return [Cell(str(key), shown) for key, shown in disclosure.breakdown(counts).items()]


NOT_RECORDED = _("Member state not recorded")


def _cells(counts: dict[str, int]) -> list[Cell]:
    return [
        Cell(PARTICIPANT_LABELS[key], shown) for key, shown in disclosure.breakdown(counts).items()
    ]


# --- Key figures for the admin index ----------------------------------------
#
# The programme's term ended in 2021, so measuring against today's date would call
# every indicator "behind" and count no activity "this quarter". The figures are
# measured where the data is instead: at the latest reporting period that has an
# approved indicator update (`track_reference`), and the admin index says which.


@dataclass(frozen=True)
class TrackReference:
    """Where the key figures are measured: the latest reporting period with approved
    figures (name, start and end; empty when no period has any), and the day expected
    progress is measured at: that period's end, or today while the period runs on.
    Plain values, so that it can be cached."""

    period_name: str
    period_start: date | None
    period_end: date | None
    measured_on: date

    @property
    def has_period(self) -> bool:
        return self.period_start is not None


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def track_reference(*, today: date | None = None) -> TrackReference:
    """The latest reporting period with an approved indicator update (one query).

    Expected progress is measured at its end, or today if it has not ended yet.
    Without any approved update there is nothing to measure by: the reference is
    today, and the activities counted are those of the current calendar quarter.
    """
    today = today or timezone.localdate()
    approved = IndicatorUpdate.objects.filter(period=OuterRef("pk"), status=ReviewStatus.APPROVED)
    latest = (
        ReportingPeriod.objects.filter(Exists(approved))
        .order_by("-start")
        .values_list("name", "start", "end")
        .first()
    )
    if latest is None:
        return TrackReference(period_name="", period_start=None, period_end=None, measured_on=today)
    name, start, end = latest
    return TrackReference(
        period_name=name, period_start=start, period_end=end, measured_on=min(end, today)
    )


@dataclass(frozen=True)
class ReviewFigures:
    reference: "TrackReference"
    activities_in_period: int  # dated in the reference period (or this quarter, without one)
    activities_later: int  # dated after it: logged since, or planned
    indicators_on_track: int
    indicators_behind: int
    indicators_without_data: int

    @property
    def activities_from(self) -> date:
        return self.reference.period_start or quarter_start(self.reference.measured_on)

    @property
    def activities_to(self) -> date:
        return self.reference.period_end or self.reference.measured_on


class Track(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    WITHOUT_DATA = "without_data", _("Without data")


def indicator_track_status(*, today: date | None = None) -> dict[int, Track]:
    """Each number or percentage indicator: on track, behind, or without data.

    On track when its progress is at least the share of its term (baseline
    year to the end of the target year) that has passed on `today`; behind
    otherwise. `today` defaults to the key figures' reference day
    (`track_reference().measured_on`: the end of the latest reporting period
    with approved figures), so the admin's progress filter and the admin index
    agree. Four queries whatever the number of indicators, aggregated in the
    database (`indicator_actual_list`).
    """
    today = today or track_reference().measured_on
    indicators = Indicator.objects.exclude(measure=Indicator.Measure.QUALITATIVE)
    return {
        row.pk: indicator_track(indicator=row, progress=row.progress_percent, today=today)
        for row in indicator_actual_list(indicators=indicators)
    }


def indicator_track(
    *, indicator: Indicator | IndicatorActual, progress: Decimal | None, today: date
) -> Track:
    """On track, behind or without data: the rule of `indicator_track_status`, for an
    indicator (or its `IndicatorActual`) whose progress is `progress` percent."""
    if progress is None:
        return Track.WITHOUT_DATA
    if progress >= expected_progress(indicator=indicator, today=today):
        return Track.ON_TRACK
    return Track.BEHIND


def review_figures(*, today: date | None = None) -> ReviewFigures:
    """Figures for the advisers' admin index, all measured at one reference
    (`track_reference`): indicators on track, behind or without data as of the
    latest period with approved figures, and the activities dated in that period
    (every status, as the activity list they link to shows them), with how many
    are dated after it. Five queries whatever the data."""
    reference = track_reference(today=today)
    start = reference.period_start or quarter_start(reference.measured_on)
    end = reference.period_end or reference.measured_on
    activities = Activity.objects.order_by().aggregate(
        in_period=Count("pk", filter=Q(start_date__gte=start, start_date__lte=end)),
        later=Count("pk", filter=Q(start_date__gt=end)),
    )
    tracks = list(indicator_track_status(today=reference.measured_on).values())
    return ReviewFigures(
        reference=reference,
        activities_in_period=activities["in_period"],
        activities_later=activities["later"],
        indicators_on_track=tracks.count(Track.ON_TRACK),
        indicators_behind=tracks.count(Track.BEHIND),
        indicators_without_data=tracks.count(Track.WITHOUT_DATA),
    )


def expected_progress(*, indicator: Indicator | IndicatorActual, today: date) -> Decimal:
    """The share of the indicator's term (baseline year → end of target year) passed, in %."""
    start_year = indicator.baseline_year or today.year
    end_year = indicator.target_year or start_year
    start, end = date(start_year, 1, 1), date(end_year, 12, 31)
    if today >= end:
        return Decimal(100)
    if today <= start:
        return Decimal(0)
    return Decimal((today - start).days) / Decimal((end - start).days) * 100
