"""/sitemap.xml, /robots.txt and the page metadata search engines and link previews read."""

import datetime

import pytest
from django.urls import reverse
from django.utils.timezone import localdate
from lxml import etree

from apps.monitoring.models import ReviewStatus
from apps.programme.models import Unit
from tests.events.factories import EventFactory, SeriesFactory
from tests.news.factories import StoryFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
APPROVED = ReviewStatus.APPROVED


def sitemap(client) -> dict[str, str | None]:
    """{path: lastmod} of every URL in the sitemap."""
    response = client.get(reverse("site:sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    entries = {}
    for url in document.findall("s:url", NS):
        location = url.findtext("s:loc", namespaces=NS)
        assert location.startswith("http://testserver/")
        entries[location.removeprefix("http://testserver")] = url.findtext(
            "s:lastmod", namespaces=NS
        )
    return entries


@pytest.fixture
def published(programme_facts):
    unit = Unit.objects.get(abbreviation="CRD")
    series = SeriesFactory(slug="media-forum", title="ASEAN Media Forum")
    event = EventFactory(unit=unit, series=series, status=APPROVED, slug="media-forum-2019")
    EventFactory(unit=unit, status=ReviewStatus.DRAFT, slug="draft-event")
    EventFactory(unit=unit, status=APPROVED, is_public=False, slug="private-event")
    SeriesFactory(slug="empty-series")
    story = StoryFactory(unit=unit, status=APPROVED, slug="cmp-ii-launch")
    StoryFactory(unit=unit, status=ReviewStatus.SUBMITTED, slug="submitted-story")
    return {"event": event, "story": story}


def test_sitemap_lists_public_pages_components_events_series_and_stories(client, published):
    entries = sitemap(client)
    for path in (
        "/",
        "/about/",
        "/results/",
        "/events/",
        "/news/",
        "/open-data/",
        "/accessibility/",
        "/privacy/",
        "/legal-notice/",
        "/contact/",
        "/components/connectivity/",
        "/results/connectivity/",
        "/events/media-forum-2019/",
        "/events/series/media-forum/",
        "/news/cmp-ii-launch/",
        "/results/2018/",
        "/results/2021/",
    ):
        assert path in entries, path
    # The annual summaries: the term's years only (2018–2021).
    assert "/results/2017/" not in entries
    assert "/results/2022/" not in entries
    event = published["event"]
    # The day in the portal's time zone (Jakarta, UTC+7), as the sitemap writes it:
    # from 17:00 UTC it is already tomorrow there.
    assert entries["/events/media-forum-2019/"] == localdate(event.updated_at).isoformat()
    story = published["story"]
    assert entries["/news/cmp-ii-launch/"] == localdate(story.updated_at).isoformat()
    assert entries["/components/connectivity/"]  # lastmod where known


def test_sitemap_leaves_out_what_is_not_published(client, published):
    text = client.get(reverse("site:sitemap")).content.decode()
    for slug in (
        "draft-event",
        "private-event",
        "empty-series",
        "submitted-story",
        "/workspace/",
        "/admin/",
        "/accounts/",
    ):
        assert slug not in text


def test_sitemap_query_count_is_flat(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("site:sitemap"))
    unit = Unit.objects.get(abbreviation="CRD")
    for n in range(20):
        EventFactory(
            unit=unit,
            status=APPROVED,
            slug=f"more-{n}",
            series=SeriesFactory(slug=f"series-more-{n}"),
        )
        StoryFactory(
            unit=unit,
            status=APPROVED,
            slug=f"story-more-{n}",
            published_on=datetime.date(2019, 1, 1),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("site:sitemap"))
    assert response.content.count(b"<url>") > 40


def test_robots_txt_allows_the_public_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/workspace/", "/accounts/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize(
    "name", ["site:home", "site:about", "site:results", "site:open_data", "events_public:list"]
)
def test_public_pages_carry_language_description_and_open_graph(client, programme_facts, name):
    page = client.get(reverse(name)).content.decode()
    assert '<html lang="en">' in page
    assert '<meta name="description" content="' in page
    assert 'content=""' not in page.split("</head>")[0]
    for prop in ("og:title", "og:description", "og:type", "og:url"):
        assert f'<meta property="{prop}" content="' in page
    assert f'<meta property="og:url" content="http://testserver{reverse(name)}">' in page
