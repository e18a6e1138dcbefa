"""The public pages under /news/: only approved, public records show; drafts,
submitted, returned and non-public ones answer 404; the component filter ignores a
bad value; the feeds are valid RSS 2.0 and Atom; the home page shows the latest
three stories."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from apps.monitoring.models import ReviewStatus
from apps.news import services
from apps.news.models import Story
from apps.programme.models import Component
from tests.events.factories import EventFactory
from tests.news.factories import PublicationFactory, StoryFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

APPROVED = ReviewStatus.APPROVED
ATOM = "{http://www.w3.org/2005/Atom}"
NOT_SHOWN = [
    {"status": ReviewStatus.DRAFT},
    {"status": ReviewStatus.SUBMITTED},
    {"status": ReviewStatus.RETURNED},
    {"status": APPROVED, "is_public": False},
]


def component(slug: str) -> Component:
    return Component.objects.get(slug=slug)


# --- /news/ -------------------------------------------------------------------------


def test_story_list_shows_published_stories_newest_first(client, programme_facts):
    StoryFactory(status=APPROVED, title="Older story", published_on=datetime.date(2018, 1, 5))
    StoryFactory(status=APPROVED, title="Newer story", published_on=datetime.date(2019, 3, 1))
    for values in NOT_SHOWN:
        StoryFactory(title=f"Hidden {values['status']} {values.get('is_public')}", **values)
    response = client.get(reverse("news:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert "Hidden" not in html
    assert "2 stories" in html
    assert 'href="/news/feed/"' in html
    assert 'type="application/atom+xml"' in html


def test_story_list_when_empty_says_so(client, programme_facts):
    response = client.get(reverse("news:list"))
    assert "No stories have been published yet." in response.content.decode()


def test_story_list_filters_by_component(client, programme_facts):
    processes, connectivity = component("organisational-processes"), component("connectivity")
    StoryFactory(status=APPROVED, title="About processes", components=[processes])
    StoryFactory(status=APPROVED, title="About connectivity", components=[connectivity])
    response = client.get(reverse("news:list"), {"component": "connectivity"})
    html = response.content.decode()
    assert "About connectivity" in html
    assert "About processes" not in html
    assert '<option value="connectivity" selected>' in html
    assert "Clear the filters" in html


@pytest.mark.parametrize("value", ["no-such-component", "<script>", "1' OR '1'='1", "x" * 500])
def test_story_list_ignores_a_bad_component(client, programme_facts, value):
    StoryFactory(status=APPROVED, title="Any story")
    response = client.get(reverse("news:list"), {"component": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Any story" in html
    assert "Some filters were not understood and were left out: Component." in html
    assert "<script>" not in html.split("</header>", 1)[-1].split("<footer", 1)[0]


def test_story_list_pages_by_ten(client, programme_facts):
    for day in range(1, 12):  # 11 stories: ten on the first page, one on the second
        StoryFactory(
            status=APPROVED, title=f"Day {day:02d} story", published_on=datetime.date(2019, 1, day)
        )
    first = client.get(reverse("news:list")).content.decode()
    assert first.count('class="portal-card portal-card--story"') == 10
    assert "Day 11 story" in first
    assert "Day 01 story" not in first
    assert 'href="?page=2"' in first
    second = client.get(reverse("news:list"), {"page": 2}).content.decode()
    assert second.count('class="portal-card portal-card--story"') == 1
    assert "Day 01 story" in second


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0"])
def test_story_list_bad_page_numbers_show_a_page(client, programme_facts, page):
    StoryFactory(status=APPROVED, title="Only story")
    response = client.get(reverse("news:list"), {"page": page})
    assert response.status_code == 200
    assert "Only story" in response.content.decode()


def test_story_list_shows_the_newest_publications(client, programme_facts):
    PublicationFactory(status=APPROVED, title="Public report")
    PublicationFactory(status=ReviewStatus.DRAFT, title="Draft report")
    html = client.get(reverse("news:list")).content.decode()
    assert "Public report" in html
    assert "Draft report" not in html
    assert reverse("news:publication_list") in html


# --- /news/<slug>/ ------------------------------------------------------------------


def test_story_page_shows_the_story(client, programme_facts):
    photo = PhotoFactory(credit="Rafly Rinaldy", copyright_holder="GIZ", alt_text="Editors")
    event = EventFactory(status=APPROVED, title="ASEAN Media Forum 2019", slug="amf-2019")
    hidden_event = EventFactory(status=ReviewStatus.DRAFT, title="Draft forum", slug="draft-f")
    story = StoryFactory(
        status=APPROVED,
        title="Forum on the digital economy",
        summary="Editors met in Bangkok.",
        body="## Take-aways\n\nReaders want **facts**.\n\n<script>alert(1)</script>",
        photo=photo,
        components=[component("organisational-processes")],
        events=[event, hidden_event],
        published_on=datetime.date(2019, 11, 7),
    )
    response = client.get(reverse("news:story_detail", args=[story.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "Forum on the digital economy" in html
    assert "Editors met in Bangkok." in html
    assert '<time datetime="2019-11-07">' in html
    assert "<h2>Take-aways</h2>" in html
    assert "<strong>facts</strong>" in html
    assert "<script>alert" not in html
    assert 'alt="Editors"' in html
    assert "Rafly Rinaldy" in html
    assert "GIZ" in html
    assert "Organisational processes" in html
    assert 'href="/events/amf-2019/"' in html
    assert "ASEAN Media Forum 2019" in html
    assert "Draft forum" not in html
    assert '<meta property="og:type" content="article">' in html


def test_story_page_hides_a_photo_that_is_not_public(client, programme_facts):
    photo = PhotoFactory(is_published=False, alt_text="Unpublished picture")
    story = StoryFactory(status=APPROVED, photo=photo)
    html = client.get(reverse("news:story_detail", args=[story.slug])).content.decode()
    assert "Unpublished picture" not in html


@pytest.mark.parametrize("values", NOT_SHOWN)
def test_story_page_is_404_unless_published(client, programme_facts, values):
    story = StoryFactory(**values)
    assert client.get(reverse("news:story_detail", args=[story.slug])).status_code == 404


def test_story_page_unknown_slug_is_404(client, programme_facts):
    assert client.get("/news/no-such-story/").status_code == 404


# --- Publications ---------------------------------------------------------------------


def test_publication_list_shows_published_publications(client, programme_facts):
    PublicationFactory(status=APPROVED, title="Media Forum report", language="id")
    for values in NOT_SHOWN:
        PublicationFactory(title=f"Hidden {values['status']}", **values)
    response = client.get(reverse("news:publication_list"))
    html = response.content.decode()
    assert "Media Forum report" in html
    assert "Hidden" not in html
    assert "Indonesian" in html
    assert "PDF" in html
    assert "1 publication" in html


def test_publication_list_filters_by_kind_and_ignores_a_bad_one(client, programme_facts):
    PublicationFactory(status=APPROVED, title="A toolkit", kind="toolkit")
    PublicationFactory(status=APPROVED, title="A report", kind="report")
    html = client.get(reverse("news:publication_list"), {"kind": "toolkit"}).content.decode()
    assert "A toolkit" in html
    assert "A report" not in html
    html = client.get(reverse("news:publication_list"), {"kind": "poem"}).content.decode()
    assert "A toolkit" in html
    assert "A report" in html
    assert "left out: Kind." in html


def test_publication_download_serves_a_published_file(client, programme_facts):
    publication = PublicationFactory(status=APPROVED, slug="media-report")
    response = client.get(reverse("news:publication_download", args=["media-report"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="media-report.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert publication.get_public_url() == "/news/publications/media-report/download/"


@pytest.mark.parametrize("values", NOT_SHOWN)
def test_publication_download_is_404_unless_published(client, programme_facts, values):
    publication = PublicationFactory(**values)
    url = reverse("news:publication_download", args=[publication.slug])
    assert client.get(url).status_code == 404


# --- Feeds ------------------------------------------------------------------------------


def test_rss_feed_is_valid_rss_2(client, programme_facts):
    StoryFactory(
        status=APPROVED,
        title="Launch of the Master Plan",
        slug="launch",
        summary="It was launched.",
        published_on=datetime.date(2018, 11, 14),
        components=[component("organisational-processes")],
    )
    StoryFactory(status=ReviewStatus.DRAFT, title="A draft")
    response = client.get(reverse("news:feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "News from the ASEAN Secretariat programme"
    assert channel.findtext("link").endswith("/news/")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Launch of the Master Plan"]
    item = items[0]
    assert item.findtext("link") == "http://testserver/news/launch/"
    assert item.findtext("description") == "It was launched."
    assert item.findtext("pubDate").startswith("Wed, 14 Nov 2018")
    assert item.findtext("category") == "Organisational processes"


def test_atom_feed_is_valid_atom(client, programme_facts):
    StoryFactory(status=APPROVED, title="Forum story", slug="forum-story")
    response = client.get(reverse("news:feed_atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "News from the ASEAN Secretariat programme"
    assert root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title") == "Forum story"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/news/forum-story/"
    assert entry.findtext(f"{ATOM}published").startswith("2018-11-14T")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}id")


def test_feeds_hold_at_most_twenty_stories(client, programme_facts):
    for day in range(1, 23):
        StoryFactory(status=APPROVED, published_on=datetime.date(2019, 1, day))
    root = ET.fromstring(client.get(reverse("news:feed_rss")).content)  # noqa: S314 (our own feed)
    assert len(root.find("channel").findall("item")) == 20


# --- Home page ---------------------------------------------------------------------------


def test_home_shows_the_latest_three_stories(client, programme_facts):
    for day in range(1, 5):
        StoryFactory(
            status=APPROVED, title=f"Home story {day}", published_on=datetime.date(2020, 1, day)
        )
    StoryFactory(
        status=ReviewStatus.DRAFT, title="Home draft", published_on=datetime.date(2021, 1, 1)
    )
    html = client.get(reverse("site:home")).content.decode()
    assert "Latest news" in html
    assert "Home story 4" in html
    assert "Home story 2" in html
    assert "Home story 1" not in html
    assert "Home draft" not in html
    newest = Story.objects.get(title="Home story 4")
    assert f'href="{newest.get_public_url()}"' in html


def test_home_without_stories_has_no_news_section(client, programme_facts):
    assert "Latest news" not in client.get(reverse("site:home")).content.decode()


# --- Cache ----------------------------------------------------------------------------------


def test_approving_a_story_purges_the_cached_list(
    client, programme_facts, settings, reviewer, django_capture_on_commit_callbacks
):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    story = StoryFactory(status=ReviewStatus.SUBMITTED, title="Soon public")
    assert "Soon public" not in client.get(reverse("news:list")).content.decode()
    assert "Soon public" not in client.get(reverse("news:list")).content.decode()  # stored
    with django_capture_on_commit_callbacks(execute=True):
        services.story_approve(story=story, reviewer=reviewer)
    assert "Soon public" in client.get(reverse("news:list")).content.decode()
