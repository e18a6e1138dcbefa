"""Give the portal roles their rights on the component's records.

Advisers review the four reviewed records and read everything; they maintain the
reference data (workstreams, audiences) in the admin. Staff read in the admin what
the portal shows them anyway; they write their records in /workspace/, through the
services, which need no model permission.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

REFERENCE = ["workstream", "audience"]
RECORDS = ["processimprovement", "strategy", "legalinstrument", "integritymeasure"]
EVIDENCE = [f"{model}evidence" for model in RECORDS]


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        SECRETARIAT_STAFF,
        [f"processes.view_{model}" for model in REFERENCE + RECORDS + EVIDENCE],
    )
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [
            f"processes.{action}_{model}"
            for model in REFERENCE
            for action in ("view", "add", "change")
        ]
        + [f"processes.view_{model}" for model in RECORDS + EVIDENCE]
        + [f"processes.review_{model}" for model in RECORDS],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("processes", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
