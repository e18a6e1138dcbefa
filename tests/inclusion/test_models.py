"""What the database itself refuses: the two breakdowns of a category disagreeing, a
second row for a category, a second snapshot for a day."""

import pytest
from django.db import IntegrityError, transaction

from tests.inclusion.factories import (
    StaffCategoryFactory,
    WorkforceCountFactory,
    WorkforceSnapshotFactory,
)

pytestmark = pytest.mark.django_db


def test_breakdowns_that_disagree_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkforceCountFactory(without_disability=51)


def test_one_row_per_category_and_snapshot():
    count = WorkforceCountFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkforceCountFactory(snapshot=count.snapshot, staff_category=count.staff_category)


def test_one_snapshot_a_day():
    snapshot = WorkforceSnapshotFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkforceSnapshotFactory(as_of=snapshot.as_of)


def test_a_count_reads_as_its_category_and_total():
    count = WorkforceCountFactory(staff_category=StaffCategoryFactory(title="Professional staff"))
    assert str(count) == "Professional staff: 60"
    assert "Workforce on" in str(count.snapshot)
