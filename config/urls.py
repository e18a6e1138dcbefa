from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ASEAN Secretariat Programme Portal")
admin.site.site_title = _("ASEC Programme Portal back office")
admin.site.index_title = _("Back office")

urlpatterns = [
    # The progress report's pages sit in the back office, before the admin's own.
    path("admin/reports/", include("apps.reporting.admin_urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("apps.accounts.urls")),
    path("workspace/", include("apps.monitoring.urls")),
    # Filled-in Excel templates: indicator updates and activities (docs/spreadsheet-import.md)
    path("workspace/imports/", include("apps.monitoring.import_urls")),
    # Each component app's staff pages (apps.monitoring.record_views)
    path("workspace/processes/", include("apps.processes.urls")),
    path("workspace/connectivity/", include("apps.connectivity.urls")),
    path("workspace/inclusion/", include("apps.inclusion.urls")),
    path("workspace/events/", include("apps.events.urls")),
    path("workspace/events/", include("apps.registrations.urls")),
    path("workspace/events/", include("apps.registrations.participation_urls")),
    path("workspace/news/", include("apps.news.staff_urls")),
    # Registration first: /events/<slug>/register/ is its page, not an event's.
    path("events/", include("apps.registrations.public_urls")),
    path("events/", include("apps.events.public_urls")),
    path("news/", include("apps.news.urls")),
    # Public photo renditions, /photos/<key>/<width>.<ext> (docs/photos.md)
    path("", include("apps.photos.urls")),
    # The public annual summary, /results/<year>/, beside the front door's /results/
    path("results/", include("apps.reporting.public_urls")),
    path("", include("apps.site.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
