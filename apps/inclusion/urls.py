"""Staff pages, under /workspace/inclusion/ (config/urls.py)."""

app_name = "inclusion"

urlpatterns = []
