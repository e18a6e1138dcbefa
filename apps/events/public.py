"""Public pages under /events/: the list (upcoming, then past; filters kind, component,
year), an event's page, a series' page and the iCalendar feeds. Only published
events (approved and public); a draft's address is a 404. Cached for anonymous
visitors (apps.core.public_cache) until an event, session, speaker or sponsor changes."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from apps.programme.models import Component

from . import ical, selectors
from .models import Event

PER_PAGE = 12


class EventFilterForm(forms.Form):
    """The list's filters, as GET parameters. A value that is not a choice is ignored
    (the page says so), never an error page."""

    WHEN = [
        ("", gettext_lazy("Upcoming and past")),
        ("upcoming", gettext_lazy("Upcoming")),
        ("past", gettext_lazy("Past")),
    ]

    when = forms.ChoiceField(label=gettext_lazy("When"), choices=WHEN, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *Event.Kind.choices],
        required=False,
    )
    component = forms.ModelChoiceField(
        label=gettext_lazy("Component"),
        queryset=Component.objects.order_by("number"),
        to_field_name="slug",
        empty_label=gettext_lazy("All components"),
        required=False,
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]

    def filters(self) -> tuple[dict, list[str]]:
        """The valid filters, and the labels of those ignored."""
        self.is_valid()
        ignored = [str(self.fields[name].label) for name in self.errors]
        values = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return values, ignored


class EventListView(ListView):
    template_name = "events/public/event_list.html"
    context_object_name = "events"
    paginate_by = PER_PAGE

    def get_queryset(self):
        self.form = EventFilterForm(self.request.GET, years=selectors.public_event_years())
        values, self.ignored = self.form.filters()
        return selectors.public_event_list(
            kind=values.get("kind") or "",
            component=values.get("component"),
            year=values.get("year"),
            when=values.get("when") or "",
        )

    def paginate_queryset(self, queryset, page_size):
        # A page number past the end or not a number: the last or first page, not a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["ignored"] = self.ignored
        context["cards"] = [selectors.event_card(event) for event in context["events"]]
        context["filtered"] = any(
            self.request.GET.get(name) for name in ("when", "kind", "component", "year")
        )
        return context


class EventDetailView(TemplateView):
    template_name = "events/public/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = selectors.public_event(slug=kwargs["slug"])
        context.update(
            event=event,
            times=selectors.event_times(event),
            agenda=selectors.agenda_by_day(event=event),
            speakers=selectors.event_speakers(event=event),
            sponsors=selectors.event_sponsors_by_tier(event=event),
            participants=selectors.event_participants(event),
            participation=selectors.event_participation_public(event),
            crumbs=[{"title": _("Events"), "url": reverse("events_public:list")}],
        )
        return context


class SeriesDetailView(TemplateView):
    template_name = "events/public/series_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        series = selectors.series_public(slug=kwargs["slug"])
        editions = list(selectors.series_editions(series=series)[:50])
        context.update(
            series=series,
            editions=[(selectors.event_card(e), e.session_count) for e in editions],
            figures=selectors.series_figures(series=series),
            women_share=selectors.women_share_chart(
                selectors.series_women_share(editions=editions)
            ),
            crumbs=[{"title": _("Events"), "url": reverse("events_public:list")}],
        )
        return context


# The feed holds the events of the last year and everything later: what a calendar
# needs, and a bounded file.
FEED_LIMIT = 200


def _ics_response(body: str, *, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request):
    """Every published event (newest FEED_LIMIT), for a calendar to subscribe to."""
    events = selectors.events_public().order_by("-starts_at", "-pk")[:FEED_LIMIT]
    body = ical.calendar(
        events,
        name=_("ASEAN Secretariat programme events"),
        url_for=lambda event: request.build_absolute_uri(event.get_public_url()),
        host=request.get_host().split(":")[0],
    )
    return _ics_response(body, filename="asean-events.ics")


def event_calendar(request, slug: str):
    """One published event, to add to a calendar."""
    event = get_object_or_404(selectors.events_public(), slug=slug)
    body = ical.calendar(
        [event],
        name=event.title,
        url_for=lambda e: request.build_absolute_uri(e.get_public_url()),
        host=request.get_host().split(":")[0],
    )
    return _ics_response(body, filename=f"{event.slug}.ics")
