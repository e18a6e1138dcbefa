"""The progress report's pages: who may open them, bad input, the public annual
summary, the links to them, and budgets that hold as the data grows."""

import datetime

import pytest
from django.urls import reverse

from apps.monitoring.models import Indicator, ReviewStatus
from tests.accounts.factories import AdviserFactory, UserFactory
from tests.events.factories import EventFactory, jakarta
from tests.helpers import assert_size_flat, force_login_verified, query_count, response_size
from tests.monitoring.factories import ResultFactory

from .conftest import quarter

pytestmark = pytest.mark.django_db

INDEX = reverse("reporting_admin:index")
PRINT_2020 = reverse("reporting_admin:print", args=["2020"])
DOCX_2020 = reverse("reporting_admin:docx", args=["2020"])
ANNUAL_2020 = reverse("reporting:annual", args=[2020])
ADMIN_PAGES = [INDEX, PRINT_2020, DOCX_2020]


# --- Who may open the adviser pages ------------------------------------------------------


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_adviser_opens_the_report_pages(client, world, url):
    force_login_verified(client, world.reviewer)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, url):
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_secretariat_staff_are_refused(client, world, url):
    client.force_login(world.staff)
    response = client.get(url, follow=True)
    assert response.status_code == 403


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_back_office_account_without_the_adviser_role_gets_403(client, world, url):
    """In the back office (is_staff, second factor), but it does not see every unit."""
    force_login_verified(client, UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


def test_adviser_without_the_second_step_is_not_let_in(client, world):
    client.force_login(world.reviewer)  # the password only
    response = client.get(PRINT_2020, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))


def test_superuser_opens_the_report(client, world):
    force_login_verified(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(PRINT_2020).status_code == 200


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("reporting_admin:print", args=["2017"]),
        reverse("reporting_admin:print", args=["2022"]),
        reverse("reporting_admin:print", args=["2018-2020"]),
        reverse("reporting_admin:print", args=["twenty"]),
        reverse("reporting_admin:docx", args=["2017"]),
        f"{PRINT_2020}?audience=public",
        f"{DOCX_2020}?audience=everyone",
    ],
)
def test_a_span_or_audience_that_is_not_one_is_404(client, world, url):
    force_login_verified(client, world.reviewer)
    assert client.get(url).status_code == 404


def test_the_index_says_what_is_wrong_with_a_bad_span(client, world):
    force_login_verified(client, world.reviewer)
    response = client.get(INDEX, {"span": "2017"})
    assert response.status_code == 200
    assert "“2017” is not one" in response.content.decode()
    assert "Download as a Word document" not in response.content.decode()


def test_the_index_links_the_chosen_report(client, world):
    force_login_verified(client, world.reviewer)
    response = client.get(INDEX, {"span": "2018-2021", "publication": "on"})
    page = response.content.decode()
    assert (
        f'href="{reverse("reporting_admin:docx", args=["2018-2021"])}?audience=publication"' in page
    )
    assert (
        f'href="{reverse("reporting_admin:print", args=["2018-2021"])}?audience=publication"'
        in page
    )
    assert "Progress report for the whole term, 2018–2021" in page


def test_the_admin_index_links_the_progress_reports(client, world):
    force_login_verified(client, world.reviewer)
    assert f'href="{INDEX}"' in client.get(reverse("admin:index")).content.decode()


def test_the_publication_docx_is_named_so(client, world):
    force_login_verified(client, world.reviewer)
    response = client.get(
        f"{reverse('reporting_admin:docx', args=['2018-2021'])}?audience=publication"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="asec-progress-report-2018-2021-publication.docx"'
    )


# --- The print page --------------------------------------------------------------------------


def test_print_page_has_captioned_tables_and_print_styles(client, world):
    force_login_verified(client, world.reviewer)
    page = client.get(PRINT_2020).content.decode()
    assert "<caption>Indicators of outcome 1 as of 31 December 2020</caption>" in page
    assert '<th scope="row">1.a</th>' in page
    assert "reporting/report.css" in page
    assert page.count("<h1") == 1


# --- The public annual summary -----------------------------------------------------------------


def test_the_annual_summary_shows_public_approved_figures_as_of_the_year_end(client, world):
    world.activity(title="Published workshop", participants_women=12, participants_men=9)
    world.activity(title="Internal retreat", is_public=False)
    world.activity(title="Submitted seminar", status=ReviewStatus.SUBMITTED)
    EventFactory(
        title="Forum held in 2020",
        unit=world.unit,
        created_by=world.staff,
        components=[world.component],
        status=ReviewStatus.APPROVED,
        starts_at=jakarta(2020, 11, 24),
        ends_at=jakarta(2020, 11, 25, 17),
    )
    EventFactory(
        title="Forum not yet approved",
        unit=world.unit,
        created_by=world.staff,
        components=[world.component],
        status=ReviewStatus.SUBMITTED,
        starts_at=jakarta(2020, 10, 1),
        ends_at=jakarta(2020, 10, 1, 17),
    )
    EventFactory(
        title="Forum called off",
        unit=world.unit,
        created_by=world.staff,
        components=[world.component],
        status=ReviewStatus.APPROVED,
        state="cancelled",
        starts_at=jakarta(2020, 9, 1),
        ends_at=jakarta(2020, 9, 1, 17),
    )

    response = client.get(ANNUAL_2020)
    page = response.content.decode()

    assert response.status_code == 200
    assert "The programme in 2020" in page
    assert "Published workshop" in page
    assert "Forum held in 2020" in page
    for hidden in (
        "Internal retreat",
        "Submitted seminar",
        "Forum not yet approved",
        "Forum called off",
        "Internal audit findings closed",
        "Written in 2021",
        "Two units joined late.",
    ):
        assert hidden not in page, hidden
    # Figures as of 31 December 2020 (2021 Q1's 90 does not count), people rounded.
    assert "As of 2020 Q4" in page
    assert "about 20 participants" in page  # 21 people, rounded to 5


def test_an_event_counts_in_the_year_of_its_own_first_day(client, world):
    """Jakarta is UTC+7: an event on 1 January 2021 at 00:30 there is in 2021, though it
    is still 2020 in UTC."""
    EventFactory(
        title="New Year's dialogue",
        unit=world.unit,
        created_by=world.staff,
        components=[world.component],
        status=ReviewStatus.APPROVED,
        starts_at=jakarta(2021, 1, 1, 0, 30),
        ends_at=jakarta(2021, 1, 1, 2),
    )
    assert "New Year&#x27;s dialogue" not in client.get(ANNUAL_2020).content.decode()
    assert (
        "New Year&#x27;s dialogue"
        in client.get(reverse("reporting:annual", args=[2021])).content.decode()
    )


@pytest.mark.parametrize("year", [2017, 2022, 1999])
def test_a_year_outside_the_term_is_404(client, world, year):
    assert client.get(reverse("reporting:annual", args=[year])).status_code == 404


def test_without_a_programme_the_summary_is_404(client, db):
    assert client.get(ANNUAL_2020).status_code == 404


def test_the_results_page_links_the_annual_summaries(client, world):
    page = client.get(reverse("site:results")).content.decode()
    for year in (2018, 2019, 2020, 2021):
        assert f'href="/results/{year}/"' in page


def test_the_annual_summary_is_cached_for_anonymous_visitors(client, world, settings):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    client.get(ANNUAL_2020)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(ANNUAL_2020)
    assert response.status_code == 200
    assert len(queries) == 0


# --- Budgets: queries and size do not grow with the data --------------------------------------


def _grow(world, count: int, *, start: int = 0) -> None:
    """`count` more results with a measured indicator each (approved figures in 2020 and
    2021), and `count` more public activities in 2020 across both components."""
    for n in range(start, start + count):
        component = world.component if n % 2 else world.other
        result = ResultFactory(component=component, code=f"9.{n}", title=f"Result {n}")
        indicator = world.indicator(
            f"9.{n}.a",
            title=f"Grown indicator {n}",
            result=result,
            measure=(Indicator.Measure.NUMBER, Indicator.Measure.PERCENTAGE)[n % 2],
            target_value=80,
        )
        for period in (quarter(2020, 2), quarter(2021, 2)):
            world.update(indicator.code, period, value=n, numerator=1, denominator=2)
        world.activity(
            component=component,
            title=f"Grown activity {n}",
            start_date=datetime.date(2020, 1 + n % 12, 1 + n % 28),
        )


def test_query_counts_hold_as_the_data_grows(client, world, settings):
    settings.PORTAL_PUBLIC_PAGE_CACHE = False
    adviser = Client_for(world)
    _grow(world, 3)
    few = {
        "print": query_count(adviser, PRINT_2020),
        "docx": query_count(adviser, DOCX_2020),
        "annual": query_count(client, ANNUAL_2020),
    }
    _grow(world, 27, start=3)
    many = {
        "print": query_count(adviser, PRINT_2020),
        "docx": query_count(adviser, DOCX_2020),
        "annual": query_count(client, ANNUAL_2020),
    }
    assert many == few
    assert few["annual"] <= 16
    assert few["print"] <= 30


def test_the_annual_summary_keeps_its_size_and_the_print_page_its_budget(client, world, settings):
    settings.PORTAL_PUBLIC_PAGE_CACHE = False
    adviser = Client_for(world)
    # Enough that every cut list is full (6 indicators and 3 highlights a component, 10
    # behind), then 30 more.
    _grow(world, 12)
    small = response_size(client, ANNUAL_2020)
    _grow(world, 30, start=12)
    large = response_size(client, ANNUAL_2020)
    assert_size_flat(url=ANNUAL_2020, small=small, large=large, budget=60_000)
    # The advisers' report lists every indicator (a report leaves none out): a row each,
    # within a budget at 42 more indicators and activities.
    assert response_size(adviser, PRINT_2020) <= 120_000


def Client_for(world):
    from django.test import Client

    client = Client()
    force_login_verified(client, AdviserFactory())
    return client
