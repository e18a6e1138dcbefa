"""Fixtures of the registrations tests: each test starts with an empty shared cache (the
rate limit's counters, apps/registrations/ratelimit.py), and member states to choose."""

import datetime

import pytest
from django.core.cache import caches

from tests.programme.factories import MemberStateFactory


@pytest.fixture(autouse=True)
def _empty_shared_cache(db):
    """No test sees registrations counted by another. Without Redis the shared cache is
    a table in the database, hence `db` (which honours a module's transaction=True)."""
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def states(db):
    """Two founding members, and one that joins in the future (not a member yet)."""
    return {
        "indonesia": MemberStateFactory(name="Indonesia"),
        "philippines": MemberStateFactory(name="Philippines"),
        "future": MemberStateFactory(name="Newland", joined_on=datetime.date(2099, 1, 1)),
    }
