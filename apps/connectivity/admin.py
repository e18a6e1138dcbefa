"""The advisers' back office for the connectivity component.

Reference data (MPAC areas, ASUS focus areas, cities, coordination bodies) is
edited here and only here. The division's records are review queues built on the
kit's `ReviewQueueAdmin`: read-only, approved or returned through this app's
services, with filters, search, their audit trail and CSV/Excel downloads.
"""

from collections.abc import Callable

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.monitoring import exports as writers
from apps.monitoring.admin import waiting_since
from apps.monitoring.review_admin import (
    REVIEW_FIELDS,
    EvidenceInline,
    ReadOnlyInline,
    ReviewQueueAdmin,
)

from . import exports, selectors, services
from .models import (
    ActionItem,
    City,
    CoordinationBody,
    CoordinationMeeting,
    CoordinationMeetingEvidence,
    FocusArea,
    Initiative,
    InitiativeEvidence,
    StrategicArea,
    UrbanisationAction,
    UrbanisationActionEvidence,
)

# --- Reference data ------------------------------------------------------------------


@admin.register(StrategicArea)
class StrategicAreaAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    search_fields = ("title", "objectives")
    list_select_related = ()
    prepopulated_fields = {"slug": ("title",)}


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    search_fields = ("title", "description")
    list_select_related = ()
    prepopulated_fields = {"slug": ("title",)}


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "member_state", "in_smart_cities_network")
    list_filter = ("in_smart_cities_network", "member_state")
    search_fields = ("name", "member_state__name")
    list_select_related = ("member_state",)


@admin.register(CoordinationBody)
class CoordinationBodyAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "scope", "order")
    list_filter = ("scope",)
    search_fields = ("name", "acronym", "description")
    list_select_related = ()
    prepopulated_fields = {"slug": ("name",)}


# --- The division's records: review queues -------------------------------------------------


class ExportActionsMixin:
    """ "Export selected (CSV)" and "(Excel)": the app's table (`exports.py`), scoped
    to what the adviser may see, written by monitoring's writers."""

    export_table: Callable  # exports.<kind>_table(user=, <kind>s=)
    export_argument: str
    actions = (*ReviewQueueAdmin.actions, "export_csv", "export_xlsx")

    def _export(self, request, queryset, writer):
        table = type(self).export_table(user=request.user, **{self.export_argument: queryset})
        name = str(self.opts.verbose_name_plural).replace(" ", "-")
        return writer(table, filename=f"{name}-{timezone.localdate():%Y-%m-%d}")

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, writers.csv_response)

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, writers.xlsx_response)


@admin.display(description=_("unit"), ordering="unit__abbreviation")
def unit_abbreviation(record) -> str:
    return format_html('<abbr title="{}">{}</abbr>', record.unit.name, record.unit.abbreviation)


class InitiativeEvidenceInline(EvidenceInline):
    model = InitiativeEvidence


@admin.register(Initiative)
class InitiativeAdmin(ExportActionsMixin, ReviewQueueAdmin):
    approve_service = staticmethod(services.initiative_approve)
    return_service = staticmethod(services.initiative_return)
    record_argument = "initiative"
    export_table = staticmethod(exports.initiative_table)
    export_argument = "initiatives"

    list_display = ("title", "strategic_area", "progress", unit_abbreviation, waiting_since)
    list_filter = ("status", "strategic_area", "progress", "unit", "is_public")
    search_fields = ("title", "lead", "progress_note")
    list_select_related = ("strategic_area", "unit")
    date_hierarchy = "start_date"
    inlines = (InitiativeEvidenceInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "strategic_area",
                    "lead",
                    ("start_date", "end_date"),
                    "unit",
                    "is_public",
                )
            },
        ),
        (_("Progress"), {"fields": ("progress", "progress_note")}),
        (_("Connections"), {"fields": ("member_states", "indicators", "activities")}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return selectors.initiative_list_for_user(user=request.user)


class UrbanisationActionEvidenceInline(EvidenceInline):
    model = UrbanisationActionEvidence


@admin.register(UrbanisationAction)
class UrbanisationActionAdmin(ExportActionsMixin, ReviewQueueAdmin):
    approve_service = staticmethod(services.city_action_approve)
    return_service = staticmethod(services.city_action_return)
    record_argument = "action"
    export_table = staticmethod(exports.city_action_table)
    export_argument = "actions"

    list_display = ("title", "city", "focus_area", "progress", unit_abbreviation, waiting_since)
    list_filter = ("status", "focus_area", "progress", "city__member_state", "unit", "is_public")
    search_fields = ("title", "description", "city__name")
    list_select_related = ("city", "focus_area", "unit")
    date_hierarchy = "start_date"
    inlines = (UrbanisationActionEvidenceInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "city",
                    "focus_area",
                    "description",
                    "progress",
                    ("start_date", "end_date"),
                    "unit",
                    "is_public",
                )
            },
        ),
        (_("Connections"), {"fields": ("partners", "activities")}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return selectors.city_action_list_for_user(user=request.user)


class ActionItemInline(ReadOnlyInline):
    """Written with the meeting in the workspace; reviewed with it here."""

    model = ActionItem
    fields = ("description", "owner", "due_on", "status", "done_on", "overdue_flag")
    readonly_fields = fields

    @admin.display(description=_("overdue"))
    def overdue_flag(self, item: ActionItem) -> str:
        if item.overdue:
            return _("Overdue since %(day)s") % {"day": date_format(item.overdue_since)}
        return "—"


class CoordinationMeetingEvidenceInline(EvidenceInline):
    model = CoordinationMeetingEvidence


@admin.register(CoordinationMeeting)
class CoordinationMeetingAdmin(ExportActionsMixin, ReviewQueueAdmin):
    approve_service = staticmethod(services.coordination_meeting_approve)
    return_service = staticmethod(services.coordination_meeting_return)
    record_argument = "meeting"
    export_table = staticmethod(exports.meeting_table)
    export_argument = "meetings"

    list_display = ("__str__", "body", "held_on", unit_abbreviation, waiting_since)
    list_filter = ("status", "body", "online", "unit", "is_public")
    search_fields = ("body__name", "body__acronym", "place", "agenda", "decisions")
    list_select_related = ("body", "unit")
    date_hierarchy = "held_on"
    inlines = (ActionItemInline, CoordinationMeetingEvidenceInline)
    fieldsets = (
        (None, {"fields": ("body", "held_on", "place", "online", "unit", "is_public")}),
        (
            _("Discussed and decided"),
            {"fields": ("member_states", "agenda", "decisions", "internal_notes")},
        ),
        (_("Connections"), {"fields": ("activities",)}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return selectors.coordination_meeting_list_for_user(user=request.user)
