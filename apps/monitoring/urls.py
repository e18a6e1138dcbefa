"""Staff pages, included under /workspace/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("activities/<int:pk>/submit/", views.ActivitySubmitView.as_view(), name="activity_submit"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path(
        "activities/<int:record_pk>/evidence/<int:pk>/",
        views.ActivityEvidenceDownloadView.as_view(),
        name="activity_evidence_download",
    ),
    path(
        "activities/<int:record_pk>/evidence/<int:pk>/delete/",
        views.ActivityEvidenceDeleteView.as_view(),
        name="activity_evidence_delete",
    ),
    path("updates/", views.IndicatorUpdateListView.as_view(), name="indicator_update_list"),
    path(
        "updates/due/",
        views.IndicatorUpdateDueListView.as_view(),
        name="indicator_update_due_list",
    ),
    path(
        "updates/new/<int:indicator_pk>/<int:period_pk>/",
        views.IndicatorUpdateCreateView.as_view(),
        name="indicator_update_create",
    ),
    path(
        "updates/<int:pk>/",
        views.IndicatorUpdateDetailView.as_view(),
        name="indicator_update_detail",
    ),
    path(
        "updates/<int:pk>/edit/",
        views.IndicatorUpdateEditView.as_view(),
        name="indicator_update_edit",
    ),
    path(
        "updates/<int:pk>/submit/",
        views.IndicatorUpdateSubmitView.as_view(),
        name="indicator_update_submit",
    ),
    path(
        "updates/<int:pk>/delete/",
        views.IndicatorUpdateDeleteView.as_view(),
        name="indicator_update_delete",
    ),
    path(
        "updates/<int:record_pk>/evidence/<int:pk>/",
        views.IndicatorUpdateEvidenceDownloadView.as_view(),
        name="indicator_update_evidence_download",
    ),
    path(
        "updates/<int:record_pk>/evidence/<int:pk>/delete/",
        views.IndicatorUpdateEvidenceDeleteView.as_view(),
        name="indicator_update_evidence_delete",
    ),
]
