from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectivityConfig(AppConfig):
    """Component 2: the Master Plan on ASEAN Connectivity 2025 and sustainable
    urbanisation (docs/connectivity.md)."""

    name = "apps.connectivity"
    verbose_name = _("Connectivity and urbanisation")
    # What the composed pages show of this app (apps.core.panels).
    workspace_panel = "apps.connectivity.panels.workspace_panel"
    # /search/ and /open-data/ (apps.site): what this app publishes there.
    search_sources = "apps.connectivity.search.search_sources"
    open_data = "apps.connectivity.open_data.datasets"
    component_slug = "connectivity"
    component_sections = "apps.connectivity.public.component_sections"
    facts_loader = "apps.connectivity.services.connectivity_facts_load"
    demo_loader = "apps.connectivity.demo.connectivity_demo_load"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import (
            City,
            CoordinationBody,
            CoordinationMeeting,
            FocusArea,
            Initiative,
            StrategicArea,
            UrbanisationAction,
        )

        # What /components/connectivity/ shows. Reviewed records purge only while
        # approved; action items and evidence never show in public.
        purge_on_change(
            StrategicArea,
            FocusArea,
            City,
            CoordinationBody,
            Initiative,
            UrbanisationAction,
            CoordinationMeeting,
        )
