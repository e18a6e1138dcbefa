"""Public pages, under /events/ (config/urls.py): registering and cancelling.
Never cached: each shows the places left now, or one person's registration."""

from django.urls import path

from . import public

app_name = "registrations_public"

urlpatterns = [
    path("<slug:slug>/register/", public.RegisterView.as_view(), name="register"),
    path("<slug:slug>/register/done/", public.RegisteredView.as_view(), name="registered"),
    path("<slug:slug>/register/cancel/<str:token>/", public.CancelView.as_view(), name="cancel"),
]
