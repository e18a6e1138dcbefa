"""The advisers' back office for registrations (docs/participation.md).

- Registrations: filters (event, status, role, sex, disability, member state, source,
  accommodation, personal data removed), search by name, email and organisation,
  each registration's history, downloads of everything the list shows (CSV or
  Excel) or of the ticked ones, and three actions through the services: promote from
  the waiting list (`services.promote_waiting`, under the event's lock), remove a
  participant's personal data on request (`retention.anonymise`, after a
  confirmation page), and the retention purge (`retention.purge_due`, from a page
  listing what it will remove, behind a confirmation).
- Registration set-ups: when an event takes registrations, and its retention rule.

Registrations are written by the services only (the public form, staff's pages), so
they are read-only here and never deleted: deleting one would change the figures.
Advisers hold the permissions (migration 0002_roles); Secretariat staff do not: they
manage their events' participants in /workspace/.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.monitoring import exports
from apps.monitoring.admin import HistoryAdmin
from apps.monitoring.review_admin import ExportListMixin, ReadOnlyInline, reason

from . import retention, services
from .models import Attendance, Registration, RegistrationSetup


class AnonymisedFilter(admin.SimpleListFilter):
    title = _("personal data")
    parameter_name = "anonymised"

    def lookups(self, request, model_admin):
        return [("no", _("Kept")), ("yes", _("Removed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(anonymised_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(anonymised_at__isnull=True)
        return queryset


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = readonly_fields = ("day", "recorded_at", "recorded_by")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


def _naive(moment):
    """Local time without its zone: a spreadsheet cell holds no time zone."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def registration_table(registrations: QuerySet[Registration]) -> exports.Table:
    """The registrations as a table, one row each (three queries, whatever their number)."""
    header = [
        gettext("Event"),
        gettext("Status"),
        gettext("Full name"),
        gettext("Email"),
        gettext("Organisation"),
        gettext("Job title"),
        gettext("Role"),
        gettext("Member state"),
        gettext("Sex"),
        gettext("Disability"),
        gettext("Accessibility needs"),
        gettext("Other needs"),
        gettext("Accommodation"),
        gettext("Source"),
        gettext("May be listed"),
        gettext("Days present"),
        gettext("Registered"),
        gettext("Personal data removed"),
    ]

    def rows():
        from django.db.models import Count

        for registration in (
            registrations.select_related("event", "member_state")
            .annotate(days_present=Count("attendance"))
            .order_by("event__starts_at", "event_id", "queued_at", "pk")
            .iterator(chunk_size=exports.CHUNK_SIZE)
        ):
            yield [
                registration.event.title,
                registration.get_status_display(),
                registration.name,
                registration.email,
                registration.organisation,
                registration.job_title,
                registration.get_role_display(),
                str(registration.member_state or ""),
                registration.get_sex_display(),
                registration.get_disability_display(),
                ", ".join(registration.needs_labels()),
                registration.needs_note,
                registration.get_accommodation_display(),
                registration.get_source_display(),
                gettext("yes") if registration.listed_publicly else gettext("no"),
                registration.days_present,
                _naive(registration.created_at),
                _naive(registration.anonymised_at),
            ]

    return exports.Table(title=gettext("Registrations"), header=header, rows=rows())


@admin.register(Registration)
class RegistrationAdmin(ExportListMixin, HistoryAdmin):
    list_display = (
        "__str__",
        "event",
        "status",
        "role",
        "sex",
        "disability",
        "member_state",
        "source",
        "accommodation",
        "anonymised_at",
    )
    list_filter = (
        ("event", admin.RelatedOnlyFieldListFilter),
        "status",
        "role",
        "sex",
        "disability",
        ("member_state", admin.RelatedOnlyFieldListFilter),
        "source",
        "accommodation",
        AnonymisedFilter,
    )
    search_fields = ("name", "email", "organisation")
    list_select_related = ("event", "member_state")
    list_per_page = 50
    show_full_result_count = False
    ordering = ("-event__starts_at", "event_id", "queued_at", "pk")
    inlines = (AttendanceInline,)
    change_list_template = "registrations/admin/change_list.html"
    actions = (
        "promote_from_waiting_list",
        "remove_personal_data",
        "export_csv",
        "export_xlsx",
    )
    fieldsets = (
        (None, {"fields": ("event", "status", "queued_at", "status_changed_at")}),
        (
            _("The person"),
            {
                "fields": (
                    "name",
                    "email",
                    "organisation",
                    "job_title",
                    "role",
                    "member_state",
                    "sex",
                    "disability",
                )
            },
        ),
        (_("Accessibility"), {"fields": ("needs_list", "needs_note", "accommodation")}),
        (
            _("Consent and source"),
            {
                "fields": (
                    "privacy_notice_version",
                    "consented_at",
                    "listed_publicly",
                    "source",
                    "invited_by",
                    "anonymised_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        # Written by the services only: everything is shown, nothing edited here.
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    @admin.display(description=_("accessibility needs"))
    def needs_list(self, registration: Registration) -> str:
        return ", ".join(registration.needs_labels()) or "—"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing to save: the page shows the registration; the actions change it.
        if request.method == "POST":
            raise PermissionDenied
        extra_context = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "purge/",
                self.admin_site.admin_view(self.purge_view),
                name=f"{opts.app_label}_{opts.model_name}_purge",
            ),
            *super().get_urls(),
        ]

    # --- Downloads ---------------------------------------------------------------

    def _export(self, request, queryset, writer):
        scoped = self.get_queryset(request).filter(pk__in=queryset.order_by().values("pk"))
        return writer(
            registration_table(scoped), filename=f"registrations-{timezone.localdate():%Y-%m-%d}"
        )

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, exports.csv_response)

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, exports.xlsx_response)

    # --- The waiting list ----------------------------------------------------------

    @admin.action(
        description=_("Promote from the waiting list (the events of the selected)"),
        permissions=["change"],
    )
    def promote_from_waiting_list(self, request, queryset):
        """Fill the free places of each ticked registration's event from its waiting
        list, earliest first, under the event's lock (services.promote_waiting)."""
        events = {r.event_id: r.event for r in queryset.select_related("event")}
        for event in events.values():
            try:
                promoted = services.promote_waiting(event=event, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"“{event.title}”: {reason(error)}", messages.ERROR)
                continue
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "“%(event)s”: %(n)d person moved from the waiting list to a place; "
                        "they are told by email.",
                        "“%(event)s”: %(n)d people moved from the waiting list to a place; "
                        "they are told by email.",
                        len(promoted),
                    )
                    % {"event": event.title, "n": len(promoted)},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    gettext("“%(event)s”: no free place, or nobody waiting.")
                    % {"event": event.title},
                    messages.WARNING,
                )

    # --- Personal data -------------------------------------------------------------

    @admin.action(
        description=_("Remove the personal data of the selected (on request)"),
        permissions=["change"],
    )
    def remove_personal_data(self, request, queryset):
        """A confirmation page first; then the name, email, organisation and needs of
        each go, and their history, while the figures stay (retention.anonymise_many)."""
        queryset = queryset.select_related("event")
        if request.POST.get("apply") == "yes":
            removed = retention.anonymise_many(registrations=queryset, user=request.user)
            self.message_user(
                request,
                ngettext(
                    "The personal data of %(n)d registration was removed; the figures stay.",
                    "The personal data of %(n)d registrations was removed; the figures stay.",
                    removed,
                )
                % {"n": removed},
                messages.SUCCESS,
            )
            return None
        opts = self.opts
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Remove personal data"),
            "opts": opts,
            "queryset": queryset,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action_name": "remove_personal_data",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "registrations/admin/remove_personal_data.html", context)

    def purge_view(self, request):
        """GET: what the retention purge removes today. POST (confirmed): remove it."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        changelist = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        if request.method == "POST":
            if request.POST.get("confirm") != "yes":
                self.message_user(
                    request,
                    gettext("Nothing was removed: tick the confirmation to run the purge."),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            result = retention.purge_due(user=request.user)
            self.message_user(
                request,
                ngettext(
                    "Personal data removed from %(n)d registration; the figures stay.",
                    "Personal data removed from %(n)d registrations; the figures stay.",
                    result.anonymised,
                )
                % {"n": result.anonymised},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(changelist)
        due = retention.due()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Remove personal data past its retention"),
            "opts": self.opts,
            "due": due,
            "total": sum(item.registrations for item in due),
            "changelist_url": changelist,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "registrations/admin/purge.html", context)


@admin.register(RegistrationSetup)
class RegistrationSetupAdmin(HistoryAdmin):
    list_display = (
        "event",
        "opens_at",
        "closes_at",
        "requires_approval",
        "retention_months",
        "certificate_share",
    )
    list_filter = ("requires_approval",)
    search_fields = ("event__title",)
    list_select_related = ("event",)
    autocomplete_fields = ("event",)
    ordering = ("-event__starts_at",)

    def get_readonly_fields(self, request, obj=None):
        return ("event",) if obj is not None else ()
