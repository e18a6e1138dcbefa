"""The two roles of the portal, held as auth groups.

Each app grants its own permissions to the roles in a data migration through
`grant_role_permissions`, so the groups and their rights are the same on
every database and are created by `migrate` alone.
"""

from django.utils.translation import gettext_lazy as _

SECRETARIAT_STAFF = "Secretariat staff"
PROGRAMME_ADVISERS = "Programme advisers"

ROLES = (SECRETARIAT_STAFF, PROGRAMME_ADVISERS)
ROLE_LABELS = {
    SECRETARIAT_STAFF: _("Secretariat staff"),
    PROGRAMME_ADVISERS: _("Programme adviser"),
}


def grant_role_permissions(apps, role: str, permissions: list[str]) -> None:
    """Create `role` if needed and give it `permissions` ("app_label.codename").

    For use in data migrations, with the historical `apps` registry. Django
    creates permissions after all migrations have run, so on a new database
    they are created here first.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=role)
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)
