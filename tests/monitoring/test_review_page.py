"""Reviewing from a record's own page in the admin: the review panel, approve and
return through the services, then straight on to the next record waiting."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from apps.monitoring import review
from apps.monitoring.models import Activity, AuditEntry, Indicator
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.helpers import force_login_verified, query_count
from tests.monitoring.factories import (
    ActivityFactory,
    DisaggregationFactory,
    IndicatorFactory,
    IndicatorUpdateEvidenceFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.monitoring.helpers import APPROVED, DRAFT, RETURNED, SUBMITTED

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("admin:monitoring_activity_changelist")
UPDATES = reverse("admin:monitoring_indicatorupdate_changelist")


def page(record) -> str:
    return reverse(f"admin:monitoring_{record._meta.model_name}_change", args=[record.pk])


def review_url(record) -> str:
    return reverse(f"admin:monitoring_{record._meta.model_name}_review", args=[record.pk])


def waiting(factory=ActivityFactory, *, days: int, **fields):
    """A record submitted `days` days ago by its author."""
    record = factory(status=SUBMITTED, **fields)
    record.submitted_at = timezone.now() - datetime.timedelta(days=days)
    record.submitted_by = record.created_by
    record.save(update_fields=["submitted_at", "submitted_by"])
    return record


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The queues ----------------------------------------------------------------------


def test_activity_queue_is_oldest_waiting_first(client, adviser):
    middle = waiting(days=5, title="Waiting five days")
    newest = waiting(days=1, title="Waiting one day")
    oldest = waiting(days=9, title="Waiting nine days")
    approved = ActivityFactory(status=APPROVED)  # newest of all, but not waiting
    force_login_verified(client, adviser)

    response = client.get(ACTIVITIES)

    assert list(response.context["cl"].result_list) == [oldest, middle, newest, approved]


def test_indicator_update_queue_is_oldest_waiting_first(client, adviser):
    newest = waiting(IndicatorUpdateFactory, days=2)
    oldest = waiting(IndicatorUpdateFactory, days=20)
    draft = IndicatorUpdateFactory()
    force_login_verified(client, adviser)

    response = client.get(UPDATES)

    assert list(response.context["cl"].result_list) == [oldest, newest, draft]


def test_activity_queue_shows_the_columns_an_adviser_needs(client, adviser):
    empty = waiting(
        days=3,
        title="Workshop nobody came to",
        participants_women=0,
        participants_men=0,
        participants_sex_other=0,
        participants_with_disability=0,
    )
    full = ActivityFactory(status=APPROVED, participants_women=1200, participants_men=50)
    force_login_verified(client, adviser)

    response = client.get(ACTIVITIES)

    content = response.content.decode()
    head = content.split("<thead>")[1].split("</thead>")[0]
    assert re.findall(r'class="text">(?:<a [^>]*>|<span>)?([^<]+)<', head) == [
        "Title",
        "Date",
        "Unit",
        "Participants",
        "Status",
    ]
    assert f'<abbr title="{empty.unit.name}">{empty.unit.abbreviation}</abbr>' in content
    day = timezone.localtime(empty.submitted_at)
    assert f"Waiting since {day.day} {day:%b %Y}" in content
    assert 'class="plausibility-mark" title="No participants counted, for a workshop."' in content
    assert "1,251" in content  # the approved one's total, grouped
    assert full.title in content


def test_indicator_update_queue_formats_the_reported_values(client, adviser):
    share = IndicatorFactory(measure=Indicator.Measure.PERCENTAGE, code="9.9.p")
    waiting(IndicatorUpdateFactory, days=2, indicator=share, value=None, numerator=6, denominator=8)
    waiting(IndicatorUpdateFactory, days=1, value=Decimal("1250.50"))
    force_login_verified(client, adviser)

    content = client.get(UPDATES).content.decode()

    assert '<td class="field-reported">75%</td>' in content
    assert '<td class="field-reported">1,250.5</td>' in content
    assert " %" not in content.split('id="result_list"')[1].split("</table>")[0]


# --- The review panel ----------------------------------------------------------------


def test_the_record_page_has_the_review_panel_for_an_adviser(client, adviser):
    first = waiting(days=9)
    waiting(days=5)
    waiting(days=1)
    force_login_verified(client, adviser)

    response = client.get(page(first))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'action="{review_url(first)}"' in content
    assert '<button type="submit" class="button default">Approve</button>' in content
    assert '<button type="submit" class="button">Return to the authors</button>' in content
    assert "2 more waiting" in content
    assert "waiting for 1\xa0week, 2\xa0days" in content


def test_users_without_the_review_permission_see_no_decision(client):
    activity = waiting(days=2)
    viewer = UserFactory(is_staff=True, unit=activity.unit)  # back office, one unit
    viewer.user_permissions.add(Permission.objects.get(codename="view_activity"))
    force_login_verified(client, viewer)

    response = client.get(page(activity))

    assert response.status_code == 200
    content = response.content.decode()
    assert "review-panel" in content  # the figures, for whoever may read the record
    assert "Return to the authors" not in content
    assert "more waiting" not in content


def test_the_panel_says_why_a_reviewer_may_not_review_their_own_work(client):
    both = StaffUserFactory(is_staff=True, roles=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS])
    own = waiting(days=1, created_by=both, unit=both.unit)
    force_login_verified(client, both)

    response = client.get(page(own))

    content = response.content.decode()
    assert (
        '<p class="review-refusal">You cannot review your own work: you created, edited or '
        "submitted this record.</p>"
    ) in content
    assert "Return to the authors" not in content
    assert messages_of(response) == []  # said once, in the panel


def test_an_activity_page_warns_about_implausible_figures(client, adviser):
    activity = waiting(
        days=1,
        participants_women=0,
        participants_men=0,
        participants_sex_other=0,
        participants_with_disability=0,
        start_date=datetime.date(2020, 3, 1),
        end_date=datetime.date(2020, 5, 1),
    )
    force_login_verified(client, adviser)

    content = client.get(page(activity)).content.decode()

    assert "Check these before approving" in content
    assert "No participants counted, for a workshop." in content
    assert "It ends 61 days after it began (on 1 May 2020): is the end date right?" in content


def test_an_update_page_shows_the_value_against_baseline_target_and_before(client, adviser):
    indicator = IndicatorFactory(
        code="3.2.a",
        title="Share of events with an accessible venue",
        measure=Indicator.Measure.PERCENTAGE,
        unit_of_measure="events",
        baseline_value=Decimal("25"),
        baseline_year=2018,
        target_value=Decimal("80"),
        target_year=2021,
    )
    periods = ReportingPeriodFactory.create_batch(9)
    for period, numerator in zip(periods[:8], range(1, 9), strict=True):
        IndicatorUpdateFactory(
            indicator=indicator,
            period=period,
            value=None,
            numerator=numerator,
            denominator=16,
            status=APPROVED,
        )
    update = waiting(
        IndicatorUpdateFactory,
        days=1,
        indicator=indicator,
        period=periods[8],
        value=None,
        numerator=6,
        denominator=8,
    )
    DisaggregationFactory(update=update, group="women", value=4)
    evidence = IndicatorUpdateEvidenceFactory(record=update, original_name="venues.pdf")
    force_login_verified(client, adviser)

    response = client.get(page(update))

    content = response.content.decode()
    review_panel = content.split('class="review-panel"')[1].split("</section>")[0]
    assert "<strong>75%</strong>" in review_panel
    assert "(6 of 8)" in review_panel
    assert "25% (2018)" in review_panel
    assert "80% (2021)" in review_panel
    assert "Women: 4" in review_panel
    assert f'<a href="{evidence.get_absolute_url()}">venues.pdf</a>' in review_panel
    # The periods before, newest first, six of eight: 8/16 = 50%, ..., 3/16 = 18.8%.
    rows = review_panel.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 6
    assert rows.index(periods[7].name) < rows.index(periods[2].name)
    assert periods[1].name not in rows
    assert "50%" in rows
    assert "18.8%" in rows
    assert "And 2 earlier periods." in review_panel


def test_an_update_page_reads_a_fixed_number_of_queries(client, adviser):
    indicator = IndicatorFactory()
    periods = ReportingPeriodFactory.create_batch(14)
    update = waiting(IndicatorUpdateFactory, days=1, indicator=indicator, period=periods[-1])
    force_login_verified(client, adviser)
    for period in periods[:2]:
        IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED)
    few = query_count(client, page(update))

    for period in periods[2:-1]:
        IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED)
    many = query_count(client, page(update))

    assert many == few


# --- Approve and return from the page -----------------------------------------------


def test_approve_from_the_page_goes_to_the_next_record_waiting(client, adviser):
    first = waiting(days=9, title="Oldest workshop")
    third = waiting(days=1)
    second = waiting(days=5)
    force_login_verified(client, adviser)

    response = client.post(review_url(first), {"decision": "approve"})

    assert response.status_code == 302
    assert response.url == page(second)
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == (APPROVED, adviser)
    assert messages_of(response) == [
        f'Approved “<a href="{page(first)}">Oldest workshop</a>”. Here is the next one waiting.'
    ]
    assert LogEntry.objects.get().get_change_message() == "Approved."
    assert third.status == SUBMITTED


def test_return_from_the_page_keeps_the_note_and_goes_on(client, adviser):
    first = waiting(IndicatorUpdateFactory, days=4)
    following = waiting(IndicatorUpdateFactory, days=2)
    force_login_verified(client, adviser)

    response = client.post(
        review_url(first), {"decision": "return", "note": "  Attach the attendance list.  "}
    )

    assert response.url == page(following)
    first.refresh_from_db()
    assert first.status == RETURNED
    assert first.review_note == "Attach the attendance list."
    assert [entry.action for entry in review.audit_trail(first)] == ["returned"]
    assert (
        "to its authors with your note. Here is the next one waiting." in messages_of(response)[0]
    )


def test_the_last_record_leads_back_to_the_list(client, adviser):
    only = waiting(days=1, title="The only one")
    ActivityFactory(status=DRAFT)
    force_login_verified(client, adviser)

    response = client.post(review_url(only), {"decision": "approve"})

    assert response.url == ACTIVITIES
    assert messages_of(response) == [
        f'Approved “<a href="{page(only)}">The only one</a>”. Nothing else waits for review.'
    ]


def test_next_skips_the_reviewers_own_work(client):
    reviewer = StaffUserFactory(is_staff=True, roles=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS])
    first = waiting(days=9)
    waiting(days=8, created_by=reviewer, unit=reviewer.unit)  # created by them
    submitted_by_them = waiting(days=7)
    submitted_by_them.submitted_by = reviewer
    submitted_by_them.save()
    edited_by_them = waiting(days=6)
    review.audit(record=edited_by_them, action=AuditEntry.Action.EDITED, user=reviewer)
    reviewed_by_them_before = waiting(days=5)
    review.audit(record=reviewed_by_them_before, action=AuditEntry.Action.RETURNED, user=reviewer)
    force_login_verified(client, reviewer)

    panel = client.get(page(first))
    response = client.post(review_url(first), {"decision": "approve"})

    assert "1 more waiting" in panel.content.decode()
    # Returning a record does not make it theirs: it is theirs to review again.
    assert response.url == page(reviewed_by_them_before)


def test_next_follows_the_filters_of_the_list_the_reviewer_came_from(client, adviser):
    first = waiting(days=9)
    waiting(days=8)  # another unit: not in the filtered list
    same_unit = waiting(days=1, unit=first.unit, component=first.component)
    filters = f"_changelist_filters=unit__id__exact%3D{first.unit_id}"
    force_login_verified(client, adviser)

    panel = client.get(f"{page(first)}?{filters}")
    response = client.post(f"{review_url(first)}?{filters}", {"decision": "approve"})

    assert f'action="{review_url(first)}?{filters}"' in panel.content.decode()
    assert "1 more waiting" in panel.content.decode()
    assert response.url == f"{page(same_unit)}?{filters}"


def test_return_without_a_note_shows_the_error_on_the_page(client, adviser):
    activity = waiting(days=1)
    force_login_verified(client, adviser)

    response = client.post(review_url(activity), {"decision": "return", "note": "   "})

    assert response.status_code == 200
    content = response.content.decode()
    assert (
        '<ul class="errorlist" id="id_review_note_error"><li>Write a note: the authors need to '
        "know why.</li></ul>"
    ) in content
    assert 'aria-invalid="true"' in content
    activity.refresh_from_db()
    assert (activity.status, activity.review_note) == (SUBMITTED, "")


def test_a_refused_return_keeps_the_typed_note(client, adviser):
    activity = waiting(days=1, title="Already decided")
    other = AdviserFactory()
    activity.status = APPROVED
    activity.reviewed_by = other
    activity.save()
    force_login_verified(client, adviser)

    response = client.post(
        review_url(activity), {"decision": "return", "note": "The date looks wrong."}
    )

    assert response.status_code == 200
    assert messages_of(response) == [
        "Not changed: “Already decided”. Only submitted records can be reviewed; this one is "
        "approved."
    ]
    content = response.content.decode()
    assert "Not changed: “Already decided”." in content  # shown on this very page
    activity.refresh_from_db()
    assert (activity.status, activity.reviewed_by) == (APPROVED, other)


def test_a_refusal_for_own_work_is_shown_on_the_page_and_changes_nothing(client):
    both = StaffUserFactory(is_staff=True, roles=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS])
    own = waiting(days=1, created_by=both, unit=both.unit, title="My workshop")
    force_login_verified(client, both)

    response = client.post(review_url(own), {"decision": "approve"})

    assert response.status_code == 200
    assert messages_of(response) == [
        "Not changed: “My workshop”. You cannot review your own work: you created, edited or "
        "submitted this record."
    ]
    own.refresh_from_db()
    assert own.status == SUBMITTED


def test_a_refused_note_is_kept_when_the_record_is_still_open_to_others(client, adviser):
    """A return that the service refuses keeps the note in the textarea."""
    both = StaffUserFactory(is_staff=True, roles=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS])
    own = waiting(days=1, created_by=both, unit=both.unit)
    force_login_verified(client, both)

    response = client.post(review_url(own), {"decision": "return", "note": "Kept as typed"})

    assert response.status_code == 200
    assert response.context["review"]["form"]["note"].value() == "Kept as typed"


# --- Who may post, and how -------------------------------------------------------------


def test_the_review_url_answers_only_post(client, adviser):
    activity = waiting(days=1)
    force_login_verified(client, adviser)

    response = client.get(review_url(activity))

    assert response.status_code == 405
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_the_review_url_needs_the_review_permission(client):
    activity = waiting(days=1)
    viewer = UserFactory(is_staff=True, unit=activity.unit)  # back office, one unit
    viewer.user_permissions.add(Permission.objects.get(codename="view_activity"))
    force_login_verified(client, viewer)

    response = client.post(review_url(activity), {"decision": "approve"})

    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_staff_are_sent_to_sign_in_and_nothing_changes(client, staff_user):
    activity = waiting(days=1, unit=staff_user.unit)
    client.force_login(staff_user)

    response = client.post(review_url(activity), {"decision": "approve"})

    assert response.status_code in (302, 403)
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_an_unknown_record_is_404_and_a_bad_decision_changes_nothing(client, adviser):
    activity = waiting(days=1)
    force_login_verified(client, adviser)

    missing = client.post(
        reverse("admin:monitoring_activity_review", args=[999999]), {"decision": "approve"}
    )
    bad = client.post(review_url(activity), {"decision": "publish"})

    assert missing.status_code == 404
    assert bad.status_code == 200
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_the_review_url_checks_the_csrf_token(adviser):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    activity = waiting(days=1)
    force_login_verified(client, adviser)

    response = client.post(review_url(activity), {"decision": "approve"})

    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == SUBMITTED
    assert Activity.objects.filter(status=APPROVED).count() == 0
