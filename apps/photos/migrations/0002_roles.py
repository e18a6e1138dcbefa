"""Programme advisers maintain the photos (add, change, view).

They delete nothing in the back office but lockouts (tests/accounts/test_models.py):
a photo that must no longer show is unpublished or marked "no consent"; a
superuser deletes it, files and all. Secretariat staff get no rights here: what
shows on the public pages is the advisers' call, consent records included.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [f"photos.{action}_photo" for action in ("view", "add", "change")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
