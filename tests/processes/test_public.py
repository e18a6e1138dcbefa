"""Component 1's sections on /components/organisational-processes/: the workstreams
with their units and published records, process improvements by stage. Only approved
records their authors marked public show."""

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse

from apps.processes import selectors, services
from apps.processes.models import (
    Audience,
    IntegrityMeasure,
    LegalInstrument,
    ProcessImprovement,
    Workstream,
)
from tests.monitoring.factories import IndicatorFactory
from tests.monitoring.helpers import APPROVED, SUBMITTED

from .factories import (
    IntegrityMeasureFactory,
    LegalInstrumentFactory,
    ProcessImprovementFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("site:component_detail", args=["organisational-processes"])


def _page(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, slug: str) -> str:
    """The HTML of one workstream's article."""
    start = html.index(f'id="processes-workstream-{slug}"')
    end = html.find("</article>", start)
    return html[start:end]


def _approved(factory, abbreviation_staff, **kwargs):
    return factory(
        unit=abbreviation_staff.unit,
        created_by=abbreviation_staff,
        status=APPROVED,
        **kwargs,
    )


def test_page_shows_the_workstreams_with_their_units(client, facts):
    html = _page(client)
    assert "Workstreams" in html
    legal = _section(html, "legal-instruments")
    assert "Dispute settlement and legal instruments" in legal
    assert "Legal Services and Agreements Directorate (LSAD)" in legal
    assert "Nothing of this workstream has been published yet." in legal
    hr = _section(html, "strategic-hr")
    assert "Working with" in hr
    assert "(IAED)" in hr
    assert "No process improvements have been published yet." in html


def test_approved_records_show_under_their_workstreams(
    client, legal_staff, corporate_staff, reviewer
):
    _approved(
        LegalInstrumentFactory,
        legal_staff,
        title="ASEAN model contract",
        workstream=Workstream.objects.get(slug="legal-instruments"),
        stage=LegalInstrument.Stage.ADOPTED,
        adopted_on=datetime.date(2020, 5, 4),
    )
    _approved(
        ProcessImprovementFactory,
        corporate_staff,
        title="Recruitment of professional staff",
        workstream=Workstream.objects.get(slug="strategic-hr"),
        stage=ProcessImprovement.Stage.PILOTED,
        piloted_on=datetime.date(2020, 3, 2),
        measure="working days",
        measure_before=Decimal("120"),
        measure_after=Decimal("82"),
    )
    html = _page(client)
    legal = _section(html, "legal-instruments")
    assert "ASEAN model contract" in legal
    assert "adopted (4 May 2020)" in legal
    hr = _section(html, "strategic-hr")
    assert "Recruitment of professional staff" in hr
    assert "Working days: 120 → 82" in hr
    assert "(better)" in hr
    assert "ASEAN model contract" not in hr


def test_unapproved_and_private_records_do_not_show(client, legal_staff):
    workstream = Workstream.objects.get(slug="legal-instruments")
    LegalInstrumentFactory(
        unit=legal_staff.unit, created_by=legal_staff, workstream=workstream, title="Draft one"
    )
    LegalInstrumentFactory(
        unit=legal_staff.unit,
        created_by=legal_staff,
        workstream=workstream,
        title="Submitted one",
        status=SUBMITTED,
    )
    _approved(
        LegalInstrumentFactory,
        legal_staff,
        workstream=workstream,
        title="Approved but internal",
        is_public=False,
    )
    html = _page(client)
    for title in ("Draft one", "Submitted one", "Approved but internal"):
        assert title not in html


def test_stage_counts_list_every_stage(client, corporate_staff):
    for stage, day_field in (("mapped", "mapped_on"), ("piloted", "piloted_on")):
        _approved(
            ProcessImprovementFactory,
            corporate_staff,
            stage=stage,
            **{day_field: datetime.date(2020, 1, 1)},
        )
    counts = {count.stage: count.count for count in selectors.improvement_stage_counts_public()}
    assert counts == {"mapped": 1, "redesigned": 0, "piloted": 1, "institutionalised": 0}
    html = _page(client)
    assert "Process improvements by stage" in html
    assert "2 published process improvements" in html


def test_workstream_lists_are_cut_with_a_count_of_the_rest(client, legal_staff):
    workstream = Workstream.objects.get(slug="legal-instruments")
    for number in range(7):
        _approved(
            LegalInstrumentFactory, legal_staff, workstream=workstream, title=f"Instrument {number}"
        )
    legal = _section(_page(client), "legal-instruments")
    assert legal.count("processes-records__title") == 5
    assert "And 2 more published legal instruments." in legal
    assert "Instrument 6" in legal  # the most recently changed first
    assert "Instrument 0" not in legal


def test_strategies_show_stage_and_audiences(client, communication_staff):
    strategy = _approved(
        StrategyFactory,
        communication_staff,
        title="ASEAN Communication Master Plan II",
        workstream=Workstream.objects.get(slug="communication-outreach"),
        stage="adopted",
        adopted_on=datetime.date(2018, 11, 13),
    )
    strategy.audiences.set(Audience.objects.filter(slug__in=["media", "citizens"]))
    section = _section(_page(client), "communication-outreach")
    assert "ASEAN Communication Master Plan II" in section
    assert "adopted (13 November 2018)" in section
    assert "For media, citizens." in section


def test_integrity_measures_show_shares_not_counts(client, corporate_staff):
    _approved(
        IntegrityMeasureFactory,
        corporate_staff,
        title="Conflict-of-interest declarations",
        workstream=Workstream.objects.get(slug="corruption-prevention"),
        stage=IntegrityMeasure.Stage.IN_PLACE,
        in_place_on=datetime.date(2020, 7, 1),
        staff_women=40,
        staff_covered_women=30,
        staff_men=60,
        staff_covered_men=30,
    )
    section = _section(_page(client), "corruption-prevention")
    assert "60% of the staff it is for covered (women 75%, men 50%)" in section
    assert ">30<" not in section


@pytest.mark.parametrize(
    ("women", "covered_women", "expected"),
    [(4, 3, None), (5, 3, Decimal("60.0"))],
)
def test_share_of_a_group_under_five_is_not_shown(corporate_staff, women, covered_women, expected):
    measure = IntegrityMeasureFactory(
        unit=corporate_staff.unit,
        staff_women=women,
        staff_covered_women=covered_women,
        staff_men=60,
        staff_covered_men=30,
    )
    coverage = selectors.coverage_public(measure)
    assert coverage.women == expected
    assert coverage.men == Decimal("50.0")


def test_workstream_shows_its_public_indicators(client, facts):
    workstream = Workstream.objects.get(slug="strategic-hr")
    workstream.indicators.add(
        IndicatorFactory(code="1.2.b", title="Average time to complete a recruitment"),
        IndicatorFactory(code="9.9", title="Internal indicator", is_public=False),
    )
    hr = _section(_page(client), "strategic-hr")
    assert "1.2.b Average time to complete a recruitment" in hr
    assert "Internal indicator" not in hr


def test_approval_purges_the_cached_page(client, legal_staff, reviewer, settings):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    instrument = LegalInstrumentFactory(
        unit=legal_staff.unit,
        created_by=legal_staff,
        workstream=Workstream.objects.get(slug="legal-instruments"),
        title="Newly approved instrument",
        status=SUBMITTED,
    )
    assert "Newly approved instrument" not in _page(client)  # now cached without it
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.legal_instrument_approve(instrument=instrument, reviewer=reviewer)
    assert "Newly approved instrument" in _page(client)


def test_page_reads_well_before_the_workstreams_are_loaded(client, programme_facts):
    html = _page(client)
    assert "The workstreams have not been described yet." in html
    assert "No process improvements have been published yet." in html
