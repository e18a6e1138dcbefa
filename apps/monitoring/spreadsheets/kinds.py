"""What the two kinds of import share: the result of a row, its problems, the
About sheet's check, and turning a form's or a service's errors into problems that
name the cell."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from apps.accounts.models import User

from ..models import ReportingPeriod, SpreadsheetImport
from .columns import TEMPLATE_VERSION, Column, header_key
from .files import Row
from .problems import FileRefused, Problem


@dataclass
class RowResult:
    """One row as the preview lists it."""

    row: int
    label: str  # the indicator or the activity
    action: str = ""  # "New draft", "Changes the draft"…
    value: str = ""
    breakdown: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: bool = True  # a new record, or a change of an existing one


class RowProblems(Exception):
    """The row cannot be imported; its savepoint is rolled back."""

    def __init__(self, problems: list[Problem], *, label: str = ""):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems
        self.label = label


class Kind:
    """One kind of import. Subclasses name their sheet and columns and turn a row
    into a record through the services."""

    kind: str  # SpreadsheetImport.Kind
    sheet: str  # the data sheet's name

    def __init__(self, *, user: User, period: ReportingPeriod | None = None):
        self.user = user
        self.unit = user.unit
        self.period = period

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def fill_columns(self) -> list[Column]:
        return [column for column in self.columns() if column.to_fill]

    def about(self) -> list[tuple[str, str]]:
        """The About sheet's facts, which the import checks."""
        return [
            (_("Kind"), str(SpreadsheetImport.Kind(self.kind).label)),
            (_("Unit"), self.unit.abbreviation),
            (_("Template version"), TEMPLATE_VERSION),
        ]

    def check_about(self, about: dict[str, str]) -> None:
        """Refuse a template made for another kind, unit or period, or an old one."""
        kind = about.get(header_key(_("Kind")), "")
        if header_key(kind) not in {
            header_key(self.kind),
            header_key(SpreadsheetImport.Kind(self.kind).label),
        }:
            other = next(
                (
                    label
                    for _value, label in SpreadsheetImport.Kind.choices
                    if header_key(label) == header_key(kind)
                ),
                kind or _("something else"),
            )
            raise FileRefused(
                [
                    Problem(
                        _(
                            "This is a template for %(other)s, not for %(kind)s: choose "
                            "“%(other_label)s” above, or download the template for %(kind)s."
                        )
                        % {
                            "other": str(other).lower(),
                            "other_label": other,
                            "kind": SpreadsheetImport.Kind(self.kind).label.lower(),
                        }
                    )
                ]
            )
        version = about.get(header_key(_("Template version")), "")
        if version != TEMPLATE_VERSION:
            raise FileRefused(
                [
                    Problem(
                        _(
                            "This file was made from an older template. Download a fresh "
                            "template from this page and copy your figures into it."
                        )
                    )
                ]
            )
        unit = about.get(header_key(_("Unit")), "")
        if header_key(unit) != header_key(self.unit.abbreviation):
            raise FileRefused(
                [
                    Problem(
                        _(
                            "This template is for another unit (%(other)s), not yours "
                            "(%(unit)s): download your unit's template from this page."
                        )
                        % {"other": unit or _("none named"), "unit": self.unit.abbreviation}
                    )
                ]
            )

    def start(self, rows: list[Row]) -> list[Problem]:
        """Load what the rows are checked against (one query per lookup, whatever the
        number of rows); problems that concern the whole file, if any."""
        return []

    def apply(self, row: Row, *, submit: bool) -> RowResult:
        """Write the row through the services. Raises RowProblems."""
        raise NotImplementedError

    # Helpers -----------------------------------------------------------------------

    def problem(self, row: Row, message: str, column: Column | str = "") -> Problem:
        header = column.header if isinstance(column, Column) else column
        return Problem(message, self.sheet, row.number, header)

    def error_problems(
        self, row: Row, errors: ValidationError | dict, headers: dict[str, str]
    ) -> list[Problem]:
        """A form's errors (field → messages) or a service's ValidationError as
        problems, each on the column of its field (`headers`: field → header)."""
        if isinstance(errors, ValidationError):
            if not hasattr(errors, "error_dict"):
                return [self.problem(row, message) for message in errors.messages]
            errors = {
                name: ValidationError(value).messages for name, value in errors.error_dict.items()
            }
        problems = []
        for name, messages in errors.items():
            column = "" if name == NON_FIELD_ERRORS else headers.get(name, "")
            problems.extend(self.problem(row, str(message), column) for message in messages)
        return problems


def yes_no(value) -> bool | None:
    """“yes” / “no” as a person types it (yes, y, x, true, 1; no, n, false, 0, empty);
    None when it is neither."""
    text = header_key(value)
    if text in ("", "no", "n", "false", "0"):
        return False
    if text in ("yes", "y", "x", "true", "1"):
        return True
    return None


def plain(value) -> str:
    """A figure for a form field: "12", "12.5" (never "12.50" or "1.2E+1")."""
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
