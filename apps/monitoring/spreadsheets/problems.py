"""What can be wrong with an import, said so that a person finds the cell."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    """One problem: where (sheet, Excel row number, column header; each optional) and what."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def place(self) -> str:
        """“Sheet Updates, row 7, column Women”, as much of it as is known."""
        parts = []
        if self.sheet:
            parts.append(_("Sheet %(sheet)s") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class FileRefused(Exception):
    """The file as a whole cannot be imported; nothing was stored, not even the upload."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def refuse(message: str) -> FileRefused:
    return FileRefused([Problem(message)])
