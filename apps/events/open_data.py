"""What events publishes on /open-data/ (apps.core.open_data, docs/open-data.md):
published events with their participation as the disclosure rule lets the public see
it. Registrations, speakers' details and sponsors' links are not part of it."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from apps.core.open_data import Column, Dataset, disclosed
from apps.monitoring import records
from apps.programme.models import Component

from . import selectors
from .models import Event

EVENT_COLUMNS = (
    Column("slug", _("The event's stable name; its page is /events/<slug>/.")),
    Column("title", _("The event's title.")),
    Column("series", _("The slug of the series it is an edition of, e.g. the Media Forum.")),
    Column("kind", _("forum, workshop, training, launch, dialogue or other.")),
    Column("state", _("scheduled, cancelled or completed.")),
    Column("start_date", _("The first day, in the event's own time zone (ISO date).")),
    Column("end_date", _("The last day, in the event's own time zone (ISO date).")),
    Column("time_zone", _("The event's time zone, e.g. Asia/Jakarta.")),
    Column("online", _("true when it was held online.")),
    Column("venue", _("Where it was held.")),
    Column("host_member_state", _("The host member state's ISO 3166-1 alpha-2 code.")),
    Column("components", _("The slugs of the components it belongs to, separated by “;”.")),
    Column("summary", _("One or two sentences about the event.")),
    Column(
        "participants",
        _(
            "How many took part, through the disclosure rule (rounded to the nearest 5, "
            "“<5” under 5); empty until its participation is approved and public."
        ),
    ),
)


def event_rows():
    """Published events (approved and public), newest first. Two queries: the events
    with their series, host state and monitoring activity, then their components."""
    events = (
        records.published(Event.objects.all())
        .select_related("series", "member_state", "activity")
        .prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("number")),
        )
        .order_by("-starts_at", "-pk")
    )
    for event in events:
        yield {
            "slug": event.slug,
            "title": event.title,
            "series": event.series.slug if event.series_id else "",
            "kind": event.kind,
            "state": event.state,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "time_zone": event.time_zone,
            "online": event.online,
            "venue": event.venue,
            "host_member_state": event.member_state.iso_code if event.member_state_id else "",
            "components": ";".join(component.slug for component in event.components.all()),
            "summary": event.summary,
            "participants": disclosed(selectors.event_participants(event)),
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="events",
            title=_("Events"),
            description=_(
                "One row per published event (approved by a programme adviser and public), "
                "cancelled ones included. Participation is an aggregate through the "
                "disclosure rule; nothing about registrations or individual participants "
                "is included."
            ),
            columns=EVENT_COLUMNS,
            rows=event_rows,
        ),
    ]
