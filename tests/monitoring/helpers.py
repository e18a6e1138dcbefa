"""What the monitoring tests share: the review states, the data a service takes to
log an activity, an evidence file, and posting the staff's forms as a browser does.

A date on the staff's forms is three boxes (apps.core.forms.DateInputField):
`start_date_0` (day), `start_date_1` (month) and `start_date_2` (year).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.monitoring.models import Activity, ReviewStatus

DRAFT, SUBMITTED, RETURNED, APPROVED = (
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.RETURNED,
    ReviewStatus.APPROVED,
)


def activity_service_data(component, **overrides) -> dict:
    """What `services.activity_create` takes for a typical workshop: 25 participants,
    2 of them with disabilities and 3 not stated."""
    data = {
        "title": "Workshop on trade facilitation",
        "start_date": datetime.date(2019, 9, 10),
        "component": component,
        "activity_type": Activity.Type.WORKSHOP,
        "participants_women": 14,
        "participants_men": 11,
        "participants_sex_other": 0,
        "participants_with_disability": 2,
        "participants_disability_not_stated": 3,
    }
    return {**data, **overrides}


def pdf_upload(
    name: str = "minutes.pdf", content: bytes = b"%PDF-1.4 minutes"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def date_input(name: str, value: datetime.date | str | None) -> dict[str, str]:
    """The three boxes of date field `name` as a person fills them in: 10, 12, 2021 for
    10 December 2021 (a date or "2021-12-10"); empty boxes for None or ""."""
    if not value:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def with_dates(data: dict, *names: str) -> dict:
    """`data` with each date field of `names` given as a date or ISO text turned into
    its three boxes."""
    data = dict(data)
    for name in names:
        if name in data:
            data.update(date_input(name, data.pop(name)))
    return data
