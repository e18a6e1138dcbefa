"""The retention rule: personal data goes on the day the event's retention runs out
(not the day before), with its history, and every figure stays the same; a removal on
request; the command, its dry run and its bad input."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.registrations import participation, retention
from apps.registrations.models import Registration
from tests.accounts.factories import AdviserFactory
from tests.programme.factories import MemberStateFactory

from .factories import RegistrationFactory
from .figures_fixtures import edition, people

pytestmark = pytest.mark.django_db

Sex, Disability, Role = Registration.Sex, Registration.Disability, Registration.Role

# edition(year=2019): 15–16 October 2019, Jakarta; 24 months → 16 October 2021.
LAST_DAY = datetime.date(2019, 10, 16)
PURGE_DAY = datetime.date(2021, 10, 16)


@pytest.fixture
def forum():
    return edition(year=2019, retention_months=24)


def _crowd(forum):
    state = MemberStateFactory(name="Viet Nam")
    made = people(forum, 3, sex=Sex.WOMAN, member_state=state, days=2)
    made += people(forum, 2, sex=Sex.MAN, disability=Disability.YES, role=Role.ACADEMIA)
    made.append(RegistrationFactory(event=forum, sex=Sex.OTHER, listed_publicly=True))
    return made


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert retention.add_months(datetime.date(2019, 10, 16), 24) == PURGE_DAY
    assert retention.add_months(datetime.date(2019, 1, 31), 1) == datetime.date(2019, 2, 28)
    assert retention.add_months(datetime.date(2019, 12, 31), 2) == datetime.date(2020, 2, 29)
    assert retention.add_months(datetime.date(2019, 11, 5), 0) == datetime.date(2019, 11, 5)


def test_personal_data_stays_until_the_day_before_the_retention_day(forum):
    _crowd(forum)

    result = retention.purge_due(today=PURGE_DAY - datetime.timedelta(days=1))

    assert result.events == []
    assert result.anonymised == 0
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()


def test_personal_data_goes_on_the_retention_day(forum):
    _crowd(forum)

    result = retention.purge_due(today=PURGE_DAY)

    assert [item.event for item in result.events] == [forum]
    assert result.events[0].purge_day == PURGE_DAY
    assert result.anonymised == 6
    assert set(Registration.objects.values_list("name", "email", "organisation")) == {("", "", "")}
    assert not Registration.objects.filter(listed_publicly=True).exists()
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()


def test_an_event_without_set_up_takes_the_portals_retention(settings, db):
    settings.PORTAL_PARTICIPANT_RETENTION_MONTHS = 6
    forum = edition(year=2019)  # no set-up
    people(forum, 2)

    assert retention.purge_day(forum) == datetime.date(2020, 4, 16)
    assert retention.purge_due(today=datetime.date(2020, 4, 15)).anonymised == 0
    assert retention.purge_due(today=datetime.date(2020, 4, 16)).anonymised == 2


def test_the_purge_keeps_every_figure(forum):
    _crowd(forum)
    before = participation.event_participation(event=forum)
    counts_before = participation.attended_counts(event=forum)

    retention.purge_due(today=PURGE_DAY)

    assert participation.event_participation(event=forum) == before
    assert participation.attended_counts(event=forum) == counts_before
    assert before.attended == 5


def test_no_history_row_holds_the_personal_data_afterwards(forum):
    made = _crowd(forum)
    first = made[0]
    first.organisation = "Changed Daily"
    first.save()  # a second history row with personal values
    assert Registration.history.filter(email=first.email).count() == 2

    retention.purge_due(today=PURGE_DAY, user=AdviserFactory())

    assert not Registration.history.filter(email=first.email).exists()
    assert not Registration.history.exclude(name="").exists()
    # One row each records the removal, by whom.
    rows = Registration.history.filter(id=first.pk)
    assert rows.count() == 1
    assert rows.get().history_change_reason == "personal data removed"


def test_the_purge_is_idempotent(forum):
    _crowd(forum)
    retention.purge_due(today=PURGE_DAY)
    stamped = dict(Registration.objects.values_list("pk", "anonymised_at"))
    history = Registration.history.count()

    again = retention.purge_due(today=PURGE_DAY + datetime.timedelta(days=30))

    assert again.events == []
    assert again.anonymised == 0
    assert dict(Registration.objects.values_list("pk", "anonymised_at")) == stamped
    assert Registration.history.count() == history


def test_anonymise_removes_one_persons_data_only(forum):
    one, other = RegistrationFactory.create_batch(2, event=forum)

    removed = retention.anonymise(registration=one)

    assert removed.is_anonymised
    assert removed.email == ""
    assert str(removed) == "Participant (removed)"
    other.refresh_from_db()
    assert other.email
    assert not other.is_anonymised
    stamp = removed.anonymised_at
    assert retention.anonymise(registration=removed).anonymised_at == stamp


def test_the_command_purges_and_reports(forum):
    _crowd(forum)
    out = StringIO()

    call_command("purge_participant_data", "--now", "2021-10-16", stdout=out)

    assert "6 participants' personal data removed" in out.getvalue()
    assert not Registration.objects.exclude(email="").exists()


def test_the_commands_dry_run_changes_nothing(forum):
    _crowd(forum)
    out = StringIO()

    call_command("purge_participant_data", "--dry-run", "--now", "2021-10-16", stdout=out)

    assert "would be removed" in out.getvalue()
    assert "Dry run" in out.getvalue()
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 6


def test_the_command_before_the_day_finds_nothing(forum):
    _crowd(forum)
    out = StringIO()
    call_command("purge_participant_data", "--now", "2021-10-15", stdout=out)
    assert "No participant data is due" in out.getvalue()


def test_the_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("purge_participant_data", "--now", "16/10/2021")
