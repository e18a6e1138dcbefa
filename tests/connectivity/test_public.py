"""/components/connectivity/: the MPAC areas with their initiatives, the ASUS focus
areas with cities' actions, the member states' overview (chart and table) and the
coordination bodies — only approved, public records; decisions, never internal notes."""

import datetime

import pytest
from django.urls import reverse

from apps.connectivity.models import (
    City,
    CoordinationBody,
    FocusArea,
    Progress,
    StrategicArea,
)
from apps.connectivity.selectors import PUBLIC_PER_GROUP, member_state_overview_public
from apps.monitoring.models import ReviewStatus
from apps.programme.models import Component
from tests.connectivity.factories import (
    CoordinationMeetingFactory,
    InitiativeFactory,
    UrbanisationActionFactory,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("site:component_detail", args=["connectivity"])
APPROVED = ReviewStatus.APPROVED


@pytest.fixture
def published(acd_staff, states):
    """One published record of each kind, and the same unpublished in every other way."""
    unit, author = acd_staff.unit, acd_staff
    area = StrategicArea.objects.get(slug="seamless-logistics")
    initiative = InitiativeFactory(
        unit=unit,
        created_by=author,
        status=APPROVED,
        strategic_area=area,
        title="Study on supply chain efficiency",
        progress=Progress.STALLED,
    )
    initiative.member_states.set([states["MY"], states["SG"]])
    InitiativeFactory(unit=unit, created_by=author, strategic_area=area, title="Draft initiative")
    InitiativeFactory(
        unit=unit, created_by=author, status=APPROVED, is_public=False, title="Internal initiative"
    )
    UrbanisationActionFactory(
        unit=unit,
        created_by=author,
        status=APPROVED,
        city=City.objects.get(name="Da Nang"),
        focus_area=FocusArea.objects.get(slug="security"),
        title="Flood early warning system",
    )
    UrbanisationActionFactory(
        unit=unit,
        created_by=author,
        status=ReviewStatus.SUBMITTED,
        city=City.objects.get(name="Hanoi"),
        title="Submitted action",
    )
    meeting = CoordinationMeetingFactory(
        unit=unit,
        created_by=author,
        status=APPROVED,
        body=CoordinationBody.objects.get(slug="accc"),
        held_on=datetime.date(2021, 3, 23),
        decisions="The ACCC endorsed the terms of reference.",
        internal_notes="Two delegations were late.",
    )
    meeting.member_states.set([states["MY"]])
    CoordinationMeetingFactory(
        unit=unit,
        created_by=author,
        status=ReviewStatus.RETURNED,
        body=CoordinationBody.objects.get(slug="accc"),
        decisions="A returned decision.",
    )


def test_component_page_shows_the_published_records_only(client, published):
    html = client.get(PAGE).content.decode()
    for heading in (
        "MPAC 2025 strategic areas",
        "Sustainable urbanisation: what cities do",
        "Across the member states",
        "Coordination",
    ):
        assert f">{heading}</h2>" in html
    assert "Study on supply chain efficiency" in html
    assert "Stalled" in html
    assert "Da Nang (Viet Nam): Flood early warning system" in html
    assert "The ACCC endorsed the terms of reference." in html
    assert "1 published meeting" in html
    for hidden in (
        "Draft initiative",
        "Internal initiative",
        "Submitted action",
        "A returned decision.",
        "Two delegations were late.",
    ):
        assert hidden not in html


def test_component_page_lists_every_area_and_body(client, facts):
    html = client.get(PAGE).content.decode()
    for area in StrategicArea.objects.all():
        assert f">{area.title}</h3>" in html
    for area in FocusArea.objects.all():
        assert f">{area.title}</h3>" in html
    for body in CoordinationBody.objects.all():
        assert str(body) in html
    assert "No initiative published yet." in html
    # Nothing to draw yet: the table alone, no empty chart.
    assert "connectivity-chart__svg" not in html


def test_member_state_overview_counts_in_the_programmes_term(published):
    programme = Component.objects.get(slug="connectivity").programme
    rows = {row.state.iso_code: row for row in member_state_overview_public(programme=programme)}
    assert "TL" not in rows  # joined in 2025, after the term
    assert len(rows) == 10
    assert (rows["MY"].initiatives, rows["MY"].cities, rows["MY"].meetings) == (1, 0, 1)
    assert (rows["VN"].initiatives, rows["VN"].cities, rows["VN"].meetings) == (0, 1, 0)


def test_member_state_chart_has_its_table(client, published):
    html = client.get(PAGE).content.decode()
    assert 'role="img" aria-labelledby="member-states-chart-name"' in html
    assert "at most 1, in Malaysia, Singapore" in html
    assert '<caption id="member-states-table">Published records by member state</caption>' in html
    assert '<th scope="row">Malaysia</th><td class="portal-table__num">1</td>' in html


def test_an_area_shows_its_newest_initiatives_and_counts_the_rest(client, acd_staff):
    area = StrategicArea.objects.get(slug="people-mobility")
    for day in range(1, PUBLIC_PER_GROUP + 3):
        InitiativeFactory(
            unit=acd_staff.unit,
            created_by=acd_staff,
            status=APPROVED,
            strategic_area=area,
            title=f"Mobility initiative {day:02d}",
            start_date=datetime.date(2019, 1, day),
        )
    html = client.get(PAGE).content.decode()
    assert "Mobility initiative 08" in html
    assert "Mobility initiative 01" not in html
    assert "and 2 more initiatives" in html
