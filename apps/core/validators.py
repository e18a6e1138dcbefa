"""Plausibility rules every app applies to what people type."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The years any record of the portal can be about. Wider than any programme,
# narrow enough that a typo (20019, 9999) is refused before it breaks a page.
FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)

# Lazy: models import this while the app registry is loading.
_YEAR_MESSAGE = format_lazy(
    _("Enter a year from {first} to {last}."), first=FIRST_YEAR, last=LAST_YEAR
)


PLAUSIBLE_DATES_MESSAGE = format_lazy(
    _("Enter dates from {first} to {last}."), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
)


def year_validators() -> list:
    """For a year field: only FIRST_YEAR to LAST_YEAR."""
    return [
        MinValueValidator(FIRST_YEAR, message=_YEAR_MESSAGE),
        MaxValueValidator(LAST_YEAR, message=_YEAR_MESSAGE),
    ]


def plausible_year_q(field: str) -> Q:
    """A CheckConstraint condition: the (nullable) year field is empty or plausible."""
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}
    )


def plausible_date_q(field: str) -> Q:
    """A CheckConstraint condition: the (nullable) date field is empty or plausible."""
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": FIRST_DAY, f"{field}__lte": LAST_DAY}
    )
