"""Browser-test cases of /search/ (see pages.py): the form alone, results with their
marks (the published ASEAN Media Forum 2019 of `events_data`, its series, a story),
one kind, and a search without results; at 1280 and 375 px."""

from .pages import PageCase
from .pages_events import events_data

RESULTS = "/search/?q=Media+Forum"


def search_data() -> None:
    from apps.monitoring.models import ReviewStatus
    from tests.news.factories import StoryFactory

    events_data()
    StoryFactory(
        title="Editors of ten member states at the ASEAN Media Forum",
        slug="editors-at-the-media-forum",
        summary="Media leaders met the region's opinion leaders in Jakarta.",
        status=ReviewStatus.APPROVED,
    )


PAGES = [
    PageCase("search", "/search/"),
    PageCase("search at 375px", "/search/", width=375),
    PageCase("search results", RESULTS, data=search_data),
    PageCase("search results at 375px", RESULTS, width=375, data=search_data),
    PageCase("search results of one kind", f"{RESULTS}&kind=events", data=search_data),
    PageCase("search without results", "/search/?q=nothing+like+this"),
    PageCase("search without results at 375px", "/search/?q=nothing+like+this", width=375),
]
