"""Figures that look wrong: what an adviser should look at twice before approving.

A warning never refuses anything (the model's `clean` refuses what is impossible);
it says what looks implausible, in words, on the record's page in the admin and
as a mark in the review queue. One function decides, so both always agree. It
reads the activity's own fields only: no query, whatever the number of rows.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Activity, ReviewStatus

# The kinds of activity that have participants: none counted is likely a mistake.
WITH_PARTICIPANTS = (
    Activity.Type.WORKSHOP,
    Activity.Type.MEETING,
    Activity.Type.TRAINING,
    Activity.Type.LAUNCH,
)

# An activity lasting longer than this many days (end date − date) is unusual.
LONGEST_DAYS = 31


def activity_warnings(activity: Activity, *, today: datetime.date | None = None) -> list[str]:
    """What looks implausible in the activity's figures, one sentence each; [] if nothing.

    - no participants for a workshop, meeting, training or launch;
    - persons with disabilities and "disability not stated" together more than
      all participants;
    - an end date more than LONGEST_DAYS days after its date;
    - submitted, with a date (or an end date) after today.
    """
    today = today or timezone.localdate()
    warnings = []
    total = activity.participants_total
    if activity.activity_type in WITH_PARTICIPANTS and total == 0:
        warnings.append(
            _("No participants counted, for a %(kind)s.")
            % {"kind": activity.get_activity_type_display().lower()}
        )
    disability = activity.participants_with_disability + activity.participants_disability_not_stated
    if disability > total:
        warnings.append(
            _(
                "Persons with disabilities and “disability not stated” (%(disability)d) are "
                "more than all participants (%(total)d)."
            )
            % {"disability": disability, "total": total}
        )
    if activity.end_date and (activity.end_date - activity.start_date).days > LONGEST_DAYS:
        warnings.append(
            _("It ends %(days)d days after it began (on %(end)s): is the end date right?")
            % {
                "days": (activity.end_date - activity.start_date).days,
                "end": date_format(activity.end_date),
            }
        )
    last_day = activity.end_date or activity.start_date
    if activity.status == ReviewStatus.SUBMITTED and last_day > today:
        warnings.append(
            _("Submitted as done, but dated %(day)s: after today.") % {"day": date_format(last_day)}
        )
    return warnings
