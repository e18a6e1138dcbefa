"""Staff pages, under /workspace/connectivity/ (config/urls.py)."""

app_name = "connectivity"

urlpatterns = []
