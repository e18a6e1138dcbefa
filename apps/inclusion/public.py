"""The inclusion component's sections on /components/diversity-inclusion/.

`component_sections` is the app's hook (apps.core.panels): four sections after
the component's story, each a template and its context, in a fixed number of
queries whatever is published (the lists are cut, with their totals said).

Workforce figures reach the page only through `workforce_tables`, which applies
the disclosure rule (`suppression.protected_table`); the shares in the chart and
its table are worked out from those published figures alone, never from the
true counts, so they tell nobody more than the tables do.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.formats import percent
from apps.core.panels import Panel
from apps.monitoring.disclosure import Figure
from apps.monitoring.models import percentage

from . import selectors
from .models import DISABILITY_GROUPS, SEX_GROUPS, AccessibilityMeasure, PolicyReview
from .suppression import TOTAL, protected_table

REVIEWS_SHOWN = 6
SNAPSHOTS_SHOWN = 5
MEASURES_SHOWN = 8
ALL_STAFF = "all"


def component_sections(*, component) -> list[Panel]:
    return [
        Panel("inclusion/sections/_policy_reviews.html", policy_reviews_section()),
        Panel("inclusion/sections/_workforce.html", workforce_section()),
        Panel("inclusion/sections/_accessibility.html", accessibility_section()),
        Panel("inclusion/sections/_participation.html", participation_section(component)),
    ]


# --- Policy reviews and their recommendations ------------------------------------------


def policy_reviews_section() -> dict:
    counts = selectors.policy_review_stage_counts_public()
    total = sum(counts.values())
    return {
        "total": total,
        "stages": [
            {"label": PolicyReview.Stage(stage).label, "count": count}
            for stage, count in counts.items()
        ],
        "reviews": selectors.policy_review_cards_public(limit=REVIEWS_SHOWN),
        "recommendations": selectors.recommendations_implemented_public(),
    }


# --- Workforce composition over time -------------------------------------------------------


@dataclass(frozen=True)
class WorkforceRow:
    label: str
    total: Figure
    by_sex: list[Figure]
    by_disability: list[Figure]
    women_share: Decimal | None  # from the published figures; None when one is withheld
    disability_share: Decimal | None


@dataclass(frozen=True)
class WorkforceTable:
    """One snapshot as the public may see it."""

    as_of: object
    rows: list[WorkforceRow]  # the categories, then all staff

    @property
    def title(self) -> str:
        return date_format(self.as_of)

    @property
    def key(self) -> str:
        """For the tables' ids."""
        return self.as_of.isoformat()


def published_share(part: Figure, whole: Figure) -> Decimal | None:
    """part / whole in whole percent, from published figures only; None when either is
    withheld. Both are rounded to 5, so a decimal would claim a precision they lack."""
    if part.withheld or whole.withheld or not whole.value:
        return None
    return percentage(part.value, whole.value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def workforce_tables(snapshots) -> list[WorkforceTable]:
    """Each snapshot's counts through the disclosure rule, per staff category and for all
    staff; the categories every snapshot shares, in their order."""
    sex_keys, disability_keys = list(SEX_GROUPS), list(DISABILITY_GROUPS)
    tables = []
    for snapshot in snapshots:
        counts = sorted(
            snapshot.counts.all(),
            key=lambda count: (count.staff_category.order, count.staff_category.title),
        )
        rows = {}
        labels = {}
        for count in counts:
            key = count.staff_category.slug
            labels[key] = count.staff_category.title
            rows[key] = {**count.by_sex(), **count.by_disability(), TOTAL: count.total}
        rows[ALL_STAFF] = {
            column: sum(row[column] for row in rows.values())
            for column in [*sex_keys, *disability_keys, TOTAL]
        }
        labels[ALL_STAFF] = _("All staff")
        shown = protected_table(rows, groups=[sex_keys, disability_keys], total_row=ALL_STAFF)
        tables.append(
            WorkforceTable(
                as_of=snapshot.as_of,
                rows=[
                    WorkforceRow(
                        label=labels[key],
                        total=cells[TOTAL],
                        by_sex=[cells[column] for column in sex_keys],
                        by_disability=[cells[column] for column in disability_keys],
                        women_share=published_share(cells["women"], cells[TOTAL]),
                        disability_share=published_share(cells["with_disability"], cells[TOTAL]),
                    )
                    for key, cells in shown.items()
                ],
            )
        )
    return tables


# The chart: horizontal bars, a group per staff category, a bar per snapshot.
CHART_WIDTH = 640
CHART_LEFT = 110  # the snapshots' dates
CHART_RIGHT = 560  # 100%; the value is written after the bar
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_HEADING = 22
GROUP_GAP = 14
AXIS_SPACE = 24


@dataclass
class ShareChart:
    measure: str  # "women" or "disability": the bars' class
    summary: str  # the SVG's name for screen readers
    width: int = CHART_WIDTH
    height: int = 0
    left: int = CHART_LEFT
    right: int = CHART_RIGHT
    top: int = 0
    bottom: int = 0
    ticks: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    table: dict = field(default_factory=dict)


def share_chart(tables: list[WorkforceTable], *, measure: str) -> ShareChart | None:
    """The share of women (measure="women") or of persons with disabilities
    ("disability") per staff category and snapshot, as bar geometry, with the table
    behind it (components/data_table.html's shape). None without snapshots."""
    if not tables:
        return None
    attribute = "women_share" if measure == "women" else "disability_share"
    name = _("Share of women") if measure == "women" else _("Share of persons with disabilities")
    chart = ShareChart(measure=measure, summary="")
    plot = CHART_RIGHT - CHART_LEFT
    y = AXIS_SPACE
    chart.top = y
    labels = [row.label for row in tables[-1].rows]
    shown_any = False
    for position, label in enumerate(labels):
        group = {"label": label, "label_y": y + GROUP_HEADING - 8, "bars": []}
        y += GROUP_HEADING
        for table in tables:
            row = next((row for row in table.rows if row.label == label), None)
            share = getattr(row, attribute) if row else None
            shown_any |= share is not None
            width = round(plot * float(share) / 100) if share is not None else 0
            group["bars"].append(
                {
                    "y": y,
                    "middle": y + BAR_HEIGHT // 2,
                    "width": width,
                    "end": CHART_LEFT + width + 6,
                    "date": date_format(table.as_of, "SHORT_DATE_FORMAT"),
                    "text": percent(share) if share is not None else _("not shown"),
                }
            )
            y += BAR_HEIGHT + BAR_GAP
        chart.groups.append(group)
        y += GROUP_GAP if position < len(labels) - 1 else 0
    chart.bottom = y
    chart.height = y + 8
    chart.ticks = [
        {"x": CHART_LEFT + plot * value // 100, "label": percent(value)}
        for value in (0, 25, 50, 75, 100)
    ]
    first, last = tables[0].as_of.year, tables[-1].as_of.year
    chart.summary = (
        _("%(name)s by staff category, %(first)s to %(last)s; the table below gives the figures.")
        % {"name": name, "first": first, "last": last}
        if shown_any
        else _("%(name)s: too few people to show; the table below says so.") % {"name": name}
    )
    chart.table = {
        "caption": _("%(name)s by staff category and snapshot") % {"name": name},
        "columns": [
            {"label": _("Staff category"), "numeric": False},
            *({"label": table.title, "numeric": True} for table in tables),
        ],
        "rows": [
            {
                "header": group["label"],
                "cells": [{"text": bar["text"], "numeric": True} for bar in group["bars"]],
            }
            for group in chart.groups
        ],
    }
    return chart


def workforce_section() -> dict:
    tables = workforce_tables(selectors.workforce_snapshots_public(limit=SNAPSHOTS_SHOWN))
    return {
        "tables": list(reversed(tables)),  # the newest first to read
        "sex_labels": list(SEX_GROUPS.values()),
        "disability_labels": list(DISABILITY_GROUPS.values()),
        "charts": [
            chart
            for chart in (
                share_chart(tables, measure="women"),
                share_chart(tables, measure="disability"),
            )
            if chart
        ],
    }


# --- Accessibility measures ---------------------------------------------------------------


def accessibility_section() -> dict:
    counts = selectors.accessibility_measure_stage_counts_public()
    return {
        "total": sum(counts.values()),
        "stages": [
            {"label": AccessibilityMeasure.Stage(stage).label, "count": count}
            for stage, count in counts.items()
        ],
        "measures": selectors.accessibility_measure_cards_public(limit=MEASURES_SHOWN),
    }


# --- Participation in the component's activities, by year ---------------------------------

YEARS_SHOWN = 6


def participation_section(component) -> dict:
    """People in the component's published activities per year, through the same rule as
    the workforce: the site's "Who took part" shows the totals, and the years add up
    to them, so a lone withheld cell in a column is protected from them too (the
    all-years row here is that total, hidden cells and all)."""
    years = selectors.participation_by_year(component=component)
    shown_years = sorted(years)[-YEARS_SHOWN:]
    if not years:
        return {"rows": []}
    rows = {str(year): counts for year, counts in years.items()}
    rows[ALL_STAFF] = {
        column: sum(counts[column] for counts in years.values())
        for column in [*SEX_GROUPS, *DISABILITY_GROUPS, TOTAL]
    }
    shown = protected_table(
        rows, groups=[list(SEX_GROUPS), list(DISABILITY_GROUPS)], total_row=ALL_STAFF
    )
    return {
        "rows": [
            {
                "label": str(year),
                "total": shown[str(year)][TOTAL],
                "women": shown[str(year)]["women"],
                "with_disability": shown[str(year)]["with_disability"],
            }
            for year in shown_years
        ],
        "cut": len(years) > len(shown_years),
    }
