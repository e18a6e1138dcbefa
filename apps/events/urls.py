"""Staff pages, under /workspace/events/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    *views.EVENTS.urlpatterns(),
    path("<int:pk>/sessions/new/", views.SessionAddView.as_view(), name="session_add"),
    path(
        "<int:pk>/sessions/<int:session>/edit/",
        views.SessionChangeView.as_view(),
        name="session_change",
    ),
    path(
        "<int:pk>/sessions/<int:session>/remove/",
        views.SessionRemoveView.as_view(),
        name="session_remove",
    ),
    path("<int:pk>/speakers/new/", views.SpeakerAddView.as_view(), name="speaker_add"),
    path("<int:pk>/sponsors/new/", views.SponsorAddView.as_view(), name="sponsor_add"),
    path(
        "<int:pk>/sponsors/<int:sponsor>/remove/",
        views.SponsorRemoveView.as_view(),
        name="sponsor_remove",
    ),
    path("<int:pk>/cancel/", views.EventCancelView.as_view(), name="event_cancel"),
    path("<int:pk>/next-edition/", views.NextEditionView.as_view(), name="next_edition"),
]
