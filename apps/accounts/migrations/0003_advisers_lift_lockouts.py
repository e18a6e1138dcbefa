"""Programme advisers see sign-in lockouts and lift them (django-axes' AccessAttempt:
deleting its failed sign-ins ends the lock). Nothing else of axes or django-otp:
second factors are removed by superusers only (README)."""

from django.db import migrations

from apps.accounts.roles import PROGRAMME_ADVISERS, grant_role_permissions

PERMISSIONS = ["axes.view_accessattempt", "axes.delete_accessattempt"]


def grant(apps, schema_editor):
    grant_role_permissions(apps, PROGRAMME_ADVISERS, PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=PROGRAMME_ADVISERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="axes",
                codename__in=[name.split(".")[1] for name in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
