"""The public annual summary, /results/<year>/ (config/urls.py)."""


app_name = "reporting"

urlpatterns: list = []
