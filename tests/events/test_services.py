"""The events app's services: create (with its activity), publish through the review
core, cancel, the agenda's rules, the next edition, the reference data and the demo."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.events import selectors, services
from apps.events.models import Event, Series, Session, Sponsor
from apps.monitoring.models import Activity, AuditEntry, ReviewStatus
from apps.programme.models import Component, Partner
from tests.monitoring.factories import ActivityFactory

from .factories import (
    EventEvidenceFactory,
    EventFactory,
    SessionFactory,
    SpeakerFactory,
    SponsorFactory,
    jakarta,
)
from .helpers import event_data, session_data

pytestmark = pytest.mark.django_db


def _published(event, reviewer):
    services.event_submit(event=event, user=event.created_by)
    return services.event_approve(event=event, reviewer=reviewer)


# --- Create, update and the activity ---------------------------------------------------


def test_create_makes_a_draft_with_a_slug_and_its_activity(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data(title="Media training"))

    assert event.status == ReviewStatus.DRAFT
    assert event.slug == "media-training-2019"
    activity = event.activity
    assert activity.status == ReviewStatus.DRAFT
    assert activity.unit == cid_staff.unit
    assert activity.created_by == cid_staff
    assert activity.title == "Media training"
    assert activity.start_date == datetime.date(2019, 10, 15)
    assert activity.end_date == datetime.date(2019, 10, 16)
    assert activity.activity_type == Activity.Type.MEETING
    assert activity.component.slug == "organisational-processes"
    assert activity.location == "ASEAN Secretariat, Jakarta"
    assert AuditEntry.objects.filter(object_id=event.pk, action="created").exists()


def test_slug_is_unique_and_names_the_year_once(cid_staff):
    first = services.event_create(user=cid_staff, data=event_data())
    second = services.event_create(user=cid_staff, data=event_data())

    assert first.slug == "asean-media-forum-2019"
    assert second.slug == "asean-media-forum-2019-2"


def test_update_keeps_the_activity_in_step(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    gik = Partner.objects.get(acronym="GIZ")

    services.event_update(
        event=event,
        user=cid_staff,
        data=event_data(
            title="ASEAN Media Forum 2019 (online)",
            kind=Event.Kind.TRAINING,
            online=True,
            venue="",
            partners=[gik],
            starts_at=jakarta(2019, 11, 5, 9),
            ends_at=jakarta(2019, 11, 5, 12),
        ),
    )

    activity = Activity.objects.get(pk=event.activity_id)
    assert activity.title == "ASEAN Media Forum 2019 (online)"
    assert activity.activity_type == Activity.Type.TRAINING
    assert activity.start_date == datetime.date(2019, 11, 5)
    assert activity.end_date is None
    assert activity.location == "Online"
    assert list(activity.partners.all()) == [gik]


def test_a_submitted_activity_is_left_alone(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    activity = Activity.objects.get(pk=event.activity_id)
    activity.status = ReviewStatus.SUBMITTED
    activity.save()

    services.event_update(event=event, user=cid_staff, data=event_data(title="Renamed 2019"))

    activity.refresh_from_db()
    assert activity.title == "ASEAN Media Forum 2019"


def test_an_existing_activity_is_linked_not_copied(cid_staff):
    logged = ActivityFactory(
        title="ASEAN Media Forum 2019",
        unit=cid_staff.unit,
        component=Component.objects.get(slug="organisational-processes"),
        created_by=cid_staff,
    )

    event = services.event_create(user=cid_staff, data=event_data(), activity=logged)

    assert event.activity == logged
    assert Activity.objects.filter(title="ASEAN Media Forum 2019").count() == 1
    with pytest.raises(ValidationError, match="belongs to another event"):
        services.event_create(user=cid_staff, data=event_data(), activity=logged)


def test_an_activity_error_shows_on_the_event_field(cid_staff):
    """The programme's activities are dated 2016–2023: an event in 2030 cannot be one."""
    data = event_data(starts_at=jakarta(2030, 1, 8, 9), ends_at=jakarta(2030, 1, 8, 12))

    with pytest.raises(ValidationError) as error:
        services.event_create(user=cid_staff, data=data)

    assert "monitoring activity" in error.value.message_dict["starts_at"][0]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": jakarta(2019, 10, 15, 8)}, "ends_at", "must end after it starts"),
        ({"components": []}, "components", "component your unit works with"),
        ({"online": False, "venue": " "}, "venue", "Enter the venue"),
    ],
)
def test_create_refuses_what_cannot_be(cid_staff, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        services.event_create(user=cid_staff, data=event_data(**overrides))
    assert message in " ".join(error.value.message_dict[field])


def test_connectivity_staff_must_tick_their_own_component(acd_staff):
    with pytest.raises(ValidationError, match="component your unit works with"):
        services.event_create(user=acd_staff, data=event_data())


def test_the_executing_agency_is_no_partner(cid_staff):
    asec = Partner.objects.get(acronym="ASEC")
    with pytest.raises(ValidationError, match="executing agency"):
        services.event_create(user=cid_staff, data=event_data(partners=[asec]))


def test_an_adviser_cannot_create_events(reviewer):
    with pytest.raises(PermissionDenied):
        services.event_create(user=reviewer, data=event_data())


def test_delete_removes_the_draft_and_its_activity(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    activity_pk = event.activity_id

    services.event_delete(event=event, user=cid_staff)

    assert not Event.objects.exists()
    assert not Activity.objects.filter(pk=activity_pk).exists()


# --- Publish ------------------------------------------------------------------------------


def test_publishing_is_approval(cid_staff, reviewer):
    event = services.event_create(user=cid_staff, data=event_data())
    assert not selectors.events_public().exists()

    services.event_submit(event=event, user=cid_staff)
    assert not selectors.events_public().exists()

    services.event_approve(event=event, reviewer=reviewer)
    assert list(selectors.events_public()) == [event]


def test_an_internal_event_is_never_published(cid_staff, reviewer):
    event = services.event_create(user=cid_staff, data=event_data(is_public=False))
    _published(event, reviewer)
    assert not selectors.events_public().exists()


def test_authors_cannot_approve_their_own_event(cid_staff, reviewer):
    event = services.event_create(user=cid_staff, data=event_data())
    services.event_submit(event=event, user=cid_staff)
    with pytest.raises(PermissionDenied):
        services.event_approve(event=event, reviewer=cid_staff)


def test_return_needs_a_note(cid_staff, reviewer):
    event = services.event_create(user=cid_staff, data=event_data())
    services.event_submit(event=event, user=cid_staff)
    with pytest.raises(ValidationError, match="why you return it"):
        services.event_return(event=event, reviewer=reviewer, note=" ")
    event = services.event_return(event=event, reviewer=reviewer, note="Add the agenda.")
    assert event.status == ReviewStatus.RETURNED


# --- Cancel ---------------------------------------------------------------------------------


def test_cancel_a_published_event(cid_staff, reviewer):
    event = _published(services.event_create(user=cid_staff, data=event_data()), reviewer)

    event = services.event_cancel(event=event, user=cid_staff)

    assert event.state == Event.State.CANCELLED
    assert event.status == ReviewStatus.APPROVED
    entry = AuditEntry.objects.filter(object_id=event.pk, action="edited").latest("at")
    assert entry.changes[0]["new"] == "Cancelled"
    with pytest.raises(ValidationError, match="already cancelled"):
        services.event_cancel(event=event, user=reviewer)


def test_cancel_is_for_the_unit_and_advisers(cid_staff, acd_staff, reviewer):
    event = services.event_create(user=cid_staff, data=event_data())
    with pytest.raises(PermissionDenied):
        services.event_cancel(event=event, user=acd_staff)
    assert services.event_cancel(event=event, user=reviewer).state == Event.State.CANCELLED


def test_complete_only_after_the_end(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    assert services.event_complete(event=event, user=cid_staff).state == Event.State.COMPLETED
    future = EventFactory(
        unit=cid_staff.unit,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=4),
    )
    with pytest.raises(ValidationError, match="only after it ends"):
        services.event_complete(event=future, user=cid_staff)


# --- The agenda, speakers, sponsors ------------------------------------------------------------


def test_session_add_is_in_the_trail(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    speaker = SpeakerFactory(name="Amara Wongsakul")

    session = services.session_add(
        event=event, user=cid_staff, data=session_data(speakers=[speaker])
    )

    assert list(session.speakers.all()) == [speaker]
    entry = AuditEntry.objects.filter(object_id=event.pk, action="edited").latest("at")
    assert entry.changes[0]["field"] == "sessions"
    assert "2019-10-15 09:30 Opening panel (Amara Wongsakul)" in entry.changes[0]["new"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_at": jakarta(2019, 10, 17, 9), "ends_at": jakarta(2019, 10, 17, 10)}, "day"),
        ({"ends_at": jakarta(2019, 10, 15, 9)}, "ends_at"),
    ],
)
def test_session_must_fall_within_the_event(cid_staff, overrides, field):
    event = services.event_create(user=cid_staff, data=event_data())
    with pytest.raises(ValidationError) as error:
        services.session_add(event=event, user=cid_staff, data=session_data(**overrides))
    assert field in error.value.message_dict
    assert not Session.objects.exists()


def test_the_agenda_of_a_published_event_is_frozen(cid_staff, reviewer):
    event = _published(services.event_create(user=cid_staff, data=event_data()), reviewer)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.session_add(event=event, user=cid_staff, data=session_data())


def test_another_unit_cannot_change_the_agenda(cid_staff, acd_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    with pytest.raises((ValidationError, PermissionDenied)):
        services.session_add(event=event, user=acd_staff, data=session_data())


def test_moving_the_event_away_from_its_sessions_is_refused(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    services.session_add(event=event, user=cid_staff, data=session_data())
    with pytest.raises(ValidationError, match="outside the event"):
        services.event_update(
            event=event,
            user=cid_staff,
            data=event_data(starts_at=jakarta(2019, 10, 20, 9), ends_at=jakarta(2019, 10, 20, 12)),
        )


def test_speaker_add_links_the_ticked_sessions(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    session = services.session_add(event=event, user=cid_staff, data=session_data())
    speaker = services.speaker_add(
        event=event,
        user=cid_staff,
        data={
            "name": "Maria Dela Cruz",
            "job_title": "Editor",
            "organisation": "Manila Morning Post",
            "member_state": None,
            "bio": "",
            "sessions": [session],
        },
    )
    assert list(session.speakers.all()) == [speaker]


def test_sponsor_must_be_a_business_sponsor_once(cid_staff):
    event = services.event_create(user=cid_staff, data=event_data())
    kpk = Partner.objects.get(acronym="KPK")
    with pytest.raises(ValidationError, match="business sponsor"):
        services.sponsor_add(event=event, user=cid_staff, data={"partner": kpk, "tier": "gold"})
    company = Partner.objects.create(name="Straits Bank", kind=Partner.Kind.BUSINESS_SPONSOR)
    services.sponsor_add(event=event, user=cid_staff, data={"partner": company, "tier": "gold"})
    with pytest.raises(ValidationError, match="already sponsors"):
        services.sponsor_add(
            event=event, user=cid_staff, data={"partner": company, "tier": "silver"}
        )


# --- The next edition -----------------------------------------------------------------------------


def test_next_edition_copies_the_structure_and_nothing_personal(cid_staff, reviewer, media_forum):
    gik = Partner.objects.get(acronym="GIZ")
    old = services.event_create(
        user=cid_staff,
        data=event_data(
            title="ASEAN Media Forum 2019", series=media_forum, partners=[gik], capacity=120
        ),
    )
    speaker = SpeakerFactory(name="Amara Wongsakul")
    services.session_add(event=old, user=cid_staff, data=session_data(speakers=[speaker]))
    services.session_add(
        event=old,
        user=cid_staff,
        data=session_data(
            title="Workshop", starts_at=jakarta(2019, 10, 16, 9), ends_at=jakarta(2019, 10, 16, 12)
        ),
    )
    SponsorFactory(event=old, tier=Sponsor.Tier.SILVER, link="https://example.org/")
    EventEvidenceFactory(record=old)
    old = _published(old, reviewer)
    services.event_cancel(event=old, user=cid_staff)
    colleague = type(cid_staff).objects.create_user(
        "colleague@asean.example.org", "x" * 20, unit=cid_staff.unit
    )
    colleague.groups.set(cid_staff.groups.all())

    new = services.event_next_edition(
        event=old, user=colleague, starts_on=datetime.date(2020, 10, 13)
    )

    assert new.title == "ASEAN Media Forum 2020"
    assert new.slug == "asean-media-forum-2020"
    assert new.series == media_forum
    assert (new.kind, new.venue, new.time_zone, new.capacity, new.summary, new.description) == (
        old.kind,
        old.venue,
        old.time_zone,
        old.capacity,
        old.summary,
        old.description,
    )
    assert new.starts_at == jakarta(2020, 10, 13, 9)
    assert new.ends_at == jakarta(2020, 10, 14, 17)
    assert list(new.components.all()) == list(old.components.all())
    assert list(new.partners.all()) == [gik]
    sessions = list(new.sessions.order_by("starts_at"))
    assert [(s.title, s.starts_at) for s in sessions] == [
        ("Opening panel", jakarta(2020, 10, 13, 9, 30)),
        ("Workshop", jakarta(2020, 10, 14, 9)),
    ]
    assert list(sessions[0].speakers.all()) == [speaker]
    sponsor = new.sponsors.get()
    assert (sponsor.tier, sponsor.link) == (Sponsor.Tier.SILVER, "https://example.org/")
    # Nothing of the old edition's life.
    assert new.status == ReviewStatus.DRAFT
    assert new.created_by == colleague
    assert new.unit == colleague.unit
    assert (new.submitted_by, new.reviewed_by, new.review_note) == (None, None, "")
    assert new.state == Event.State.SCHEDULED
    assert new.photo is None
    assert not new.gallery.exists()
    assert not new.evidence_files.exists()
    assert new.activity_id
    assert new.activity_id != old.activity_id
    assert new.activity.start_date == datetime.date(2020, 10, 13)


def test_next_title():
    assert services.next_title("ASEAN Media Forum 2021 (online)", 2021, 2022) == (
        "ASEAN Media Forum 2022 (online)"
    )
    assert services.next_title("Launch", 2021, 2022) == "Launch 2022"


def test_next_edition_needs_staff(reviewer):
    event = EventFactory()
    with pytest.raises(PermissionDenied):
        services.event_next_edition(event=event, user=reviewer, starts_on=datetime.date(2020, 1, 1))


# --- Reference data and demo ----------------------------------------------------------------------


def test_facts_load_is_idempotent(facts):
    assert Series.objects.get().title == "ASEAN Media Forum"
    assert services.events_facts_load() == {"series": 0}


def test_demo_loads_once(facts):
    from apps.accounts.services import demo_accounts_create
    from apps.events.demo import events_demo_load
    from apps.monitoring.demo import monitoring_demo_load
    from apps.photos.demo import photos_demo_load

    users = demo_accounts_create(password="a-long-demo-password-1")
    monitoring_demo_load(users=users)
    photos_demo_load()
    activities = Activity.objects.count()

    written = events_demo_load(users=users)

    assert written["events"] == 8
    forums = Event.objects.filter(series__slug="asean-media-forum").order_by("starts_at")
    assert [e.status for e in forums] == [ReviewStatus.APPROVED] * 4
    # Linked to monitoring's activities of the same title: none made twice.
    assert Activity.objects.count() == activities
    assert not Event.objects.filter(activity__isnull=True).exists()
    assert forums.first().activity.title == "ASEAN Media Forum 2018"
    assert events_demo_load(users=users) == {"events": 0, "sessions": 0}


def test_session_factory_is_valid():
    SessionFactory().full_clean()
