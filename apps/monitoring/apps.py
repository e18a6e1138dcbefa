from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "apps.monitoring"
    verbose_name = _("Monitoring")
    # What /workspace/ shows of this app (apps.core.panels).
    workspace_panel = "apps.monitoring.panels.workspace_panel"
