"""The disclosure rule for counts of people that the public sees.

Every public page, export and open-data file that shows how many people took
part, by sex or by disability, passes its counts through this module and shows
only what it returns. The rule, in full (docs/monitoring.md, "People data in
public"):

1. **Rounded to base 5.** A count is shown as the nearest multiple of 5
   (`rounded`): 5–7 → 5, 8–12 → 10, 123 → 125. Counts are whole numbers, so the
   remainder is 0–4 and a tie (a half) never arises; 0–2 go down, 3–4 go up.
   Rounding is what defeats differencing: a shown figure stands for any count
   from 2 below it to 2 above, so two versions of a page differ by a multiple of
   5, never by the true change. Women going from 120 to 123 read 120 → 125; the
   true change could be anything from 1 to 9.
2. **Under 5, zero included, is "fewer than 5".** A count of 0–4 is never shown
   as a number. A true 0 is not shown as 0 either: "fewer than 5" would then mean
   "1 to 4", and a page going from 0 to "fewer than 5" when one activity is
   approved would say that this one, named activity had someone with a
   disability (or a woman, or a person of another sex) in it. A published 0 is
   also a statement about every person counted ("none reported a disability").
   The price: the public page cannot say that nobody of a group took part.
3. **The complementary cell is hidden.** When exactly one cell of a breakdown is
   "fewer than 5", the smallest of the others (ties: the first in the
   breakdown's order) is hidden too, so that the first cannot be worked out
   from the total.
4. **The total is rounded by the same rule, on its own.** It is the rounded true
   total, not the sum of the rounded cells, so a table's cells may not add up to
   its total; pages say so.

What this does not protect against is in the docs: many releases over time,
small populations, other published sources.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext

# Counts under this are not shown; shown counts are multiples of BASE.
THRESHOLD = 5
BASE = 5


def rounded(count: int) -> int:
    """`count` to the nearest multiple of BASE (whole numbers never tie)."""
    if count < 0:
        raise ValueError(f"A count of people cannot be negative: {count}.")
    return (count + BASE // 2) // BASE * BASE


@dataclass(frozen=True)
class Figure:
    """One count of people as the public may see it: only this, never the count."""

    value: int | None  # rounded to base 5; None when withheld
    small: bool = False  # withheld because the count is under 5 (0 included)

    @property
    def withheld(self) -> bool:
        return self.value is None

    @property
    def hidden(self) -> bool:
        """Withheld only so that a small cell of the same breakdown cannot be worked out."""
        return self.value is None and not self.small

    def __str__(self) -> str:
        if self.small:
            return gettext("fewer than 5")
        if self.value is None:
            return gettext("hidden")
        return number_format(self.value, force_grouping=True)


FEWER_THAN_5 = Figure(value=None, small=True)
HIDDEN = Figure(value=None)


def figure(count: int) -> Figure:
    """One count on its own (a total): "fewer than 5" under 5, else rounded to base 5."""
    return FEWER_THAN_5 if count < THRESHOLD else Figure(value=rounded(count))


def breakdown(counts: Mapping[str, int]) -> dict[str, Figure]:
    """The cells of one breakdown (by sex, by disability) as the public may see them.

    Each count goes through `figure`; when exactly one is under 5, the smallest
    of the others (ties: the first in order) is hidden too, so that the total
    cannot give the small one away.
    """
    shown = {key: figure(count) for key, count in counts.items()}
    small = [key for key, cell in shown.items() if cell.small]
    if len(small) == 1 and len(counts) > 1:
        order = {key: position for position, key in enumerate(counts)}
        protector = min(
            (key for key in counts if key not in small),
            key=lambda key: (counts[key], order[key]),
        )
        shown[protector] = HIDDEN
    return shown
