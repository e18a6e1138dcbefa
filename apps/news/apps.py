from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """Stories and publications, tagged by component (docs/news.md)."""

    name = "apps.news"
    verbose_name = _("News and publications")
