"""Give the portal roles their monitoring rights.

Secretariat staff log activities and report indicators (their own unit's; the
services and selectors enforce the unit). Programme advisers maintain the
results framework, lock periods and review; they do not edit staff's records.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

FRAMEWORK = ["result", "indicator", "reportingperiod"]
RECORDS = ["activity", "indicatorupdate", "disaggregation", "evidence"]


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        SECRETARIAT_STAFF,
        [f"monitoring.view_{model}" for model in FRAMEWORK]
        + [
            f"monitoring.{action}_{model}"
            for model in RECORDS
            for action in ("view", "add", "change")
        ]
        + ["monitoring.delete_evidence"],
    )
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [
            f"monitoring.{action}_{model}"
            for model in FRAMEWORK
            for action in ("view", "add", "change")
        ]
        + [f"monitoring.view_{model}" for model in RECORDS]
        + ["monitoring.review_activity", "monitoring.review_indicatorupdate"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
