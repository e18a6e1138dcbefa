from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("components/<slug:slug>/", views.ComponentDetailView.as_view(), name="component_detail"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("workspace/", views.WorkspaceView.as_view(), name="workspace"),
    path("healthz", views.healthz, name="healthz"),
]
