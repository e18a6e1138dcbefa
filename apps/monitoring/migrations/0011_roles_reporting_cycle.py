"""Advisers see what the reporting job sent (docs/reporting-cycle.md): the reminders
to units and the weekly digests, view only. Nobody adds, changes or deletes them:
the job writes them, and a deleted row would send its mailing again."""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        ["monitoring.view_reportingreminder", "monitoring.view_adviserdigest"],
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0010_reporting_cycle")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
