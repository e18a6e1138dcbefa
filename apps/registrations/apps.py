from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration, waiting list and attendance for the events (docs/registrations.md).
    Uses the events app; the events app does not use it."""

    name = "apps.registrations"
    verbose_name = _("Event registrations")
