from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    """Component 1: the organisational processes of ASEC's strategic administrative
    departments and key functional units (docs/processes.md)."""

    name = "apps.processes"
    verbose_name = _("Organisational processes")
