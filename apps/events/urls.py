"""Staff pages, under /workspace/events/ (config/urls.py)."""

app_name = "events"

urlpatterns = []
