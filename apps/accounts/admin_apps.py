"""Django's admin app with the portal's admin site (apps/accounts/admin_site.py).

config.settings.base puts PortalAdminConfig in INSTALLED_APPS in place of
"django.contrib.admin". It lives apart from the site because this module is
imported while the apps load, before any model may be.
"""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "apps.accounts.admin_site.PortalAdminSite"
