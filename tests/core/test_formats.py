"""One way to write dates, numbers and percentages: pages, admin and exports."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.template import Context, Template
from django.utils import formats as django_formats

from apps.core.formats import figure, percent
from apps.monitoring import exports


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("90.00"), "90"),
        (Decimal("12.50"), "12.5"),
        (Decimal("1250"), "1,250"),
        (Decimal("999.99"), "999.99"),
        (0, "0"),
        (None, ""),
        ("", ""),
    ],
)
def test_figure_writes_numbers_without_trailing_zeros_and_grouped(value, text):
    assert figure(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("75.0"), "75%"), (Decimal("62.50"), "62.5%"), (Decimal("0"), "0%"), (None, "")],
)
def test_percent_has_no_space_before_the_sign(value, text):
    assert percent(value) == text


def test_templates_read_the_same_filters():
    rendered = Template("{% load portal_format %}{{ n|figure }} {{ p|percent }}").render(
        Context({"n": Decimal("1250.00"), "p": Decimal("75.0")})
    )
    assert rendered == "1,250 75%"


def test_dates_follow_the_locale_settings_day_month_year():
    day = datetime.date(2021, 11, 3)
    assert django_formats.date_format(day) == "3 November 2021"
    assert django_formats.date_format(day, "SHORT_DATE_FORMAT") == "3 Nov 2021"
    rendered = Template('{{ day|date }} · {{ day|date:"SHORT_DATE_FORMAT" }}').render(
        Context({"day": day})
    )
    assert rendered == "3 November 2021 · 3 Nov 2021"


def _table(*rows) -> exports.Table:
    return exports.Table(title="Test", header=["A", "B", "C"], rows=list(rows))


def test_csv_exports_write_data_iso_dates_and_plain_numbers():
    response = exports.csv_response(
        _table([datetime.date(2021, 12, 10), Decimal("75.00"), Decimal("1250.50")]),
        filename="t",
    )
    content = b"".join(response.streaming_content).decode("utf-8-sig")

    assert list(csv.reader(io.StringIO(content)))[1] == ["2021-12-10", "75", "1250.5"]


def test_excel_exports_keep_real_dates_shown_as_the_portal_shows_them():
    response = exports.xlsx_response(
        _table([datetime.date(2021, 12, 10), datetime.datetime(2021, 12, 10, 9, 30), 3]),
        filename="t",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active

    assert sheet["A2"].value == datetime.datetime(2021, 12, 10)
    assert sheet["A2"].number_format == "d mmm yyyy"
    assert sheet["B2"].number_format == "d mmm yyyy, hh:mm"
    assert sheet["C2"].number_format == "General"
