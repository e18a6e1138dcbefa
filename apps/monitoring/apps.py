from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "apps.monitoring"
    verbose_name = _("Monitoring")
    # What /workspace/ shows of this app (apps.core.panels).
    workspace_panel = "apps.monitoring.panels.workspace_panel"
    # /search/ and /open-data/ (apps.site): what this app publishes there.
    search_sources = "apps.monitoring.search.search_sources"
    open_data = "apps.monitoring.open_data.datasets"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import Activity, Indicator, IndicatorUpdate, ReportingPeriod, Result

        # What /results/ and the component pages show. Updates and activities
        # purge only while approved (apps.core.public_cache); their breakdowns,
        # evidence and audit rows change only in drafts or never show.
        purge_on_change(Result, Indicator, ReportingPeriod, IndicatorUpdate, Activity)
