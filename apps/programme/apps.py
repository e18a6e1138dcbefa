from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "apps.programme"
    verbose_name = _("Programme")

    def ready(self):
        from apps.core.public_cache import purge_on_change

        # Every programme fact shows on some public page.
        purge_on_change(*self.get_models())
