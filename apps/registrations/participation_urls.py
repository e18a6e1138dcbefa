"""Participation figures for staff and advisers (participation_views.py); the lead
wires them under /workspace/events/ in config/urls.py."""

from django.urls import path

from . import participation_views as views

app_name = "registrations_figures"

urlpatterns = [
    path(
        "<int:pk>/participation/",
        views.EventParticipationView.as_view(),
        name="event_participation",
    ),
    path(
        "<int:pk>/participation/export/<slug:file_format>/",
        views.EventParticipationExportView.as_view(),
        name="event_participation_export",
    ),
    path(
        "<int:pk>/participation/record/",
        views.record_participation_view,
        name="record_participation",
    ),
    path(
        "series/<slug:slug>/participation/",
        views.SeriesParticipationView.as_view(),
        name="series_participation",
    ),
]
