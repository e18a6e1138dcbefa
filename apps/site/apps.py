from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The public front door. It composes what the other apps publish; no app imports it."""

    name = "apps.site"
    label = "site"
    verbose_name = _("Public site")
