"""What an app offers to /search/ (apps.site.search), without `site` importing it.

An app names a function in its AppConfig (apps.core.panels.app_hooks):

    class EventsConfig(AppConfig):
        search_sources = "apps.events.search.search_sources"

The function takes no arguments and returns a list of `SearchSource`s, one per kind
of result ("Events", "Event series"). Each source says:

- which rows are public: `queryset` holds published rows only (for reviewed records
  `apps.monitoring.records.published`). Search never looks beyond it, so a draft, a
  returned or an internal record cannot be found, whatever the query;
- which text fields are searched, by weight: `title` (A), `summary` (B), `body` and
  `keywords` (C).
  Only text the public may read belongs here: never internal notes. The snippet a
  result shows is cut from the summary and body fields, the title from the title
  fields, so what is searched is exactly what may be shown;
- how a result is shown: its date (`date`, a date or date-time field, or None), and
  its address on the public site (`url`, given the row; `select_related` loads what
  it needs in the same query). `prepare` may annotate the page's rows first, in one
  query, when an address needs more (e.g. which page of a list a row is on).

The engine (apps.site.search) matches, ranks, counts and highlights; the sources
only describe. Labels are plural, translatable and short: they head the groups and
the kind filter ("Events (3)").
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class SearchSource:
    key: str  # the ?kind= value, unique across apps: "events", "process-improvements"
    label: str  # plural, translatable: "Events", "Process improvements"
    queryset: QuerySet  # public rows only
    url: Callable[[Model], str]
    title: tuple[str, ...]  # weight A; field paths (FKs allowed: "body__name")
    summary: tuple[str, ...] = ()  # weight B
    body: tuple[str, ...] = ()  # weight C
    # Weight C too, but left out of the snippet: words that find a row without being
    # its text (an edition's series title, shown on the edition's page).
    keywords: tuple[str, ...] = ()
    date: str | None = None  # a date or date-time field, shown and used to break ties
    select_related: tuple[str, ...] = ()  # what `url` reads
    prepare: Callable[[list[Model]], None] | None = None  # one query for the page's rows
    order: int = 100  # where the kind comes in the filter: events first, then news...
    # Added to a match's rank: a hub that leads to many others (an event series, whose
    # page lists its editions) comes before them.
    boost: float = 0.0

    @property
    def fields(self) -> tuple[str, ...]:
        return self.title + self.summary + self.body + self.keywords
