"""The progress report in the back office, /admin/reports/ (config/urls.py).

Every view is wrapped in the admin site's own check (`admin.site.admin_view`: a
back-office account signed in with a second factor; anyone else goes to its sign-in,
which refuses signed-in staff), then checks the adviser role itself (permissions.py)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "reporting_admin"

urlpatterns = [
    path("", admin.site.admin_view(views.report_index), name="index"),
    path("<str:span>.docx", admin.site.admin_view(views.report_docx), name="docx"),
    path("<str:span>/", admin.site.admin_view(views.report_print), name="print"),
]
