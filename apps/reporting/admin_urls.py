"""The progress report in the back office, /admin/reports/ (config/urls.py)."""


app_name = "reporting_admin"

urlpatterns: list = []
