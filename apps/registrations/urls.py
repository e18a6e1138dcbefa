"""Staff pages, under /workspace/events/ (config/urls.py): an event's participants,
for the organising unit's staff and the reviewers of events (docs/attendance.md)."""

from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("<int:pk>/registration/", views.RegistrationSetupView.as_view(), name="setup"),
    path("<int:pk>/participants/", views.ParticipantListView.as_view(), name="participants"),
    path("<int:pk>/participants/invite/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/participants/fill-places/", views.FillPlacesView.as_view(), name="fill_places"),
    path(
        "<int:pk>/participants/<int:registration>/approve/",
        views.RegistrationActionView.as_view(action="approve"),
        name="approve",
    ),
    path(
        "<int:pk>/participants/<int:registration>/decline/",
        views.RegistrationActionView.as_view(action="decline"),
        name="decline",
    ),
    path(
        "<int:pk>/participants/<int:registration>/cancel/",
        views.RegistrationActionView.as_view(action="cancel"),
        name="cancel",
    ),
    path(
        "<int:pk>/participants/<int:registration>/accommodation/",
        views.RegistrationActionView.as_view(action="accommodation"),
        name="accommodation",
    ),
    path("<int:pk>/participants/check-in/", views.CheckInStartView.as_view(), name="checkin_start"),
    path("<int:pk>/participants/check-in/<str:day>/", views.CheckInView.as_view(), name="checkin"),
    path(
        "<int:pk>/participants/check-in/<str:day>/<int:registration>/",
        views.CheckInMarkView.as_view(),
        name="checkin_mark",
    ),
    path(
        "<int:pk>/participants/import/",
        views.AttendanceImportView.as_view(),
        name="attendance_import",
    ),
    path("<int:pk>/certificates/", views.CertificateListView.as_view(), name="certificates"),
    path(
        "<int:pk>/certificates/<int:registration>/",
        views.CertificateView.as_view(),
        name="certificate",
    ),
]
