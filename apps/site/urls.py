from django.urls import path

from apps.core.public_cache import cache_public_page

from . import open_data, search, seo, views

# Public pages wrapped in cache_public_page: anonymous visitors get a stored copy
# until what the page shows changes (docs/performance.md).

app_name = "site"

urlpatterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("about/", cache_public_page(views.AboutView.as_view()), name="about"),
    path(
        "components/<slug:slug>/",
        cache_public_page(views.ComponentDetailView.as_view()),
        name="component_detail",
    ),
    path("results/", cache_public_page(views.ResultsView.as_view()), name="results"),
    path(
        "results/<slug:slug>/",
        cache_public_page(views.ResultsComponentView.as_view()),
        name="results_component",
    ),
    path(
        "accessibility/",
        cache_public_page(views.AccessibilityStatementView.as_view()),
        name="accessibility",
    ),
    path("privacy/", cache_public_page(views.PrivacyNoticeView.as_view()), name="privacy"),
    path(
        "legal-notice/",
        cache_public_page(views.LegalNoticeView.as_view()),
        name="legal_notice",
    ),
    path("contact/", cache_public_page(views.ContactView.as_view()), name="contact"),
    # Not cached: as many pages as questions; each costs a fixed number of queries.
    path("search/", search.SearchView.as_view(), name="search"),
    # Open data (docs/open-data.md): the page, each dataset as CSV and JSON, the IATI file.
    path("open-data/", cache_public_page(open_data.OpenDataView.as_view()), name="open_data"),
    path(
        "open-data/iati-activities.xml",
        cache_public_page(open_data.iati_activities),
        name="open_data_iati",
    ),
    path(
        "open-data/<slug:slug>.csv",
        cache_public_page(open_data.dataset_csv),
        name="open_data_csv",
    ),
    path(
        "open-data/<slug:slug>.json",
        cache_public_page(open_data.dataset_json),
        name="open_data_json",
    ),
    path("sitemap.xml", cache_public_page(seo.sitemap), name="sitemap"),
    path("robots.txt", cache_public_page(seo.robots_txt), name="robots"),
    path("workspace/", views.WorkspaceView.as_view(), name="workspace"),
    path("healthz", views.healthz, name="healthz"),
]
