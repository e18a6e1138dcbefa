"""'Export the filtered list': every activity the admin list shows with its filters
and search (all pages), as CSV or Excel, within what the user may see."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.monitoring.models import Activity, ReviewStatus
from tests.accounts.factories import UserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityFactory
from tests.programme.factories import ComponentFactory, UnitFactory

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("admin:monitoring_activity_changelist")
CSV = reverse("admin:monitoring_activity_export", args=["csv"])
XLSX = reverse("admin:monitoring_activity_export", args=["xlsx"])


def csv_ids(response) -> list[int]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(content))
    assert header[0] == "ID"
    return sorted(int(row[0]) for row in rows)


def xlsx_ids(response) -> list[int]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))


@pytest.fixture
def two_units():
    """Unit A: more submitted activities than a page, some about the Media Forum, and a
    draft; unit B: two submitted ones."""
    component = ComponentFactory()
    unit_a, unit_b = UnitFactory(), UnitFactory()
    per_page = admin.site._registry[Activity].list_per_page
    forum = ActivityFactory.create_batch(
        per_page + 5,
        unit=unit_a,
        component=component,
        status=ReviewStatus.SUBMITTED,
        title="ASEAN Media Forum session",
    )
    other_a = ActivityFactory(unit=unit_a, component=component, status=ReviewStatus.SUBMITTED)
    draft_a = ActivityFactory(unit=unit_a, component=component, title="ASEAN Media Forum draft")
    b = ActivityFactory.create_batch(2, unit=unit_b, component=component)
    return {"unit_a": unit_a, "forum": forum, "other_a": other_a, "draft_a": draft_a, "b": b}


def test_the_list_links_to_the_export_of_what_it_shows(client, adviser, two_units):
    force_login_verified(client, adviser)
    query = f"unit__id__exact={two_units['unit_a'].pk}&status__exact=submitted"

    response = client.get(f"{ACTIVITIES}?{query}&p=2")

    content = response.content.decode()
    assert f'href="{CSV}?{query.replace("&", "&amp;")}"' in content
    assert f'href="{XLSX}?{query.replace("&", "&amp;")}"' in content
    assert "Export the 56 listed (CSV)" in content


def test_a_filtered_export_holds_exactly_the_filtered_rows_of_every_page(
    client, adviser, two_units
):
    force_login_verified(client, adviser)
    query = {
        "unit__id__exact": two_units["unit_a"].pk,
        "status__exact": "submitted",
        "q": "Media Forum",
    }
    wanted = sorted(activity.pk for activity in two_units["forum"])

    listed = client.get(ACTIVITIES, query)
    as_csv = client.get(CSV, query)
    as_xlsx = client.get(XLSX, query)

    assert listed.context["cl"].result_count == len(wanted)  # the list says the same
    assert as_csv.status_code == 200
    assert as_csv["Content-Disposition"].startswith('attachment; filename="activities-')
    assert csv_ids(as_csv) == wanted
    assert xlsx_ids(as_xlsx) == wanted


def test_an_export_without_filters_holds_every_activity(client, adviser, two_units):
    force_login_verified(client, adviser)

    response = client.get(CSV)

    assert csv_ids(response) == sorted(Activity.objects.values_list("pk", flat=True))


def test_an_export_holds_only_what_the_user_may_see(client, two_units):
    viewer = UserFactory(is_staff=True, unit=two_units["unit_a"])
    viewer.user_permissions.add(Permission.objects.get(codename="view_activity"))
    force_login_verified(client, viewer)

    response = client.get(CSV, {"q": "Media Forum"})

    own_unit = [a.pk for a in two_units["forum"]] + [two_units["draft_a"].pk]
    assert csv_ids(response) == sorted(own_unit)
    assert not set(csv_ids(client.get(CSV))) & {a.pk for a in two_units["b"]}


def test_an_export_needs_the_view_permission(client, two_units):
    nobody = UserFactory(is_staff=True, unit=two_units["unit_a"])
    force_login_verified(client, nobody)

    assert client.get(CSV).status_code == 403


def test_staff_and_visitors_are_sent_to_sign_in(client, staff_user):
    anonymous = client.get(CSV)
    client.force_login(staff_user)
    staff = client.get(CSV)

    assert anonymous.status_code == 302
    assert reverse("admin:login") in anonymous.url
    assert staff.status_code == 302


def test_an_unknown_format_or_filter_is_refused(client, adviser, two_units):
    force_login_verified(client, adviser)

    unknown_format = client.get(reverse("admin:monitoring_activity_export", args=["pdf"]))
    unknown_filter = client.get(CSV, {"no_such_field": "1"})

    assert unknown_format.status_code == 404
    assert unknown_filter.status_code == 302
    assert unknown_filter.url == f"{ACTIVITIES}?e=1"


def test_a_filtered_export_reads_a_fixed_number_of_queries(client, adviser):
    unit, component = UnitFactory(), ComponentFactory()
    force_login_verified(client, adviser)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CSV, {"unit__id__exact": unit.pk})
            b"".join(response.streaming_content)
        return len(queries)

    ActivityFactory.create_batch(5, unit=unit, component=component)
    few = count()
    ActivityFactory.create_batch(120, unit=unit, component=component)
    many = count()

    assert many == few
