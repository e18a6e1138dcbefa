"""Indicator updates from the Excel template: the issue's "done when", the preview,
the confirmation, the template itself, and the rules the forms apply."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.monitoring.models import (
    Disaggregation,
    IndicatorUpdate,
    ReviewStatus,
    SpreadsheetImport,
)
from tests.monitoring.factories import DisaggregationFactory, IndicatorUpdateFactory

from .helpers import (
    confirm_url,
    download,
    fill,
    headers,
    row_of,
    updates_template_url,
    upload,
)

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_template_with_one_bad_row_writes_nothing_then_the_corrected_file_imports(
    signed_in, staff, indicators, period
):
    """The issue's "done when": a row-by-row report and nothing written, then the
    corrected file creates the updates with their breakdowns."""
    workbook = download(signed_in, updates_template_url(period))
    bad_row = fill(workbook, "1.1.a", Value=10, Women=12, Men=3, Comment="From the training log")
    fill(workbook, "1.1.b", Numerator=3, Denominator=4)
    fill(workbook, "1.1.c", Narrative="The manual was adopted in August.")

    response = upload(signed_in, workbook, period=period)

    spreadsheet = SpreadsheetImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:preview", args=[spreadsheet.pk])
    page = signed_in.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        f"Sheet Updates, row {bad_row}, column Women: The values by sex add up to 15, more "
        "than the total of 10." in html
    )
    assert "Nothing was imported: the file has 1 problem" in html
    assert "Upload a corrected file" in html
    assert "Import 3 rows" not in html
    assert not IndicatorUpdate.objects.exists()
    assert not Disaggregation.objects.exists()
    # Confirming a file with problems writes nothing either.
    refused = signed_in.post(confirm_url(spreadsheet))
    assert refused.status_code == 200
    assert not IndicatorUpdate.objects.exists()

    fill(workbook, "1.1.a", Women=6, Men=4)
    response = upload(signed_in, workbook, period=period)

    corrected = SpreadsheetImport.objects.get()  # the earlier preview is gone
    assert corrected.pk != spreadsheet.pk
    html = signed_in.get(response.url).content.decode()
    assert "Import 3 rows" in html
    assert "1 row is skipped: its cells to fill are empty." in html
    assert "Women 6, Men 4" in html
    assert "3 of 4 (75%)" in html
    assert "New draft" in html
    assert not IndicatorUpdate.objects.exists()  # the preview wrote nothing

    done = signed_in.post(confirm_url(corrected))

    assert done.status_code == 302
    assert done.url == reverse("monitoring:indicator_update_list") + "?status=draft"
    assert messages_of(done) == [
        "Imported 3 rows from “filled.xlsx”: 3 new, 0 changed, saved as drafts."
    ]
    updates = {update.indicator.code: update for update in IndicatorUpdate.objects.all()}
    assert set(updates) == {"1.1.a", "1.1.b", "1.1.c"}
    trained = updates["1.1.a"]
    assert (trained.value, trained.comment, trained.status, trained.created_by) == (
        Decimal(10),
        "From the training log",
        ReviewStatus.DRAFT,
        staff,
    )
    assert {(d.group, d.value) for d in trained.disaggregations.all()} == {
        ("women", Decimal(6)),
        ("men", Decimal(4)),
    }
    assert (updates["1.1.b"].numerator, updates["1.1.b"].denominator) == (3, 4)
    assert updates["1.1.c"].narrative == "The manual was adopted in August."
    corrected.refresh_from_db()
    assert corrected.status == SpreadsheetImport.Status.IMPORTED
    assert (corrected.created_count, corrected.changed_count) == (3, 0)
    assert corrected.imported_at is not None


def test_every_problem_is_listed_by_row_and_column(signed_in, indicators, period, states):
    workbook = download(signed_in, updates_template_url(period))
    first = fill(workbook, "1.1.a", Value=5, With_disability=9)
    second = fill(workbook, "1.1.b", Numerator=5, Denominator=4, Value=2)
    third = fill(workbook, "1.1.d", Value=3, Indonesia=2, Malaysia=2)

    response = upload(signed_in, workbook, period=period)

    html = signed_in.get(response.url).content.decode()
    assert (
        f"Sheet Updates, row {first}, column With disability: The values by disability add "
        "up to 9, more than the total of 5." in html
    )
    assert (
        f"Sheet Updates, row {second}, column Value: This indicator is measured as "
        "“percentage (numerator / denominator)”: fill Numerator, Denominator." in html
    )
    assert (
        f"Sheet Updates, row {third}, column Indonesia: The values by member state add up to "
        "4, more than the total of 3." in html
    )
    assert "the file has 3 problems" in html
    assert not IndicatorUpdate.objects.exists()


def test_the_numerator_rule_of_the_model_names_its_column(signed_in, indicators, period):
    workbook = download(signed_in, updates_template_url(period))
    row = fill(workbook, "1.1.b", Numerator=5, Denominator=4)

    response = upload(signed_in, workbook, period=period)

    html = signed_in.get(response.url).content.decode()
    assert (
        f"Sheet Updates, row {row}, column Numerator: The numerator cannot be larger than the "
        "denominator." in html
    )


def test_a_row_with_only_a_comment_asks_for_the_value(signed_in, indicators, period):
    workbook = download(signed_in, updates_template_url(period))
    row = fill(workbook, "1.1.a", Comment="No training this quarter")

    response = upload(signed_in, workbook, period=period)

    html = signed_in.get(response.url).content.decode()
    assert f"Sheet Updates, row {row}, column Value: Enter the value for this period." in html


def test_an_update_already_submitted_is_a_row_error(signed_in, staff, indicators, period):
    IndicatorUpdateFactory(
        indicator=indicators["1.1.a"],
        period=period,
        created_by=staff,
        status=ReviewStatus.SUBMITTED,
    )
    workbook = download(signed_in, updates_template_url(period))
    row = fill(workbook, "1.1.a", Value=8)
    fill(workbook, "1.1.b", Numerator=1, Denominator=2)

    response = upload(signed_in, workbook, period=period)

    html = signed_in.get(response.url).content.decode()
    assert (
        f"Sheet Updates, row {row}, column Indicator code: the update for 2019 Q3 was already "
        in html
    )
    assert "ask a programme adviser to return it if it must change." in html
    assert IndicatorUpdate.objects.count() == 1


def test_a_draft_of_the_period_is_changed_and_its_breakdown_replaced(
    signed_in, staff, indicators, period
):
    draft = IndicatorUpdateFactory(
        indicator=indicators["1.1.a"], period=period, created_by=staff, value=Decimal(4)
    )
    DisaggregationFactory(update=draft, group="women", value=Decimal(4))
    workbook = download(signed_in, updates_template_url(period))
    sheet = workbook["Updates"]
    assert sheet.cell(
        row=row_of(sheet, "1.1.a"), column=headers(sheet)["This period so far"]
    ).value == ("Draft: 4 staff members")
    fill(workbook, "1.1.a", Value=9, Men=5)

    response = upload(signed_in, workbook, period=period)
    assert "Changes the draft" in signed_in.get(response.url).content.decode()
    signed_in.post(confirm_url(SpreadsheetImport.objects.get()))

    draft.refresh_from_db()
    assert draft.value == 9
    assert {(d.group, d.value) for d in draft.disaggregations.all()} == {("men", Decimal(5))}
    assert SpreadsheetImport.objects.get().changed_count == 1


def test_submit_for_review_submits_every_row(signed_in, staff, indicators, period):
    workbook = download(signed_in, updates_template_url(period))
    fill(workbook, "1.1.a", Value=10)
    fill(workbook, "1.1.c", Narrative="Adopted.")

    response = upload(signed_in, workbook, period=period, mode="submit")
    assert "New, submitted for review" in signed_in.get(response.url).content.decode()
    done = signed_in.post(confirm_url(SpreadsheetImport.objects.get()))

    assert done.url.endswith("?status=submitted")
    assert {(u.status, u.submitted_by) for u in IndicatorUpdate.objects.all()} == {
        (ReviewStatus.SUBMITTED, staff)
    }


def test_the_same_indicator_twice_is_refused(signed_in, indicators, period):
    workbook = download(signed_in, updates_template_url(period))
    sheet = workbook["Updates"]
    first = fill(workbook, "1.1.a", Value=10)
    copy = sheet.max_row + 1
    for column in range(1, sheet.max_column + 1):
        sheet.cell(row=copy, column=column, value=sheet.cell(row=first, column=column).value)

    response = upload(signed_in, workbook, period=period)

    html = signed_in.get(response.url).content.decode()
    assert (
        f"Sheet Updates, row {copy}, column Indicator code: the indicator 1.1.a is also in row "
        f"{first}: keep one row per indicator." in html
    )


def test_a_file_with_nothing_filled_in_has_nothing_to_import(signed_in, indicators, period):
    workbook = download(signed_in, updates_template_url(period))

    response = upload(signed_in, workbook, period=period)

    html = signed_in.get(response.url).content.decode()
    assert "Nothing to import: every row's cells to fill are empty." in html
    assert "Import 0 rows" not in html
