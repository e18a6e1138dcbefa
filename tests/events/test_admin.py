"""The advisers' back office for events: every model lists and opens, the queue's
filters and search, approval publishes, the downloads, and "Create next edition"."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse

from apps.accounts.roles import PROGRAMME_ADVISERS
from apps.events.models import Event
from apps.events.selectors import events_public
from apps.monitoring.models import ReviewStatus
from tests.helpers import force_login_verified

from .factories import ADMIN_FACTORIES, EventFactory, SessionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:events_event_changelist")


@pytest.fixture
def adviser_client(client, reviewer):
    force_login_verified(client, reviewer)
    return client


@pytest.mark.parametrize("label", list(ADMIN_FACTORIES))
def test_every_model_lists_and_opens_for_an_adviser(adviser_client, facts, label):
    obj = ADMIN_FACTORIES[label]()
    model = label.split(".")[1]
    changelist = reverse(f"admin:events_{model}_changelist")
    response = adviser_client.get(changelist, {"q": str(obj)[:8]})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    for page in ("change", "history"):
        url = reverse(f"admin:events_{model}_{page}", args=[obj.pk])
        assert adviser_client.get(url).status_code == 200


def test_queue_filters(adviser_client, facts):
    EventFactory(status=ReviewStatus.SUBMITTED)
    response = adviser_client.get(
        CHANGELIST,
        {"status__exact": "submitted", "kind__exact": "forum", "state__exact": "scheduled"},
    )
    assert response.status_code == 200
    assert "Regional forum" in response.content.decode()


def test_approving_on_the_events_page_publishes_it(adviser_client, cid_staff):
    event = EventFactory(unit=cid_staff.unit, created_by=cid_staff)
    from apps.events import services

    services.event_submit(event=event, user=cid_staff)

    response = adviser_client.post(
        reverse("admin:events_event_review", args=[event.pk]), {"decision": "approve"}
    )

    assert response.status_code == 302
    assert list(events_public()) == [event]


def test_export_lists_what_the_list_shows(adviser_client, facts):
    event = EventFactory(title="Exported forum", status=ReviewStatus.SUBMITTED)
    SessionFactory(event=event)
    EventFactory(title="Left out", status=ReviewStatus.APPROVED)

    response = adviser_client.get(
        reverse("admin:events_event_export", args=["csv"]), {"status__exact": "submitted"}
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Title"
    assert [row[0] for row in rows[1:]] == ["Exported forum"]
    assert rows[1][4] == "2019-10-15 09:00"
    assert rows[1][11] == "1"


def test_export_unknown_format_is_404(adviser_client, facts):
    response = adviser_client.get(reverse("admin:events_event_export", args=["pdf"]))
    assert response.status_code == 404


def test_next_edition_action_says_why_an_adviser_cannot(adviser_client, facts):
    event = EventFactory(title="ASEAN Media Forum 2019")
    response = adviser_client.post(
        CHANGELIST,
        {"action": "next_edition", ACTION_CHECKBOX_NAME: [event.pk]},
        follow=True,
    )
    assert "no next edition made" in response.content.decode()
    assert Event.objects.count() == 1


def test_next_edition_action_for_staff_who_advise_too(client, cid_staff):
    """Staff of a unit who also advise (and so open the admin) make it there too."""
    cid_staff.is_staff = True
    cid_staff.save()
    cid_staff.groups.add(Group.objects.get(name=PROGRAMME_ADVISERS))
    force_login_verified(client, cid_staff)
    event = EventFactory(title="ASEAN Media Forum 2019", unit=cid_staff.unit)

    client.post(CHANGELIST, {"action": "next_edition", ACTION_CHECKBOX_NAME: [event.pk]})

    new = Event.objects.get(title="ASEAN Media Forum 2020")
    assert new.start_date.isoformat() == "2020-10-13"  # 52 weeks on: the same weekday
    assert new.created_by == cid_staff


def test_advisers_cancel_from_the_list(adviser_client, facts):
    event = EventFactory(status=ReviewStatus.APPROVED)
    response = adviser_client.post(
        CHANGELIST, {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [event.pk]}, follow=True
    )
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED
    assert "is cancelled" in response.content.decode()
