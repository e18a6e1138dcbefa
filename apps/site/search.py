"""/search/: one search over everything public (docs/search.md).

Each app describes what it publishes as `SearchSource`s (apps.core.search), named in
its AppConfig as `search_sources`; this module matches, ranks, counts, pages and
highlights, and imports no app to do so.

- On PostgreSQL: full-text search. Each source's fields are weighted (title A,
  summary B, body C) into one `SearchVector`, the visitor's words are read as a web
  search (`websearch_to_tsquery`: quotes for a phrase, "or", "-word"), ranked by
  `SearchRank`, with a bonus when the title holds the words as typed, and the
  matches marked by `SearchHeadline`.
- Elsewhere (SQLite on a developer's machine): every word must appear in one of the
  fields (`icontains`, which escapes % and _), ranked by where it appears (title
  before summary before body), marked in Python.

Either way, marks come back from the database as two private-use characters
(START, STOP) around the matches; the text is escaped first and only then are those
characters turned into <mark>: no text from the database is ever marked safe as it is.

Queries, whatever the data: one for the counts of every kind (a UNION of one
COUNT per source), one for the page (a UNION of each source's matches, ranked,
cut to PER_PAGE), then one per kind on that page to fetch its rows with their
highlights, and one more where a source must `prepare` its rows. So at most
2 + 2 × PER_PAGE, in practice 3 to 6.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import TemplateView

from apps.core.panels import app_hooks
from apps.core.search import SearchSource

# Longer queries are cut to this many characters, and the page says so.
MAX_QUERY_LENGTH = 200
PER_PAGE = 10
# The fallback reads at most this many words of a query.
MAX_TERMS = 8
CONFIG = "english"
MIN_IN_TITLE = 3
# Around the matches, from the database or from `_mark_terms`: private-use characters
# that no text needs, turned into <mark> after escaping (`to_html`).
START, STOP = "\ue000", "\ue001"
# A snippet's length, before the marks: a page of results stays small.
SNIPPET_CHARS = 320
TITLE_CHARS = 300


def search_sources() -> list[SearchSource]:
    """Every installed app's sources, events first (`SearchSource.order`)."""
    sources = [source for hook in app_hooks("search_sources") for source in hook()]
    return sorted(sources, key=lambda source: source.order)


def clean_query(raw: str) -> tuple[str, bool]:
    """The query with its white space collapsed, cut to MAX_QUERY_LENGTH characters;
    and whether it was cut."""
    text = " ".join(raw.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


# --- Matching and ranking -------------------------------------------------------------


# Between the fields of a title or snippet; `tidy` drops those around empty fields.
JOIN = " · "


def _text(fields: tuple[str, ...]):
    """The fields' text, joined by JOIN (empty for a missing value)."""
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(JOIN))
        parts.append(Coalesce(F(name), Value(""), output_field=TextField()))
    if not parts:
        return Value("", output_field=TextField())
    return parts[0] if len(parts) == 1 else Concat(*parts, output_field=TextField())


def _any_contains(fields: tuple[str, ...], text: str) -> Q | None:
    condition = None
    for name in fields:
        match = Q(**{f"{name}__icontains": text})
        condition = match if condition is None else condition | match
    return condition


def terms(text: str) -> list[str]:
    """The fallback's words: web-search syntax dropped (quotes, "or", a leading "-"),
    each once, at most MAX_TERMS."""
    words = []
    for word in text.split():
        word = word.strip("\"'").lstrip("-")
        if word and word.lower() != "or" and word.lower() not in words:
            words.append(word.lower())
    return words[:MAX_TERMS]


def full_text_query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def matches(source: SearchSource, text: str) -> QuerySet | None:
    """The source's public rows that match, with `search_rank` (higher is better);
    None when the query has no word to look for."""
    # The words as typed, in a title: a bonus (and a match PostgreSQL's stemming may
    # miss, e.g. part of a word); not for a word or two of letters ("or" in "forum").
    in_title = _any_contains(source.title, text) if len(text) >= MIN_IN_TITLE else None
    if uses_full_text():
        query = full_text_query(text)
        vector = None
        weighted = (
            (source.title, "A"),
            (source.summary, "B"),
            (source.body + source.keywords, "C"),
        )
        for fields, weight in weighted:
            if fields:
                part = SearchVector(*fields, weight=weight, config=CONFIG)
                vector = part if vector is None else vector + part
        found = Q(search_vector=query)
        rank = SearchRank(F("search_vector"), query)
        if in_title is not None:
            found |= in_title
            rank = rank + Case(When(in_title, then=Value(1.0)), default=Value(0.0))
        rows = source.queryset.annotate(search_vector=vector).filter(found)
        return rows.annotate(search_rank=Cast(rank + Value(source.boost), FloatField()))

    words = terms(text)
    if not words:
        return None
    condition = Q()
    rank = Value(0.0)
    if in_title is not None:
        rank = Case(When(in_title, then=Value(3.0)), default=Value(0.0))
    for word in words:
        condition &= _any_contains(source.fields, word)
        whens = [
            When(found, then=Value(weight))
            for fields, weight in (
                (source.title, 3.0),
                (source.summary, 2.0),
                (source.body + source.keywords, 1.0),
            )
            if (found := _any_contains(fields, word)) is not None
        ]
        rank = rank + Case(*whens, default=Value(0.0))
    rank = rank + Value(source.boost * len(words))
    return source.queryset.filter(condition).annotate(search_rank=Cast(rank, FloatField()))


def _ranked(source: SearchSource, rows: QuerySet) -> QuerySet:
    """(kind, pk, rank, day) of each row: the shape every source shares in the UNION."""
    day = Cast(source.date, DateField()) if source.date else Value(None, output_field=DateField())
    return (
        rows.order_by()
        .annotate(search_kind=Value(source.key, output_field=CharField()), search_day=day)
        .values_list("search_kind", "pk", "search_rank", "search_day")
    )


def _counted(source: SearchSource, rows: QuerySet) -> QuerySet:
    return (
        rows.order_by()
        .annotate(search_kind=Value(source.key, output_field=CharField()))
        .values("search_kind")
        .annotate(search_count=Count("pk"))
        .values_list("search_kind", "search_count")
    )


def _union(querysets: list[QuerySet]) -> QuerySet:
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first


# --- Showing ----------------------------------------------------------------------------


def to_html(text: str) -> SafeString:
    """`text` escaped, its START…STOP marks as <mark>…</mark> (always balanced)."""
    html, marking = [], False
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START:
            if not marking:
                html.append("<mark>")
                marking = True
        elif piece == STOP:
            if marking:
                html.append("</mark>")
                marking = False
        else:
            html.append(escape(piece))
    if marking:
        html.append("</mark>")
    return mark_safe("".join(html))  # noqa: S308 - every piece of text escaped above


MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Bold, code, headings, and tables' rules and bars.
MARKDOWN_MARKS = re.compile(r"(\*\*|__|`|^#+\s+|-{3,}|\|)", flags=re.MULTILINE)


def plain(text: str) -> str:
    """Text for a snippet: Markdown's marks dropped (a story's body), one line, without
    the JOINs of empty fields."""
    text = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", text))
    text = " ".join(text.split())
    text = re.sub(r"(?: ·)+ ", " · ", f" {text} ").strip()
    return text.removeprefix("· ").removesuffix(" ·").strip()


def _mark_terms(text: str, words: list[str]) -> str:
    if not words:
        return text
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.sub(f"({pattern})", rf"{START}\1{STOP}", text, flags=re.IGNORECASE)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def excerpt(text: str, words: list[str], limit: int = SNIPPET_CHARS) -> str:
    """Up to `limit` characters of `text` around the first of the words found, marked."""
    text = plain(text)
    lowered = text.lower()
    found = [lowered.find(word) for word in words if word in lowered]
    start = max(min(found) - limit // 4, 0) if found else 0
    if start:
        start = text.find(" ", start) + 1 or start
    snippet = _cut(text[start:], limit)
    return _mark_terms(("… " if start else "") + snippet, words)


@dataclass(frozen=True)
class SearchHit:
    source: SearchSource
    title: SafeString
    url: str
    date: date | datetime | None
    snippet: SafeString


@dataclass(frozen=True)
class KindCount:
    source: SearchSource
    count: int

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def label(self) -> str:
        return self.source.label


@dataclass(frozen=True)
class HitGroup:
    kind: KindCount
    hits: list[SearchHit]

    @property
    def more(self) -> bool:
        return self.kind.count > len(self.hits)


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    kinds: list[KindCount]  # those with results, in the sources' order
    total: int  # of every kind
    kind: KindCount | None  # the kind chosen (?kind=), or None for all
    page: Page  # of SearchHits
    groups: list[HitGroup]  # the page's hits by kind, the best first

    @property
    def count(self) -> int:
        """Results in the list shown: the chosen kind's, or all."""
        return self.kind.count if self.kind else self.total


def _fetch(source: SearchSource, text: str, pks: list) -> dict:
    """The rows `pks` of the source as {pk: SearchHit}, with their highlights."""
    rows = source.queryset.filter(pk__in=pks).order_by()
    if source.select_related:
        rows = rows.select_related(*source.select_related)
    snippet_fields = source.summary + source.body
    if uses_full_text():
        query = full_text_query(text)
        common = {"config": CONFIG, "start_sel": START, "stop_sel": STOP}
        rows = rows.annotate(
            search_title=SearchHeadline(_text(source.title), query, highlight_all=True, **common),
            search_snippet=SearchHeadline(
                _text(snippet_fields),
                query,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                **common,
            ),
        )
        words = []
    else:
        rows = rows.annotate(search_title=_text(source.title), search_snippet=_text(snippet_fields))
        words = terms(text)
    rows = list(rows)
    if source.prepare is not None and rows:
        source.prepare(rows)
    hits = {}
    for row in rows:
        if uses_full_text():
            title = _cut(plain(row.search_title), TITLE_CHARS)
            snippet = _cut(plain(row.search_snippet or ""), SNIPPET_CHARS)
        else:
            title = _mark_terms(_cut(plain(row.search_title), TITLE_CHARS), words)
            snippet = excerpt(row.search_snippet or "", words)
        hits[row.pk] = SearchHit(
            source=source,
            title=to_html(title),
            url=source.url(row),
            date=getattr(row, source.date) if source.date else None,
            snippet=to_html(snippet),
        )
    return hits


def search(*, text: str, kind: str = "", page: str | int | None = None) -> SearchOutcome:
    """Search every source for `text` (cleaned: `clean_query`); `kind` keeps one kind
    (an unknown kind is ignored); `page` is the page number (out of range: the last,
    not a number: the first)."""
    sources = search_sources()
    matched = [(source, rows) for source in sources if (rows := matches(source, text)) is not None]
    counts = {}
    if matched:
        counts = dict(_union([_counted(source, rows) for source, rows in matched]))
    kinds = [
        KindCount(source=source, count=counts[source.key])
        for source, _rows in matched
        if counts.get(source.key)
    ]
    chosen = next((entry for entry in kinds if entry.key == kind), None)
    if chosen is None and kind:
        chosen = next((KindCount(source=s, count=0) for s in sources if s.key == kind), None)
    listed = [
        (source, rows)
        for source, rows in matched
        if counts.get(source.key) and (chosen is None or source.key == chosen.key)
    ]
    total = sum(entry.count for entry in kinds)
    ranked = None
    if listed:
        ranked = _union([_ranked(source, rows) for source, rows in listed]).order_by(
            "-search_rank", F("search_day").desc(nulls_last=True), "search_kind", "pk"
        )
    paginator = Paginator(ranked if ranked is not None else [], PER_PAGE)
    paginator.count = chosen.count if chosen else total
    current = paginator.get_page(page)
    rows = list(current.object_list) if paginator.count else []

    by_key = {source.key: source for source in sources}
    wanted: dict[str, list] = {}
    for key, pk, _rank, _day in rows:
        wanted.setdefault(key, []).append(pk)
    fetched = {key: _fetch(by_key[key], text, pks) for key, pks in wanted.items()}
    hits = [fetched[key][pk] for key, pk, _rank, _day in rows if pk in fetched[key]]
    current.object_list = hits

    counted = {entry.key: entry for entry in kinds}
    groups: dict[str, HitGroup] = {}
    for hit in hits:
        key = hit.source.key
        if key not in groups:
            groups[key] = HitGroup(kind=counted[key], hits=[])
        groups[key].hits.append(hit)
    return SearchOutcome(
        query=text,
        kinds=kinds,
        total=total,
        kind=chosen,
        page=current,
        groups=list(groups.values()),
    )


class SearchView(TemplateView):
    """/search/?q=…[&kind=…][&page=…]: the search form, and with a query its results,
    by kind, PER_PAGE a page. Not cached: the answers are as many as the questions,
    and each page costs a fixed number of queries (see the module's doc)."""

    template_name = "site/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text, trimmed = clean_query(self.request.GET.get("q", ""))
        context["query"] = text
        context["trimmed"] = trimmed
        context["max_length"] = MAX_QUERY_LENGTH
        if text:
            context["outcome"] = search(
                text=text,
                kind=self.request.GET.get("kind", ""),
                page=self.request.GET.get("page"),
            )
        return context
