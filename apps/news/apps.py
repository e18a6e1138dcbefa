from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """Stories and publications, tagged by component (docs/news.md)."""

    name = "apps.news"
    verbose_name = _("News and publications")
    # What the pages `site` composes show of this app (apps.core.panels). The home
    # page's latest news come from selectors.latest_story_cards.
    workspace_panel = "apps.news.panels.workspace_panel"
    # /search/ (apps.site): what this app publishes there.
    search_sources = "apps.news.search.search_sources"
    # /open-data/ (apps.site): the datasets this app publishes there.
    open_data = "apps.news.open_data.datasets"
    demo_loader = "apps.news.demo.news_demo_load"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import Publication, Story

        # What /news/, the feeds and the home page's latest news show. A record purges
        # only while approved (apps.core.public_cache); its evidence never shows.
        purge_on_change(Story, Publication)
