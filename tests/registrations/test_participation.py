"""Participation figures: registered vs attended by sex × disability × member state ×
role, the series trend, "record in the monitoring activity" (one source), the staff
figures pages (allowed, denied, bad input) and the public series and event pages
through the disclosure rule."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.monitoring import services as monitoring
from apps.monitoring.models import AuditEntry, ReviewStatus
from apps.registrations import participation
from apps.registrations.models import Attendance, Registration
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.helpers import force_login_verified
from tests.programme.factories import MemberStateFactory

from .factories import RegistrationFactory
from .figures_fixtures import edition, people, series

pytestmark = pytest.mark.django_db

Sex, Disability, Role, Status = (
    Registration.Sex,
    Registration.Disability,
    Registration.Role,
    Registration.Status,
)


def _breakdown(tables, dimension) -> dict:
    found = next(b for b in tables.breakdowns if b.dimension == dimension)
    return {row.key: (row.registered, row.attended) for row in found.rows}


@pytest.fixture
def forum():
    return edition()


@pytest.fixture
def manager(forum):
    return StaffUserFactory(unit=forum.unit)


@pytest.fixture
def indonesia(db):
    return MemberStateFactory(name="Indonesia")


def _mixed(forum, indonesia):
    """3 women present (1 with a disability, from Indonesia), 2 men present (government),
    1 man who did not come, 1 cancelled woman who came anyway, 1 waiting woman."""
    people(forum, 2, sex=Sex.WOMAN)
    people(forum, 1, sex=Sex.WOMAN, disability=Disability.YES, member_state=indonesia)
    people(forum, 2, sex=Sex.MAN, role=Role.GOVERNMENT, days=2)
    RegistrationFactory(event=forum, sex=Sex.MAN)
    people(forum, 1, sex=Sex.NOT_STATED, status=Status.CANCELLED)
    RegistrationFactory(event=forum, sex=Sex.WOMAN, status=Status.WAITING)


# --- Selectors ------------------------------------------------------------------------


def test_event_participation_counts_registered_and_attended_by_each_dimension(forum, indonesia):
    _mixed(forum, indonesia)

    tables = participation.event_participation(event=forum)

    assert (tables.registered, tables.attended) == (6, 6)
    assert _breakdown(tables, "sex")[Sex.WOMAN] == (3, 3)
    assert _breakdown(tables, "sex")[Sex.MAN] == (3, 2)
    # Cancelled, yet marked present: attended, not registered. Waiting: neither.
    assert _breakdown(tables, "sex")[Sex.NOT_STATED] == (0, 1)
    assert _breakdown(tables, "disability")[Disability.YES] == (1, 1)
    assert _breakdown(tables, "member_state")[indonesia.pk] == (1, 1)
    assert _breakdown(tables, "member_state")[None] == (5, 5)
    assert _breakdown(tables, "role")[Role.GOVERNMENT] == (2, 2)
    assert tables.women_share == participation.share(3, 6)
    cross = next(c for c in tables.crosses if c.dimension == "disability")
    assert cross.rows[0] == ("Yes", [1, 0, 0, 0], 1)


def test_event_participation_runs_in_a_fixed_number_of_queries(
    forum, indonesia, django_assert_max_num_queries
):
    _mixed(forum, indonesia)
    with django_assert_max_num_queries(2):
        participation.event_participation(event=forum)


def test_series_trend_gives_each_edition_its_share_of_women(db):
    media = series(slug="media", title="Media")
    first, second = edition(year=2018, series=media), edition(year=2019, series=media)
    people(first, 3, sex=Sex.WOMAN)
    people(first, 1, sex=Sex.MAN)
    people(second, 1, sex=Sex.WOMAN, disability=Disability.YES)
    from apps.events.models import Event

    trend = participation.series_trend(series=media, events=Event.objects.all())

    assert [row.event for row in trend] == [first, second]
    assert [row.women_share for row in trend] == [participation.share(3, 4), 100]
    assert trend[1].disability_share == 100


# --- One source: into the monitoring activity --------------------------------------------


def test_record_participation_writes_the_attended_counts_into_the_activity(
    forum, manager, indonesia
):
    _mixed(forum, indonesia)

    activity = participation.record_participation(event=forum, user=manager)

    activity.refresh_from_db()
    assert activity.participants_women == 3
    assert activity.participants_men == 2
    assert activity.participants_sex_other == 1  # prefer not to say
    assert activity.participants_with_disability == 1
    assert activity.participants_disability_not_stated == 0
    assert dict(activity.participation_by_state.values_list("member_state", "participants")) == {
        indonesia.pk: 1
    }
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EDITED).count() == 1


@pytest.mark.parametrize("status", [ReviewStatus.SUBMITTED, ReviewStatus.APPROVED])
def test_record_participation_refuses_an_activity_no_longer_editable(manager, status, db):
    forum = edition(year=2020, activity_status=status, counts=(7, 8, 0), unit=manager.unit)
    people(forum, 2)

    with pytest.raises(ValidationError, match="Ask an adviser to return it"):
        participation.record_participation(event=forum, user=manager)

    forum.activity.refresh_from_db()
    assert forum.activity.participants_women == 7


def test_record_participation_takes_a_returned_activity(manager, db):
    forum = edition(year=2020, activity_status=ReviewStatus.RETURNED, unit=manager.unit)
    people(forum, 5, sex=Sex.MAN)

    participation.record_participation(event=forum, user=manager)

    forum.activity.refresh_from_db()
    assert forum.activity.participants_men == 5


def test_record_participation_refuses_another_units_staff(forum):
    people(forum, 2)
    with pytest.raises(PermissionDenied):
        participation.record_participation(event=forum, user=StaffUserFactory())


def test_record_participation_refuses_an_event_without_activity_or_attendance(manager, forum):
    with pytest.raises(ValidationError, match="Nobody is marked present"):
        participation.record_participation(event=forum, user=manager)
    bare = edition(year=2021, with_activity=False, unit=manager.unit)
    with pytest.raises(ValidationError, match="no monitoring activity"):
        participation.record_participation(event=bare, user=manager)


# --- The staff pages -----------------------------------------------------------------------


def _page(forum):
    return reverse("registrations_figures:event_participation", args=[forum.pk])


def _record(forum):
    return reverse("registrations_figures:record_participation", args=[forum.pk])


def test_the_figures_page_shows_the_full_tables_to_the_manager(client, forum, manager, indonesia):
    _mixed(forum, indonesia)
    client.force_login(manager)

    response = client.get(_page(forum))

    html = response.content.decode()
    assert response.status_code == 200
    assert "By member state" in html
    assert "Indonesia" in html
    assert "Record the attendance in the monitoring activity" in html


def test_the_figures_page_opens_for_an_adviser_without_the_button_that_would_refuse(client, forum):
    force_login_verified(client, AdviserFactory())

    response = client.get(_page(forum))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Record the attendance in the monitoring activity" not in html
    assert f"Only the staff of {forum.activity.unit} record the attendance" in html


def test_the_figures_page_is_denied_to_others(client, forum):
    assert client.get(_page(forum)).status_code == 302  # to the login page
    client.force_login(StaffUserFactory())
    assert client.get(_page(forum)).status_code == 404  # another unit's event
    client.force_login(UserFactory())
    assert client.get(_page(forum)).status_code == 403  # no role


def test_the_figures_download_lists_every_combination(client, forum, manager, indonesia):
    _mixed(forum, indonesia)
    client.force_login(manager)

    response = client.get(
        reverse("registrations_figures:event_participation_export", args=[forum.pk, "csv"])
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Sex", "Disability", "Member state", "Role", "Registered", "Attended"]
    assert ["Woman", "Yes", "Indonesia", "Media", "1", "1"] in rows
    bad = reverse("registrations_figures:event_participation_export", args=[forum.pk, "pdf"])
    assert client.get(bad).status_code == 404


def test_recording_from_the_page_fills_the_activity(client, forum, manager):
    people(forum, 6, sex=Sex.WOMAN)
    client.force_login(manager)

    response = client.post(_record(forum), follow=True)

    assert "The attendance is recorded in the monitoring activity" in response.content.decode()
    forum.activity.refresh_from_db()
    assert forum.activity.participants_women == 6


def test_recording_a_submitted_activity_says_why_and_writes_nothing(client, manager):
    forum = edition(activity_status=ReviewStatus.SUBMITTED, counts=(7, 8, 0), unit=manager.unit)
    people(forum, 2)
    client.force_login(manager)

    response = client.post(_record(forum), follow=True)

    assert "Ask an adviser to return it" in response.content.decode()
    forum.activity.refresh_from_db()
    assert forum.activity.participants_women == 7


def test_recording_is_post_only_and_denied_to_others(client, forum):
    people(forum, 2)
    assert client.post(_record(forum)).status_code == 302  # the login page
    client.force_login(StaffUserFactory())
    assert client.post(_record(forum)).status_code == 404
    client.force_login(StaffUserFactory(unit=forum.unit))
    assert client.get(_record(forum)).status_code == 405
    forum.activity.refresh_from_db()
    assert forum.activity.participants_women == 0


def test_the_series_page_shows_the_trend_to_staff_and_advisers(client, forum):
    media = series(slug="media-staff", title="Media")
    forum.series = media
    forum.save(update_fields=["series"])
    people(forum, 4, sex=Sex.WOMAN)
    url = reverse("registrations_figures:series_participation", args=["media-staff"])

    client.force_login(StaffUserFactory(unit=forum.unit))
    html = client.get(url).content.decode()
    assert "Registered and attended, per edition" in html
    assert "100%" in html
    client.force_login(StaffUserFactory())
    assert client.get(url).status_code == 404
    assert client.get(url.replace("media-staff", "nothing")).status_code == 404


# --- Public pages: the disclosure rule ------------------------------------------------------


def _series_with(counts_by_year: dict, overrides: dict | None = None):
    media = series(slug="asean-media-forum-test", title="ASEAN Media Forum (test)")
    for year, counts in counts_by_year.items():
        values = {"activity_status": ReviewStatus.APPROVED, **(overrides or {}).get(year, {})}
        edition(year=year, series=media, counts=counts, **values)
    return media


def test_the_series_page_shows_the_share_of_women_per_edition(client, db):
    media = _series_with({2018: (28, 36, 1), 2019: (39, 41, 3), 2020: (44, 39, 2)})

    html = client.get(media.get_absolute_url()).content.decode()

    assert "Women among the participants" in html
    # 2018: women 28 → 30, all 65 → 65: 46%. 2019: 40 of 85: 47%. 2020: 45 of 85: 53%.
    assert "46%" in html
    assert "47%" in html
    assert "53%" in html
    assert 'role="img"' in html
    assert "Share of women among the participants, per edition" in html


def test_a_share_is_withheld_when_women_or_the_others_are_fewer_than_5(client, db):
    media = _series_with({2018: (4, 20, 0), 2019: (5, 5, 0), 2020: (20, 3, 1)})

    html = client.get(media.get_absolute_url()).content.decode()

    # 2018 (4 women) and 2020 (4 others), in the chart and in its table.
    assert html.count("not shown: too few people") == 4
    assert "50%" in html  # 2019: 5 and 5


def test_an_edition_without_published_figures_says_so(client, db):
    media = _series_with(
        {2020: (20, 20, 0), 2021: (30, 30, 0)},
        {2021: {"activity_status": ReviewStatus.SUBMITTED}},
    )

    html = client.get(media.get_absolute_url()).content.decode()

    assert "not published yet" in html
    assert "50%" in html


def test_the_series_page_has_no_chart_without_published_figures(client, db):
    media = _series_with({2020: (20, 20, 0)}, {2020: {"activity_public": False}})
    assert (
        "Women among the participants" not in client.get(media.get_absolute_url()).content.decode()
    )


def test_the_event_page_shows_participation_through_the_disclosure_rule(client, db):
    forum = edition(activity_status=ReviewStatus.APPROVED, counts=(12, 3, 6))

    html = client.get(forum.get_public_url()).content.decode()

    assert "Participants by sex" in html
    assert 'portal-table__num">10</td>' in html  # 12 women, rounded
    assert "fewer than 5" in html  # 3 men
    assert "not shown" in html  # 6 others: the complementary cell
    assert 'portal-table__num">5</td>' not in html
    assert ">6<" not in html


def test_the_event_page_shows_no_participation_while_the_activity_is_a_draft(client, forum):
    people(forum, 6)
    assert "Who took part" not in client.get(forum.get_public_url()).content.decode()


def test_the_public_figures_never_read_registrations(client, forum):
    """Attendance alone changes no public page: only the approved activity does."""
    people(forum, 30, sex=Sex.WOMAN)
    assert Attendance.objects.count() == 30
    assert "Who took part" not in client.get(forum.get_public_url()).content.decode()


# --- The demo: the done-when -----------------------------------------------------------------


def test_the_demo_gives_the_media_forum_series_page_its_share_of_women_2018_to_2021(
    client, programme_facts
):
    from apps.accounts.services import demo_accounts_create
    from apps.events.demo import events_demo_load
    from apps.events.models import Event, Series
    from apps.events.services import events_facts_load
    from apps.monitoring.demo import monitoring_demo_load
    from apps.photos.demo import photos_demo_load
    from apps.registrations.demo import registrations_demo_load

    events_facts_load()
    users = demo_accounts_create(password="a-long-demo-password-1")
    monitoring_demo_load(users=users)
    photos_demo_load()
    events_demo_load(users=users)

    written = registrations_demo_load(users=users)

    assert written["registrations"] > 0
    assert registrations_demo_load(users=users) == {"registrations": 0, "attendance": 0}
    # The attendance adds up to each edition's monitoring activity: one source.
    for forum in Event.objects.filter(series__slug="asean-media-forum").select_related("activity"):
        counts = participation.attended_counts(event=forum)
        assert counts.women == forum.activity.participants_women
        assert counts.total == forum.activity.participants_total
    series_url = Series.objects.get().get_absolute_url()

    def shares() -> str:
        html = client.get(series_url).content.decode()
        return html[html.index('id="women-share-table"') :]

    # 2021's activity waits for review in the demo: no share until it is approved.
    before = shares()
    assert "46%" in before
    assert "50%" not in before
    forum_2021 = Event.objects.get(series__slug="asean-media-forum", starts_at__year=2021)
    assert forum_2021.activity.status == ReviewStatus.SUBMITTED
    adviser = next(user for user in users if user.is_programme_adviser)
    monitoring.activity_approve(activity=forum_2021.activity, reviewer=adviser)

    table = shares()
    for year, share in ((2018, "46%"), (2019, "47%"), (2020, "53%"), (2021, "50%")):
        assert f"ASEAN Media Forum {year}" in table
        assert share in table
