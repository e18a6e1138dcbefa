"""Rights on the per-record evidence models and the audit trail.

Advisers see evidence files (the admin's inlines) and audit entries; staff add
and remove evidence of their own unit's records (the review core checks the
unit and the record's state). Nobody changes an audit entry.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

EVIDENCE = ["activityevidence", "indicatorupdateevidence"]


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        SECRETARIAT_STAFF,
        [f"monitoring.{action}_{model}" for model in EVIDENCE for action in ("view", "add", "delete")],
    )
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [f"monitoring.view_{model}" for model in EVIDENCE] + ["monitoring.view_auditentry"],
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_review_core")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
