import datetime
from decimal import Decimal

import pytest

from apps.monitoring import selectors
from apps.monitoring.disclosure import FEWER_THAN_5, HIDDEN, Figure
from apps.monitoring.models import Indicator, ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db

APPROVED = ReviewStatus.APPROVED


def _progress(indicator):
    return selectors.indicator_progress(indicators=[indicator])[indicator.pk]


@pytest.fixture
def periods():
    return ReportingPeriodFactory.create_batch(3)


# --- Actual values ------------------------------------------------------------


def test_non_cumulative_number_takes_the_latest_approved_period(periods):
    indicator = IndicatorFactory(baseline_value=20, target_value=70)
    IndicatorUpdateFactory(indicator=indicator, period=periods[0], value=30, status=APPROVED)
    IndicatorUpdateFactory(indicator=indicator, period=periods[1], value=45, status=APPROVED)
    IndicatorUpdateFactory(
        indicator=indicator, period=periods[2], value=99, status=ReviewStatus.SUBMITTED
    )

    progress = _progress(indicator)

    assert [entry.value for entry in progress.series] == [30, 45]
    assert progress.actual == 45
    assert progress.series[-1].period == periods[1]
    assert progress.progress_percent == Decimal("50.0")  # (45 - 20) / (70 - 20)


def test_cumulative_number_adds_the_periods_to_the_baseline(periods):
    indicator = IndicatorFactory(
        cumulative_rule=Indicator.CumulativeRule.CUMULATIVE, baseline_value=10, target_value=110
    )
    for period, value in zip(periods, (15, 25, 35), strict=True):
        IndicatorUpdateFactory(indicator=indicator, period=period, value=value, status=APPROVED)

    progress = _progress(indicator)

    assert [entry.value for entry in progress.series] == [25, 50, 85]
    assert progress.actual == 85
    assert progress.progress_percent == Decimal("75.0")


def test_drafts_returned_and_submitted_updates_never_count(periods):
    indicator = IndicatorFactory()
    for period, status in zip(
        periods, (ReviewStatus.DRAFT, ReviewStatus.RETURNED, ReviewStatus.SUBMITTED), strict=True
    ):
        IndicatorUpdateFactory(indicator=indicator, period=period, status=status)

    progress = _progress(indicator)

    assert progress.actual is None
    assert progress.progress_percent is None
    assert progress.bar_percent == 0


def test_non_cumulative_percentage_uses_each_periods_ratio(periods):
    indicator = IndicatorFactory(
        measure=Indicator.Measure.PERCENTAGE, baseline_value=10, target_value=50
    )
    IndicatorUpdateFactory(
        indicator=indicator,
        period=periods[0],
        value=None,
        numerator=1,
        denominator=4,
        status=APPROVED,
    )
    IndicatorUpdateFactory(
        indicator=indicator,
        period=periods[1],
        value=None,
        numerator=3,
        denominator=10,
        status=APPROVED,
    )

    progress = _progress(indicator)

    assert [entry.value for entry in progress.series] == [Decimal("25.0"), Decimal("30.0")]
    assert progress.progress_percent == Decimal("50.0")  # (30 - 10) / (50 - 10)


def test_cumulative_percentage_pools_numerators_and_denominators(periods):
    indicator = IndicatorFactory(
        measure=Indicator.Measure.PERCENTAGE,
        cumulative_rule=Indicator.CumulativeRule.CUMULATIVE,
        baseline_value=0,
        target_value=40,
    )
    IndicatorUpdateFactory(
        indicator=indicator, period=periods[0], numerator=1, denominator=4, status=APPROVED
    )
    IndicatorUpdateFactory(
        indicator=indicator, period=periods[1], numerator=2, denominator=16, status=APPROVED
    )

    progress = _progress(indicator)

    # 3 of 20 pooled, not the mean of 25 % and 12.5 %.
    assert progress.actual == Decimal("15.0")
    assert progress.progress_percent == Decimal("37.5")


def test_lower_is_better_indicator_progress(periods):
    indicator = IndicatorFactory(
        direction=Indicator.Direction.DECREASE, baseline_value=40, target_value=20
    )
    IndicatorUpdateFactory(indicator=indicator, period=periods[0], value=35, status=APPROVED)

    assert _progress(indicator).progress_percent == Decimal("25.0")


def test_qualitative_indicator_keeps_the_latest_narrative(periods):
    indicator = IndicatorFactory(
        measure=Indicator.Measure.QUALITATIVE, baseline_value=None, target_value=None
    )
    IndicatorUpdateFactory(
        indicator=indicator,
        period=periods[0],
        value=None,
        narrative="Strategy drafted.",
        status=APPROVED,
    )
    IndicatorUpdateFactory(
        indicator=indicator,
        period=periods[1],
        value=None,
        narrative="Strategy adopted.",
        status=APPROVED,
    )

    progress = _progress(indicator)

    assert progress.actual is None
    assert progress.latest_narrative == "Strategy adopted."


def test_progress_is_none_when_target_equals_baseline():
    assert (
        selectors.progress_percent(actual=Decimal(5), baseline=Decimal(5), target=Decimal(5))
        is None
    )


def test_indicator_progress_runs_one_query_for_many_indicators(django_assert_num_queries, periods):
    indicators = IndicatorFactory.create_batch(5)
    for indicator in indicators:
        for period in periods:
            IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED)

    with django_assert_num_queries(1):
        progress = selectors.indicator_progress(indicators=indicators)

    assert all(len(entry.series) == 3 for entry in progress.values())


# --- Scoping ------------------------------------------------------------------


def test_staff_see_only_their_units_records_and_advisers_see_all():
    mine = ActivityFactory()
    ActivityFactory()
    update = IndicatorUpdateFactory()

    staff = mine.created_by
    assert list(selectors.activity_list_for_user(user=staff)) == [mine]
    assert list(selectors.indicator_update_list_for_user(user=staff)) == []
    assert list(selectors.indicator_update_list_for_user(user=update.created_by)) == [update]
    assert selectors.activity_list_for_user(user=AdviserFactory()).count() == 2
    assert selectors.activity_list_for_user(user=StaffUserFactory(unit=None)).count() == 0


def test_reports_due_lists_open_periods_without_an_update():
    indicator = IndicatorFactory()
    staff = StaffUserFactory(unit=indicator.responsible_unit)
    reported, missing, locked, future = (
        ReportingPeriodFactory(
            start=datetime.date(2020, month, 1), end=datetime.date(2020, month + 2, 28)
        )
        for month in (1, 4, 7, 10)
    )
    locked.is_locked = True
    locked.save()
    IndicatorUpdateFactory(indicator=indicator, period=reported, created_by=staff)

    due = selectors.reports_due_for_user(user=staff, today=datetime.date(2020, 9, 30))

    assert [(item.indicator, item.period) for item in due] == [(indicator, missing)]
    assert future not in [item.period for item in due]


# --- Public figures -------------------------------------------------------------


def test_results_public_shows_public_indicators_with_approved_actuals(periods):
    public = IndicatorFactory(is_public=True)
    IndicatorFactory(is_public=False, result=public.result)
    IndicatorUpdateFactory(indicator=public, period=periods[0], value=40, status=APPROVED)

    components = selectors.results_public()

    assert len(components) == 1
    [result] = components[0].results
    assert [entry.indicator for entry in result.indicators] == [public]
    assert result.indicators[0].actual == 40


def test_activity_list_public_only_approved_and_public():
    shown = ActivityFactory(status=APPROVED, is_public=True)
    ActivityFactory(status=APPROVED, is_public=False)
    ActivityFactory(status=ReviewStatus.SUBMITTED, is_public=True)

    assert list(selectors.activity_list_public()) == [shown]


def test_participation_public_aggregates_through_the_disclosure_rule():
    ActivityFactory(
        status=APPROVED,
        is_public=True,
        participants_women=20,
        participants_men=15,
        participants_sex_other=2,
        participants_with_disability=3,
        participants_disability_not_stated=0,
    )
    ActivityFactory(
        status=APPROVED,
        is_public=True,
        participants_women=3,
        participants_men=0,
        participants_sex_other=0,
        participants_with_disability=0,
    )
    ActivityFactory(status=ReviewStatus.DRAFT, is_public=True, participants_women=500)
    ActivityFactory(status=APPROVED, is_public=False, participants_women=500)

    summary = selectors.participation_public()

    assert summary.activities == 2
    assert summary.total == Figure(40)  # 40 people: not the sum of the rounded cells below
    # women 23 → 25; other (2) is fewer than 5, and men (15) hidden, or 40 − 23 would give it away
    assert [cell.figure for cell in summary.by_sex] == [Figure(25), HIDDEN, FEWER_THAN_5]
    assert [str(cell.label) for cell in summary.by_sex] == [
        "Women",
        "Men",
        "Other or not stated",
    ]
    # with 3 and not stated 0 are both fewer than 5, so they protect each other; without 37 → 35
    assert [cell.figure for cell in summary.by_disability] == [
        FEWER_THAN_5,
        Figure(35),
        FEWER_THAN_5,
    ]


def test_participation_public_of_a_component_counts_only_its_activities():
    shown = ActivityFactory(
        status=APPROVED, is_public=True, participants_women=8, participants_sex_other=5
    )
    ActivityFactory(status=APPROVED, is_public=True, participants_women=100)

    summary = selectors.participation_public(component=shown.component)

    assert summary.activities == 1
    assert summary.by_sex[0].figure == Figure(10)


def test_participation_public_without_activities_shows_fewer_than_5():
    summary = selectors.participation_public()

    assert summary.activities == 0
    assert summary.total == FEWER_THAN_5


# --- Bounded reads for the pages ---------------------------------------------------


def test_indicator_progress_makes_each_period_once_with_all_its_fields(periods):
    indicators = IndicatorFactory.create_batch(3)
    for indicator in indicators:
        for period in periods[:2]:
            IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED)

    progress = selectors.indicator_progress(indicators=indicators)

    first = [entry.series[0].period for entry in progress.values()]
    assert all(period is first[0] for period in first)  # one object per period
    assert (first[0].pk, first[0].name, first[0].start, first[0].end, first[0].is_locked) == (
        periods[0].pk,
        periods[0].name,
        periods[0].start,
        periods[0].end,
        periods[0].is_locked,
    )


def _due_world():
    """A unit with 4 indicators and 3 open periods (one of them with two updates),
    a locked and a future period, and another unit's indicator."""
    today = datetime.date(2020, 12, 31)
    indicators = IndicatorFactory.create_batch(4)
    unit = indicators[0].responsible_unit
    for indicator in indicators[1:]:
        indicator.responsible_unit = unit
        indicator.save()
    staff = StaffUserFactory(unit=unit)
    periods = [
        ReportingPeriodFactory(start=datetime.date(2020, month, 1)) for month in (1, 4, 7, 10)
    ]
    ReportingPeriodFactory(start=datetime.date(2021, 1, 1))  # not begun by `today`
    periods[3].is_locked = True
    periods[3].save()
    IndicatorUpdateFactory(indicator=indicators[0], period=periods[1], created_by=staff)
    IndicatorUpdateFactory(indicator=indicators[2], period=periods[1], created_by=staff)
    IndicatorFactory()  # another unit's
    return staff, today, indicators, periods[:3]


def test_reports_due_counts_and_cuts_in_the_database(django_assert_num_queries):
    staff, today, indicators, periods = _due_world()
    reported = {(indicators[0].pk, periods[1].pk), (indicators[2].pk, periods[1].pk)}
    expected = [
        (indicator, period)
        for period in periods
        for indicator in sorted(indicators, key=lambda i: i.code)
        if (indicator.pk, period.pk) not in reported
    ]

    with django_assert_num_queries(2):  # the user's roles, the open periods
        due = selectors.reports_due_for_user(user=staff, today=today)
    with django_assert_num_queries(1):
        assert due.count() == len(expected) == 10
    with django_assert_num_queries(2):
        first = due[:4]
    with django_assert_num_queries(2):
        rest = due[4:]

    assert [(item.indicator, item.period) for item in first + rest] == expected
    assert [(item.indicator, item.period) for item in due] == expected
    assert (due[9].indicator, due[9].period) == expected[9]


def test_reports_due_without_an_open_period_is_empty(django_assert_num_queries):
    staff = StaffUserFactory(unit=IndicatorFactory().responsible_unit)

    due = selectors.reports_due_for_user(user=staff, today=datetime.date(2020, 1, 1))

    with django_assert_num_queries(0):
        assert due.count() == 0
        assert due[:10] == []


def test_result_progress_public_works_on_the_results_it_is_given(django_assert_num_queries):
    results = [IndicatorFactory(is_public=True).result for _ in range(3)]
    IndicatorFactory(is_public=False, result=results[0])

    with django_assert_num_queries(2):
        page = selectors.result_progress_public(results=results[:2])

    assert [entry.result for entry in page] == results[:2]
    assert [len(entry.indicators) for entry in page] == [1, 1]


@pytest.mark.parametrize(
    ("measure", "rule"),
    [
        (Indicator.Measure.NUMBER, Indicator.CumulativeRule.NON_CUMULATIVE),
        (Indicator.Measure.NUMBER, Indicator.CumulativeRule.CUMULATIVE),
        (Indicator.Measure.PERCENTAGE, Indicator.CumulativeRule.NON_CUMULATIVE),
        (Indicator.Measure.PERCENTAGE, Indicator.CumulativeRule.CUMULATIVE),
        (Indicator.Measure.QUALITATIVE, Indicator.CumulativeRule.NON_CUMULATIVE),
    ],
)
def test_indicator_actual_list_agrees_with_indicator_progress(periods, measure, rule):
    """The aggregated actual is the last value of the series, rule by rule: with
    several approved periods in any order of creation, unapproved ones, missing
    numbers, and an indicator with nothing approved."""
    periods = [*periods, *ReportingPeriodFactory.create_batch(2)]
    indicators = IndicatorFactory.create_batch(
        3, measure=measure, cumulative_rule=rule, baseline_value=5, target_value=60
    )
    figures = [(7, 3, 4), (None, 1, 8), (12, 5, 5), (4, 0, 0), (9, 2, 3)]
    for period, (value, numerator, denominator) in reversed(
        list(zip(periods, figures, strict=True))
    ):
        for indicator, status in zip(
            indicators[:2], (APPROVED, ReviewStatus.SUBMITTED), strict=True
        ):
            IndicatorUpdateFactory(
                indicator=indicator,
                period=period,
                status=status if period != periods[1] else APPROVED,
                value=value,
                numerator=numerator,
                denominator=denominator,
            )

    actuals = {
        row.pk: row.actual
        for row in selectors.indicator_actual_list(indicators=Indicator.objects.all())
    }

    progress = selectors.indicator_progress(indicators=indicators)
    assert actuals == {pk: entry.actual for pk, entry in progress.items()}
    assert actuals[indicators[2].pk] is None


def test_results_overview_public_runs_four_queries_whatever_the_data(
    django_assert_num_queries, periods
):
    for _ in range(5):
        indicator = IndicatorFactory(is_public=True)
        IndicatorUpdateFactory(indicator=indicator, period=periods[0], status=APPROVED)

    with django_assert_num_queries(4):
        overview = selectors.results_overview_public(today=datetime.date(2019, 1, 1))

    assert sum(entry.results for entry in overview) == 5
    assert sum(entry.indicators for entry in overview) == 5
