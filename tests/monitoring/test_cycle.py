"""The reporting cycle (apps/monitoring/cycle.py, docs/reporting-cycle.md): reminders
before, on and after a period's due date, once per unit, period and stage; the
advisers' weekly digest; the command; the due dates on the staff's list and in the
admin."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.accounts.roles import PROGRAMME_ADVISERS
from apps.monitoring import cycle, tasks
from apps.monitoring.models import (
    AdviserDigest,
    ReportingPeriod,
    ReportingReminder,
    ReviewStatus,
)
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import force_login_verified, query_count
from tests.monitoring.cycle_factories import DUE, reporting_world
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.programme.factories import UnitFactory

BEFORE, ON_DUE, OVERDUE = (
    ReportingReminder.Stage.BEFORE,
    ReportingReminder.Stage.DUE,
    ReportingReminder.Stage.OVERDUE,
)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SITE = "https://portal.example.org"


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def cycle_settings(settings):
    """The defaults, pinned: a test that reads them must not depend on .env."""
    settings.PORTAL_REPORT_DUE_DAYS = 30
    settings.PORTAL_REMINDER_DAYS_BEFORE = 7
    settings.PORTAL_REMINDER_DAYS_AFTER = 7
    settings.PORTAL_DIGEST_WEEKDAY = 0
    settings.PORTAL_SITE_URL = SITE
    return settings


@pytest.fixture
def world(db):
    return reporting_world()


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the reminder job as on `today`, sending its emails as the commit does."""

    def run(today: datetime.date) -> cycle.CycleResult:
        with django_capture_on_commit_callbacks(execute=True):
            return cycle.run_reminders(today=today)

    return run


@pytest.fixture
def digest(django_capture_on_commit_callbacks):
    def run(today: datetime.date):
        with django_capture_on_commit_callbacks(execute=True):
            return cycle.run_digest(today=today)

    return run


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def claimed() -> list[tuple[str, str, str]]:
    return sorted(
        (reminder.unit.abbreviation, reminder.period.name, reminder.stage)
        for reminder in ReportingReminder.objects.select_related("unit", "period")
    )


# --- The stages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "stage"),
    [
        (-8, None),
        (-7, BEFORE),
        (-1, BEFORE),
        (0, ON_DUE),
        (6, ON_DUE),
        (7, OVERDUE),
        (400, OVERDUE),
    ],
)
def test_stage_on_each_side_of_its_boundaries(offset, stage):
    assert cycle.stage_on(due=DUE, today=DUE + days(offset)) == stage


@pytest.mark.parametrize(
    ("offset", "stage"),
    [(-8, None), (-7, BEFORE), (-1, BEFORE), (0, ON_DUE), (6, ON_DUE), (7, OVERDUE)],
)
def test_the_job_sends_the_stage_of_the_day(world, remind, offset, stage):
    result = remind(DUE + days(offset))

    if stage is None:
        assert claimed() == []
        assert mail.outbox == []
        assert result.emails == 0
    else:
        assert claimed() == [("CRD", "2021 Q3", stage)]
        assert sent_to() == ["budi@asean.example.org", "siti@asean.example.org"]


def test_the_stages_follow_the_settings(world, remind, cycle_settings):
    cycle_settings.PORTAL_REMINDER_DAYS_BEFORE = 14
    cycle_settings.PORTAL_REMINDER_DAYS_AFTER = 3

    remind(DUE - days(14))
    remind(DUE + days(3))

    assert claimed() == [("CRD", "2021 Q3", BEFORE), ("CRD", "2021 Q3", OVERDUE)]


def test_without_its_own_date_a_period_is_due_the_set_days_after_it_ends(
    world, remind, cycle_settings
):
    ReportingPeriod.objects.filter(pk=world.period.pk).update(due_date=None)
    cycle_settings.PORTAL_REPORT_DUE_DAYS = 10  # 30 September + 10 days

    remind(datetime.date(2021, 10, 9))
    assert claimed() == [("CRD", "2021 Q3", BEFORE)]
    remind(datetime.date(2021, 10, 10))
    assert claimed() == [("CRD", "2021 Q3", BEFORE), ("CRD", "2021 Q3", ON_DUE)]


def test_a_job_that_missed_days_sends_only_the_latest_stage(world, remind):
    remind(DUE + days(10))  # the worker was down from before "before" until now

    assert claimed() == [("CRD", "2021 Q3", OVERDUE)]
    assert len(mail.outbox) == 2


def test_the_job_run_twice_sends_each_reminder_once(world, remind):
    """The issue's "done when": a rerun, the same day or any later day of the same
    stage, sends nothing again; the next stage is sent once in turn."""
    for today in (DUE - days(7), DUE - days(7), DUE - days(3), DUE, DUE, DUE + days(7)):
        remind(today)
    remind(DUE + days(30))

    assert claimed() == [
        ("CRD", "2021 Q3", BEFORE),
        ("CRD", "2021 Q3", ON_DUE),
        ("CRD", "2021 Q3", OVERDUE),
    ]
    assert len(mail.outbox) == 6  # three stages, two people
    assert sent_to().count("siti@asean.example.org") == 3


def test_the_claim_records_how_many_were_written_to(world, remind):
    remind(DUE)

    reminder = ReportingReminder.objects.get()
    assert reminder.recipients == 2
    assert reminder.sent_at is not None


# --- Which periods, which units, which people -----------------------------------------------


def test_a_locked_period_sends_nothing(world, remind):
    ReportingPeriod.objects.filter(pk=world.period.pk).update(is_locked=True)

    remind(DUE)

    assert claimed() == []
    assert mail.outbox == []


def test_a_period_not_yet_begun_sends_nothing(world, remind):
    """A one-week period starting tomorrow, due on its last day, is within a week of its
    due date, but nobody can report on it yet."""
    today = datetime.date(2022, 3, 1)
    ReportingPeriodFactory(
        name="2022 sprint",
        start=today + days(1),
        end=today + days(5),
        due_date=today + days(5),
    )

    remind(today)

    assert [name for _unit, name, _stage in claimed()] == ["2021 Q3"]  # the old one only


def test_a_unit_with_everything_submitted_or_approved_gets_nothing(world, remind):
    first, second = world.indicators
    IndicatorUpdateFactory(
        indicator=first, period=world.period, created_by=world.siti, status=ReviewStatus.SUBMITTED
    )
    IndicatorUpdateFactory(
        indicator=second, period=world.period, created_by=world.siti, status=ReviewStatus.APPROVED
    )

    remind(DUE)

    assert claimed() == []
    assert mail.outbox == []


def test_a_draft_is_still_unreported(world, remind):
    first, second = world.indicators
    IndicatorUpdateFactory(
        indicator=first, period=world.period, created_by=world.siti, status=ReviewStatus.APPROVED
    )
    draft = IndicatorUpdateFactory(indicator=second, period=world.period, created_by=world.siti)

    remind(DUE)

    body = mail.outbox[0].body
    assert "1.1.b Processes improved (draft)" in body
    assert f"{SITE}{draft.get_absolute_url()}" in body
    assert "1.1.a" not in body


def test_each_unit_hears_only_about_its_own_indicators(world, remind):
    other = UnitFactory(abbreviation="ACD", name="ASEAN Connectivity Division")
    elsewhere = StaffUserFactory(unit=other, email="ayu@asean.example.org")
    IndicatorFactory(responsible_unit=other, code="2.1.a", title="Cities with action plans")

    remind(DUE)

    assert claimed() == [("ACD", "2021 Q3", ON_DUE), ("CRD", "2021 Q3", ON_DUE)]
    [theirs] = [message for message in mail.outbox if message.to == [elsewhere.email]]
    assert "2.1.a Cities with action plans" in theirs.body
    assert "1.1.a" not in theirs.body
    ours = next(message for message in mail.outbox if message.to == [world.siti.email])
    assert "2.1.a" not in ours.body


def test_opted_out_inactive_and_roleless_people_get_nothing(world, remind):
    world.budi.gets_reporting_emails = False
    world.budi.save()
    StaffUserFactory(unit=world.unit, is_active=False)
    StaffUserFactory(unit=world.unit, roles=[])  # in the unit, without the staff role
    AdviserFactory(unit=world.unit)

    remind(DUE)

    assert sent_to() == ["siti@asean.example.org"]
    assert ReportingReminder.objects.get().recipients == 1


def test_a_unit_without_anyone_to_write_to_is_still_claimed_once(world, remind):
    """Nobody takes the emails: the stage is recorded with 0 recipients, so someone who
    opts in later is not sent an old stage."""
    for person in (world.siti, world.budi):
        person.gets_reporting_emails = False
        person.save()

    remind(DUE)
    world.siti.gets_reporting_emails = True
    world.siti.save()
    remind(DUE + days(1))

    assert ReportingReminder.objects.get().recipients == 0
    assert mail.outbox == []


# --- Returned records --------------------------------------------------------------


def _everything_reported(world):
    for indicator in world.indicators:
        IndicatorUpdateFactory(
            indicator=indicator,
            period=world.period,
            created_by=world.budi,
            status=ReviewStatus.SUBMITTED,
        )


def test_a_returned_record_reminds_its_author_alone(world, remind):
    _everything_reported(world)
    ActivityFactory(
        unit=world.unit,
        component=world.unit.components.get(),
        created_by=world.siti,
        submitted_by=world.siti,
        title="Media briefing",
        status=ReviewStatus.RETURNED,
        review_note="Add the list of participants.",
    )

    remind(DUE)

    assert sent_to() == ["siti@asean.example.org"]
    [message] = mail.outbox
    assert message.subject == "Returned to you: 1 record to look at again"
    assert "Returned to you, with the adviser’s note" in message.body
    assert "Activity: Media briefing" in message.body
    assert "Note: Add the list of participants." in message.body
    assert "still has indicators to report" not in message.body
    assert ReportingReminder.objects.get().recipients == 1


def test_a_returned_record_is_listed_only_in_its_authors_reminder(world, remind):
    update = IndicatorUpdateFactory(
        indicator=world.indicators[0],
        period=world.period,
        created_by=world.budi,
        submitted_by=world.budi,
        status=ReviewStatus.RETURNED,
        review_note="The value is a percentage, not a count.",
    )

    remind(DUE)

    by_person = {message.to[0]: message.body for message in mail.outbox}
    assert "1.1.a Staff trained (returned)" in by_person["siti@asean.example.org"]
    assert "Note: The value is a percentage" not in by_person["siti@asean.example.org"]
    assert "Note: The value is a percentage, not a count." in by_person["budi@asean.example.org"]
    assert f"{SITE}{update.get_absolute_url()}" in by_person["budi@asean.example.org"]


def test_a_record_returned_to_someone_now_in_another_unit_reminds_nobody(world, remind):
    _everything_reported(world)
    moved = StaffUserFactory(unit=UnitFactory())
    ActivityFactory(
        unit=world.unit,
        component=world.unit.components.get(),
        created_by=moved,
        submitted_by=moved,
        status=ReviewStatus.RETURNED,
        review_note="Add the date.",
    )

    remind(DUE)

    assert mail.outbox == []


# --- The reminder email -----------------------------------------------------------------


def test_the_reminder_says_what_when_why_and_how_to_stop(world, remind):
    remind(DUE - days(7))

    message = next(message for message in mail.outbox if message.to == [world.siti.email])
    assert message.subject == "Reporting reminder: 2021 Q3 due in 7 days, on 30 October 2021"
    body = message.body
    assert body.startswith("Dear Siti,")
    assert "Community Relations Division still has indicators to report." in body
    assert "2021 Q3: Due in 7 days, on 30 October 2021" in body
    new_update = reverse(
        "monitoring:indicator_update_create", args=[world.indicators[0].pk, world.period.pk]
    )
    assert f"- 1.1.a Staff trained (not started)\n  {SITE}{new_update}" in body
    assert f"{SITE}/workspace/updates/due/" in body
    assert "You get this because you are Secretariat staff of Community Relations Division." in body
    assert f"To stop these emails, or start them again: {SITE}/accounts/emails/" in body
    html = message.alternatives[0][0]
    assert f'href="{SITE}/accounts/emails/"' in html
    assert '<html lang="en">' in html


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (-7, "Due in 7 days, on 30 October 2021"),
        (-1, "Due tomorrow, 30 October 2021"),
        (0, "Due today, 30 October 2021"),
        (7, "Overdue since 30 October 2021"),
    ],
)
def test_the_reminder_says_when_in_words(world, remind, offset, words):
    remind(DUE + days(offset))

    assert f"2021 Q3: {words}" in mail.outbox[0].body


def test_one_email_per_person_covers_every_period_claimed_at_once(world, remind):
    later = ReportingPeriodFactory(
        name="2021 Q4",
        start=datetime.date(2021, 10, 1),
        end=datetime.date(2021, 12, 31),
        due_date=datetime.date(2022, 1, 30),
    )

    remind(datetime.date(2022, 2, 6))  # Q3 long overdue, Q4 a week overdue

    assert claimed() == [("CRD", "2021 Q3", OVERDUE), ("CRD", "2021 Q4", OVERDUE)]
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert body.index("2021 Q3: Overdue") < body.index(f"{later.name}: Overdue")


def test_a_long_list_is_cut_with_the_count_of_the_rest(world, remind):
    for number in range(cycle.EMAIL_LIST_LENGTH + 3):
        IndicatorFactory(responsible_unit=world.unit, code=f"9.{number:02d}")

    remind(DUE)

    body = mail.outbox[0].body
    assert body.count("(not started)") == cycle.EMAIL_LIST_LENGTH
    assert "… and 5 more." in body


def test_the_email_says_what_is_true_when_it_is_sent(world):
    """Built by the task: an indicator reported since the job ran is no longer listed,
    and nothing is sent when nothing is left."""
    reminder = ReportingReminder.objects.create(
        period=world.period, unit=world.unit, stage=ON_DUE, recipients=2
    )
    _everything_reported(world)

    sent = tasks.reminder_email.call(world.siti.pk, [reminder.pk], DUE.isoformat())

    assert sent is False
    assert mail.outbox == []


def test_someone_who_opted_out_after_the_job_ran_is_not_written_to(world):
    reminder = ReportingReminder.objects.create(
        period=world.period, unit=world.unit, stage=ON_DUE, recipients=2
    )
    world.siti.gets_reporting_emails = False
    world.siti.save()

    assert tasks.reminder_email.call(world.siti.pk, [reminder.pk], DUE.isoformat()) is False
    assert tasks.reminder_email.call(world.budi.pk, [reminder.pk], DUE.isoformat()) is True
    assert sent_to() == ["budi@asean.example.org"]


# --- The advisers' digest ------------------------------------------------------------------


MONDAY = datetime.date(2021, 11, 8)


@pytest.fixture
def advisers(db):
    return [
        AdviserFactory(email="jonas@giz.example.org", full_name="Jonas Weber"),
        AdviserFactory(email="maria@giz.example.org", full_name="Maria Lopez"),
    ]


def _submitted(world, *, days_ago: int, today=MONDAY, **kwargs):
    when = timezone.make_aware(datetime.datetime.combine(today - days(days_ago), datetime.time(9)))
    return ActivityFactory(
        unit=world.unit,
        component=world.unit.components.get(),
        created_by=world.siti,
        status=ReviewStatus.SUBMITTED,
        submitted_by=world.siti,
        submitted_at=when,
        **kwargs,
    )


def test_the_digest_goes_to_advisers_once_a_week(world, advisers, digest):
    _submitted(world, days_ago=2)

    first = digest(MONDAY)
    again = digest(MONDAY)
    later_that_week = digest(MONDAY + days(3))

    assert first.week == MONDAY
    assert first.recipients == 2
    assert again is None
    assert later_that_week is None
    assert sent_to() == ["jonas@giz.example.org", "maria@giz.example.org"]
    assert AdviserDigest.objects.count() == 1

    digest(MONDAY + days(7))
    assert AdviserDigest.objects.count() == 2
    assert len(mail.outbox) == 4


def test_a_missed_digest_day_is_caught_up_later_in_the_week(world, advisers, digest):
    _submitted(world, days_ago=2)

    sent = digest(MONDAY + days(2))  # the job did not run on Monday or Tuesday

    assert sent.week == MONDAY
    assert len(mail.outbox) == 2


def test_the_digest_waits_for_its_weekday(world, advisers, digest, cycle_settings):
    cycle_settings.PORTAL_DIGEST_WEEKDAY = 2  # Wednesday
    _submitted(world, days_ago=2)

    assert digest(MONDAY) is None
    assert digest(MONDAY + days(1)) is None
    assert digest(MONDAY + days(2)).week == MONDAY
    assert len(mail.outbox) == 2


def test_no_digest_when_nothing_waits_and_no_unit_is_late(world, advisers, digest):
    for indicator in world.indicators:
        IndicatorUpdateFactory(
            indicator=indicator,
            period=world.period,
            created_by=world.siti,
            status=ReviewStatus.APPROVED,
        )

    assert digest(MONDAY) is None
    assert AdviserDigest.objects.count() == 0
    assert mail.outbox == []


def test_the_digest_lists_ages_and_late_units(world, advisers, digest):
    _submitted(world, days_ago=0)
    _submitted(world, days_ago=6)
    _submitted(world, days_ago=10)
    _submitted(world, days_ago=40)
    IndicatorUpdateFactory(
        indicator=world.indicators[0],
        period=world.period,
        created_by=world.siti,
        status=ReviewStatus.SUBMITTED,
        submitted_by=world.siti,
        submitted_at=timezone.now(),
    )

    digest(MONDAY)

    message = next(message for message in mail.outbox if message.to == ["jonas@giz.example.org"])
    body = message.body
    assert message.subject == "Review digest: 5 records waiting, 1 unit late"
    assert body.startswith("Dear Jonas,")
    assert "- Activities: 2 under a week, 1 1–2 weeks, 1 over 4 weeks" in body
    assert f"{SITE}/admin/monitoring/activity/?status__exact=submitted" in body
    assert "In all 5 records:" in body
    assert (
        "- Community Relations Division (CRD): 1 indicator unreported for 2021 Q3 "
        "(due 30 October 2021)"
    ) in body
    assert f"/admin/monitoring/indicator/?responsible_unit__id__exact={world.unit.pk}" in body
    assert "You get this because you are a programme adviser." in body
    assert f"{SITE}/accounts/emails/" in body
    html = message.alternatives[0][0]
    assert "<caption" in html
    assert 'scope="col"' in html


def test_a_unit_is_late_only_after_its_due_date(world, advisers, digest):
    _submitted(world, days_ago=1, today=DUE)

    digest(DUE)  # a Saturday: the week of 25 October, due today, not yet late

    assert "No unit is late." in mail.outbox[0].body


def test_opted_out_advisers_and_staff_get_no_digest(world, advisers, digest):
    _jonas, maria = advisers
    maria.gets_reporting_emails = False
    maria.save()
    _submitted(world, days_ago=2)

    sent = digest(MONDAY)

    assert sent_to() == ["jonas@giz.example.org"]
    assert sent.recipients == 1


def test_run_cycle_runs_the_reminders_and_the_digest(
    world, advisers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = cycle.run_cycle(today=MONDAY)

    assert [reminder.stage for reminder in result.reminders] == [OVERDUE]
    assert result.digest.week == MONDAY
    assert result.summary() == (
        "1 reminder claimed; 2 emails queued; the digest for the week of 8 November 2021 "
        "to 2 advisers."
    )
    assert len(mail.outbox) == 4


# --- The command ------------------------------------------------------------------------


def test_the_command_runs_the_job_for_a_date(world, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_reporting_cycle", "--date", DUE.isoformat(), stdout=out)

    assert claimed() == [("CRD", "2021 Q3", ON_DUE)]
    assert "Reporting cycle: 1 reminder claimed; 2 emails queued." in out.getvalue()
    assert len(mail.outbox) == 2


def test_the_command_run_twice_sends_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_reporting_cycle", "--date", DUE.isoformat(), stdout=StringIO())
        out = StringIO()
        call_command("run_reporting_cycle", "--date", DUE.isoformat(), stdout=out)

    assert "0 reminders claimed; 0 emails queued." in out.getvalue()
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("bad", ["2021-13-01", "30/10/2021", "tomorrow", ""])
def test_the_command_refuses_a_bad_date(world, bad):
    with pytest.raises(CommandError, match="--date takes a date as YYYY-MM-DD"):
        call_command("run_reporting_cycle", "--date", bad, stdout=StringIO())

    assert ReportingReminder.objects.count() == 0


@override_settings(TASKS=DATABASE_TASKS)
def test_schedule_twice_queues_one_run(db, settings):
    settings.PORTAL_REPORTING_HOUR = 6
    first, second = StringIO(), StringIO()

    call_command("run_reporting_cycle", "--schedule", stdout=first)
    call_command("run_reporting_cycle", "--schedule", stdout=second)

    [queued] = DBTaskResult.objects.filter(task_path="apps.monitoring.tasks.reporting_cycle")
    assert queued.status == "READY"
    assert timezone.localtime(queued.run_after).hour == 6
    assert queued.run_after > timezone.now()
    assert "The reporting cycle is queued for" in first.getvalue()
    assert "already queued" in second.getvalue()
    assert ReportingReminder.objects.count() == 0  # it ran nothing


def test_schedule_with_tasks_run_at_once_queues_nothing(db):
    out = StringIO()

    call_command("run_reporting_cycle", "--schedule", stdout=out)

    assert "nothing to schedule" in out.getvalue()
    assert DBTaskResult.objects.count() == 0


def test_schedule_takes_no_date(db):
    with pytest.raises(CommandError, match="takes no --date"):
        call_command("run_reporting_cycle", "--schedule", "--date", "2021-10-30")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2021, 10, 30, 5, 59), datetime.datetime(2021, 10, 30, 6, 0)),
        (datetime.datetime(2021, 10, 30, 6, 0), datetime.datetime(2021, 10, 31, 6, 0)),
        (datetime.datetime(2021, 10, 30, 23, 0), datetime.datetime(2021, 10, 31, 6, 0)),
    ],
)
def test_the_next_run_is_the_next_reporting_hour(settings, now, expected):
    settings.PORTAL_REPORTING_HOUR = 6

    assert tasks.next_run_at(timezone.make_aware(now)) == timezone.make_aware(expected)


# --- The staff's list of what to report ------------------------------------------------


DUE_LIST = reverse("monitoring:indicator_update_due_list")


def test_the_due_list_says_when_each_period_is_due(world, client):
    today = timezone.localdate()
    ReportingPeriod.objects.filter(pk=world.period.pk).update(due_date=today - days(3))
    ReportingPeriodFactory(
        name="Current",
        start=today - days(20),
        end=today - days(1),
        due_date=today + days(12),
    )
    client.force_login(world.siti)

    html = client.get(DUE_LIST).content.decode()

    overdue = date_text(today - days(3))
    coming = date_text(today + days(12))
    assert f'scope="rowgroup">2021 Q3: Overdue since {overdue}</th>' in html
    assert f'scope="rowgroup">Current: Due in 12 days, on {coming}</th>' in html
    assert html.count('scope="rowgroup"') == 2


def date_text(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day)


def test_the_due_list_query_count_stays_flat_with_periods(world, client):
    client.force_login(world.siti)
    few = query_count(client, DUE_LIST)
    for start in (datetime.date(2021, 10, 1), datetime.date(2022, 1, 1)):
        ReportingPeriodFactory(start=start)

    assert query_count(client, DUE_LIST) == few


# --- The admin: due dates, and what was sent ---------------------------------------------


def test_an_adviser_sets_a_periods_due_date(world, client, advisers):
    force_login_verified(client, advisers[0])
    url = reverse("admin:monitoring_reportingperiod_change", args=[world.period.pk])
    data = {
        "name": "2021 Q3",
        "start": "2021-07-01",
        "end": "2021-09-30",
        "due_date": "2021-11-15",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    world.period.refresh_from_db()
    assert world.period.reports_due == datetime.date(2021, 11, 15)


def test_a_due_date_before_the_period_ends_is_refused(world, client, advisers):
    force_login_verified(client, advisers[0])
    url = reverse("admin:monitoring_reportingperiod_change", args=[world.period.pk])
    data = {"name": "2021 Q3", "start": "2021-07-01", "end": "2021-09-30", "due_date": "2021-09-01"}

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Reports cannot be due before the period ends." in response.content.decode()
    world.period.refresh_from_db()
    assert world.period.due_date == DUE


def test_the_period_list_shows_the_effective_due_date(world, client, advisers):
    ReportingPeriodFactory(
        name="2021 Q4", start=datetime.date(2021, 10, 1), end=datetime.date(2021, 12, 31)
    )
    force_login_verified(client, advisers[0])

    html = client.get(reverse("admin:monitoring_reportingperiod_changelist")).content.decode()

    assert "30 Oct 2021" in html
    assert "30 Jan 2022 (the default)" in html


def test_advisers_see_what_was_sent_and_change_none_of_it(world, client, advisers, remind):
    remind(DUE)
    reminder = ReportingReminder.objects.get()
    force_login_verified(client, advisers[0])

    changelist = client.get(reverse("admin:monitoring_reportingreminder_changelist"))
    add = client.get(reverse("admin:monitoring_reportingreminder_add"))
    change = client.post(
        reverse("admin:monitoring_reportingreminder_change", args=[reminder.pk]),
        {"recipients": "9"},
    )
    delete = client.post(
        reverse("admin:monitoring_reportingreminder_delete", args=[reminder.pk]), {"post": "yes"}
    )

    assert changelist.status_code == 200
    assert "Community Relations Division" in changelist.content.decode()
    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    assert ReportingReminder.objects.get().recipients == 2
    assert client.get(reverse("admin:monitoring_adviserdigest_changelist")).status_code == 200


def test_the_advisers_role_holds_the_view_rights(db):
    advisers = Group.objects.get(name=PROGRAMME_ADVISERS)

    codenames = set(advisers.permissions.values_list("codename", flat=True))

    assert {"view_reportingreminder", "view_adviserdigest"} <= codenames
    assert "change_reportingreminder" not in codenames


def test_staff_cannot_open_the_reminder_list(world, client):
    client.force_login(world.siti)

    response = client.get(reverse("admin:monitoring_reportingreminder_changelist"))

    assert response.status_code in (302, 403)
