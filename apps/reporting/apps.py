from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The progress report advisers send on and the public annual summary.

    Like the front door (`site`), it composes what other apps hold (results from
    monitoring, events from events) and no app imports it (docs/progress-report.md).
    """

    name = "apps.reporting"
    verbose_name = _("Progress reports")
