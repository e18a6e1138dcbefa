from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", views.PortalLogoutView.as_view(), name="logout"),
    path("password/", views.PortalPasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        views.PortalPasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Forgotten password: a link by email (PASSWORD_RESET_TIMEOUT).
    path("password/reset/", views.PortalPasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        views.PortalPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/done/",
        views.PortalPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PortalPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # Two-step sign-in (django-otp).
    path("two-factor/", views.TwoFactorOverviewView.as_view(), name="two_factor"),
    path("two-factor/set-up/", views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path(
        "two-factor/verify/recovery-code/",
        views.RecoveryCodeVerifyView.as_view(),
        name="two_factor_verify_recovery",
    ),
    path(
        "two-factor/recovery-codes/",
        views.RecoveryCodesView.as_view(),
        name="two_factor_recovery_codes",
    ),
    path("two-factor/turn-off/", views.TwoFactorDisableView.as_view(), name="two_factor_disable"),
    # Whether the reporting cycle writes to you (docs/reporting-cycle.md).
    path("emails/", views.EmailPreferencesView.as_view(), name="emails"),
]
