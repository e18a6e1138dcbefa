"""What events offers to /search/ (apps.core.search): published events and the
series they belong to (the ASEAN Media Forum), each with its public page."""

from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchSource
from apps.monitoring.records import published

from .models import Event, Series


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="events",
            label=_("Events"),
            queryset=published(Event.objects.all()),
            title=("title",),
            summary=("summary",),
            body=("description", "venue"),
            keywords=("series__title",),
            date="starts_at",
            url=Event.get_public_url,
            order=10,
        ),
        SearchSource(
            key="event-series",
            label=_("Event series"),
            # Reference data, public as a whole (its page lists only published editions).
            queryset=Series.objects.all(),
            title=("title",),
            summary=("description",),
            url=Series.get_absolute_url,
            order=11,
            # Its page leads to every edition: above them.
            boost=0.5,
        ),
    ]
