"""What news offers to /search/ (apps.core.search): published stories and
publications, each with its public address. A story's body is Markdown: its snippet
drops the marks (apps.site.search.plain)."""

from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchSource
from apps.monitoring.records import published

from .models import Publication, Story


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="stories",
            label=_("Stories"),
            queryset=published(Story.objects.all()),
            title=("title",),
            summary=("summary",),
            body=("body",),
            date="published_on",
            url=Story.get_public_url,
            order=20,
        ),
        SearchSource(
            key="publications",
            label=_("Publications"),
            queryset=published(Publication.objects.all()),
            title=("title",),
            summary=("summary",),
            date="published_on",
            url=Publication.get_public_url,
            order=21,
        ),
    ]
