"""Reads of monitoring records. Actual values are computed here and nowhere else."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.permissions import sees_every_unit
from apps.programme.models import Component

from . import disclosure
from .models import (
    Activity,
    ActivityEvidence,
    Indicator,
    IndicatorUpdate,
    IndicatorUpdateEvidence,
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
    """Indicators of the components a unit works with: what its activities may contribute to."""
    return (
        Indicator.objects.filter(result__component__units=unit_id)
        .select_related("result")
        .order_by("result__component__number", "result__order", "order", "code")
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


def reports_due_for_user(*, user: User, today: date | None = None) -> list[ReportDue]:
    """The unit's indicators with an open period that has no update yet. Three queries."""
    periods = list(period_list_open(today=today))
    indicators = list(indicator_list_for_user(user=user).order_by("code"))
    reported = set(
        IndicatorUpdate.objects.filter(indicator__in=indicators, period__in=periods).values_list(
            "indicator_id", "period_id"
        )
    )
    return [
        ReportDue(indicator=indicator, period=period)
        for period in periods
        for indicator in indicators
        if (indicator.pk, period.pk) not in reported
    ]


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


@dataclass
class IndicatorProgress:
    indicator: Indicator
    series: list[PeriodValue] = field(default_factory=list)

    @property
    def actual(self) -> Decimal | None:
        return self.series[-1].value if self.series else None

    @property
    def latest_narrative(self) -> str:
        return self.series[-1].narrative if self.series else ""

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
    """
    indicators = list(indicators)
    progress = {indicator.pk: IndicatorProgress(indicator=indicator) for indicator in indicators}
    updates = (
        IndicatorUpdate.objects.filter(indicator__in=indicators, status=ReviewStatus.APPROVED)
        .select_related("period")
        .order_by("period__start")
    )
    running = defaultdict(lambda: [Decimal(0), Decimal(0)])  # indicator → [sum a, sum b]
    for update in updates:
        entry = progress[update.indicator_id]
        indicator = entry.indicator
        cumulative = indicator.cumulative_rule == Indicator.CumulativeRule.CUMULATIVE
        totals = running[indicator.pk]
        if indicator.measure == Indicator.Measure.NUMBER:
            if cumulative:
                totals[0] += update.value or 0
                value = (indicator.baseline_value or Decimal(0)) + totals[0]
            else:
                value = update.value
        elif indicator.measure == Indicator.Measure.PERCENTAGE:
            if cumulative:
                totals[0] += update.numerator or 0
                totals[1] += update.denominator or 0
                value = percentage(totals[0], totals[1])
            else:
                value = percentage(update.numerator or Decimal(0), update.denominator)
        else:
            value = None
        entry.series.append(
            PeriodValue(period=update.period, value=value, narrative=update.narrative)
        )
    return progress


# --- Public results --------------------------------------------------------


@dataclass
class PublicResult:
    result: Result
    indicators: list[IndicatorProgress]


@dataclass
class PublicComponentResults:
    component: Component
    results: list[PublicResult]


def results_public(*, component: Component | None = None) -> list[PublicComponentResults]:
    """Results and their public indicators with approved actuals, by component.

    Three queries whatever the number of results, indicators or updates.
    """
    indicators = Indicator.objects.filter(is_public=True).select_related("responsible_unit")
    results = (
        Result.objects.select_related("component")
        .prefetch_related(Prefetch("indicators", queryset=indicators, to_attr="public_indicators"))
        .order_by("component__number", "order", "code")
    )
    if component is not None:
        results = results.filter(component=component)
    results = [result for result in results if result.public_indicators]
    progress = indicator_progress(
        indicators=[indicator for result in results for indicator in result.public_indicators]
    )
    grouped: dict[int, PublicComponentResults] = {}
    for result in results:
        entry = grouped.setdefault(
            result.component_id, PublicComponentResults(component=result.component, results=[])
        )
        entry.results.append(
            PublicResult(
                result=result,
                indicators=[progress[indicator.pk] for indicator in result.public_indicators],
            )
        )
    return list(grouped.values())


def activity_list_public(*, component: Component | None = None) -> QuerySet[Activity]:
    """Approved activities marked public, newest first."""
    qs = (
        Activity.objects.filter(status=ReviewStatus.APPROVED, is_public=True)
        .select_related("unit", "component")
        .prefetch_related("member_states", "partners")
        .order_by("-start_date", "-pk")
    )
    return qs.filter(component=component) if component is not None else qs


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
    )


def _cells(counts: dict[str, int]) -> list[Cell]:
    return [
        Cell(PARTICIPANT_LABELS[key], shown) for key, shown in disclosure.breakdown(counts).items()
    ]


# --- Key figures for the admin index ----------------------------------------


@dataclass(frozen=True)
class ReviewFigures:
    activities_this_quarter: int
    indicators_on_track: int
    indicators_behind: int
    indicators_without_data: int


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class Track(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    WITHOUT_DATA = "without_data", _("Without data")


def indicator_track_status(*, today: date | None = None) -> dict[int, Track]:
    """Each number or percentage indicator: on track, behind, or without data.

    On track when its progress is at least the share of its term (baseline
    year to the end of the target year) that has passed; behind otherwise.
    Two queries whatever the number of indicators.
    """
    today = today or timezone.localdate()
    indicators = Indicator.objects.exclude(measure=Indicator.Measure.QUALITATIVE)
    status = {}
    for pk, entry in indicator_progress(indicators=indicators).items():
        progress = entry.progress_percent
        if progress is None:
            status[pk] = Track.WITHOUT_DATA
        elif progress >= expected_progress(indicator=entry.indicator, today=today):
            status[pk] = Track.ON_TRACK
        else:
            status[pk] = Track.BEHIND
    return status


def review_figures(*, today: date | None = None) -> ReviewFigures:
    """Figures for the advisers' admin index."""
    today = today or timezone.localdate()
    this_quarter = Activity.objects.filter(
        Q(start_date__gte=quarter_start(today)) & Q(start_date__lte=today)
    ).count()
    tracks = list(indicator_track_status(today=today).values())
    return ReviewFigures(
        activities_this_quarter=this_quarter,
        indicators_on_track=tracks.count(Track.ON_TRACK),
        indicators_behind=tracks.count(Track.BEHIND),
        indicators_without_data=tracks.count(Track.WITHOUT_DATA),
    )


def expected_progress(*, indicator: Indicator, today: date) -> Decimal:
    """The share of the indicator's term (baseline year → end of target year) passed, in %."""
    start_year = indicator.baseline_year or today.year
    end_year = indicator.target_year or start_year
    start, end = date(start_year, 1, 1), date(end_year, 12, 31)
    if today >= end:
        return Decimal(100)
    if today <= start:
        return Decimal(0)
    return Decimal((today - start).days) / Decimal((end - start).days) * 100
