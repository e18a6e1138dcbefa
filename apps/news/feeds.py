"""The stories as feeds: /news/feed/ (RSS 2.0) and /news/feed/atom/ (Atom 1.0), the
newest FEED_LIMIT published stories with their summaries, dates and components
(django.contrib.syndication). Cached like the pages (urls.py)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Story

FEED_LIMIT = 20


def _midday(day: datetime.date) -> datetime.datetime:
    """A story carries a date only; feeds need a moment: noon in the portal's zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class StoriesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("News from the ASEAN Secretariat programme")
    description = _(
        "Stories from the ASEAN Secretariat and GIZ programme: its components, events and results."
    )

    def link(self) -> str:
        return reverse("news:list")

    def feed_url(self) -> str:
        return reverse("news:feed_rss")

    def items(self):
        return selectors.stories_public()[:FEED_LIMIT]

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.summary

    def item_link(self, item: Story) -> str:
        return item.get_public_url()

    def item_guid(self, item: Story) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: Story) -> datetime.datetime:
        return _midday(item.published_on)

    def item_updateddate(self, item: Story) -> datetime.datetime:
        return max(item.reviewed_at or item.updated_at, _midday(item.published_on))

    def item_categories(self, item: Story) -> list[str]:
        return [component.title for component in item.components.all()]


class StoriesAtomFeed(StoriesRssFeed):
    feed_type = Atom1Feed
    subtitle = StoriesRssFeed.description

    def feed_url(self) -> str:
        return reverse("news:feed_atom")
