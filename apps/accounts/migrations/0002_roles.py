"""Create the two portal roles with the rights the foundation apps give them.

Apps added later grant their own permissions in their own data migrations,
through apps.accounts.roles.grant_role_permissions.
"""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF, grant_role_permissions

PROGRAMME_MODELS = ["programme", "component", "unit", "memberstate", "partner", "milestone"]


def create_roles(apps, schema_editor):
    grant_role_permissions(
        apps,
        SECRETARIAT_STAFF,
        [f"programme.view_{model}" for model in PROGRAMME_MODELS],
    )
    grant_role_permissions(
        apps,
        PROGRAMME_ADVISERS,
        [
            f"programme.{action}_{model}"
            for model in PROGRAMME_MODELS
            for action in ("view", "add", "change")
        ]
        + ["accounts.view_user"],
    )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("programme", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
