"""Indicator updates from a spreadsheet: one row per indicator of the unit, for one
reporting period.

A row is read by the same form as `/workspace/updates/new/…` (`IndicatorUpdateForm`:
the measure's fields, the breakdown's sums, the figures' limits) and written by the
same services (`indicator_update_create`, or `indicator_update_change` for the
period's draft or returned update), so every rule of the form applies here too.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.core.formats import figure, percent
from apps.programme import selectors as programme_selectors

from .. import selectors, services
from ..forms import IndicatorUpdateForm
from ..models import (
    Disaggregation,
    Indicator,
    IndicatorUpdate,
    ReviewStatus,
    SpreadsheetImport,
    percentage,
)
from .columns import INFO, NUMBER, TEXT, Column, header_key
from .files import Row
from .kinds import Kind, RowProblems, RowResult, plain
from .problems import FileRefused, Problem

MEASURE_FIELDS = {
    Indicator.Measure.NUMBER: ("value",),
    Indicator.Measure.PERCENTAGE: ("numerator", "denominator"),
    Indicator.Measure.QUALITATIVE: ("narrative",),
}
CATEGORY_FLAGS = {
    Disaggregation.Category.SEX: "disaggregate_by_sex",
    Disaggregation.Category.DISABILITY: "disaggregate_by_disability",
    Disaggregation.Category.MEMBER_STATE: "disaggregate_by_member_state",
}


@dataclass
class TemplateRow:
    """One indicator's row of the template: what the portal writes in it, and why
    the cells it does not ask for are greyed."""

    values: dict
    not_asked: dict[str, str] = field(default_factory=dict)


class UpdatesKind(Kind):
    kind = SpreadsheetImport.Kind.UPDATES
    sheet = "Updates"

    def __init__(self, *, user, period):
        super().__init__(user=user, period=period)
        self.indicators = list(
            selectors.indicator_list_for_user(user=user).filter(responsible_unit_id=user.unit_id)
        )
        self.member_states = list(programme_selectors.member_state_list(on=period.end))
        self._columns: list[Column] | None = None

    # The layout ----------------------------------------------------------------------

    def categories(self) -> list[str]:
        """The breakdowns any of the unit's indicators asks for: only those get columns."""
        return [
            category
            for category, flag in CATEGORY_FLAGS.items()
            if any(getattr(indicator, flag) for indicator in self.indicators)
        ]

    def columns(self) -> list[Column]:
        if self._columns is None:
            self._columns = self._make_columns()
        return self._columns

    def _make_columns(self) -> list[Column]:
        columns = [
            Column("code", _("Indicator code"), INFO, width=14),
            Column("title", _("Indicator"), INFO, width=44),
            Column("measure", _("Measure"), INFO, width=16),
            Column("unit_of_measure", _("Unit of measure"), INFO, width=18),
            Column("baseline", _("Baseline (year)"), INFO, width=16),
            Column("target", _("Target (year)"), INFO, width=16),
            Column("last_approved", _("Last approved value"), INFO, width=22),
            Column("so_far", _("This period so far"), INFO, width=24),
            Column(
                "value",
                _("Value"),
                NUMBER,
                _(
                    "Number indicators: the value for this period in the unit of measure (for "
                    "a cumulative indicator what was added in the period, else the level "
                    "reached). A number, 0 or more, up to 2 decimals."
                ),
            ),
            Column(
                "numerator",
                _("Numerator"),
                NUMBER,
                _("Percentage indicators: how many count towards the indicator."),
            ),
            Column(
                "denominator",
                _("Denominator"),
                NUMBER,
                _("Percentage indicators: out of how many in all; more than zero."),
            ),
            Column(
                "narrative",
                _("Narrative"),
                TEXT,
                _("Qualitative indicators: what changed in this period, and how you know."),
                width=40,
            ),
            Column(
                "comment",
                _("Comment"),
                TEXT,
                _("Optional. Sources, caveats, anything the reviewer should know."),
                width=30,
            ),
        ]
        note = _(
            "Optional: the part of the total (the value, or the numerator) for this group. "
            "Together a breakdown's cells cannot be more than the total. Greyed where the "
            "indicator does not ask for it."
        )
        for category in self.categories():
            if category == Disaggregation.Category.MEMBER_STATE:
                columns.extend(
                    Column(f"dis_member_state_{state.pk}", state.name, NUMBER, note)
                    for state in self.member_states
                )
            else:
                columns.extend(
                    Column(f"dis_{group}", str(Disaggregation.Group(group).label), NUMBER, note)
                    for group in Disaggregation.GROUPS[category]
                )
        return columns

    def about(self) -> list[tuple[str, str]]:
        return [*super().about(), (_("Reporting period"), self.period.name)]

    def check_about(self, about: dict[str, str]) -> None:
        super().check_about(about)
        named = about.get(header_key(_("Reporting period")), "")
        if header_key(named) != header_key(self.period.name):
            raise FileRefused(
                [
                    Problem(
                        _(
                            "This template is for the reporting period %(other)s, not "
                            "%(period)s: choose %(other)s above (if it is still open), or "
                            "download the template for %(period)s."
                        )
                        % {"other": named or _("none named"), "period": self.period.name}
                    )
                ]
            )

    def _asked(self, indicator: Indicator) -> set[str]:
        asked = set(MEASURE_FIELDS[indicator.measure]) | {"comment"}
        for category in indicator.disaggregation_categories:
            if category == Disaggregation.Category.MEMBER_STATE:
                asked.update(f"dis_member_state_{state.pk}" for state in self.member_states)
            else:
                asked.update(f"dis_{group}" for group in Disaggregation.GROUPS[category])
        return asked

    def _not_asked_reason(self, indicator: Indicator, column: Column) -> str:
        if column.key in ("value", "numerator", "denominator", "narrative"):
            wanted = ", ".join(self.header(name) for name in MEASURE_FIELDS[indicator.measure])
            return _("This indicator is measured as “%(measure)s”: fill %(wanted)s.") % {
                "measure": indicator.get_measure_display().lower(),
                "wanted": wanted,
            }
        category = (
            Disaggregation.Category.MEMBER_STATE
            if column.key.startswith("dis_member_state_")
            else next(
                c
                for c, groups in Disaggregation.GROUPS.items()
                if column.key.removeprefix("dis_") in groups
            )
        )
        return _("This indicator is not broken down by %(category)s: leave the cell empty.") % {
            "category": Disaggregation.Category(category).label.lower()
        }

    def header(self, key: str) -> str:
        return next((c.header for c in self.columns() if c.key == key), "")

    def template_rows(self) -> list[TemplateRow]:
        """One row per indicator of the unit: what is known, and the cells it does not ask for."""
        last = self._last_approved()
        current = {
            update.indicator_id: update
            for update in IndicatorUpdate.objects.filter(
                period=self.period, indicator__in=self.indicators
            ).only("indicator_id", "status", "value", "numerator", "denominator", "narrative")
        }
        rows = []
        for indicator in self.indicators:
            asked = self._asked(indicator)
            so_far = current.get(indicator.pk)
            rows.append(
                TemplateRow(
                    values={
                        "code": indicator.code,
                        "title": indicator.title,
                        "measure": indicator.get_measure_display(),
                        "unit_of_measure": indicator.unit_of_measure,
                        "baseline": _with_year(indicator.baseline_value, indicator.baseline_year),
                        "target": _with_year(indicator.target_value, indicator.target_year),
                        "last_approved": last.get(indicator.pk, ""),
                        "so_far": (
                            f"{so_far.get_status_display()}: {_figures(indicator, so_far)}"
                            if so_far
                            else _("Not reported yet")
                        ),
                    },
                    not_asked={
                        column.key: self._not_asked_reason(indicator, column)
                        for column in self.fill_columns()
                        if column.key not in asked
                    },
                )
            )
        return rows

    def _last_approved(self) -> dict[int, str]:
        """Each indicator's latest approved figures, with their period (one query)."""
        rows = (
            IndicatorUpdate.objects.filter(
                indicator__in=self.indicators, status=ReviewStatus.APPROVED
            )
            .select_related("period")
            .only("indicator_id", "period__name", "value", "numerator", "denominator", "narrative")
            .order_by("indicator_id", "period__start")
        )
        indicators = {indicator.pk: indicator for indicator in self.indicators}
        return {
            update.indicator_id: f"{_figures(indicators[update.indicator_id], update)} "
            f"({update.period.name})"
            for update in rows
        }

    # The import ----------------------------------------------------------------------

    def start(self, rows: list[Row]) -> list[Problem]:
        self.by_code: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            self.by_code.setdefault(header_key(indicator.code), []).append(indicator)
        self.existing = {
            update.indicator_id: update
            for update in selectors.indicator_update_list_for_user(user=self.user).filter(
                period=self.period
            )
        }
        self.headers = {column.key: column.header for column in self.columns()}
        self.seen: dict[str, int] = {}
        if self.period.is_locked:
            return [
                Problem(
                    _(
                        "The reporting period %(period)s is locked: updates for it cannot be "
                        "added or changed. Ask a programme adviser to unlock it."
                    )
                    % {"period": self.period}
                )
            ]
        return []

    def apply(self, row: Row, *, submit: bool) -> RowResult:
        code = row.values.get("code", "")
        code_column = self.header("code")
        matches = self.by_code.get(header_key(code), [])
        if len(matches) != 1:
            message = (
                _(
                    "no indicator of your unit has the code “%(code)s”: keep the codes as the "
                    "template has them."
                )
                if not matches
                else _(
                    "two of your unit's indicators have the code “%(code)s”: ask a programme "
                    "adviser."
                )
            ) % {"code": code}
            raise RowProblems([self.problem(row, message, code_column)], label=code)
        indicator = matches[0]
        label = f"{indicator.code} {indicator.title}"
        first = self.seen.setdefault(header_key(code), row.number)
        if first != row.number:
            raise RowProblems(
                [
                    self.problem(
                        row,
                        _(
                            "the indicator %(code)s is also in row %(row)s: keep one row per "
                            "indicator."
                        )
                        % {"code": indicator.code, "row": first},
                        code_column,
                    )
                ],
                label=label,
            )
        problems = self._cells_not_asked(row, indicator)
        existing = self.existing.get(indicator.pk)
        if existing is not None and not existing.is_editable:
            problems.append(self.problem(row, _already(existing), code_column))
        if problems:
            raise RowProblems(problems, label=label)
        form = IndicatorUpdateForm(
            data={column.key: plain(row.values.get(column.key)) for column in self.fill_columns()},
            indicator=indicator,
            member_states=self.member_states if indicator.disaggregate_by_member_state else [],
        )
        if not form.is_valid():
            raise RowProblems(self.error_problems(row, form.errors, self.headers), label=label)
        data = form.update_data()
        try:
            if existing is None:
                update = services.indicator_update_create(
                    indicator=indicator,
                    period=self.period,
                    user=self.user,
                    data=data,
                    submit=submit,
                )
            else:
                update = services.indicator_update_change(
                    update=existing, user=self.user, data=data, submit=submit
                )
        except ValidationError as error:
            raise RowProblems(self.error_problems(row, error, self.headers), label=label) from None
        except PermissionDenied as error:
            raise RowProblems([self.problem(row, str(error))], label=label) from None
        return RowResult(
            row=row.number,
            label=label,
            action=_action(existing, submit=submit),
            value=_figures(indicator, update),
            breakdown=", ".join(
                f"{self.headers[name]} {figure(row.values[name])}"
                for name in self.headers
                if name.startswith("dis_") and row.values.get(name) is not None
            ),
            created=existing is None,
        )

    def _cells_not_asked(self, row: Row, indicator: Indicator) -> list[Problem]:
        asked = self._asked(indicator)
        return [
            self.problem(row, self._not_asked_reason(indicator, column), column)
            for column in self.fill_columns()
            if column.key not in asked and row.values.get(column.key) not in (None, "")
        ]


def _with_year(value, year) -> str:
    if value is None:
        return ""
    return f"{figure(value)} ({year})" if year else figure(value)


def _figures(indicator: Indicator, update: IndicatorUpdate) -> str:
    """An update's figures as people read them: “12 people”, “3 of 4 (75%)”, the narrative."""
    if indicator.measure == Indicator.Measure.PERCENTAGE:
        if update.numerator is None or update.denominator is None:
            return ""
        return _("%(numerator)s of %(denominator)s (%(percent)s)") % {
            "numerator": figure(update.numerator),
            "denominator": figure(update.denominator),
            "percent": percent(percentage(update.numerator, update.denominator)),
        }
    if indicator.measure == Indicator.Measure.QUALITATIVE:
        return Truncator(update.narrative).chars(80)
    if update.value is None:
        return ""
    return f"{figure(update.value)} {indicator.unit_of_measure}".strip()


def _already(update: IndicatorUpdate) -> str:
    if update.status == ReviewStatus.APPROVED:
        return _(
            "the update for %(period)s was approved on %(day)s and is final; it cannot be "
            "changed by an import."
        ) % {"period": update.period, "day": _day(update.reviewed_at or update.updated_at)}
    return _(
        "the update for %(period)s was already submitted on %(day)s; ask a programme adviser "
        "to return it if it must change."
    ) % {"period": update.period, "day": _day(update.submitted_at or update.updated_at)}


def _day(moment) -> str:
    return date_format(timezone.localtime(moment))


def _action(existing: IndicatorUpdate | None, *, submit: bool) -> str:
    if existing is None:
        return _("New, submitted for review") if submit else _("New draft")
    if existing.status == ReviewStatus.RETURNED:
        return (
            _("Changes the returned update and submits it again")
            if submit
            else _("Changes the returned update")
        )
    return _("Changes the draft and submits it") if submit else _("Changes the draft")
