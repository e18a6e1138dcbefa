from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401 - registers the system checks
        from .middleware import session_times_start

        # The session limits count from the sign-in (apps.core.middleware).
        user_logged_in.connect(session_times_start, dispatch_uid="core_session_times_start")
