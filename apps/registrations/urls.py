"""Staff pages, under /workspace/events/ (config/urls.py): an event's participants."""

app_name = "registrations"

urlpatterns = []
