"""Public pages, under /news/ (being written: issue 17)."""

app_name = "news"

urlpatterns = []
