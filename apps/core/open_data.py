"""What an app publishes on /open-data/: datasets with stable, documented columns.

An app names a function in its AppConfig (`open_data = "apps.<app>.open_data.datasets"`)
that returns its `Dataset`s; `site` lists them (apps.core.panels.app_hooks) and
writes each as CSV and JSON (docs/open-data.md). Core imports no app.

A dataset's rows are dicts keyed by its column names, exactly those and no more
(`Dataset.iter_rows` refuses any other key, so a field cannot slip into a file by
being added to a query). Values are plain data: text, whole or decimal numbers,
dates, booleans or None. Counts of people come only from the disclosure rule
(apps.monitoring.disclosure) and are written with `disclosed`.

Column names are a contract with whoever downloads the files: never rename or
remove one; add new columns at the end (tests/site/test_open_data.py holds the
exact lists).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils.functional import Promise

from .panels import app_hooks

# How a count the disclosure rule withholds is written in a file: under 5 (0 included),
# or hidden so that a small cell of the same breakdown cannot be worked out.
FEWER_THAN_5 = "<5"
HIDDEN = "suppressed"


def disclosed(figure) -> int | str | None:
    """A disclosure.Figure as a file holds it: its rounded value, "<5", "suppressed",
    or None (no figure at all, e.g. a study has no participants)."""
    if figure is None:
        return None
    if figure.small:
        return FEWER_THAN_5
    if figure.value is None:
        return HIDDEN
    return figure.value


@dataclass(frozen=True)
class Column:
    name: str  # stable, snake_case, never translated
    meaning: str | Promise  # shown on /open-data/


@dataclass(frozen=True)
class Dataset:
    """One downloadable table: `slug` names its files (`<slug>.csv`, `<slug>.json`)."""

    slug: str
    title: str | Promise
    description: str | Promise  # what one row is, and what is left out
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]  # a fixed number of queries whatever the rows

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def iter_rows(self) -> Iterator[dict]:
        """The rows, each checked to carry exactly the dataset's columns."""
        names = self.column_names
        expected = set(names)
        for row in self.rows():
            if set(row) != expected:
                extra = sorted(set(row) - expected)
                missing = sorted(expected - set(row))
                raise ValueError(
                    f"Dataset {self.slug}: a row's keys differ from its columns "
                    f"(extra {extra}, missing {missing})."
                )
            yield {name: row[name] for name in names}


def datasets_all() -> list[Dataset]:
    """Every installed app's datasets, in the order of INSTALLED_APPS."""
    return [dataset for hook in app_hooks("open_data") for dataset in hook()]


def dataset_get(slug: str) -> Dataset | None:
    return next((dataset for dataset in datasets_all() if dataset.slug == slug), None)
