from django.urls import path

from apps.core.public_cache import cache_public_page

from . import views

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
    path("workspace/", views.WorkspaceView.as_view(), name="workspace"),
    path("healthz", views.healthz, name="healthz"),
]
