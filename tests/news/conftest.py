"""Fixtures of the news tests: the real programme facts (components, units), staff of
CID and of CAD, and an adviser."""

import pytest

from apps.programme.models import Unit
from tests.accounts.factories import AdviserFactory, StaffUserFactory


@pytest.fixture
def cid_staff(programme_facts):
    """Staff of the Culture and Information Division (CID)."""
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="CID"), full_name="Siti Rahma")


@pytest.fixture
def cad_staff(programme_facts):
    """Staff of the Corporate Affairs Directorate (CAD): another unit."""
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="CAD"), full_name="Maria Santos")


@pytest.fixture
def reviewer(programme_facts):
    return AdviserFactory(full_name="Jonas Weber")
