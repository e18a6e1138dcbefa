"""Fixtures shared by the whole suite. Factories live in tests/<app>/factories.py."""

import pytest
from django.core.cache import cache

from apps.programme.services import programme_facts_load
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.monitoring.factories import ReportingPeriodFactory


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def adviser(db):
    return AdviserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def programme_facts(db):
    """The real programme facts (three components, six units, ...), as seed_demo loads them."""
    programme_facts_load()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no public page stored by another test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _period_sequence():
    """Every test counts its reporting periods from the factory's first quarter, so
    their dates do not depend on which tests ran before (and never lie ahead)."""
    ReportingPeriodFactory.reset_sequence()
