"""Query and size budgets: the component page and the busiest staff list run the same
number of queries, and send about the same number of bytes, with 5 records of each
kind as with 100 (docs/processes.md gives the measured numbers)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.processes.models import Audience, Workstream
from apps.processes.public import component_sections
from apps.programme.models import Component, Partner
from tests.helpers import assert_size_flat, query_count, response_size
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.helpers import APPROVED

from .factories import (
    IntegrityMeasureFactory,
    LegalInstrumentFactory,
    ProcessImprovementFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("site:component_detail", args=["organisational-processes"])
LIST = reverse("processes:legal_instrument_list")

# The most queries each may run; the sizes in bytes (measured in the comments).
# What this app's sections run, whatever the data: the workstreams with their lead and
# partner units and indicators (4), each kind's records (4) with the strategies'
# audiences and the measures' partners (2), the stage counts (1). The page as a whole
# runs what the site and the other apps add besides (21 or 22 when measured), so its
# own budget is the site's (tests/site/test_query_budgets.py); here it must be flat.
SECTIONS_QUERIES = 11
PAGE_BYTES = 30_000  # measured: 17,602 (5 of each kind), 17,939 (100), 22,705 (worst case)
LIST_QUERIES = 12  # measured: 12
LIST_BYTES = 20_000  # measured: 15,371 (a full page of 25)


# Each kind with the unit that writes it and the workstream it belongs to.
KINDS = (
    (ProcessImprovementFactory, "CAD", "strategic-hr"),
    (StrategyFactory, "CRD", "communication-outreach"),
    (LegalInstrumentFactory, "LSAD", "legal-instruments"),
    (IntegrityMeasureFactory, "CAD", "corruption-prevention"),
)


def _add(count: int, staff_by_unit: dict, *, status=APPROVED, spread: bool = False) -> None:
    """`count` records of each kind, with their relations: in the kind's own workstream,
    or (`spread`, the page's worst case) over every workstream in turn."""
    workstreams = {workstream.slug: workstream for workstream in Workstream.objects.all()}
    every = itertools.cycle(workstreams.values())
    audiences = list(Audience.objects.all())
    partners = list(Partner.objects.filter(acronym="KPK"))
    component = Component.objects.get(slug="organisational-processes")
    for number in range(count):
        for factory, abbreviation, slug in KINDS:
            workstream = next(every) if spread else workstreams[slug]
            staff = staff_by_unit[abbreviation]
            record = factory(
                unit=staff.unit,
                created_by=staff,
                status=status,
                workstream=workstream,
                title=f"{factory._meta.model.__name__} {number}",
            )
            if hasattr(record, "audiences"):
                record.audiences.set(audiences)
            if hasattr(record, "partners"):
                record.partners.set(partners)
            record.activities.add(
                ActivityFactory(
                    unit=staff.unit, component=component, start_date=datetime.date(2019, 5, 14)
                )
            )


@pytest.fixture
def staff_by_unit(legal_staff, corporate_staff, communication_staff):
    return {"LSAD": legal_staff, "CAD": corporate_staff, "CRD": communication_staff}


def test_component_page_queries_and_size_are_flat(client, staff_by_unit):
    _add(5, staff_by_unit)
    few, small = query_count(client, PAGE), response_size(client, PAGE)
    _add(95, staff_by_unit)
    many, large = query_count(client, PAGE), response_size(client, PAGE)
    assert many == few, f"{few} queries with 5 records of each kind, {many} with 100"
    assert_size_flat(url=PAGE, small=small, large=large, budget=PAGE_BYTES)


def test_component_page_stays_within_its_budget_in_the_worst_case(client, staff_by_unit):
    """Every kind in every workstream: each list is full (SHOWN_PER_WORKSTREAM)."""
    _add(100, staff_by_unit, spread=True)
    assert response_size(client, PAGE) <= PAGE_BYTES
    component = Component.objects.get(slug="organisational-processes")
    with CaptureQueriesContext(connection) as queries:
        component_sections(component=component)
    assert len(queries) == SECTIONS_QUERIES


def test_staff_list_queries_and_size_are_flat(client, staff_by_unit, legal_staff):
    """Queries: the same at 5 as at 100. Size: a full page (25 of them) weighs what a
    page of 100 does: the list shows 25 a page."""
    _add(5, staff_by_unit, status="draft")
    client.force_login(legal_staff)
    few = query_count(client, LIST)
    _add(20, staff_by_unit, status="draft")
    small = response_size(client, LIST)
    _add(75, staff_by_unit, status="draft")
    many, large = query_count(client, LIST), response_size(client, LIST)
    assert many == few, f"{few} queries with 5 records, {many} with 100"
    assert few <= LIST_QUERIES
    assert_size_flat(url=LIST, small=small, large=large, budget=LIST_BYTES)


def test_workspace_panel_adds_a_fixed_number_of_queries(client, staff_by_unit, legal_staff):
    workspace = reverse("site:workspace")
    client.force_login(legal_staff)
    _add(5, staff_by_unit, status="draft")
    few = query_count(client, workspace)
    _add(45, staff_by_unit, status="draft")
    assert query_count(client, workspace) == few
