from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts")
    # Two-step sign-in on /workspace/ (apps.core.panels).
    workspace_panel = "apps.accounts.panels.workspace_panel"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth import signals as auth

        from . import signals

        # Every sign-in, failure, lockout and sign-out is a security event.
        auth.user_logged_in.connect(signals.sign_in_succeeded, dispatch_uid="accounts_sign_in")
        auth.user_login_failed.connect(signals.sign_in_failed, dispatch_uid="accounts_failed")
        auth.user_logged_out.connect(signals.signed_out, dispatch_uid="accounts_sign_out")
        user_locked_out.connect(signals.sign_in_locked_out, dispatch_uid="accounts_locked_out")
