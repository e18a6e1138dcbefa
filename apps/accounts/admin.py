import logging

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import UserChangeForm, UserCreationForm
from .models import User
from .security import security_event


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ("email", "full_name", "unit", "is_staff", "is_active", "last_login")
    list_filter = ("groups", "unit__components", "unit", "is_staff", "is_active")
    search_fields = ("email", "full_name", "unit__name", "unit__abbreviation")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    ordering = ("email",)
    actions = ("remove_two_factor",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "unit")}),
        (
            _("Roles and permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "unit",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    @admin.action(
        description=_("Remove two-step sign-in (lost phone)"), permissions=["remove_two_factor"]
    )
    def remove_two_factor(self, request, queryset):
        """For someone who lost their phone and their recovery codes: their
        authenticator app and codes are removed; at the next sign-in they set up
        a new one (advisers must) or sign in with the password (staff)."""
        for user in queryset:
            if services.two_factor_remove(user=user):
                security_event(
                    "two_factor_removed",
                    request=request,
                    email=user.email,
                    by=request.user.email,
                    level=logging.WARNING,
                )
        self.message_user(
            request,
            ngettext(
                "Removed two-step sign-in of %(count)d account. It is set up again at the "
                "next sign-in.",
                "Removed two-step sign-in of %(count)d accounts. It is set up again at the "
                "next sign-in.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    def has_remove_two_factor_permission(self, request) -> bool:
        # Taking away someone's second factor is for superusers only.
        return request.user.is_superuser


# --- Sign-in lockouts (django-axes) -----------------------------------------------
# Advisers lift a lockout by deleting its failed sign-ins (they hold
# axes.view_accessattempt and axes.delete_accessattempt: migration 0003).

admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    """Failed sign-ins per account and address. Deleting them lifts the lock;
    each lift is a security event naming the adviser."""

    list_display = (
        "username",
        "ip_address",
        "failures_since_start",
        "attempt_time",
        "path_info",
        "status",
    )
    actions = ("lift_selected", "cleanup_expired_attempts")

    @admin.action(description=_("Lift the lock of the selected sign-ins"), permissions=["delete"])
    def lift_selected(self, request, queryset):
        count = len(queryset)
        self.delete_queryset(request, queryset)
        self.message_user(
            request,
            ngettext(
                "Lifted %(count)d lock. The person can sign in again now.",
                "Lifted %(count)d locks. The people can sign in again now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Clean up expired attempts"), permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes' own action reads the time of the request from an
        # attribute only its sign-in handling sets; from the admin it is now.
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)

    def delete_model(self, request, obj):
        self._log_lift(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for attempt in queryset:
            self._log_lift(request, attempt)
        super().delete_queryset(request, queryset)

    @staticmethod
    def _log_lift(request, attempt) -> None:
        security_event(
            "lockout_lifted",
            request=request,
            email=attempt.username or "",
            locked_ip=attempt.ip_address or "",
            by=request.user.email,
        )
