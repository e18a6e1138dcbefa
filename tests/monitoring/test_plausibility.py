"""Figures that look wrong (plausibility.activity_warnings), at their boundaries."""

import datetime

import pytest

from apps.monitoring.models import Activity, ReviewStatus
from apps.monitoring.plausibility import LONGEST_DAYS, activity_warnings

TODAY = datetime.date(2021, 6, 15)


def activity(**fields) -> Activity:
    """An unsaved, plausible submitted workshop; `fields` change it."""
    values = {
        "title": "Workshop",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": datetime.date(2021, 6, 1),
        "status": ReviewStatus.SUBMITTED,
        "participants_women": 5,
        "participants_men": 4,
        "participants_sex_other": 0,
        "participants_with_disability": 1,
        "participants_disability_not_stated": 0,
        **fields,
    }
    return Activity(**values)


def test_a_plausible_activity_has_no_warning():
    assert activity_warnings(activity(), today=TODAY) == []


@pytest.mark.parametrize("kind", ["workshop", "meeting", "training", "launch"])
def test_no_participants_for_a_kind_with_participants_is_flagged(kind):
    empty = activity(
        activity_type=kind,
        participants_women=0,
        participants_men=0,
        participants_with_disability=0,
    )

    assert activity_warnings(empty, today=TODAY) == [
        f"No participants counted, for a {Activity.Type(kind).label.lower()}."
    ]


@pytest.mark.parametrize("kind", ["study", "strategy", "other"])
def test_no_participants_is_fine_for_a_study_or_strategy(kind):
    empty = activity(
        activity_type=kind,
        participants_women=0,
        participants_men=0,
        participants_with_disability=0,
    )

    assert activity_warnings(empty, today=TODAY) == []


def test_one_participant_is_not_flagged():
    one = activity(
        participants_women=0,
        participants_men=0,
        participants_sex_other=1,
        participants_with_disability=0,
    )

    assert activity_warnings(one, today=TODAY) == []


def test_disability_counts_over_the_total_are_flagged_but_equal_is_fine():
    equal = activity(participants_with_disability=5, participants_disability_not_stated=4)
    over = activity(participants_with_disability=5, participants_disability_not_stated=5)

    assert activity_warnings(equal, today=TODAY) == []
    assert activity_warnings(over, today=TODAY) == [
        "Persons with disabilities and “disability not stated” (10) are more than all "
        "participants (9)."
    ]


def test_an_end_date_more_than_a_month_after_the_start_is_flagged():
    start = datetime.date(2021, 1, 1)
    longest = activity(start_date=start, end_date=start + datetime.timedelta(days=LONGEST_DAYS))
    longer = activity(start_date=start, end_date=start + datetime.timedelta(days=LONGEST_DAYS + 1))

    assert LONGEST_DAYS == 31
    assert activity_warnings(longest, today=TODAY) == []
    assert activity_warnings(longer, today=TODAY) == [
        "It ends 32 days after it began (on 2 February 2021): is the end date right?"
    ]


def test_a_submitted_activity_dated_after_today_is_flagged():
    today = activity(start_date=TODAY)
    tomorrow = activity(start_date=TODAY + datetime.timedelta(days=1))
    ends_tomorrow = activity(
        start_date=TODAY - datetime.timedelta(days=1), end_date=TODAY + datetime.timedelta(days=1)
    )

    assert activity_warnings(today, today=TODAY) == []
    assert activity_warnings(tomorrow, today=TODAY) == [
        "Submitted as done, but dated 16 June 2021: after today."
    ]
    assert activity_warnings(ends_tomorrow, today=TODAY) == [
        "Submitted as done, but dated 16 June 2021: after today."
    ]


def test_a_draft_may_be_planned_ahead():
    planned = activity(status=ReviewStatus.DRAFT, start_date=TODAY + datetime.timedelta(days=30))

    assert activity_warnings(planned, today=TODAY) == []


def test_every_warning_at_once():
    everything = activity(
        participants_women=0,
        participants_men=0,
        participants_with_disability=2,
        start_date=TODAY + datetime.timedelta(days=1),
        end_date=TODAY + datetime.timedelta(days=40),
    )

    assert len(activity_warnings(everything, today=TODAY)) == 4
