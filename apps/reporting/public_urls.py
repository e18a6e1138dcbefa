"""The public annual summary, /results/<year>/ (config/urls.py), stored for anonymous
visitors like the other public pages and purged when what it shows changes (monitoring's
and events' `purge_on_change`)."""

from django.urls import path

from apps.core.public_cache import cache_public_page

from . import views

app_name = "reporting"

urlpatterns = [
    path("<int:year>/", cache_public_page(views.AnnualSummaryView.as_view()), name="annual"),
]
