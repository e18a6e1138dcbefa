"""Odd query strings never answer 500: a NUL character gets 400 Bad Request
(apps.core.middleware), anything else a page, a redirect or a 4xx."""

import pytest
from django.urls import reverse

from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityFactory, IndicatorFactory, IndicatorUpdateFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = {
    "activities": reverse("admin:monitoring_activity_changelist"),
    "indicator updates": reverse("admin:monitoring_indicatorupdate_changelist"),
    "indicators": reverse("admin:monitoring_indicator_changelist"),
}
NUL_QUERIES = ["status__exact=%00", "q=%00"]
ODD_QUERIES = [
    "start_date__gte=abc",
    "start_date__year=99999",
    "o=abc",
    "p=abc",
    "unit__id__exact=abc",
    "status__exact=nonsense",
]
AUTOCOMPLETE = (
    "/admin/autocomplete/?app_label=monitoring&model_name=activity&field_name=indicators&term="
)


@pytest.fixture
def records():
    """One record in each list, so filters and searches have rows to work on."""
    ActivityFactory()
    IndicatorUpdateFactory()
    return IndicatorFactory(code="7.7.z", title="Findable indicator")


@pytest.fixture
def adviser_client(client, adviser, records):
    force_login_verified(client, adviser)
    return client


def _assert_bad_request(response):
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize("url", CHANGELISTS.values(), ids=CHANGELISTS.keys())
def test_admin_changelist_answers_200_without_a_query(adviser_client, url):
    assert adviser_client.get(url).status_code == 200


@pytest.mark.parametrize("query", NUL_QUERIES)
@pytest.mark.parametrize("url", CHANGELISTS.values(), ids=CHANGELISTS.keys())
def test_admin_changelist_answers_400_to_a_nul_character(adviser_client, url, query):
    _assert_bad_request(adviser_client.get(f"{url}?{query}"))


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("url", CHANGELISTS.values(), ids=CHANGELISTS.keys())
def test_admin_changelist_never_answers_500_to_an_odd_query(adviser_client, url, query):
    assert adviser_client.get(f"{url}?{query}").status_code < 500


def test_admin_autocomplete_answers_with_matches_to_a_plain_term(adviser_client):
    response = adviser_client.get(f"{AUTOCOMPLETE}Findable")

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["7.7.z Findable indicator"]


def test_admin_autocomplete_answers_400_to_a_nul_character(adviser_client):
    _assert_bad_request(adviser_client.get(f"{AUTOCOMPLETE}%00"))


def test_nul_in_a_parameter_name_answers_400(adviser_client):
    _assert_bad_request(adviser_client.get(f"{CHANGELISTS['activities']}?q%00=x"))


def test_public_page_answers_400_to_a_nul_character_and_200_without(client):
    _assert_bad_request(client.get("/?x=%00"))
    assert client.get("/").status_code == 200
    assert client.get("/?x=0").status_code == 200
