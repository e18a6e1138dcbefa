"""The component page and the busiest staff list run the same number of queries, and
stay about the same size, with 5 records of each kind or with 100."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.inclusion.models import CrossCuttingTopic, StaffCategory
from apps.monitoring.models import ReviewStatus
from tests.helpers import assert_size_flat, query_count, response_size
from tests.inclusion.factories import (
    AccessibilityMeasureFactory,
    PolicyReviewFactory,
    RecommendationFactory,
    WorkforceCountFactory,
    WorkforceSnapshotFactory,
)

pytestmark = pytest.mark.django_db

COMPONENT_PAGE = reverse("site:component_detail", args=["diversity-inclusion"])
REVIEW_LIST = reverse("inclusion:policy_review_list")
FEW, MANY = 5, 100
# The most queries the component page may run, its own sections included: the site's
# queries (the component and units, the reference period, indicators and their count,
# activities, participation, partners, the photo: 11) and this app's 9 (reviews by
# stage, the newest reviews and their topics, recommendations implemented, the newest
# snapshots and their counts, measures by stage and the newest measures, participation
# by year).
COMPONENT_PAGE_QUERIES = 22  # + the events of the component (apps/events)
# Bytes with MANY records of each kind: about 30% over the 37,275 measured when set.
COMPONENT_PAGE_BYTES = 48_000
# Session, user, groups, the page of reviews and its count…; 15,053 bytes when set.
REVIEW_LIST_QUERIES = 11  # + whether the unit works with the component ("Add")
REVIEW_LIST_BYTES = 20_000


def _add_records(count: int, *, unit, author, offset: int) -> None:
    """`count` published records of each kind, with rows, and drafts the public must not see."""
    categories = list(StaffCategory.objects.all())
    topics = list(CrossCuttingTopic.objects.all())
    for n in range(offset, offset + count):
        review = PolicyReviewFactory(
            unit=unit, created_by=author, status=ReviewStatus.APPROVED, title=f"Review {n}"
        )
        review.topics.set(topics if n % 2 else topics[:1])
        RecommendationFactory.create_batch(2, review=review)
        snapshot = WorkforceSnapshotFactory(
            unit=unit,
            created_by=author,
            status=ReviewStatus.APPROVED,
            as_of=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
        for category in categories:
            WorkforceCountFactory(snapshot=snapshot, staff_category=category)
        AccessibilityMeasureFactory(unit=unit, created_by=author, status=ReviewStatus.APPROVED)
        PolicyReviewFactory(unit=unit, created_by=author, title=f"Draft {n}")


def _measure(client, url: str) -> tuple[int, int]:
    # Anonymous visitors get the stored page until a commit purges it, and tests never
    # commit: start each measurement from an empty cache.
    cache.clear()
    queries = query_count(client, url)
    cache.clear()
    return queries, response_size(client, url)


def test_component_page_is_flat(client, cad_staff):
    _add_records(FEW, unit=cad_staff.unit, author=cad_staff, offset=0)
    few_queries, few_bytes = _measure(client, COMPONENT_PAGE)
    _add_records(MANY - FEW, unit=cad_staff.unit, author=cad_staff, offset=FEW)
    many_queries, many_bytes = _measure(client, COMPONENT_PAGE)
    assert many_queries == few_queries
    assert few_queries <= COMPONENT_PAGE_QUERIES
    assert_size_flat(
        url=COMPONENT_PAGE, small=few_bytes, large=many_bytes, budget=COMPONENT_PAGE_BYTES
    )
    print(f"component page: {few_queries} queries; {few_bytes:,} / {many_bytes:,} bytes")


def test_policy_review_list_is_flat(client, cad_staff):
    """Queries at 5 and at 100 records; bytes once the first page is full (25 rows of
    either kind: 15 records of each) and at 100."""
    _add_records(FEW, unit=cad_staff.unit, author=cad_staff, offset=0)
    client.force_login(cad_staff)
    few = query_count(client, REVIEW_LIST)
    _add_records(15 - FEW, unit=cad_staff.unit, author=cad_staff, offset=FEW)
    full_page_bytes = response_size(client, REVIEW_LIST)
    _add_records(MANY - 15, unit=cad_staff.unit, author=cad_staff, offset=15)
    many = query_count(client, REVIEW_LIST)
    many_bytes = response_size(client, REVIEW_LIST)
    assert many == few
    assert few <= REVIEW_LIST_QUERIES
    assert_size_flat(
        url=REVIEW_LIST, small=full_page_bytes, large=many_bytes, budget=REVIEW_LIST_BYTES
    )
    print(f"policy review list: {few} queries; {full_page_bytes:,} / {many_bytes:,} bytes")
