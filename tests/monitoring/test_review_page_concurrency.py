"""Two advisers pressing a review button on the same record's page at once: real
parallel requests on PostgreSQL (the pattern of test_concurrency.py)."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from apps.monitoring import review
from apps.monitoring.models import ReviewStatus
from tests.accounts.factories import AdviserFactory
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.test_concurrency import in_parallel, signed_in, statuses

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"decision": "approve"}, {"decision": "approve"}),
        ({"decision": "approve"}, {"decision": "return", "note": "Add the participant list."}),
    ],
    ids=["approve twice", "approve and return"],
)
def test_two_review_posts_at_once_give_one_decision_and_one_clear_refusal(first, second):
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED, title="Media Forum 2019")
    url = reverse("admin:monitoring_activity_review", args=[activity.pk])
    advisers = [signed_in(AdviserFactory()) for _ in range(2)]

    responses = in_parallel(
        [
            lambda client=client, data=data: client.post(url, data)
            for client, data in zip(advisers, (first, second), strict=True)
        ]
    )

    assert statuses(responses) == {302: 1, 200: 1}
    (refused,) = [response for response in responses if response.status_code == 200]
    activity.refresh_from_db()
    trail = [entry.action for entry in review.audit_trail(activity)]
    assert len(trail) == 1
    assert activity.status == trail[0]
    assert [str(message) for message in get_messages(refused.wsgi_request)] == [
        f"Not changed: “Media Forum 2019”. Only submitted records can be reviewed; this one "
        f"is {activity.get_status_display().lower()}."
    ]
    # The refused page shows the record as it now is, with no buttons left to press.
    assert refused.context["review"]["refusal"].startswith("Only submitted records")
