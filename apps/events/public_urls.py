"""Public pages, under /events/ (config/urls.py). Cached for anonymous visitors until
what they show changes (apps.core.public_cache, purge_on_change in apps.py). The
calendar files are not: the stored copy would lose their Content-Disposition, and
they cost one query."""

from django.urls import path

from apps.core.public_cache import cache_public_page

from . import public

app_name = "events_public"

urlpatterns = [
    path("", cache_public_page(public.EventListView.as_view()), name="list"),
    path("calendar.ics", public.calendar_feed, name="calendar"),
    path(
        "series/<slug:slug>/",
        cache_public_page(public.SeriesDetailView.as_view()),
        name="series",
    ),
    path("<slug:slug>/", cache_public_page(public.EventDetailView.as_view()), name="detail"),
    path(
        "<slug:slug>/calendar.ics",
        public.event_calendar,
        name="detail_calendar",
    ),
]
