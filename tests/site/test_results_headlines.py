"""The public results selectors the home page and /results/ read: headline results, each
component's key result, and the summary at the top of /results/."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.monitoring import selectors
from apps.monitoring.models import Indicator, Result, ReviewStatus
from apps.monitoring.selectors import ProgressState
from tests.monitoring.factories import (
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.programme.factories import ComponentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# Measured at the end of 2021: the term (2018–2021) is over, so on track means reached.
END = datetime.date(2021, 12, 31)
MID = datetime.date(2020, 1, 1)  # some 50% of a 2018–2021 term has passed


@pytest.fixture
def components():
    programme = ProgrammeFactory()
    return [ComponentFactory(programme=programme, number=n) for n in (1, 2, 3)]


@pytest.fixture
def period():
    return ReportingPeriodFactory(start=datetime.date(2021, 7, 1))


def _measured(component, *, level=Result.Level.OUTCOME, value=None, period=None, **kwargs):
    """A public number indicator (baseline 0, target 100) with one approved `value`."""
    indicator = IndicatorFactory(result=ResultFactory(component=component, level=level), **kwargs)
    if value is not None:
        IndicatorUpdateFactory(
            indicator=indicator, period=period, value=Decimal(value), status=ReviewStatus.APPROVED
        )
    return indicator


def _queries(function, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        answer = function(**kwargs)
    return answer, len(queries)


# --- headline_results_public -----------------------------------------------------------


def test_headlines_without_data_are_empty(components):
    _measured(components[0])  # no approved figures
    assert selectors.headline_results_public() == []


def test_headlines_leave_out_qualitative_indicators(components, period):
    indicator = _measured(components[0], measure=Indicator.Measure.QUALITATIVE, target_value=None)
    IndicatorUpdateFactory(indicator=indicator, period=period, status=ReviewStatus.APPROVED)
    assert selectors.headline_results_public() == []


def test_headlines_take_outcomes_a_component_at_a_time(components, period):
    first = [_measured(components[0], value=10 * n, period=period, order=n) for n in (1, 2, 3)]
    second = _measured(components[1], value=50, period=period)
    third = _measured(components[2], value=80, period=period)
    _measured(components[2], level=Result.Level.OUTPUT, value=100, period=period)

    headlines = selectors.headline_results_public(limit=4, today=END)

    assert [entry.indicator for entry in headlines] == [first[0], second, third, first[1]]
    entry = headlines[1]
    assert entry.actual == Decimal(50)
    assert entry.progress_percent == Decimal("50.0")
    assert entry.bar_percent == 50
    assert entry.as_of == period.name
    assert entry.state == ProgressState.BEHIND
    assert entry.indicator.result.component == components[1]


def test_headlines_stop_at_the_limit(components, period):
    for n in range(6):
        _measured(components[n % 3], value=10, period=period)
    assert len(selectors.headline_results_public(limit=4)) == 4
    assert len(selectors.headline_results_public(limit=2)) == 2
    assert selectors.headline_results_public(limit=0) == []


def test_headlines_fall_back_to_outputs_without_outcome_figures(components, period):
    _measured(components[0])  # an outcome without figures
    output = _measured(components[0], level=Result.Level.OUTPUT, value=100, period=period)
    _measured(components[1], level=Result.Level.OUTPUT, value=10, period=period, is_public=False)

    headlines = selectors.headline_results_public(today=END)

    assert [entry.indicator for entry in headlines] == [output]
    assert headlines[0].state == ProgressState.REACHED


def test_headlines_show_only_approved_figures(components, period):
    indicator = _measured(components[0])
    IndicatorUpdateFactory(indicator=indicator, period=period, status=ReviewStatus.SUBMITTED)
    assert selectors.headline_results_public() == []


def test_headlines_run_a_fixed_number_of_queries(components, period):
    for n in range(3):
        _measured(components[n], value=10, period=period)
    _few, with_few = _queries(selectors.headline_results_public)
    for n in range(30):
        _measured(components[n % 3], value=n, period=period)
    _many, with_many = _queries(selectors.headline_results_public)
    assert with_few == with_many == 6


# --- component_key_results_public ------------------------------------------------------


def test_key_results_pick_the_most_progress_per_component(components, period):
    _measured(components[0], value=20, period=period)
    best = _measured(components[0], value=70, period=period)
    lone = _measured(components[1], value=5, period=period)

    key_results = selectors.component_key_results_public(today=END)

    assert key_results[components[0].pk].indicator == best
    assert key_results[components[1].pk].indicator == lone
    assert components[2].pk not in key_results  # nothing measured there


def test_key_results_prefer_outcomes_to_outputs(components, period):
    outcome = _measured(components[0], value=20, period=period)
    _measured(components[0], level=Result.Level.OUTPUT, value=90, period=period)
    assert selectors.component_key_results_public()[components[0].pk].indicator == outcome


def test_key_result_without_figures_says_so(components, period):
    indicator = _measured(components[0])
    entry = selectors.component_key_results_public()[components[0].pk]
    assert entry.indicator == indicator
    assert entry.actual is None
    assert entry.state == ProgressState.WITHOUT_DATA
    assert entry.as_of == ""


def test_key_results_leave_out_qualitative_and_internal_indicators(components, period):
    _measured(components[0], measure=Indicator.Measure.QUALITATIVE, target_value=None)
    _measured(components[1], value=10, period=period, is_public=False)
    assert selectors.component_key_results_public() == {}


def test_key_results_run_a_fixed_number_of_queries(components, period):
    for n in range(3):
        _measured(components[n], value=10, period=period)
    _few, with_few = _queries(selectors.component_key_results_public)
    for n in range(30):
        _measured(components[n % 3], value=n, period=period)
    _many, with_many = _queries(selectors.component_key_results_public)
    assert with_few == with_many == 5


# --- progress_state and public_results_summary -----------------------------------------


@pytest.mark.parametrize(
    ("value", "today", "state"),
    [
        (100, END, ProgressState.REACHED),
        (120, MID, ProgressState.REACHED),
        (99, END, ProgressState.BEHIND),
        (60, MID, ProgressState.ON_TRACK),
        (40, MID, ProgressState.BEHIND),
    ],
)
def test_progress_state_at_its_boundaries(components, period, value, today, state):
    indicator = _measured(components[0], value=value, period=period)
    progress = selectors.progress_percent(
        actual=Decimal(value), baseline=indicator.baseline_value, target=indicator.target_value
    )
    assert selectors.progress_state(indicator=indicator, progress=progress, today=today) == state


def test_summary_counts_three_quarters_and_reached(components, period):
    for value in (74, 75, 100, 130):
        _measured(components[0], value=value, period=period)
    _measured(components[1])  # no figures yet
    _measured(components[1], measure=Indicator.Measure.QUALITATIVE, target_value=None)

    summary = selectors.public_results_summary()

    assert summary.indicators == 6
    assert summary.measured == 5
    assert summary.with_data == 4
    assert summary.without_data == 1
    assert summary.three_quarters == 3
    assert summary.reached == 2
    assert summary.described == 1
    assert summary.reference.period_name == period.name


def test_summary_of_one_component(components, period):
    _measured(components[0], value=80, period=period)
    _measured(components[1], value=10, period=period)
    summary = selectors.public_results_summary(component=components[1])
    assert (summary.measured, summary.three_quarters) == (1, 0)


def test_summary_without_data(components):
    summary = selectors.public_results_summary()
    assert (summary.indicators, summary.measured, summary.three_quarters) == (0, 0, 0)
    assert not summary.reference.has_period
