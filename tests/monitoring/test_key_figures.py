"""The admin index's key figures and review overview: measured where the data is (the
latest reporting period with approved figures), saying which, each figure linking to
the records it counts; the admin's progress filter agreeing with them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.monitoring import selectors, services
from apps.monitoring.models import Indicator, ReportingPeriod, ReviewStatus
from apps.monitoring.selectors import Track
from tests.helpers import force_login_verified, query_count
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
)

pytestmark = pytest.mark.django_db

APPROVED, SUBMITTED, DRAFT = ReviewStatus.APPROVED, ReviewStatus.SUBMITTED, ReviewStatus.DRAFT
ADMIN = reverse("admin:index")
ACTIVITIES = reverse("admin:monitoring_activity_changelist")
UPDATES = reverse("admin:monitoring_indicatorupdate_changelist")
INDICATORS = reverse("admin:monitoring_indicator_changelist")


def quarter(year: int, number: int) -> ReportingPeriod:
    start = datetime.date(year, 3 * number - 2, 1)
    end = (
        datetime.date(year, 3 * number + 1, 1) - datetime.timedelta(days=1)
        if number < 4
        else datetime.date(year, 12, 31)
    )
    return ReportingPeriod.objects.create(name=f"{year} Q{number}", start=start, end=end)


@pytest.fixture
def term():
    """The programme's quarters 2018 Q1 – 2021 Q4 (its term ended long before today)."""
    return {(year, n): quarter(year, n) for year in range(2018, 2022) for n in range(1, 5)}


def indicator_at(progress: int, *, period: ReportingPeriod, **fields) -> Indicator:
    """A 0 → 100 indicator (2018–2021) with `progress` approved in `period`."""
    indicator = IndicatorFactory(**fields)
    IndicatorUpdateFactory(indicator=indicator, period=period, value=progress, status=APPROVED)
    return indicator


# --- The reference: the latest period with approved figures --------------------------


def test_track_reference_is_the_latest_period_with_an_approved_update(term):
    indicator = IndicatorFactory()
    IndicatorUpdateFactory(indicator=indicator, period=term[2021, 2], status=APPROVED)
    # Later periods with figures that are not approved yet do not count.
    IndicatorUpdateFactory(indicator=indicator, period=term[2021, 3], status=SUBMITTED)
    IndicatorUpdateFactory(indicator=indicator, period=term[2021, 4], status=DRAFT)

    reference = selectors.track_reference(today=datetime.date(2026, 11, 30))

    assert reference.period_name == "2021 Q2"
    assert (reference.period_start, reference.period_end) == (
        datetime.date(2021, 4, 1),
        datetime.date(2021, 6, 30),
    )
    assert reference.measured_on == datetime.date(2021, 6, 30)


def test_track_reference_of_a_period_still_running_is_today(term):
    IndicatorUpdateFactory(period=term[2021, 4], status=APPROVED)

    reference = selectors.track_reference(today=datetime.date(2021, 11, 15))

    assert reference.period_name == "2021 Q4"
    assert reference.measured_on == datetime.date(2021, 11, 15)


def test_without_approved_figures_the_reference_is_today_and_this_quarter(term):
    IndicatorUpdateFactory(period=term[2021, 1], status=SUBMITTED)
    ActivityFactory(start_date=datetime.date(2026, 10, 1))
    ActivityFactory(start_date=datetime.date(2026, 9, 30))

    figures = selectors.review_figures(today=datetime.date(2026, 11, 30))

    assert not figures.reference.has_period
    assert figures.reference.measured_on == datetime.date(2026, 11, 30)
    assert (figures.activities_from, figures.activities_to) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 30),
    )
    assert (figures.activities_in_period, figures.activities_later) == (1, 0)


# --- On track, behind, without data at that reference -------------------------------


def test_indicators_are_measured_at_the_reference_not_today(term):
    # At the end of 2020 three quarters of the 2018–2021 term had passed: 75 %.
    on_track = indicator_at(80, period=term[2020, 4])
    just_on_track = indicator_at(75, period=term[2020, 4])
    behind = indicator_at(60, period=term[2020, 4])
    without = IndicatorFactory()
    IndicatorFactory(measure=Indicator.Measure.QUALITATIVE)  # not counted

    tracks = selectors.indicator_track_status()

    assert tracks == {
        on_track.pk: Track.ON_TRACK,
        just_on_track.pk: Track.ON_TRACK,
        behind.pk: Track.BEHIND,
        without.pk: Track.WITHOUT_DATA,
    }
    # Against today (years after the term) every indicator short of its target is behind.
    today = selectors.indicator_track_status(today=timezone.localdate())
    assert today[on_track.pk] == today[just_on_track.pk] == Track.BEHIND


def test_review_figures_count_at_the_reference(term):
    indicator_at(95, period=term[2021, 3])
    indicator_at(10, period=term[2021, 3])
    IndicatorFactory()
    ActivityFactory(start_date=datetime.date(2021, 7, 1), status=DRAFT)
    ActivityFactory(start_date=datetime.date(2021, 9, 30), status=APPROVED)
    ActivityFactory(start_date=datetime.date(2021, 6, 30))  # the period before
    ActivityFactory(start_date=datetime.date(2021, 10, 1))  # after it
    ActivityFactory(start_date=datetime.date(2022, 2, 1))

    figures = selectors.review_figures(today=datetime.date(2026, 11, 30))

    assert figures.reference.period_name == "2021 Q3"
    assert (figures.activities_in_period, figures.activities_later) == (2, 2)
    assert (
        figures.indicators_on_track,
        figures.indicators_behind,
        figures.indicators_without_data,
    ) == (1, 1, 1)


# --- The admin index -------------------------------------------------------------------


def test_the_admin_index_says_which_period_the_figures_are_measured_at(client, adviser, term):
    indicator_at(95, period=term[2021, 3])
    indicator_at(10, period=term[2021, 3])
    ActivityFactory(start_date=datetime.date(2021, 8, 2))
    ActivityFactory(start_date=datetime.date(2021, 11, 2))
    force_login_verified(client, adviser)

    response = client.get(ADMIN)

    html = response.content.decode()
    assert (
        "As of 2021 Q3 (1 July 2021 to 30 September 2021), the latest reporting period "
        "with approved figures." in html
    )
    assert "<dt>Activities dated in 2021 Q3</dt>" in html
    assert "<dt>Activities dated after 30 September 2021</dt>" in html
    assert "that had passed on 30 September 2021" in html
    figures = response.context["figures"]
    assert (figures.indicators_on_track, figures.indicators_behind) == (1, 1)


def test_the_key_figure_links_list_the_records_they_count(client, adviser, term):
    on_track = indicator_at(95, period=term[2021, 3])
    behind = indicator_at(10, period=term[2021, 3])
    without = IndicatorFactory()
    in_period = ActivityFactory(start_date=datetime.date(2021, 9, 30))
    later = ActivityFactory(start_date=datetime.date(2021, 10, 1))
    ActivityFactory(start_date=datetime.date(2021, 6, 30))
    force_login_verified(client, adviser)

    links = client.get(ADMIN).context["links"]

    def listed(url):
        return list(client.get(url).context["cl"].result_list)

    assert listed(links["activities_in_period"]) == [in_period]
    assert listed(links["activities_later"]) == [later]
    assert listed(links["on_track"]) == [on_track]
    assert listed(links["behind"]) == [behind]
    assert listed(links["without_data"]) == [without]


def test_the_progress_filter_agrees_with_the_index(client, adviser, term):
    # On track at the end of 2020 (75 % of the term passed), behind against today.
    indicator = indicator_at(80, period=term[2020, 4])
    force_login_verified(client, adviser)

    figures = client.get(ADMIN).context["figures"]
    on_track = client.get(f"{INDICATORS}?progress=on_track").context["cl"].result_list
    behind = client.get(f"{INDICATORS}?progress=behind").context["cl"].result_list

    assert figures.indicators_on_track == 1
    assert list(on_track) == [indicator]
    assert list(behind) == []


def test_without_approved_figures_the_index_says_so(client, adviser):
    IndicatorFactory()
    ActivityFactory(start_date=timezone.localdate())
    force_login_verified(client, adviser)

    response = client.get(ADMIN)

    html = response.content.decode()
    assert "No reporting period has approved figures yet" in html
    assert "<dt>Activities this quarter</dt>" in html
    assert response.context["figures"].activities_in_period == 1
    assert response.context["figures"].indicators_without_data == 1


def test_the_key_figures_are_kept_until_an_approval_changes_them(
    client, adviser, term, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    indicator = indicator_at(80, period=term[2021, 2])
    force_login_verified(client, adviser)
    first = client.get(ADMIN).context["figures"]
    submitted = IndicatorUpdateFactory(
        indicator=indicator, period=term[2021, 3], value=5, status=SUBMITTED
    )

    kept = client.get(ADMIN).context["figures"]
    with django_capture_on_commit_callbacks(execute=True):
        services.indicator_update_approve(update=submitted, reviewer=adviser)
    renewed = client.get(ADMIN).context["figures"]

    assert first.reference.period_name == kept.reference.period_name == "2021 Q2"
    assert renewed.reference.period_name == "2021 Q3"


def test_the_admin_index_query_count_is_flat(client, adviser, term):
    force_login_verified(client, adviser)
    indicator_at(50, period=term[2019, 1])
    ActivityFactory(status=SUBMITTED)
    few = query_count(client, ADMIN)

    for (year, number), period in term.items():
        if year >= 2020:
            indicator_at(number * 10, period=period)
    ActivityFactory.create_batch(10, status=SUBMITTED)
    IndicatorUpdateFactory.create_batch(5, status=SUBMITTED)

    assert query_count(client, ADMIN) == few


# --- Waiting for review --------------------------------------------------------------


def test_the_review_overview_gives_each_kind_its_count_oldest_age_and_queue(client, adviser):
    now = timezone.now()
    ActivityFactory(status=SUBMITTED, submitted_at=now - datetime.timedelta(days=12, hours=3))
    ActivityFactory(status=SUBMITTED, submitted_at=now - datetime.timedelta(days=2))
    IndicatorUpdateFactory(status=SUBMITTED, submitted_at=now - datetime.timedelta(hours=5))
    ActivityFactory(status=DRAFT)
    force_login_verified(client, adviser)

    response = client.get(ADMIN)

    html = response.content.decode()
    assert "Waiting for review: 3 records" in html
    entries = {entry["queue"].label: entry for entry in response.context["queues"]}
    assert entries["Activities"]["queue"].waiting == 2
    assert entries["Activities"]["age"] == "12 days"
    assert entries["Indicator updates"]["age"] == "less than a day"
    assert f'<a href="{ACTIVITIES}?status__exact=submitted">Activities</a>' in html
    assert f'<a href="{UPDATES}?status__exact=submitted">Indicator updates</a>' in html
    assert "oldest waiting 12 days" in html
    queue = client.get(f"{ACTIVITIES}?status__exact=submitted").context["cl"].result_list
    assert queue[0].submitted_at == min(activity.submitted_at for activity in queue)


def test_an_empty_queue_shows_no_age(client, adviser):
    ActivityFactory(status=SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(days=1))
    force_login_verified(client, adviser)

    entries = {e["queue"].label: e for e in client.get(ADMIN).context["queues"]}

    assert entries["Activities"]["age"] == "1 day"
    assert entries["Indicator updates"]["queue"].waiting == 0
    assert entries["Indicator updates"]["age"] == ""


def test_the_figures_are_for_advisers_only(client, term):
    from tests.accounts.factories import UserFactory

    indicator_at(95, period=term[2021, 3])
    force_login_verified(client, UserFactory(is_staff=True))

    response = client.get(ADMIN)

    assert response.status_code == 200
    assert "Key figures" not in response.content.decode()
