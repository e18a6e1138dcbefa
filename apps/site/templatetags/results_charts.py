"""Display helpers for the public results pages: figures as text and chart geometry.

They only draw what `apps.monitoring.selectors` computed (actuals, progress):
nothing here works out an actual value. The charts are inline SVG drawn on the
server, so they need no JavaScript; every chart sits next to a table with the
same figures.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import template

from apps.core.formats import figure, percent
from apps.monitoring.models import Indicator, ReportingPeriod
from apps.monitoring.selectors import IndicatorProgress

register = template.Library()

# The series chart's drawing box (SVG user units); it is stretched to the page's width.
SLOT_WIDTH = 10
BAR_WIDTH = 6
CHART_HEIGHT = 60
MIN_SLOTS = 8  # so that one or two quarters do not become page-wide slabs
HEADROOM = Decimal("1.1")  # room above the highest column or the target line


# The portal's one number format (apps.core.formats), under the name the
# results templates know.
register.filter("figure", figure)


@register.filter
def measured(value, indicator: Indicator) -> str:
    """A value with the indicator's unit: “63%”, “120 working days”."""
    if value is None or value == "":
        return ""
    if indicator.measure == Indicator.Measure.PERCENTAGE:
        return percent(value)
    return f"{figure(value)} {indicator.unit_of_measure}".strip()


@dataclass(frozen=True)
class Column:
    period: ReportingPeriod
    value: Decimal
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class SeriesChart:
    columns: list[Column]
    width: int
    height: int
    bar_width: int
    target_y: float | None
    baseline_y: float | None

    @property
    def first(self) -> Column:
        return self.columns[0]

    @property
    def last(self) -> Column:
        return self.columns[-1]


@register.simple_tag
def series_chart(progress: IndicatorProgress) -> SeriesChart | None:
    """Column positions for an indicator's actual value in each approved quarter.

    The scale runs from 0 to 100 for percentages, otherwise from 0 to a little
    above the largest of the values, the baseline and the target. None when there is
    nothing to draw (no approved figures, or a qualitative indicator).
    """
    points = [point for point in progress.series if point.value is not None]
    if not points:
        return None
    indicator = progress.indicator
    if indicator.measure == Indicator.Measure.PERCENTAGE:
        top = Decimal(100)
    else:
        references = [indicator.baseline_value, indicator.target_value]
        highest = max([point.value for point in points] + [v for v in references if v is not None])
        top = highest * HEADROOM if highest > 0 else Decimal(1)

    def y(value: Decimal) -> float:
        return round(CHART_HEIGHT - float(value / top) * CHART_HEIGHT, 2)

    gap = (SLOT_WIDTH - BAR_WIDTH) / 2
    columns = [
        Column(
            period=point.period,
            value=point.value,
            x=index * SLOT_WIDTH + gap,
            y=y(point.value),
            height=round(CHART_HEIGHT - y(point.value), 2),
        )
        for index, point in enumerate(points)
    ]
    baseline = indicator.baseline_value
    return SeriesChart(
        columns=columns,
        width=SLOT_WIDTH * max(len(columns), MIN_SLOTS),
        height=CHART_HEIGHT,
        bar_width=BAR_WIDTH,
        target_y=None if indicator.target_value is None else y(indicator.target_value),
        baseline_y=y(baseline) if baseline else None,
    )
