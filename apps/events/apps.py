from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events across the components: the ASEAN Media Forum, workshops, trainings,
    launches (docs/events.md). Each event is a monitoring activity."""

    name = "apps.events"
    verbose_name = _("Events")
    # What the pages `site` composes show of this app (apps.core.panels). The home
    # page's and the component pages' events come from selectors.event_cards_public.
    workspace_panel = "apps.events.panels.workspace_panel"
    # /search/ and /open-data/ (apps.site): what this app publishes there.
    search_sources = "apps.events.search.search_sources"
    open_data = "apps.events.open_data.datasets"
    facts_loader = "apps.events.services.events_facts_load"
    demo_loader = "apps.events.demo.events_demo_load"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import Event, Series, Session, Speaker, Sponsor

        # What /events/ and the cards show. An event purges only while approved
        # (apps.core.public_cache); its sessions, speakers and sponsors whenever they
        # change (they change only while the event is a draft, so rarely).
        purge_on_change(Series, Event, Session, Speaker, Sponsor)
