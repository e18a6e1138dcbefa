"""Give the portal roles their connectivity rights.

Programme advisers maintain the reference data (MPAC areas, ASUS focus areas,
cities, coordination bodies) in the admin, read the division's records and
review them. Secretariat staff read the reference data and the records; what
they may write is decided by the review core (their own unit's, while draft or
returned), not by model permissions.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

REFERENCE = ["strategicarea", "focusarea", "city", "coordinationbody"]
REVIEWED = ["initiative", "urbanisationaction", "coordinationmeeting"]
RECORD_ROWS = [
    "actionitem",
    "initiativeevidence",
    "urbanisationactionevidence",
    "coordinationmeetingevidence",
]


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        SECRETARIAT_STAFF,
        [f"connectivity.view_{model}" for model in (*REFERENCE, *REVIEWED, *RECORD_ROWS)],
    )
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [
            f"connectivity.{action}_{model}"
            for model in REFERENCE
            for action in ("view", "add", "change")
        ]
        + [f"connectivity.view_{model}" for model in (*REVIEWED, *RECORD_ROWS)]
        + [f"connectivity.review_{model}" for model in REVIEWED],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("connectivity", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
