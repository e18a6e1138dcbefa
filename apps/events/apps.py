from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events across the components: the ASEAN Media Forum, workshops, trainings,
    launches (docs/events.md). Each event is a monitoring activity."""

    name = "apps.events"
    verbose_name = _("Events")
