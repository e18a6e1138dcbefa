"""/search/: one search over public content (apps/site/search.py, docs/search.md).

Run on PostgreSQL (full-text search) and on SQLite (the fallback): every test holds
on both."""

import datetime
import re

import pytest
from django.urls import reverse

from apps.monitoring import search as monitoring_search
from apps.monitoring.models import ReviewStatus
from apps.programme.models import Component
from apps.site import search
from apps.site.views import ResultsView
from tests.connectivity.factories import (
    CoordinationMeetingFactory,
    InitiativeFactory,
    UrbanisationActionFactory,
)
from tests.events.factories import EventFactory, SeriesFactory, jakarta
from tests.inclusion.factories import AccessibilityMeasureFactory, PolicyReviewFactory
from tests.monitoring.factories import ActivityFactory, IndicatorFactory, ResultFactory
from tests.news.factories import PublicationFactory, StoryFactory
from tests.processes.factories import (
    IntegrityMeasureFactory,
    LegalInstrumentFactory,
    ProcessImprovementFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

APPROVED = ReviewStatus.APPROVED
NOT_PUBLISHED = [
    {"status": ReviewStatus.DRAFT},
    {"status": ReviewStatus.SUBMITTED},
    {"status": ReviewStatus.RETURNED},
    {"status": APPROVED, "is_public": False},
]
URL = reverse("site:search")


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def text_of(response) -> str:
    return response.content.decode()


def titles(response) -> list[str]:
    """The results' titles as shown, marks removed, in order."""
    return [
        re.sub(r"</?mark>", "", title)
        for title in re.findall(
            r'class="search-hit__title"><a href="[^"]*">(.*?)</a>', text_of(response)
        )
    ]


def links(response) -> list[str]:
    return re.findall(r'class="search-hit__title"><a href="([^"]*)"', text_of(response))


# --- The form --------------------------------------------------------------------------


def test_search_without_a_query_shows_the_form_and_tips(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the layout's own; nothing searched
        response = get(client)
    page = text_of(response)
    assert "<title>Search · " in page
    assert 'id="search-q"' in page
    assert "Tips" in page
    assert "search-results" not in page


def test_search_with_only_spaces_is_an_empty_query(client):
    page = text_of(get(client, q="   \t  "))
    assert "Tips" in page
    assert "search-results" not in page


def test_search_form_is_in_every_page_header(client, programme_facts):
    page = text_of(client.get("/"))
    assert page.count(f'action="{URL}" role="search"') == 2  # wide screens, and the menu
    assert '<label class="visually-hidden" for="portal-search-wide">Search</label>' in page
    assert 'for="portal-search-menu"' in page


# --- The done-when: Media Forum ----------------------------------------------------------


@pytest.fixture
def media_forum(programme_facts):
    series = SeriesFactory(
        slug="asean-media-forum",
        title="ASEAN Media Forum",
        description="Media leaders of the member states meet the region's opinion leaders.",
    )
    editions = [
        EventFactory(
            title=f"ASEAN Media Forum {year}",
            slug=f"asean-media-forum-{year}",
            series=series,
            status=APPROVED,
            starts_at=jakarta(year, 10, 15),
            ends_at=jakarta(year, 10, 16, 17),
        )
        for year in (2018, 2019)
    ]
    draft = EventFactory(
        title="ASEAN Media Forum 2020",
        slug="asean-media-forum-2020",
        series=series,
        starts_at=jakarta(2020, 10, 15),
        ends_at=jakarta(2020, 10, 16, 17),
    )
    story = StoryFactory(
        title="Editors from ten member states at the Media Forum",
        slug="editors-at-the-media-forum",
        status=APPROVED,
    )
    story.events.set([editions[1]])
    StoryFactory(title="Draft: Media Forum wrap-up", slug="draft-wrap-up")
    return {"series": series, "editions": editions, "draft": draft, "story": story}


def test_search_media_forum_finds_the_series_its_editions_and_the_stories(client, media_forum):
    response = get(client, q="Media Forum")
    page = text_of(response)

    assert "<title>Search results for “Media Forum” · " in page
    assert "<h1" in page
    assert "Search results for “Media Forum”" in page
    found = links(response)
    # The series first: its page leads to every edition.
    assert found[0] == reverse("events_public:series", args=["asean-media-forum"])
    assert "/events/asean-media-forum-2018/" in found
    assert "/events/asean-media-forum-2019/" in found
    assert reverse("news:story_detail", args=["editors-at-the-media-forum"]) in found
    # Drafts are not found.
    assert "/events/asean-media-forum-2020/" not in page
    assert "Draft: Media Forum" not in page
    # Grouped by kind, with counts.
    assert ">Events (2)</h3>" in page
    assert ">Event series (1)</h3>" in page
    assert ">Stories (1)</h3>" in page
    assert "All (4)" in page
    # The words found are marked.
    assert "ASEAN <mark>Media</mark> <mark>Forum</mark> 2019" in page


def test_search_result_links_open_public_pages(client, media_forum):
    for link in links(get(client, q="Media Forum")):
        assert client.get(link).status_code == 200, link


# --- Public only --------------------------------------------------------------------------


def _every_kind(word: str, **state) -> None:
    """One record of every searchable reviewed kind with `word` in its title."""
    EventFactory(title=f"{word} event", **state)
    ActivityFactory(title=f"{word} activity", **{"is_public": True, **state})
    StoryFactory(title=f"{word} story", **state)
    PublicationFactory(title=f"{word} publication", **state)
    ProcessImprovementFactory(title=f"{word} improvement", **state)
    StrategyFactory(title=f"{word} strategy", **state)
    LegalInstrumentFactory(title=f"{word} instrument", **state)
    IntegrityMeasureFactory(title=f"{word} measure", **state)
    InitiativeFactory(title=f"{word} initiative", **state)
    UrbanisationActionFactory(title=f"{word} city action", **state)
    CoordinationMeetingFactory(body__name=f"{word} committee", **state)
    PolicyReviewFactory(title=f"{word} review", **state)
    AccessibilityMeasureFactory(title=f"{word} accessibility", **state)


def test_search_finds_every_published_kind(client, programme_facts):
    _every_kind("Pelican", status=APPROVED)
    IndicatorFactory(title="Pelican indicator")
    SeriesFactory(title="Pelican series")
    response = get(client, q="pelican")
    assert "All (15)" in text_of(response)
    assert len(titles(response)) == 10


@pytest.mark.parametrize("state", NOT_PUBLISHED, ids=lambda s: "-".join(map(str, s.values())))
def test_search_never_finds_unpublished_records(client, programme_facts, state):
    _every_kind("Cormorant", **state)
    IndicatorFactory(title="Cormorant indicator", is_public=False)
    page = text_of(get(client, q="cormorant"))
    assert "Cormorant" not in page  # the query, echoed, is in lower case
    assert "Nothing public matches your search." in page


INTERNAL = "Quokkasecret"


def test_search_never_reads_internal_fields(client, programme_facts):
    CoordinationMeetingFactory(
        status=APPROVED,
        body__name="Heron committee",
        agenda=f"{INTERNAL} agenda",
        internal_notes=f"{INTERNAL}: two delegations were late.",
    )
    ProcessImprovementFactory(
        status=APPROVED,
        title="Heron process",
        notes=f"{INTERNAL} notes",
        evidence_summary=f"{INTERNAL} evidence",
    )
    InitiativeFactory(status=APPROVED, title="Heron initiative", progress_note=INTERNAL)
    # Found by its public words, the snippets hold none of the internal ones.
    page = text_of(get(client, q="heron"))
    assert "All (3)" in page
    assert INTERNAL not in page
    # Searched for, the internal words find nothing.
    page = text_of(get(client, q=INTERNAL))
    assert "Nothing public matches your search." in page
    assert INTERNAL not in page.split('class="search-results"')[1]  # only the query echoed


def test_search_leaves_out_an_events_activity(client, programme_facts):
    event = EventFactory(title="Kingfisher forum", status=APPROVED)
    ActivityFactory(title="Kingfisher forum", status=APPROVED, is_public=True)
    event.activity = ActivityFactory(title="Kingfisher forum", status=APPROVED, is_public=True)
    event.save(update_fields=["activity"])
    page = text_of(get(client, q="kingfisher"))
    assert ">Events (1)</h3>" in page
    assert ">Activities (1)</h3>" in page


# --- Ranking, highlighting, escaping -----------------------------------------------------


def test_search_ranks_a_title_match_before_a_body_match(client, programme_facts):
    EventFactory(
        title="Annual workshop",
        description="The lighthouse keepers came too.",
        status=APPROVED,
        starts_at=jakarta(2020, 1, 10),
        ends_at=jakarta(2020, 1, 11),
    )
    EventFactory(
        title="Lighthouse dialogue",
        status=APPROVED,
        starts_at=jakarta(2018, 1, 10),
        ends_at=jakarta(2018, 1, 11),
    )
    StoryFactory(title="Notes", summary="About the lighthouse.", status=APPROVED)
    assert titles(get(client, q="lighthouse")) == [
        "Lighthouse dialogue",
        "Annual workshop",
        "Notes",
    ]
    assert titles(get(client, q="lighthouse", kind="events")) == [
        "Lighthouse dialogue",
        "Annual workshop",
    ]


def test_search_escapes_what_it_shows(client, programme_facts):
    EventFactory(
        title="<script>alert(1)</script> Puffin day",
        summary="<b>bold</b> & <mark>fake</mark> Puffin",
        status=APPROVED,
    )
    page = text_of(get(client, q="puffin"))
    assert "<script>alert" not in page
    assert "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Tags in a snippet: dropped by PostgreSQL's headline, escaped by the fallback.
    assert "<mark>fake" not in page
    assert "bold" in page
    assert "<mark>Puffin</mark>" in page


def test_search_snippet_drops_markdown_marks(client, programme_facts):
    StoryFactory(
        title="Osprey",
        summary="",
        body="The **osprey** came to [Jakarta](https://example.org/j).",
        status=APPROVED,
    )
    page = text_of(get(client, q="osprey"))
    assert "**" not in page
    assert "example.org/j" not in page
    assert "came to Jakarta" in page


# --- Edge cases ----------------------------------------------------------------------------


def test_search_trims_a_500_character_query(client, programme_facts):
    EventFactory(title="Albatross", status=APPROVED)
    query = "albatross " + "x" * 490
    response = get(client, q=query)
    page = text_of(response)
    assert response.context["query"] == query[: search.MAX_QUERY_LENGTH].rstrip()
    assert "only its first 200 were used" in page
    assert "x" * 191 not in page  # only the trimmed query is echoed
    assert len(response.content) < 60_000


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE events_event; --",
        "%",
        "_",
        "\\",
        "\\\\%_",
        "100%",
        '"unclosed',
        "-",
        "or",
        "& | ! ( ) : * <->",
        "ñandú 東南亞 🙂",
        "a" * 200,
    ],
)
def test_search_handles_odd_input(client, programme_facts, query):
    EventFactory(title="Regional forum on trade", status=APPROVED)
    page = text_of(get(client, q=query))
    assert "Nothing public matches your search." in page  # and never every row


def test_search_refuses_a_nul_character(client):
    assert client.get(URL, {"q": "media\x00forum"}).status_code == 400


def test_search_without_results_helps(client, programme_facts):
    page = text_of(get(client, q="nothing-like-this"))
    assert "Nothing public matches your search." in page
    assert "Check the spelling" in page
    assert 'href="/events/"' in page


# --- Kinds and pages -------------------------------------------------------------------------


@pytest.fixture
def twelve_events(programme_facts):
    return [
        EventFactory(
            title=f"Mangrove forum {n}",
            status=APPROVED,
            starts_at=jakarta(2019, 1, n + 1),
            ends_at=jakarta(2019, 1, n + 1, 17),
        )
        for n in range(12)
    ]


def test_search_pages_the_chosen_kind(client, twelve_events):
    StoryFactory(title="Mangrove story", status=APPROVED)
    first = get(client, q="mangrove", kind="events")
    assert len(titles(first)) == 10
    assert "Events: 12 results, page 1 of 2" in text_of(first)
    assert 'aria-current="page">Events (12)' in text_of(first)
    second = get(client, q="mangrove", kind="events", page=2)
    assert len(titles(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    # Beyond the last page: the last; not a number: the first.
    assert titles(get(client, q="mangrove", kind="events", page=99)) == titles(second)
    assert titles(get(client, q="mangrove", kind="events", page="x")) == titles(first)


def test_search_pages_the_merged_list(client, twelve_events):
    StoryFactory(title="Mangrove story", status=APPROVED, published_on=datetime.date(2021, 1, 1))
    first = get(client, q="mangrove")
    second = get(client, q="mangrove", page=2)
    assert len(titles(first)) + len(titles(second)) == 13
    assert "13 results, page 1 of 2" in text_of(first)
    # A group cut by the page links to all of its kind.
    assert "All 12 events" in text_of(first)


def test_search_ignores_an_unknown_kind(client, twelve_events):
    response = get(client, q="mangrove", kind="nonsense'--")
    assert response.context["outcome"].kind is None
    assert len(titles(response)) == 10


def test_search_kind_without_results_says_so(client, twelve_events):
    page = text_of(get(client, q="mangrove", kind="stories"))
    assert "No stories match your search." in page
    assert "See all 12 results" in page


# --- Addresses -------------------------------------------------------------------------------


def test_search_indicator_links_to_its_page_of_results(client, programme_facts):
    assert ResultsView.indicators_per_page == monitoring_search.RESULTS_PER_PAGE
    result = ResultFactory(component=Component.objects.get(slug="connectivity"))
    indicators = [
        IndicatorFactory(result=result, code=f"9.{n:02d}", title=f"Tern count number{n}", order=n)
        for n in range(16)
    ]
    last = indicators[-1]
    response = get(client, q="tern number15")
    assert links(response) == [f"/results/connectivity/?page=2#indicator-{last.pk}"]
    first = get(client, q="tern number0")
    assert links(first) == [f"/results/connectivity/#indicator-{indicators[0].pk}"]
    page = client.get("/results/connectivity/?page=2")
    assert f'id="indicator-{last.pk}"' in page.content.decode()


def test_search_component_records_link_to_their_section(client, programme_facts):
    improvement = ProcessImprovementFactory(title="Egret handling", status=APPROVED)
    meeting = CoordinationMeetingFactory(body__name="Egret body", status=APPROVED)
    found = links(get(client, q="egret"))
    assert (
        f"/components/organisational-processes/#processes-workstream-{improvement.workstream.slug}"
        in found
    )
    assert f"/components/connectivity/#body-{meeting.body.slug}" in found


# --- Budgets -------------------------------------------------------------------------------


def _published(count: int) -> None:
    """`count` published rows of seven kinds, all of one component (the header lists
    the components: new ones would grow every page)."""
    component = Component.objects.get(slug="connectivity")
    result = ResultFactory(component=component)
    for n in range(count):
        EventFactory(title=f"Harbour forum {n}", status=APPROVED)
        StoryFactory(title=f"Harbour story {n}", status=APPROVED)
        ActivityFactory(
            title=f"Harbour visit {n}", component=component, status=APPROVED, is_public=True
        )
        IndicatorFactory(title=f"Harbour throughput {n}", result=result)
        StrategyFactory(title=f"Harbour strategy {n}", status=APPROVED)
        UrbanisationActionFactory(title=f"Harbour lanes {n}", status=APPROVED)
        PolicyReviewFactory(title=f"Harbour rule {n}", status=APPROVED)


# Counts (1), the page (1), each kind on the page (up to 10) and an indicator's page
# number (1): a ceiling, whatever the data.
CEILING = 2 + search.PER_PAGE + 1


@pytest.mark.parametrize("kind", ["", "events", "indicators"])
def test_search_query_count_is_flat(client, programme_facts, django_assert_max_num_queries, kind):
    _published(5)
    with django_assert_max_num_queries(CEILING) as small:
        small_page = get(client, q="harbour", kind=kind)
    _published(45)
    with django_assert_max_num_queries(len(small.captured_queries)):
        large_page = get(client, q="harbour", kind=kind)
    if not kind:
        assert "350 results" in text_of(large_page)
    assert len(titles(large_page)) == 10
    # A page's size does not grow with the data.
    assert len(large_page.content) < 60_000
    assert len(large_page.content) < len(small_page.content) * 1.5


# --- The engine's pieces -------------------------------------------------------------------


def test_to_html_escapes_then_marks():
    marked = search.to_html(f"<b>{search.START}x{search.START}y{search.STOP} z{search.STOP}")
    assert marked == "&lt;b&gt;<mark>xy</mark> z"
    assert search.to_html(f"a{search.START}b") == "a<mark>b</mark>"


def test_clean_query():
    assert search.clean_query("  media \n forum ") == ("media forum", False)
    assert search.clean_query("x" * 201) == ("x" * 200, True)
    assert search.clean_query("x" * 200) == ("x" * 200, False)


def test_terms_drop_web_search_syntax():
    assert search.terms('"media forum" -draft or Media') == ["media", "forum", "draft"]


def test_excerpt_cuts_around_the_first_match():
    text = "word " * 200 + "needle " + "word " * 200
    snippet = search.excerpt(text, ["needle"])
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert f"{search.START}needle{search.STOP}" in snippet
    assert len(snippet) < search.SNIPPET_CHARS + 10


def test_plain_drops_empty_fields_joins():
    assert search.plain(" · Jakarta ·  · ") == "Jakarta"
    assert search.plain("A ·  · B") == "A · B"
