"""Staff pages, under /workspace/processes/ (config/urls.py)."""

app_name = "processes"

urlpatterns = []
