"""Public pages, under /news/ (config/urls.py). Cached for anonymous visitors until
what they show changes (apps.core.public_cache, purge_on_change in apps.py). The
publication downloads are not: a file streams, and costs one query."""

from django.urls import path

from apps.core.public_cache import cache_public_page

from . import feeds, public

app_name = "news"

urlpatterns = [
    path("", cache_public_page(public.StoryListView.as_view()), name="list"),
    path("feed/", cache_public_page(feeds.StoriesRssFeed()), name="feed_rss"),
    path("feed/atom/", cache_public_page(feeds.StoriesAtomFeed()), name="feed_atom"),
    path(
        "publications/",
        cache_public_page(public.PublicationListView.as_view()),
        name="publication_list",
    ),
    path(
        "publications/<slug:slug>/download/",
        public.publication_download,
        name="publication_download",
    ),
    path("<slug:slug>/", cache_public_page(public.StoryDetailView.as_view()), name="story_detail"),
]
