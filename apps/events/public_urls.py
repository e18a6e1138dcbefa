"""Public pages, under /events/ (config/urls.py)."""

app_name = "events_public"

urlpatterns = []
