"""Browser-test cases of the events app: see pages.py. `events_data` loads a published
ASEAN Media Forum 2019 (two days, an agenda with speakers, a sponsor) and a draft
2020 edition of the Culture and Information Division ("staff-information")."""

from .pages import PageCase, follow_link, in_turn, submit_empty_form

DRAFT_TITLE = "ASEAN Media Forum 2020"


def events_data() -> None:
    from apps.accounts.models import User
    from apps.events.models import Series
    from apps.events.services import events_facts_load
    from apps.monitoring.models import ReviewStatus
    from tests.events.factories import (
        EventFactory,
        SessionFactory,
        SpeakerFactory,
        SponsorFactory,
        jakarta,
    )

    events_facts_load()
    staff = User.objects.get(email="staff.information@asean.example.org")
    forum = Series.objects.get(slug="asean-media-forum")
    published = EventFactory(
        title="ASEAN Media Forum 2019",
        slug="asean-media-forum-2019",
        series=forum,
        unit=staff.unit,
        created_by=staff,
        status=ReviewStatus.APPROVED,
        description="Media leaders of the ten member states.\n\nSponsored by regional businesses.",
    )
    amara = SpeakerFactory(name="Amara Wongsakul", organisation="Bangkok Daily Review")
    maria = SpeakerFactory(name="Maria Dela Cruz", organisation="Manila Morning Post")
    SessionFactory(
        event=published,
        title="Opening remarks",
        kind="talk",
        starts_at=jakarta(2019, 10, 15, 9),
        ends_at=jakarta(2019, 10, 15, 9, 30),
        speakers=[amara],
    )
    SessionFactory(
        event=published,
        title="Panel: how the media report ASEAN integration",
        starts_at=jakarta(2019, 10, 15, 9, 30),
        ends_at=jakarta(2019, 10, 15, 11),
        speakers=[amara, maria],
    )
    SessionFactory(
        event=published,
        title="Workshop: fact-checking regional news",
        kind="workshop",
        starts_at=jakarta(2019, 10, 16, 9),
        ends_at=jakarta(2019, 10, 16, 12),
        speakers=[maria],
    )
    SponsorFactory(event=published, partner__name="Straits Bank (demo)", tier="gold")
    draft = EventFactory(
        title=DRAFT_TITLE,
        slug="asean-media-forum-2020",
        series=forum,
        unit=staff.unit,
        created_by=staff,
        starts_at=jakarta(2020, 10, 13, 9),
        ends_at=jakarta(2020, 10, 14, 17),
    )
    SessionFactory(
        event=draft,
        title="Opening remarks",
        starts_at=jakarta(2020, 10, 13, 9),
        ends_at=jakarta(2020, 10, 13, 9, 30),
    )


STAFF = "staff-information"
OPEN_DRAFT = follow_link(DRAFT_TITLE)


def query(text: str):
    """A state: the same page with a query string, as the filters send it."""

    def go(page) -> None:
        page.goto(f"{page.url.split('?')[0]}?{text}")

    return go


OPEN_PUBLISHED = follow_link("ASEAN Media Forum 2019")

# The pages that need `events_data` open from the list (a `state`): the registry's
# title check opens every page without its data and skips those with a state.
PAGES = [
    PageCase("events", "/events/", data=events_data),
    PageCase("events at 320px", "/events/", width=320, data=events_data),
    PageCase(
        "events, a filter not understood", "/events/", data=events_data, state=query("kind=party")
    ),
    PageCase(
        "events: none match", "/events/", data=events_data, state=query("year=2019&kind=launch")
    ),
    PageCase("event page", "/events/", data=events_data, state=OPEN_PUBLISHED),
    PageCase("event page at 320px", "/events/", width=320, data=events_data, state=OPEN_PUBLISHED),
    PageCase(
        "event series",
        "/events/",
        data=events_data,
        state=in_turn(OPEN_PUBLISHED, follow_link("All editions of the ASEAN Media Forum")),
    ),
    PageCase("events (staff)", "/workspace/events/", user=STAFF, data=events_data),
    PageCase("events (adviser)", "/workspace/events/", user="adviser", data=events_data),
    PageCase("workspace with events", "/workspace/", user=STAFF, data=events_data),
    PageCase("event form", "/workspace/events/new/", user=STAFF),
    PageCase("event form at 320px", "/workspace/events/new/", user=STAFF, width=320),
    PageCase(
        "event form with errors", "/workspace/events/new/", user=STAFF, state=submit_empty_form
    ),
    PageCase(
        "event detail (staff)", "/workspace/events/", user=STAFF, data=events_data, state=OPEN_DRAFT
    ),
    PageCase(
        "event detail (staff) at 320px",
        "/workspace/events/",
        user=STAFF,
        width=320,
        data=events_data,
        state=OPEN_DRAFT,
    ),
    PageCase(
        "session form",
        "/workspace/events/",
        user=STAFF,
        data=events_data,
        state=in_turn(OPEN_DRAFT, follow_link("Add a session")),
    ),
    PageCase(
        "session form with errors",
        "/workspace/events/",
        user=STAFF,
        data=events_data,
        state=in_turn(OPEN_DRAFT, follow_link("Add a session"), submit_empty_form),
    ),
    PageCase(
        "speaker form",
        "/workspace/events/",
        user=STAFF,
        data=events_data,
        state=in_turn(OPEN_DRAFT, follow_link("Add a speaker")),
    ),
    PageCase(
        "sponsor form with errors",
        "/workspace/events/",
        user=STAFF,
        data=events_data,
        state=in_turn(OPEN_DRAFT, follow_link("Add a sponsor"), submit_empty_form),
    ),
]
