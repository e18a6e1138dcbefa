"""Activities from the Excel template: one row per activity, through the activity
form's checks and `services.activity_create`."""

import datetime

import pytest
from django.urls import reverse

from apps.monitoring.models import Activity, ReviewStatus, SpreadsheetImport
from apps.programme.models import Partner
from tests.monitoring.factories import ActivityFactory
from tests.programme.factories import PartnerFactory

from .helpers import ACTIVITIES_TEMPLATE, confirm_url, download, fill_activity, upload

pytestmark = pytest.mark.django_db


def workshop(**overrides) -> dict:
    cells = {
        "Title": "Workshop on trade facilitation",
        "Date": datetime.date(2019, 9, 10),
        "Type": "Workshop",
        "Location": "Jakarta",
        "Women": 14,
        "Men": 11,
        "Other_or_not_stated": 0,
        "Persons_with_disabilities": 2,
        "Disability_not_stated": 3,
        "Member_states": "XI, XM",
        "Public": "yes",
    }
    return {**cells, **overrides}


def test_a_bad_row_writes_nothing_then_the_corrected_file_creates_the_activities(
    signed_in, staff, indicators, states
):
    partner = PartnerFactory(name="Friedrich Foundation", acronym="FF")
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)
    fill_activity(workbook, 2, **workshop(Partners="FF", Indicator_codes="1.1.a, 1.1.b"))
    fill_activity(
        workbook,
        3,
        **workshop(
            Title="Meeting of the working group",
            Type="Meeting",
            Date="3/10/2019",
            Persons_with_disabilities=30,
        ),
    )

    response = upload(signed_in, workbook, kind="activities")

    html = signed_in.get(response.url).content.decode()
    assert (
        "Sheet Activities, row 3, column Persons with disabilities: Persons with disabilities "
        "and “disability not stated” together cannot be more than all participants (women + "
        "men + other)." in html
    )
    assert not Activity.objects.exists()

    fill_activity(workbook, 3, Persons_with_disabilities=1)
    response = upload(signed_in, workbook, kind="activities")
    assert "Import 2 rows" in signed_in.get(response.url).content.decode()
    assert not Activity.objects.exists()
    done = signed_in.post(confirm_url(SpreadsheetImport.objects.get()))

    assert done.url == reverse("monitoring:activity_list") + "?status=draft"
    first, second = Activity.objects.order_by("start_date")
    assert (first.title, first.start_date, first.activity_type, first.location) == (
        "Workshop on trade facilitation",
        datetime.date(2019, 9, 10),
        Activity.Type.WORKSHOP,
        "Jakarta",
    )
    assert (first.participants_women, first.participants_disability_not_stated) == (14, 3)
    assert first.is_public is True
    assert first.unit == staff.unit
    assert first.status == ReviewStatus.DRAFT
    assert {s.iso_code for s in first.member_states.all()} == {"XI", "XM"}
    assert list(first.partners.all()) == [partner]
    assert {i.code for i in first.indicators.all()} == {"1.1.a", "1.1.b"}
    assert (second.start_date, second.activity_type) == (
        datetime.date(2019, 10, 3),
        Activity.Type.MEETING,
    )


def test_cells_that_name_nothing_known_are_problems_of_their_column(signed_in, indicators, states):
    PartnerFactory(name="ASEAN Secretariat", acronym="ASEC", kind=Partner.Kind.EXECUTING_AGENCY)
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)
    fill_activity(
        workbook,
        2,
        **workshop(
            Type="Seminar",
            Member_states="XI, ZZ",
            Partners="ASEC; Nobody we know",
            Indicator_codes="9.9.z",
            Public="maybe",
            Date="the tenth",
        ),
    )

    response = upload(signed_in, workbook, kind="activities")

    html = signed_in.get(response.url).content.decode()
    for expected in (
        "column Type: “Seminar” is not a type of activity",
        "column Member states: “ZZ” is not a member state&#x27;s code",
        "column Partners: ASEAN Secretariat (ASEC) is the programme&#x27;s executing agency",
        "column Partners: “Nobody we know” is not a partner the portal knows",
        "column Indicator codes: no indicator of your unit&#x27;s components has the code “9.9.z”",
        "column Public: write yes or no",
        "column Date: “the tenth” is not a date",
    ):
        assert expected in html.replace("'", "&#x27;"), expected
    assert not Activity.objects.exists()


def test_nobody_took_part_must_be_said(signed_in, indicators):
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)
    empty = {"Women": 0, "Men": 0, "Persons_with_disabilities": 0, "Disability_not_stated": 0}
    fill_activity(workbook, 2, **workshop(**empty))
    fill_activity(
        workbook,
        3,
        **workshop(Title="Cancelled training", Type="Training", Nobody_took_part="yes", **empty),
    )

    response = upload(signed_in, workbook, kind="activities")

    html = signed_in.get(response.url).content.decode()
    assert "Sheet Activities, row 2, column Nobody took part: You entered 0 participants" in html
    assert "row 3" not in html.split("Nothing was imported")[1].split("</ol>")[0]


def test_an_activity_already_logged_or_repeated_is_refused(signed_in, staff, component, indicators):
    ActivityFactory(
        title="Workshop on trade facilitation",
        start_date=datetime.date(2019, 9, 10),
        unit=staff.unit,
        component=component,
        created_by=staff,
    )
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)
    fill_activity(workbook, 2, **workshop())
    fill_activity(workbook, 3, **workshop(Title="Study on e-services", Type="Study"))
    fill_activity(workbook, 4, **workshop(Title="Study on e-services", Type="Study"))

    response = upload(signed_in, workbook, kind="activities")

    html = signed_in.get(response.url).content.decode().replace("&#x27;", "'")
    assert (
        "Sheet Activities, row 2, column Title: your unit already logged “Workshop on trade "
        "facilitation” on 10 September 2019 (draft), so it is not imported again." in html
    )
    assert (
        "Sheet Activities, row 4, column Title: repeats row 3 (the same title and date): keep "
        "one row per activity." in html
    )
    assert Activity.objects.count() == 1


def test_submit_for_review_submits_every_activity_and_the_preview_warns(
    signed_in, staff, indicators
):
    workbook = download(signed_in, ACTIVITIES_TEMPLATE)
    fill_activity(workbook, 2, **workshop(End_date=datetime.date(2019, 11, 30)))

    response = upload(signed_in, workbook, kind="activities", mode="submit")
    html = signed_in.get(response.url).content.decode()
    assert "New, submitted for review" in html
    assert "Check: It ends 81 days after it began" in html
    signed_in.post(confirm_url(SpreadsheetImport.objects.get()))

    activity = Activity.objects.get()
    assert (activity.status, activity.submitted_by) == (ReviewStatus.SUBMITTED, staff)
