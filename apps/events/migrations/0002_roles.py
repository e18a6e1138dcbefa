"""Give the portal roles their rights on events.

Advisers review events (publish them) and read everything of the app in the admin;
they keep the series and the speakers there. Staff read in the admin what the portal
shows them anyway; they write events, sessions, speakers and sponsors in
/workspace/, through the services, which need no model permission.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

REFERENCE = ["series", "speaker"]
RECORDS = ["event", "eventevidence", "session", "sponsor"]


def grant(apps, schema_editor):
    grant_role_permissions(
        apps, SECRETARIAT_STAFF, [f"events.view_{model}" for model in REFERENCE + RECORDS]
    )
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [f"events.{action}_{model}" for model in REFERENCE for action in ("view", "add", "change")]
        + [f"events.view_{model}" for model in RECORDS]
        + ["events.review_event"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
