"""Give the programme advisers their rights on registrations (the admin).

Advisers read registrations and their attendance in the admin, run its actions
(promote from the waiting list, remove personal data, the retention purge: the
"change" permission) and keep the registration set-ups. Secretariat staff get
nothing here: they manage their events' participants in /workspace/, through the
services, which need no model permission; the admin's personal data stays with
the advisers.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [
            "registrations.view_registration",
            "registrations.change_registration",
            "registrations.view_attendance",
            "registrations.view_registrationsetup",
            "registrations.add_registrationsetup",
            "registrations.change_registrationsetup",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
