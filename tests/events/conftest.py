"""Fixtures of the events tests: the real programme facts and series, staff of the
Culture and Information Division (CID) and of the ASEAN Connectivity Division (ACD),
and an adviser."""

import pytest

from apps.events.facts import MEDIA_FORUM
from apps.events.models import Series
from apps.events.services import events_facts_load
from apps.programme.models import Unit
from tests.accounts.factories import AdviserFactory, StaffUserFactory


@pytest.fixture
def facts(programme_facts):
    events_facts_load()


@pytest.fixture
def media_forum(facts) -> Series:
    return Series.objects.get(slug=MEDIA_FORUM)


@pytest.fixture
def cid_staff(facts):
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="CID"), full_name="Putri Wulandari")


@pytest.fixture
def acd_staff(facts):
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="ACD"), full_name="Nguyen Thi Lan")


@pytest.fixture
def reviewer(facts):
    return AdviserFactory(full_name="Jonas Weber")
