"""Fixtures of the connectivity tests: the real programme facts and this app's
reference data, the ASEAN Connectivity Division and its staff."""

import pytest

from apps.connectivity.services import connectivity_facts_load
from apps.programme.models import MemberState, Unit
from tests.accounts.factories import AdviserFactory, StaffUserFactory


@pytest.fixture
def facts(programme_facts):
    """The programme's facts (units, member states…) and the MPAC areas, ASUS focus
    areas, cities and coordination bodies, as seed_demo loads them."""
    connectivity_facts_load()


@pytest.fixture
def acd(facts):
    return Unit.objects.get(abbreviation="ACD")


@pytest.fixture
def acd_staff(acd):
    return StaffUserFactory(unit=acd, full_name="Nguyen Thi Lan")


@pytest.fixture
def other_staff(facts):
    """Staff of another unit (CRD): sees none of the ACD's records."""
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="CRD"))


@pytest.fixture
def reviewer(db):
    return AdviserFactory(full_name="Jonas Weber")


@pytest.fixture
def states(facts):
    return {state.iso_code: state for state in MemberState.objects.all()}
