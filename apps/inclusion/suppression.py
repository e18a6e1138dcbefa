"""The disclosure rule (apps.monitoring.disclosure) applied to a workforce table.

A snapshot's public table has a row per staff category and a row for all staff,
and columns for each group of two breakdowns (by sex: women, men, other; by
disability: with, without, not stated) and for the row's total. Every cell goes
through `disclosure.figure` and every row's breakdown through
`disclosure.breakdown` (rounded to 5, under 5 "fewer than 5", the complementary
cell hidden): that is the portal's one rule, unchanged.

A table adds what a single breakdown does not have: columns with totals. The
"all staff" row holds each column's total, so a lone withheld cell in a column
could be worked out as the column total minus the column's shown cells, just as
a lone one in a row could from the row total. So this module repeats the rule's
third step across columns too, and again across rows and columns until neither
has a lone withheld cell beside a shown total. Hiding only ever adds cells, so
it ends.

With every withheld cell sharing each of its lines (row group, column) with at
least one other withheld cell, no total minus shown cells isolates one; and the
rounding to 5 keeps two snapshots compared from giving away a change of a few
people (docs/inclusion.md, "The disclosure rule on workforce tables").
"""

from collections.abc import Mapping, Sequence

from apps.monitoring import disclosure
from apps.monitoring.disclosure import HIDDEN, Figure

TOTAL = "total"


def protected_table(
    rows: Mapping[str, Mapping[str, int]],
    *,
    groups: Sequence[Sequence[str]],
    total_row: str,
) -> dict[str, dict[str, Figure]]:
    """`rows` maps each row (categories and `total_row`) to its counts: each column of
    `groups` and TOTAL. Returns the same shape with what the public may see."""
    shown: dict[str, dict[str, Figure]] = {}
    for row, counts in rows.items():
        shown[row] = {TOTAL: disclosure.figure(counts[TOTAL])}
        for group in groups:
            shown[row].update(disclosure.breakdown({column: counts[column] for column in group}))

    inner_rows = [row for row in rows if row != total_row]
    columns = [TOTAL, *(column for group in groups for column in group)]
    changed = True
    while changed:
        changed = False
        for row in rows:
            if shown[row][TOTAL].withheld:
                continue
            for group in groups:
                changed |= _hide_lone_partner(rows, shown, [(row, column) for column in group])
        for column in columns:
            if len(inner_rows) < 2 or shown[total_row][column].withheld:
                continue
            changed |= _hide_lone_partner(rows, shown, [(row, column) for row in inner_rows])
    return shown


def _hide_lone_partner(rows, shown, line: list[tuple[str, str]]) -> bool:
    """When exactly one cell of `line` is withheld, hide the smallest shown one
    (ties: the first in order), as disclosure.breakdown does. True if it hid one."""
    withheld = [cell for cell in line if shown[cell[0]][cell[1]].withheld]
    if len(withheld) != 1:
        return False
    candidates = [cell for cell in line if not shown[cell[0]][cell[1]].withheld]
    if not candidates:
        return False
    order = {cell: position for position, cell in enumerate(line)}
    row, column = min(candidates, key=lambda cell: (rows[cell[0]][cell[1]], order[cell]))
    shown[row][column] = HIDDEN
    return True
