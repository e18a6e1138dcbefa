"""Spreadsheet import for staff, /workspace/imports/ (config/urls.py)."""

from django.urls import path

from . import import_views

app_name = "imports"

urlpatterns = [
    path("", import_views.ImportIndexView.as_view(), name="index"),
    path(
        "updates/<int:period_pk>/template.xlsx",
        import_views.UpdatesTemplateView.as_view(),
        name="updates_template",
    ),
    path(
        "activities/template.xlsx",
        import_views.ActivitiesTemplateView.as_view(),
        name="activities_template",
    ),
    path("<int:pk>/", import_views.ImportPreviewView.as_view(), name="preview"),
    path("<int:pk>/confirm/", import_views.ImportConfirmView.as_view(), name="confirm"),
]
