"""Fixtures of the processes tests: the real units and workstreams (as seed_demo loads
them), staff of LSAD, CAD and ACD, and an adviser."""

import pytest

from apps.processes.models import Workstream
from apps.processes.services import processes_facts_load
from apps.programme.models import Unit
from tests.accounts.factories import AdviserFactory, StaffUserFactory


@pytest.fixture
def facts(programme_facts):
    """The programme's facts and the component's workstreams and audiences."""
    processes_facts_load()


def _staff(abbreviation: str, **kwargs):
    return StaffUserFactory(unit=Unit.objects.get(abbreviation=abbreviation), **kwargs)


@pytest.fixture
def legal_staff(facts):
    """Staff of the Legal Services and Agreements Directorate (LSAD)."""
    return _staff("LSAD", full_name="Arief Nugroho")


@pytest.fixture
def corporate_staff(facts):
    """Staff of the Corporate Affairs Directorate (CAD)."""
    return _staff("CAD", full_name="Maria Santos")


@pytest.fixture
def communication_staff(facts):
    """Staff of the Community Relations Division (CRD)."""
    return _staff("CRD", full_name="Siti Rahma")


@pytest.fixture
def connectivity_staff(facts):
    """Staff of the ASEAN Connectivity Division: a unit of component 2, not of this one."""
    return _staff("ACD", full_name="Nguyen Thi Lan")


@pytest.fixture
def reviewer(facts):
    return AdviserFactory(full_name="Jonas Weber")


@pytest.fixture
def workstream(facts):
    return Workstream.objects.get(slug="legal-instruments")


def workstream_of(slug: str) -> Workstream:
    return Workstream.objects.get(slug=slug)
