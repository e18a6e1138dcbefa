"""Display helpers for the public results pages: figures as text, chart geometry and
the tables behind the charts.

They only draw what `apps.monitoring.selectors` computed (actuals, progress, state):
nothing here works out an actual value. The charts are inline SVG drawn on the
server, so they need no JavaScript; every chart sits next to a table with the same
figures (templates/components/chart.html, data_table.html).
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from apps.core.formats import figure, percent
from apps.monitoring.models import Indicator
from apps.monitoring.selectors import PublicIndicator

register = template.Library()

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
    return f"{figure(value)} {unit_words(indicator)}".strip()


def unit_words(indicator: Indicator) -> str:
    """The unit as it follows a number: "staff members"; "" for percentages, whose
    unit of measure ("% of positions") is written by `percent`."""
    if indicator.measure == Indicator.Measure.PERCENTAGE:
        return ""
    return indicator.unit_of_measure


@register.filter
def bare(value, indicator: Indicator) -> str:
    """A value without its unit, as a table cell under a column that names the unit."""
    if value is None or value == "":
        return ""
    return percent(value) if indicator.measure == Indicator.Measure.PERCENTAGE else figure(value)


# --- The chart: an indicator's actual in each approved period ---------------------------

# The drawing box in SVG user units. The SVG keeps its proportions and scales with the
# width it is given (CSS caps it), so these are also the font's units.
WIDTH, HEIGHT = 480, 240
# Room for the value axis, the lines' labels and the years, at the largest font the
# stylesheet gives the chart (19 units on a phone, where the SVG is drawn smallest).
LEFT, RIGHT, TOP, BOTTOM = 56, 108, 20, 34
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
BAR_SHARE = 0.7  # of a period's width
LABEL_GAP = 20  # the least vertical room between the target's and the baseline's labels


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the value, written above the bar when `labelled`
    labelled: bool
    period: str

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class YearMark:
    x: float  # where the year begins (a tick), or None for the first
    middle: float  # where its label goes
    label: str


@dataclass(frozen=True)
class Line:
    y: float
    label_y: float
    label: str  # "Target 15", "Baseline 3"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    right: float  # x of the plot's right edge
    top: float
    bottom: float  # y of the plot's bottom (the zero line)
    ticks: list[Tick]
    bars: list[Bar]
    years: list[YearMark]
    target: Line | None
    baseline: Line | None
    summary: str  # the chart's name for assistive technology


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × a power of ten) giving about `ticks` ticks to `top`."""
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop ends at 10


def _year_start(year: int) -> date:
    return date(year, 1, 1)


@register.simple_tag
def indicator_chart(item: PublicIndicator) -> Chart | None:
    """The geometry of an indicator's column chart, or None when there is nothing to
    draw (a qualitative indicator, or no approved figures).

    - Value axis: from 0 to a round number above the highest of the values, the
      baseline and the target (0–100 for percentages), with 3–5 labelled ticks.
    - Time axis, true to time: the axis runs from 1 January of the first year with
      figures to 31 December of the last, and each column stands over its own
      period's dates, so a period without approved figures leaves a gap. Each year
      is labelled in the middle of its span, with a tick where it begins.
    - The target and the baseline are lines across the plot, labelled at the right
      ("Target 15"); the latest column carries its value.
    """
    indicator = item.indicator
    points = [point for point in item.series if point.value is not None]
    if indicator.measure == Indicator.Measure.QUALITATIVE or not points:
        return None
    percentage = indicator.measure == Indicator.Measure.PERCENTAGE
    text = percent if percentage else figure
    references = [v for v in (indicator.baseline_value, indicator.target_value) if v is not None]
    highest = float(max([point.value for point in points] + references))
    if percentage:
        top, step = 100.0, 25.0
    else:
        step = nice_step(highest) if highest > 0 else 1.0
        top = step * math.ceil(highest / step) if highest > 0 else step * 4
        if top < highest * 1.05:  # keep the highest column clear of the frame
            top += step

    def y(value) -> float:
        return round(TOP + PLOT_H - float(value) / top * PLOT_H, 1)

    ticks = []
    value = 0.0
    while value <= top + step / 1000:
        ticks.append(Tick(y=y(value), label=text(Decimal(str(round(value, 6))))))
        value += step

    first_year = points[0].period.start.year
    last_year = points[-1].period.end.year
    start, end = _year_start(first_year), date(last_year, 12, 31)
    span = (end - start).days + 1

    def x(day: date) -> float:
        return round(LEFT + (day - start).days / span * PLOT_W, 1)

    bars = []
    for index, point in enumerate(points):
        period_left, period_right = x(point.period.start), x(point.period.end)
        slot = max(period_right - period_left, 1.0)
        width = round(slot * BAR_SHARE, 1)
        bar_y = y(max(point.value, Decimal(0)))
        bars.append(
            Bar(
                x=round(period_left + (slot - width) / 2, 1),
                y=bar_y,
                width=width,
                height=round(TOP + PLOT_H - bar_y, 1),
                label=text(point.value),
                labelled=index == len(points) - 1,
                period=point.period.name,
            )
        )
    years = []
    for year in range(first_year, last_year + 1):
        begins = x(_year_start(year))
        ends = x(date(year, 12, 31))
        years.append(YearMark(x=begins, middle=round((begins + ends) / 2, 1), label=str(year)))

    target = baseline = None
    if indicator.target_value is not None:
        target_y = y(indicator.target_value)
        target = Line(
            y=target_y,
            label_y=target_y,
            label=_("Target %(value)s") % {"value": text(indicator.target_value)},
        )
    if indicator.baseline_value:  # a baseline of 0 is the axis itself
        baseline_y = y(indicator.baseline_value)
        label_y = baseline_y
        if target is not None and abs(baseline_y - target.label_y) < LABEL_GAP:
            # Keep the two labels apart: the lower line's label moves down.
            if baseline_y >= target.label_y:
                label_y = target.label_y + LABEL_GAP
            else:
                label_y = target.label_y - LABEL_GAP
        baseline = Line(
            y=baseline_y,
            label_y=label_y,
            label=_("Baseline %(value)s") % {"value": text(indicator.baseline_value)},
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=LEFT + PLOT_W,
        top=TOP,
        bottom=TOP + PLOT_H,
        ticks=ticks,
        bars=bars,
        years=years,
        target=target,
        baseline=baseline,
        summary=_chart_summary(item, points, text),
    )


def _chart_summary(item: PublicIndicator, points, text) -> str:
    indicator = item.indicator
    first, last = points[0], points[-1]
    parts = [
        _("Column chart of indicator %(code)s, %(count)s periods with approved figures:")
        % {"code": indicator.code, "count": len(points)},
        _("%(first)s in %(first_period)s, %(last)s in %(last_period)s.")
        % {
            "first": text(first.value),
            "first_period": first.period.name,
            "last": text(last.value),
            "last_period": last.period.name,
        },
    ]
    if indicator.target_value is not None:
        parts.append(_("Target %(value)s.") % {"value": text(indicator.target_value)})
    if indicator.baseline_value is not None:
        parts.append(_("Baseline %(value)s.") % {"value": text(indicator.baseline_value)})
    parts.append(_("The table below gives every figure."))
    return " ".join(parts)


# --- The table behind the chart ----------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False


@dataclass(frozen=True)
class Row:
    header: str
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[Column]  # the first is the rows' header column
    rows: list[Row]


@register.simple_tag
def indicator_table(item: PublicIndicator) -> Table | None:
    """The per-period table of an indicator (components/data_table.html): its actual
    in each approved period and, for measured indicators, the progress it stood for;
    the latest description in words for qualitative ones. None without figures."""
    indicator = item.indicator
    if not item.series:
        return None
    if indicator.measure == Indicator.Measure.QUALITATIVE:
        return Table(
            caption=_("Approved descriptions of indicator %(code)s by period")
            % {"code": indicator.code},
            columns=[Column(_("Period")), Column(_("Description"))],
            rows=[Row(point.period.name, [Cell(point.narrative)]) for point in item.series],
        )
    unit = unit_words(indicator)
    if unit:
        caption = _("Indicator %(code)s by period, in %(unit)s") % {
            "code": indicator.code,
            "unit": unit,
        }
    else:
        caption = _("Indicator %(code)s by period") % {"code": indicator.code}
    if indicator.cumulative_rule == Indicator.CumulativeRule.CUMULATIVE:
        caption += " " + _("(running total)")
    rows = []
    for point in item.series:
        if point.value is None:
            continue
        progress = PublicIndicator(
            indicator=indicator, actual=point.value, as_of="", state=item.state
        ).progress_percent
        cells = [Cell(bare(point.value, indicator), True), Cell(percent(progress), True)]
        rows.append(Row(point.period.name, cells))
    return Table(
        caption=caption,
        columns=[Column(_("Period")), Column(_("Actual"), True), Column(_("Progress"), True)],
        rows=rows,
    )
