"""Give the portal roles their rights on stories and publications.

Advisers review them (publish them) and read them in the admin; staff read in the
admin what the portal shows them anyway; they write in /workspace/news/, through the
services, which need no model permission.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

RECORDS = ["story", "storyevidence", "publication", "publicationevidence"]


def grant(apps, schema_editor):
    grant_role_permissions(apps, SECRETARIAT_STAFF, [f"news.view_{model}" for model in RECORDS])
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [f"news.view_{model}" for model in RECORDS]
        + ["news.review_story", "news.review_publication"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
