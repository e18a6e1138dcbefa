from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectivityConfig(AppConfig):
    """Component 2: the Master Plan on ASEAN Connectivity 2025 and sustainable
    urbanisation (docs/connectivity.md)."""

    name = "apps.connectivity"
    verbose_name = _("Connectivity and urbanisation")
