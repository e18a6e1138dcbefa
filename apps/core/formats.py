"""How the portal writes numbers and percentages, in pages, the admin and exports.

Dates follow the locale settings (config/formats/en/formats.py): `|date` with no
argument, or "SHORT_DATE_FORMAT" in tables. Numbers and percentages go through
the two functions here, so a figure reads the same wherever it appears:
"1,250", "62.5", "75%".
"""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format


def figure(value) -> str:
    """A number as people write it: 12, 62.5, 1,250 (no trailing zeros, grouped)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(value).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    places = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=places, force_grouping=True)


def percent(value) -> str:
    """A percentage: “75%”, “62.5%”; empty for no value."""
    text = figure(value)
    return f"{text}%" if text else ""
