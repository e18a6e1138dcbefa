"""Posting the staff's forms as a browser does.

A date is three boxes (apps.core.forms.DateInputField): `start_date_0` (day),
`start_date_1` (month) and `start_date_2` (year).
"""

import datetime


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
