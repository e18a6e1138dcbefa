"""The progress report's figures (selectors.progress_report), read through the pages
an adviser downloads and the public reads: the Word document, the print page and the
annual summary."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from apps.monitoring.models import Indicator
from apps.reporting.selectors import Audience, progress_report, span_get
from tests.helpers import force_login_verified

from .conftest import quarter

pytestmark = pytest.mark.django_db


def docx_url(span: str, **params) -> str:
    url = reverse("reporting_admin:docx", args=[span])
    return f"{url}?audience={params['audience']}" if params else url


def download(client, span: str, **params) -> Document:
    response = client.get(docx_url(span, **params))
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def table_rows(document: Document, first_header: str) -> dict[str, list[str]]:
    """Every row of the tables whose header row starts with `first_header`, keyed by
    their first cell."""
    rows = {}
    for table in document.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if cells and cells[0][0] == first_header:
            rows.update({row[0]: row for row in cells[1:]})
    return rows


def text_of(document: Document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def adviser_client(client, world):
    force_login_verified(client, world.reviewer)
    return client


def test_adviser_downloads_the_2020_report_and_reads_its_indicator_table(adviser_client, world):
    """The issue's done-when: the .docx's indicator table holds each indicator's code,
    baseline, target and actual as of 31 December 2020. The updates approved for 2021 Q1
    (1 January 2021 on) and the one only submitted for 2020 Q3 do not count."""
    response = adviser_client.get(docx_url("2020"))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="asec-progress-report-2020.docx"'
    )
    document = Document(io.BytesIO(response.content))
    rows = table_rows(document, "Code")
    header = next(
        [cell.text for cell in table.rows[0].cells]
        for table in document.tables
        if table.rows[0].cells[0].text == "Code"
    )
    assert header == [
        "Code",
        "Indicator",
        "Baseline",
        "Target",
        "Actual, 31 Dec 2020",
        "Progress",
        "Status",
    ]
    _code, title, baseline, target, actual, progress, status = rows["1.a"]
    assert (title, baseline, target, actual) == (
        "Processes improved with support (processes)",
        "0 (2018)",
        "100 (2021)",
        "60 (2020 Q4)",
    )
    assert (progress, status) == ("60%", "Behind")
    # Cumulative: the baseline plus 2020's increments (5 + 7), not 2021's 100.
    assert rows["1.b"][2:6] == ["10 (2018)", "50 (2021)", "22 (2020 Q4)", "30%"]
    # A percentage: 3 of 4 in 2020 Q4, not 2021 Q1's 1 of 4; on track at 91.7%.
    assert rows["1.c"][2:7] == ["20% (2018)", "80% (2021)", "75% (2020 Q4)", "91.7%", "On track"]
    # The advisers' version holds internal indicators too; qualitative ones are not rows.
    assert rows["1.e"][4] == "45 (2020 Q4)"
    assert "1.d" not in rows
    # Word's own heading styles, so its navigation pane lists the components.
    headings = {
        p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")
    }
    assert headings["Component 1: Processes"] == "Heading 1"
    assert headings["Outcome 1: Processes improved"] == "Heading 2"
    # Each table's first row is marked as its header row (repeated on each page).
    first_row = document.tables[0].rows[0]._tr
    assert first_row.xpath("./w:trPr/w:tblHeader")


def test_the_2021_report_counts_2021_and_the_whole_term_report_everything(adviser_client, world):
    rows_2021 = table_rows(download(adviser_client, "2021"), "Code")
    term = download(adviser_client, "2018-2021")

    assert rows_2021["1.a"][4] == "90 (2021 Q1)"
    assert rows_2021["1.b"][4] == "122 (2021 Q1)"
    assert table_rows(term, "Code")["1.c"][4] == "25% (2021 Q1)"
    assert "Progress report for the whole term, 2018–2021" in text_of(term)


def test_a_period_ending_on_31_december_counts_and_one_starting_on_1_january_does_not(world):
    """The boundary, one update at a time: 2020 Q4 (to 31 Dec 2020) is in the 2020
    figures; 2021 Q1 (from 1 Jan 2021) is not, and is in 2021's."""
    indicator = world.indicator("2.a", title="Boundary", result=world.result)
    world.update("2.a", quarter(2021, 1), value=Decimal(40))
    span_2020 = span_get(programme=world.programme, key="2020")
    span_2021 = span_get(programme=world.programme, key="2021")

    def actual(span):
        report = progress_report(programme=world.programme, span=span)
        lines = [line for section in report.components for line in section.indicator_lines]
        return next(line.item.actual for line in lines if line.indicator == indicator)

    assert actual(span_2020) is None
    assert actual(span_2021) == Decimal(40)

    world.update("2.a", quarter(2020, 4), value=Decimal(30))
    assert actual(span_2020) == Decimal(30)


def test_the_same_data_gives_the_same_report(adviser_client, world):
    first = adviser_client.get(docx_url("2020"))
    second = adviser_client.get(docx_url("2020"))
    printed = [adviser_client.get(reverse("reporting_admin:print", args=["2020"])) for _ in "ab"]

    assert first.content == second.content  # byte for byte: no clock in the file
    assert text_of(Document(io.BytesIO(first.content))) == text_of(
        Document(io.BytesIO(second.content))
    )
    # The admin's chrome carries a fresh CSRF token each time; the report itself does not.
    report = [page.content.decode().split('class="progress-report"')[1] for page in printed]
    assert report[0].split("</main>")[0] == report[1].split("</main>")[0]


def test_the_report_says_when_its_data_last_changed_not_today(adviser_client, world):
    """ "As of" is the newest change among the records the report reads."""
    changed = datetime.datetime(2021, 1, 14, 9, 0, tzinfo=datetime.UTC)
    from apps.monitoring.models import Activity, IndicatorUpdate

    IndicatorUpdate.objects.update(updated_at=changed - datetime.timedelta(days=3))
    Indicator.objects.update(updated_at=changed)
    Activity.objects.update(updated_at=changed - datetime.timedelta(days=9))
    from apps.monitoring.models import Result
    from apps.programme.models import Component, Programme

    for model in (Result, Component, Programme):
        model.objects.update(updated_at=changed - datetime.timedelta(days=30))

    document = download(adviser_client, "2020")

    assert "Figures as of 31 December 2020; data last changed on 14 January 2021." in text_of(
        document
    )
    properties = document.core_properties
    assert properties.modified.date() == datetime.date(2021, 1, 14)


def test_qualitative_narratives_of_the_span_only(adviser_client, world):
    text = text_of(download(adviser_client, "2020"))

    assert "Outreach plans adopted by two units." in text
    assert "A review began." not in text  # 2019
    assert "Written in 2021: not in 2020." not in text


def test_behind_target_names_the_reason_from_the_latest_approved_update(adviser_client, world):
    document = download(adviser_client, "2020")
    text = text_of(document)

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "1.a Processes improved with support" in headings  # behind: 60% of the way
    assert "1.c Share of staff satisfied" not in headings  # on track
    assert "Two units joined late." in text  # the advisers' version: the update's comment


@pytest.mark.parametrize(("women", "shown"), [(4, "fewer than 5"), (5, "5")])
def test_publication_applies_the_disclosure_rule_and_advisers_see_full_figures(
    adviser_client, world, women, shown
):
    """4 women are "fewer than 5" in the publication version (and the next smallest
    group, 6 others, is not shown, so the total cannot give them away); 5 women are 5.
    The advisers' version says 4 and 5, and 6. Men: 23 → 25 rounded, 23 exact."""
    world.activity(
        participants_women=women,
        participants_men=23,
        participants_sex_other=6,
        participants_with_disability=0,
    )

    public = table_rows(download(adviser_client, "2020", audience="publication"), "Group")
    full = table_rows(download(adviser_client, "2020"), "Group")

    assert public["Women"][1] == shown
    assert public["Men"][1] == "25"
    assert public["Other or not stated"][1] == ("not shown" if women == 4 else "5")
    assert full["Women"][1] == str(women)
    assert full["Men"][1] == "23"
    assert full["Other or not stated"][1] == "6"


def test_publication_leaves_out_what_is_not_public(adviser_client, world):
    world.activity(title="Public workshop on outreach")
    world.activity(title="Internal retreat", is_public=False)
    world.activity(title="Draft seminar", status="draft")

    public = text_of(download(adviser_client, "2020", audience="publication"))
    full = text_of(download(adviser_client, "2020"))

    assert "Public workshop on outreach" in public
    assert "Internal retreat" not in public
    assert "Internal audit findings closed" not in public
    assert "Two units joined late." not in public  # a note to the reviewer, not for print
    assert "Internal retreat" in full
    assert "Internal audit findings closed" in full
    assert "Draft seminar" not in full


def test_report_audience_values(world):
    span = span_get(programme=world.programme, key="2020")
    report = progress_report(programme=world.programme, span=span, audience=Audience.PUBLICATION)
    assert report.for_publication
    assert [section.component.number for section in report.components] == [1, 2]
