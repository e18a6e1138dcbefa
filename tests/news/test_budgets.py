"""Query and size budgets: /news/, a story's page, /news/publications/, the feeds, the
staff's story list and the home page run the same number of queries with 5 published
stories and publications as with 50, and send about the same number of bytes (a page
holds at most 10 stories; a story's page one story)."""

import datetime

import pytest
from django.urls import reverse

from apps.monitoring.models import ReviewStatus
from apps.news.feeds import FEED_LIMIT
from apps.programme.models import Component
from tests.events.factories import EventFactory
from tests.helpers import assert_size_flat, query_count, response_size
from tests.photos.factories import PhotoFactory

from .factories import PublicationFactory, StoryFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50

# The most queries each may run, and the most bytes with MANY records (measured in the
# comments). /news/: the components (filter), the stories' count and page, their lead
# photos and components, the newest publications and their components, the navigation.
QUERIES = {
    "list": 8,  # measured: 8
    "story": 6,  # measured: 5 (+ the story's photo, components and public events)
    "publications": 6,  # measured: 5
    "feed": 3,  # measured: 3 (the stories and their components; no photo)
    # The latest 3 stories and their photos: 2 of the home page's queries
    # (tests/site/test_query_budgets.py has the page's budget: 19 without stories).
    "home": 20,  # measured: 17 with the programme facts only
}
BYTES = {
    "list": 30_000,  # measured: 24,568 (20 stories), 24,940 (50): a page of 10
    "story": 12_000,  # measured: 9,200
    "publications": 19_000,  # measured: 14,985 (20), 15,357 (50): a page of 10
    "feed": 10_000,  # measured: 7,886: the newest 20
}


@pytest.fixture
def world(programme_facts):
    components = list(Component.objects.order_by("number"))
    photo = PhotoFactory()
    events = [EventFactory(status=ReviewStatus.APPROVED, slug=f"event-{n}") for n in range(3)]
    story = StoryFactory(
        status=ReviewStatus.APPROVED,
        slug="the-story",
        published_on=datetime.date(2017, 1, 1),  # the oldest: on no list's first page
        photo=photo,
        components=components,
        events=events,
    )

    def add(count: int) -> None:
        for n in range(count):
            StoryFactory(
                status=ReviewStatus.APPROVED,
                photo=photo,
                components=components[: 1 + n % 3],
                events=events[: n % 3],
                published_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
            )
            PublicationFactory(status=ReviewStatus.APPROVED, components=components[:2])
            # What the public never sees costs nothing either.
            StoryFactory(status=ReviewStatus.SUBMITTED)

    return {"story": story, "add": add}


def pages(story) -> dict[str, str]:
    return {
        "list": reverse("news:list"),
        "story": story.get_public_url(),
        "publications": reverse("news:publication_list"),
        "feed": reverse("news:feed_rss"),
        "home": reverse("site:home"),
    }


@pytest.mark.parametrize("page", list(QUERIES))
def test_public_pages_query_count_is_flat(client, world, page):
    url = pages(world["story"])[page]
    world["add"](FEW)
    with_few = query_count(client, url)
    world["add"](MANY - FEW)
    with_many = query_count(client, url)
    assert with_many == with_few, f"{url}: {with_few} queries with {FEW}, {with_many} with {MANY}"
    assert with_many <= QUERIES[page]


@pytest.mark.parametrize("page", list(BYTES))
def test_public_pages_size_is_flat(client, world, page):
    url = pages(world["story"])[page]
    world["add"](FEED_LIMIT)  # every page full, and the feed's 20 stories
    small = response_size(client, url)
    world["add"](MANY - FEED_LIMIT)
    large = response_size(client, url)
    assert_size_flat(url=url, small=small, large=large, budget=BYTES[page])


def test_filtered_list_query_count_is_flat(client, world):
    world["add"](FEW)
    with_few = query_count(client, reverse("news:list"), component="connectivity")
    world["add"](MANY - FEW)
    assert query_count(client, reverse("news:list"), component="connectivity") == with_few


def test_staff_story_list_query_count_is_flat(client, programme_facts, cid_staff):
    for _n in range(FEW):
        StoryFactory(unit=cid_staff.unit, created_by=cid_staff)
    client.force_login(cid_staff)
    url = reverse("news_staff:story_list")
    with_few = query_count(client, url)
    small = response_size(client, url)
    for _n in range(MANY - FEW):
        StoryFactory(unit=cid_staff.unit, created_by=cid_staff)
    assert query_count(client, url) == with_few
    assert with_few <= 12
    large = response_size(client, url)
    # The list is paginated by the kit (25 a page): it grows up to a full page only.
    assert large <= 40_000
    assert small < large
