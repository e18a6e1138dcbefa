"""Fixtures of the inclusion tests: the real reference data, the Corporate Affairs
Directorate's staff (who write these records), another unit's staff and records
in each state."""

import pytest

from apps.inclusion.services import inclusion_facts_load
from apps.programme.models import Unit
from tests.accounts.factories import StaffUserFactory


@pytest.fixture
def inclusion_facts(db, programme_facts):
    """The programme facts and this app's topics and staff categories."""
    inclusion_facts_load()


@pytest.fixture
def cad(inclusion_facts):
    return Unit.objects.get(abbreviation="CAD")


@pytest.fixture
def cad_staff(cad):
    return StaffUserFactory(unit=cad)


@pytest.fixture
def other_staff(inclusion_facts):
    """Staff of another unit (Legal Services): they see none of CAD's records."""
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="LSAD"))
