from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    """Component 3: diversity and inclusion at ASEC (docs/inclusion.md)."""

    name = "apps.inclusion"
    verbose_name = _("Diversity and inclusion")
