"""The facts the legal pages state, in one place, so that the pages and the code say
the same thing.

The privacy notice's version is settings.PORTAL_PRIVACY_NOTICE_VERSION (event
registration records which version a person agreed to, and the registrations app
may not import this one); change it, and the date here, whenever the notice changes
in substance.

The session and lockout periods are read from the settings the code runs with. The
retention periods below are the portal's rules; docs/operations.md says how the
operator applies the ones the code does not apply by itself (old sign-in records,
backups).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

PRIVACY_NOTICE_DATE = datetime.date(2026, 11, 30)

# Sign-in records (django-axes: successful and failed sign-ins with address and
# browser) and the security log's lines: deleted after this many days.
SIGN_IN_RECORDS_DAYS = 90
# The longest a nightly backup is kept (12 monthly copies): a deletion is complete
# when the last backup holding the record has aged out (docs/operations.md).
BACKUP_MONTHS = 12
# An account of someone who has left the programme: deactivated at once, deleted
# after this many months (its records keep the name of who wrote them).
ACCOUNT_AFTER_LEAVING_MONTHS = 3


@dataclass(frozen=True)
class Retention:
    session_idle_minutes: int
    session_max_hours: int
    lockout_failures: int
    lockout_minutes: int
    sign_in_records_days: int
    backup_months: int
    account_after_leaving_months: int


def retention() -> Retention:
    return Retention(
        session_idle_minutes=settings.PORTAL_SESSION_IDLE_SECONDS // 60,
        session_max_hours=settings.SESSION_COOKIE_AGE // 3600,
        lockout_failures=settings.AXES_FAILURE_LIMIT,
        lockout_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        sign_in_records_days=SIGN_IN_RECORDS_DAYS,
        backup_months=BACKUP_MONTHS,
        account_after_leaving_months=ACCOUNT_AFTER_LEAVING_MONTHS,
    )
