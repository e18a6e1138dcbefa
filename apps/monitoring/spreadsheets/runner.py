"""One engine for both kinds: read the file, run every row through the services,
collect every problem, and keep the writes only when asked and nothing went wrong.

Each row runs in a savepoint of its own, so a refused row leaves no trace and the
rows after it are still checked (every problem is reported, not only the first);
later rows see the earlier ones (a second row for the same indicator is refused).
Everything runs inside one more atomic block, rolled back by raising `_Undo` for
a preview (a dry run) or when any row had a problem: then nothing at all is
written. Under ATOMIC_REQUESTS these blocks are savepoints of the request's
transaction, and what a rolled-back block queued for after the commit (e.g. a
cache purge) is dropped with it.
"""

from dataclasses import dataclass, field

from django.db import transaction

from apps.accounts.models import User

from ..models import SpreadsheetImport
from . import files
from .activities import ActivitiesKind
from .kinds import Kind, RowProblems, RowResult
from .problems import Problem
from .updates import UpdatesKind

KINDS: dict[str, type[Kind]] = {
    SpreadsheetImport.Kind.UPDATES: UpdatesKind,
    SpreadsheetImport.Kind.ACTIVITIES: ActivitiesKind,
}


@dataclass
class Outcome:
    """What a run found: the rows it would import (or did), every problem, the rows
    skipped because nothing was filled in. Plain data: it is kept in the cache."""

    sheet: str
    rows: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.created and not row.problems)

    @property
    def changed(self) -> int:
        return sum(1 for row in self.rows if not row.created and not row.problems)

    @property
    def importable(self) -> int:
        return sum(1 for row in self.rows if not row.problems)


class _Undo(Exception):
    """Raised to roll the run's atomic block back."""


def kind_for(spreadsheet: SpreadsheetImport, *, user: User) -> Kind:
    return KINDS[spreadsheet.kind](user=user, period=spreadsheet.period)


def read(spreadsheet: SpreadsheetImport, kind: Kind) -> list[files.Row]:
    """The file's data rows, the file and its About sheet checked. Raises FileRefused."""
    workbook = files.open_workbook(bytes(spreadsheet.content), name=spreadsheet.original_name)
    try:
        kind.check_about(files.read_about(workbook))
        return files.read_rows(workbook, sheet=kind.sheet, columns=kind.columns())
    finally:
        workbook.close()


def run(spreadsheet: SpreadsheetImport, *, user: User, commit: bool) -> Outcome:
    """Run the file's rows through the services as `user`, submitting them if the
    import says so. With commit=False (the preview) or any problem, nothing is kept.
    Raises FileRefused when the file itself cannot be read."""
    kind = kind_for(spreadsheet, user=user)
    rows = read(spreadsheet, kind)
    outcome = Outcome(sheet=kind.sheet)
    fill = kind.fill_columns()
    try:
        with transaction.atomic():
            outcome.problems.extend(kind.start(rows))
            if not outcome.problems:
                for row in rows:
                    if not row.filled(fill):
                        outcome.skipped += 1
                        continue
                    try:
                        with transaction.atomic():
                            outcome.rows.append(kind.apply(row, submit=spreadsheet.submit))
                    except RowProblems as refused:
                        outcome.problems.extend(refused.problems)
                        outcome.rows.append(
                            RowResult(
                                row=row.number,
                                label=refused.label,
                                problems=refused.problems,
                            )
                        )
            if not commit or outcome.problems:
                raise _Undo
    except _Undo:
        pass
    return outcome
