"""The review queues stay fast on large tables: pages of 50, no count of every row,
an index that holds their order, and CSV downloads that stream."""

import pytest
from django.contrib.admin import site
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from apps.monitoring.models import Activity, IndicatorUpdate, ReviewStatus
from tests.accounts.factories import AdviserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityFactory

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("admin:monitoring_activity_changelist")


def _rows(response) -> int:
    return len(response.context["cl"].result_list)


@pytest.mark.parametrize(("count", "rows", "pages"), [(50, 50, 1), (51, 50, 2)])
def test_a_queue_page_holds_fifty_records(client, count, rows, pages):
    ActivityFactory.create_batch(count, status=ReviewStatus.SUBMITTED)
    force_login_verified(client, AdviserFactory())

    response = client.get(ACTIVITIES)

    assert _rows(response) == rows
    assert response.context["cl"].paginator.num_pages == pages


def test_a_filtered_queue_does_not_count_every_row_of_the_table(client):
    ActivityFactory.create_batch(3, status=ReviewStatus.SUBMITTED)
    ActivityFactory.create_batch(2, status=ReviewStatus.APPROVED)
    force_login_verified(client, AdviserFactory())

    response = client.get(ACTIVITIES, {"status__exact": ReviewStatus.SUBMITTED})

    page = response.content.decode()
    assert "3 activities" in page
    assert "5 total" not in page
    assert response.context["cl"].full_result_count is None


def _explain_queue(model) -> str:
    """The plan PostgreSQL makes for the first page of the model's queue, as the
    admin asks for it, when it may neither scan the table nor sort."""
    request = RequestFactory().get("/")
    request.user = AdviserFactory()
    changelist = site._registry[model].get_changelist_instance(request)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return changelist.queryset[:50].explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plan")
@pytest.mark.parametrize(
    ("model", "index"), [(Activity, "activity_queue"), (IndicatorUpdate, "indicator_update_queue")]
)
def test_the_queue_order_is_read_off_its_index(model, index):
    # If the admin's ORDER BY and the index's expressions ever differ, PostgreSQL
    # cannot use the index for the order and must sort every row first.
    plan = _explain_queue(model)

    assert index in plan
    assert "Sort" not in plan.replace("Sort Key", "")
