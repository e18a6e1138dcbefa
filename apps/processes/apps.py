from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    """Component 1: the organisational processes of ASEC's strategic administrative
    departments and key functional units (docs/processes.md)."""

    name = "apps.processes"
    verbose_name = _("Organisational processes")
    # What the pages `site` composes show of this app (apps.core.panels).
    workspace_panel = "apps.processes.panels.workspace_panel"
    # /search/ and /open-data/ (apps.site): what this app publishes there.
    search_sources = "apps.processes.search.search_sources"
    open_data = "apps.processes.open_data.datasets"
    component_slug = "organisational-processes"
    component_sections = "apps.processes.public.component_sections"
    facts_loader = "apps.processes.services.processes_facts_load"
    demo_loader = "apps.processes.demo.processes_demo_load"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import (
            Audience,
            IntegrityMeasure,
            LegalInstrument,
            ProcessImprovement,
            Strategy,
            Workstream,
        )

        # What the component page's sections show (public.py). The records purge only
        # while approved (apps.core.public_cache); their evidence never shows.
        purge_on_change(
            Workstream, Audience, ProcessImprovement, Strategy, LegalInstrument, IntegrityMeasure
        )
