"""Who may use the import pages, the upload form's own checks, locked periods, and
previews: whose they are, how long they last, what the page costs."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.monitoring.models import Activity, IndicatorUpdate, SpreadsheetImport
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import ReportingPeriodFactory

from .helpers import (
    ACTIVITIES_TEMPLATE,
    INDEX,
    XLSX,
    as_bytes,
    confirm_url,
    download,
    fill,
    fill_activity,
    preview_url,
    updates_template_url,
    upload,
)

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def previewed(signed_in, indicators, period):
    """A previewed import of one filled row."""
    workbook = download(signed_in, updates_template_url(period))
    fill(workbook, "1.1.a", Value=10)
    upload(signed_in, workbook, period=period)
    return SpreadsheetImport.objects.get()


def test_the_import_page_offers_the_templates_of_the_open_periods(signed_in, indicators, period):
    locked = ReportingPeriodFactory(is_locked=True)

    response = signed_in.get(INDEX)

    html = response.content.decode()
    assert response.status_code == 200
    assert updates_template_url(period) in html
    assert updates_template_url(locked) not in html
    assert ACTIVITIES_TEMPLATE in html
    assert "One row for each of your unit&#x27;s 4 indicators" in html or (
        "One row for each of your unit's 4 indicators" in html
    )


def test_the_template_marks_the_cells_to_fill_and_greys_the_others(
    signed_in, indicators, period, states
):
    workbook = download(signed_in, updates_template_url(period))

    sheet = workbook["Updates"]
    header = {cell.value: cell for cell in sheet[1] if cell.value}
    assert list(header)[:8] == [
        "Indicator code",
        "Indicator",
        "Measure",
        "Unit of measure",
        "Baseline (year)",
        "Target (year)",
        "Last approved value",
        "This period so far",
    ]
    # Breakdowns the unit's indicators ask for; the state that joined later is left out.
    assert {"Women", "Men", "With disability", "Indonesia", "Malaysia"} <= set(header)
    assert "Late joiner" not in header
    assert header["Value"].comment is not None
    assert header["Value"].fill.fgColor.rgb.endswith("FFD966")
    row = 2
    assert sheet.cell(row=row, column=1).value == "1.1.a"
    assert sheet.cell(row=row, column=header["Numerator"].column).value == "not asked"
    assert sheet.cell(row=row, column=header["Indonesia"].column).value == "not asked"
    assert sheet.cell(row=row, column=header["Women"].column).value is None
    assert sheet.cell(row=row, column=header["Baseline (year)"].column).value == "0 (2018)"
    about = {r[0]: r[1] for r in workbook["About this file"].iter_rows(values_only=True) if r[0]}
    assert about["Kind"] == "Indicator updates"
    assert about["Unit"] == "CRD"
    assert about["Reporting period"] == "2019 Q3"
    assert about["Template version"] == "1"
    assert any(v.type == "decimal" for v in sheet.data_validations.dataValidation)


def test_the_activities_template_has_drop_downs_and_lists(signed_in, indicators, states):
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)

    assert workbook.sheetnames == ["Activities", "About this file", "Lists"]
    lists = [v for v in workbook["Activities"].data_validations.dataValidation if v.type == "list"]
    assert {v.formula1 for v in lists} >= {"'Lists'!$A$2:$A$8", "'Lists'!$C$2:$C$3"}
    codes = [row[0] for row in workbook["Lists"].iter_rows(values_only=True)]
    assert "XI" in [row[3] for row in workbook["Lists"].iter_rows(values_only=True)]
    assert codes[1] == "Workshop"


@pytest.mark.parametrize(
    "url",
    [
        INDEX,
        ACTIVITIES_TEMPLATE,
        "updates_template",
        "preview",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, previewed, period, url):
    client.logout()
    url = {
        "updates_template": updates_template_url(period),
        "preview": preview_url(previewed),
    }.get(url, url)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={url}"


def test_anonymous_confirm_is_sent_to_sign_in_and_imports_nothing(client, previewed):
    client.logout()

    response = client.post(confirm_url(previewed))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not IndicatorUpdate.objects.exists()


@pytest.mark.parametrize("role", ["adviser", "no role"])
def test_advisers_and_people_without_the_staff_role_get_403(client, previewed, period, role):
    person = AdviserFactory() if role == "adviser" else UserFactory()
    force_login_verified(client, person)

    for url in (INDEX, ACTIVITIES_TEMPLATE, updates_template_url(period), preview_url(previewed)):
        assert client.get(url).status_code == 403, url
    assert client.post(confirm_url(previewed)).status_code == 403
    assert not IndicatorUpdate.objects.exists()


def test_another_units_or_another_persons_import_is_404(client, previewed, staff, component):
    colleague = StaffUserFactory(unit=staff.unit)
    stranger = StaffUserFactory()
    for person in (colleague, stranger):
        client.force_login(person)
        assert client.get(preview_url(previewed)).status_code == 404
        assert client.post(confirm_url(previewed)).status_code == 404
    assert not IndicatorUpdate.objects.exists()
    previewed.refresh_from_db()
    assert previewed.status == SpreadsheetImport.Status.PREVIEWED


def test_confirm_is_post_only(signed_in, previewed):
    assert signed_in.get(confirm_url(previewed)).status_code == 405


def test_the_upload_form_says_what_is_missing(signed_in, indicators, period):
    response = signed_in.post(INDEX, {"kind": "updates"})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {
        "period": ["Choose the reporting period the file reports on"],
        "file": ["Choose the filled-in template to upload"],
        "mode": ["Choose whether to save drafts or submit them for review"],
    }
    assert "<title>Error:" in response.content.decode()
    assert not SpreadsheetImport.objects.exists()


def test_a_locked_period_has_no_template_and_takes_no_upload(signed_in, indicators, period):
    workbook = download(signed_in, updates_template_url(period))
    fill(workbook, "1.1.a", Value=10)
    period.is_locked = True
    period.save()

    template = signed_in.get(updates_template_url(period))
    response = upload(signed_in, workbook, period=period)

    locked = (
        "The reporting period 2019 Q3 is locked: updates for it cannot be added or changed. "
        "Ask a programme adviser to unlock it."
    )
    assert template.status_code == 302
    assert template.url == INDEX
    assert messages_of(template) == [locked]
    assert response.context["form"].errors["period"] == [locked]
    assert not SpreadsheetImport.objects.exists()


def test_a_period_not_begun_has_no_template(signed_in, indicators):
    future = ReportingPeriodFactory(
        name="2099 Q1", start=datetime.date(2099, 1, 1), end=datetime.date(2099, 3, 31)
    )

    response = signed_in.get(updates_template_url(future))

    assert response.status_code == 302
    assert messages_of(response) == [
        "The reporting period 2099 Q1 starts on 1 January 2099: report on it once it has begun."
    ]


def test_a_period_locked_after_the_preview_imports_nothing(signed_in, previewed, period):
    period.is_locked = True
    period.save()

    response = signed_in.post(confirm_url(previewed))

    html = response.content.decode()
    assert response.status_code == 200
    assert "The reporting period 2019 Q3 is locked" in html
    assert "Something changed since the preview" in html
    assert not IndicatorUpdate.objects.exists()
    previewed.refresh_from_db()
    assert previewed.status == SpreadsheetImport.Status.PREVIEWED


def test_a_second_confirmation_is_told_it_was_imported(signed_in, previewed):
    signed_in.post(confirm_url(previewed))

    again = signed_in.post(confirm_url(previewed))

    assert again.status_code == 302
    assert messages_of(again)[-1].startswith("This file was already imported on ")
    assert IndicatorUpdate.objects.count() == 1
    page = signed_in.get(preview_url(previewed)).content.decode()
    assert "Imported on " in page


def test_a_new_upload_deletes_old_previews(client, signed_in, staff, previewed, indicators, period):
    colleague = StaffUserFactory(unit=staff.unit)
    stale = SpreadsheetImport.objects.create(
        kind="activities",
        unit=staff.unit,
        uploaded_by=colleague,
        uploaded_at=timezone.now() - datetime.timedelta(hours=25),
        original_name="old.xlsx",
        content=b"",
    )
    recent = SpreadsheetImport.objects.create(
        kind="activities",
        unit=staff.unit,
        uploaded_by=colleague,
        original_name="new.xlsx",
        content=b"",
    )
    workbook = download(signed_in, updates_template_url(period))
    fill(workbook, "1.1.b", Numerator=1, Denominator=2)

    upload(signed_in, workbook, period=period)

    remaining = set(SpreadsheetImport.objects.values_list("pk", flat=True))
    assert previewed.pk not in remaining  # the uploader's earlier preview
    assert stale.pk not in remaining  # anyone's older than a day
    assert recent.pk in remaining


def test_a_preview_older_than_a_day_is_gone(signed_in, previewed):
    SpreadsheetImport.objects.filter(pk=previewed.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(hours=25)
    )

    assert signed_in.get(preview_url(previewed)).status_code == 404
    assert signed_in.post(confirm_url(previewed)).status_code == 404


def activity_rows(client, count: int) -> bytes:
    workbook = download(client, ACTIVITIES_TEMPLATE)
    for number in range(2, count + 2):
        fill_activity(
            workbook,
            number,
            Title=f"Briefing number {number}",
            Date=datetime.date(2019, 5, 14),
            Type="Meeting",
            Location="Jakarta",
            Women=3,
            Men=2,
            Other_or_not_stated=0,
            Persons_with_disabilities=1,
            Disability_not_stated=0,
            Member_states="XI, XM",
        )
    return as_bytes(workbook)


def test_the_preview_page_costs_the_same_queries_for_5_and_50_rows(signed_in, indicators, states):
    measured = {}
    for count in (5, 50):
        response = upload(signed_in, activity_rows(signed_in, count), kind="activities")
        assert response.status_code == 302
        with CaptureQueriesContext(connection) as queries:
            page = signed_in.get(response.url)
        assert f"Import {count} rows" in page.content.decode()
        measured[count] = (len(queries), len(page.content))
    assert not Activity.objects.exists()

    (few_queries, few_bytes), (many_queries, many_bytes) = measured[5], measured[50]
    assert few_queries == many_queries, measured
    assert many_queries <= 10, measured
    # The table has a row per spreadsheet row, at a bounded size each.
    assert many_bytes - few_bytes <= 45 * 800, measured
    assert many_bytes < 80_000, measured


def test_the_preview_is_worked_out_again_when_the_cache_lost_it(signed_in, previewed):
    from django.core.cache import cache

    cache.clear()

    html = signed_in.get(preview_url(previewed)).content.decode()

    assert "Import 1 row" in html
    assert not IndicatorUpdate.objects.exists()


def test_the_list_pages_link_to_the_import(signed_in):
    for name in ("monitoring:indicator_update_list", "monitoring:activity_list"):
        html = signed_in.get(reverse(name)).content.decode()
        assert f'href="{INDEX}"' in html, name
        assert "Import from a spreadsheet" in html


def test_the_template_is_an_excel_attachment(signed_in, indicators, period):
    response = signed_in.get(updates_template_url(period))

    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="crd-indicator-updates-2019-q3.xlsx"'
    )
