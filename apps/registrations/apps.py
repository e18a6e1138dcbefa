from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration, waiting list and attendance for the events (docs/registrations.md).
    Uses the events app; the events app does not use it."""

    name = "apps.registrations"
    verbose_name = _("Event registrations")
    workspace_panel = "apps.registrations.panels.workspace_panel"
    demo_loader = "apps.registrations.demo.registrations_demo_load"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import RegistrationSetup

        # An event's page shows its registration dates (never counts: a registration
        # changes no public page).
        purge_on_change(RegistrationSetup)
