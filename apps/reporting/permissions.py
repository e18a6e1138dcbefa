"""Who may read the progress report in the back office.

The report reads every unit's indicators, updates, activities and events, internal ones
included, and its adviser version holds exact counts of people. So it is for those who
see every unit (`sees_every_unit`: programme advisers and superusers) and hold the view
permissions on what it reads; the admin site's own check (`admin.site.admin_view`: a
back-office account, signed in with a second factor) comes first. A back-office account
without the adviser role gets 403.
"""

from apps.accounts.permissions import sees_every_unit

REQUIRED_PERMISSIONS = (
    "monitoring.view_indicator",
    "monitoring.view_indicatorupdate",
    "monitoring.view_activity",
    "events.view_event",
)


def may_read_reports(user) -> bool:
    return sees_every_unit(user) and user.has_perms(REQUIRED_PERMISSIONS)
