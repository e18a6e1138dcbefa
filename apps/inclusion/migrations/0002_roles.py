"""Give the portal roles their rights on the inclusion records.

Programme advisers review policy reviews, workforce snapshots and accessibility
measures, see every record, row and evidence file, and maintain the reference data
(topics, staff categories). Secretariat staff see the records (their own unit's: the
selectors decide) and the reference data; they write through the workspace, whose
services check the unit and the record's state, and add and remove evidence there.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

REFERENCE = ["crosscuttingtopic", "staffcategory"]
REVIEWED = ["policyreview", "workforcesnapshot", "accessibilitymeasure"]
ROWS = ["recommendation", "workforcecount"]
EVIDENCE = [f"{model}evidence" for model in REVIEWED]


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [f"inclusion.{action}_{model}" for model in REFERENCE for action in ("view", "add", "change")]
        + [f"inclusion.view_{model}" for model in [*REVIEWED, *ROWS, *EVIDENCE]]
        + [f"inclusion.review_{model}" for model in REVIEWED],
    )
    grant_role_permissions(
        apps,
        SECRETARIAT_STAFF,
        [f"inclusion.view_{model}" for model in [*REFERENCE, *REVIEWED, *ROWS]]
        + [f"inclusion.{action}_{model}" for model in EVIDENCE for action in ("view", "add", "delete")],
    )


class Migration(migrations.Migration):
    dependencies = [("inclusion", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
