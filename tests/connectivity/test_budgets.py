"""Query and size budgets: the component page and the busiest workspace pages run
the same number of queries with 5 and with 100 records of each kind, and the
component page's size stays flat (it shows a bounded number of rows)."""

import datetime

import pytest
from django.urls import reverse

from apps.connectivity.models import City, CoordinationBody, FocusArea, StrategicArea
from apps.monitoring.models import ReviewStatus
from tests.connectivity.factories import (
    ActionItemFactory,
    CoordinationMeetingFactory,
    InitiativeFactory,
    UrbanisationActionFactory,
)
from tests.helpers import assert_size_flat, query_count, response_size

pytestmark = pytest.mark.django_db

PAGE = reverse("site:component_detail", args=["connectivity"])
FEW, MANY = 5, 100
# For the size: enough records to fill every cut of the page (6 initiatives in each of
# the 5 areas, 6 actions in each of the 6 focus areas, 2 decisions a body), then three
# times as many. A page that rendered every row would grow by far more than
# tests.helpers.assert_size_flat allows.
FILLED, TRIPLED = 36, 108
# The site's own part of the page (story, indicators, activities, partners,
# participation, photo: tests/site/test_query_budgets.py) plus this app's sections:
# areas and their initiatives, focus areas and their actions, the member states'
# overview, the bodies and their latest decisions, and the component's programme.
COMPONENT_PAGE_QUERIES = 21
COMPONENT_PAGE_BYTES = 60_000
WORKSPACE_QUERIES = 31  # + the events-to-run panel (apps/registrations)
LIST_QUERIES = 11  # + whether the unit works with the component (the "Add" button)


def add_records(count: int, *, staff, states) -> None:
    """`count` approved, public records of each kind spread over the areas, focus
    areas, cities and bodies, with member states and action items, and as many
    drafts the public must not see."""
    areas = list(StrategicArea.objects.all())
    focus_areas = list(FocusArea.objects.all())
    cities = list(City.objects.all())
    bodies = list(CoordinationBody.objects.all())
    some_states = [states["ID"], states["MY"], states["TH"]]
    for n in range(count):
        for status in (ReviewStatus.APPROVED, ReviewStatus.DRAFT):
            common = {"unit": staff.unit, "created_by": staff, "status": status}
            initiative = InitiativeFactory(
                strategic_area=areas[n % len(areas)],
                start_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
                **common,
            )
            initiative.member_states.set(some_states)
            UrbanisationActionFactory(
                city=cities[n % len(cities)], focus_area=focus_areas[n % len(focus_areas)], **common
            )
            meeting = CoordinationMeetingFactory(
                body=bodies[n % len(bodies)],
                held_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                **common,
            )
            meeting.member_states.set(some_states)
            ActionItemFactory(meeting=meeting, due_on=meeting.held_on)


def test_component_page_query_count_is_flat(client, acd_staff, states):
    add_records(FEW, staff=acd_staff, states=states)
    few = query_count(client, PAGE)
    add_records(MANY - FEW, staff=acd_staff, states=states)
    many = query_count(client, PAGE)
    assert many == few
    assert few <= COMPONENT_PAGE_QUERIES


def test_component_page_size_is_flat(client, acd_staff, states):
    add_records(FILLED, staff=acd_staff, states=states)
    small = response_size(client, PAGE)
    add_records(TRIPLED - FILLED, staff=acd_staff, states=states)
    large = response_size(client, PAGE)
    assert_size_flat(url=PAGE, small=small, large=large, budget=COMPONENT_PAGE_BYTES)


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        (reverse("site:workspace"), WORKSPACE_QUERIES),
        (reverse("connectivity:meeting_list"), LIST_QUERIES + 1),  # + the overdue count
        (reverse("connectivity:initiative_list"), LIST_QUERIES),
        (reverse("connectivity:city_action_list"), LIST_QUERIES),
    ],
)
def test_staff_pages_query_count_is_flat(client, acd_staff, states, url, budget):
    client.force_login(acd_staff)
    add_records(FEW, staff=acd_staff, states=states)
    few = query_count(client, url)
    add_records(MANY - FEW, staff=acd_staff, states=states)
    many = query_count(client, url)
    assert many == few
    assert few <= budget
