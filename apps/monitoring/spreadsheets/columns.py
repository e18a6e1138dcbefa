"""The columns of a template's data sheet: what the template writes and the import reads.

Both kinds describe their sheet as a list of `Column`s; the template builder marks
the ones to fill, and the reader checks the header row against them and converts
each cell by its type.
"""

from dataclasses import dataclass

# What a cell holds. INFO cells are written by the portal for reading and ignored
# on import; the others are filled in by staff.
INFO = "info"
NUMBER = "number"  # a figure, 0 or more, up to 2 decimals
COUNT = "count"  # a whole number of people
TEXT = "text"
DATE = "date"
CHOICE = "choice"  # one of `choices` (a drop-down in the template)

# The portal writes this in a cell an indicator does not ask for (greyed); the
# import reads it as empty.
NOT_ASKED = "not asked"

# The template's layout; a file made with another version is refused.
TEMPLATE_VERSION = "1"

ABOUT_SHEET = "About this file"


@dataclass(frozen=True)
class Column:
    key: str  # what the import calls it: "value", "dis_women", "participants_men"…
    header: str  # the text in the header row, which the import matches
    type: str = INFO
    note: str = ""  # the header's note in Excel: what to type
    width: int = 14
    choices: tuple[str, ...] = ()

    @property
    def to_fill(self) -> bool:
        return self.type != INFO

    @property
    def is_number(self) -> bool:
        return self.type in (NUMBER, COUNT)


def header_key(text) -> str:
    """A header as the import compares it: trimmed, spaces collapsed, ignoring case."""
    return " ".join(str(text or "").split()).casefold()
