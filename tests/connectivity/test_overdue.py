"""Overdue action items: open and due before today. Due today is not overdue yet; a
done item never is, however late it was done."""

import datetime

import pytest
from django.urls import reverse

from apps.connectivity import selectors
from apps.connectivity.models import ActionItem
from apps.monitoring.models import ReviewStatus
from tests.connectivity.factories import ActionItemFactory, CoordinationMeetingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2021, 5, 3)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("due_on", "status", "done_on", "overdue"),
    [
        (TODAY - DAY, "open", None, True),  # yesterday: overdue since today
        (TODAY, "open", None, False),  # due today: not yet
        (TODAY + DAY, "open", None, False),  # tomorrow
        (TODAY - DAY * 30, "done", TODAY - DAY, False),  # done late: done is done
        (TODAY - DAY, "done", TODAY - DAY * 2, False),  # done on time
    ],
    ids=["yesterday", "today", "tomorrow", "done-late", "done-on-time"],
)
def test_action_item_overdue_at_the_date_boundary(due_on, status, done_on, overdue):
    item = ActionItemFactory(due_on=due_on, status=status, done_on=done_on)
    assert item.is_overdue(today=TODAY) is overdue
    assert ActionItem.objects.overdue(today=TODAY).filter(pk=item.pk).exists() is overdue


def test_overdue_since_is_the_day_after_it_was_due():
    item = ActionItemFactory(due_on=datetime.date(2021, 5, 2))
    assert item.overdue_since == datetime.date(2021, 5, 3)


def test_follow_ups_list_overdue_first_the_longest_overdue_at_the_top(acd_staff):
    meeting = CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    late = ActionItemFactory(meeting=meeting, due_on=TODAY - DAY * 10)
    later = ActionItemFactory(meeting=meeting, due_on=TODAY - DAY)
    today = ActionItemFactory(meeting=meeting, due_on=TODAY)
    ActionItemFactory(meeting=meeting, due_on=TODAY - DAY, status="done", done_on=TODAY)
    follow = selectors.follow_ups_for_user(user=acd_staff, today=TODAY)
    assert follow.overdue == [late, later]
    assert follow.overdue_count == 2
    assert follow.upcoming == [today]


def test_follow_ups_leave_out_other_units_meetings(acd_staff, other_staff):
    meeting = CoordinationMeetingFactory(unit=other_staff.unit, created_by=other_staff)
    ActionItemFactory(meeting=meeting, due_on=TODAY - DAY)
    assert selectors.follow_ups_for_user(user=acd_staff, today=TODAY).overdue_count == 0


def test_workspace_flags_an_overdue_item_in_words(client, acd_staff):
    meeting = CoordinationMeetingFactory(
        unit=acd_staff.unit, created_by=acd_staff, status=ReviewStatus.APPROVED
    )
    ActionItemFactory(
        meeting=meeting, description="Report to the ACCC", due_on=datetime.date(2021, 5, 2)
    )
    ActionItemFactory(
        meeting=meeting,
        description="Done already",
        due_on=datetime.date(2021, 5, 2),
        status="done",
        done_on=datetime.date(2021, 5, 1),
    )
    client.force_login(acd_staff)
    response = client.get(reverse("site:workspace"))
    html = response.content.decode()
    assert "1 action item is overdue" in html
    assert "Overdue since 3 May 2021</strong>: Report to the ACCC" in html
    assert "Done already" not in html


def test_meeting_page_flags_overdue_items_and_not_done_ones(client, acd_staff):
    meeting = CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    ActionItemFactory(meeting=meeting, description="Still open", due_on=datetime.date(2021, 5, 2))
    ActionItemFactory(
        meeting=meeting,
        description="Done late",
        due_on=datetime.date(2021, 4, 1),
        status="done",
        done_on=datetime.date(2021, 6, 1),
    )
    client.force_login(acd_staff)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert html.count("Overdue since") == 1
    assert "Overdue since 3 May 2021" in html
    assert "Done on 1 Jun 2021" in html


def test_meeting_list_says_how_many_items_are_overdue(client, acd_staff):
    meeting = CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    ActionItemFactory.create_batch(2, meeting=meeting, due_on=datetime.date(2021, 5, 2))
    client.force_login(acd_staff)
    html = client.get(reverse("connectivity:meeting_list")).content.decode()
    assert "2 action items are overdue." in html
