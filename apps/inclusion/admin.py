"""The advisers' back office for component 3.

Topics and staff categories are reference data that advisers maintain here. The
three reviewed records are review queues (`ReviewQueueAdmin`): read-only, approved
or returned through this app's services, their child rows shown beneath them,
downloadable as CSV or Excel (`exports.py`; workforce counts unrounded, which is
why only advisers reach them: the admin is theirs, and the table checks again).
"""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.monitoring import exports as writers
from apps.monitoring.admin import waiting_since
from apps.monitoring.review_admin import (
    REVIEW_FIELDS,
    EvidenceInline,
    ReadOnlyInline,
    ReviewQueueAdmin,
)

from . import exports, selectors
from .models import (
    AccessibilityMeasure,
    AccessibilityMeasureEvidence,
    CrossCuttingTopic,
    PolicyReview,
    PolicyReviewEvidence,
    Recommendation,
    StaffCategory,
    WorkforceCount,
    WorkforceSnapshot,
    WorkforceSnapshotEvidence,
)
from .services import (
    accessibility_measure_approve,
    accessibility_measure_return,
    policy_review_approve,
    policy_review_return,
    workforce_snapshot_approve,
    workforce_snapshot_return,
)


@admin.register(CrossCuttingTopic)
class CrossCuttingTopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    search_fields = ("title", "slug", "description")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(StaffCategory)
class StaffCategoryAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}


class ExportMixin:
    """ "Export selected (CSV / Excel)" for a queue, through `export_table`."""

    export_name: str

    def export_table(self, request, queryset: QuerySet):
        raise NotImplementedError

    def _export(self, request, queryset, writer: Callable) -> HttpResponse:
        return writer(
            self.export_table(request, queryset),
            filename=f"{self.export_name}-{timezone.localdate():%Y-%m-%d}",
        )

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, writers.csv_response)

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, writers.xlsx_response)


@admin.display(description=_("unit"), ordering="unit__abbreviation")
def unit_abbreviation(record) -> str:
    return record.unit.abbreviation


# --- Policy reviews -------------------------------------------------------------------


class RecommendationInline(ReadOnlyInline):
    # Written with the review in the workspace form, through the services.
    model = Recommendation
    fields = ("text", "owner", "status", "due_on")
    readonly_fields = fields


class PolicyReviewEvidenceInline(EvidenceInline):
    model = PolicyReviewEvidence


@admin.register(PolicyReview)
class PolicyReviewAdmin(ExportMixin, ReviewQueueAdmin):
    approve_service = staticmethod(policy_review_approve)
    return_service = staticmethod(policy_review_return)
    record_argument = "policy_review"
    export_name = "policy-reviews"

    list_display = ("title", "stage", unit_abbreviation, waiting_since)
    list_filter = ("status", "stage", "topics", "unit", "is_public")
    search_fields = ("title", "findings", "recommendations__text", "unit__abbreviation")
    list_select_related = ("unit",)
    inlines = (RecommendationInline, PolicyReviewEvidenceInline)
    actions = (*ReviewQueueAdmin.actions, "export_csv", "export_xlsx")
    fieldsets = (
        (None, {"fields": ("title", "unit", "topics", "findings", "is_public")}),
        (
            _("Stage"),
            {
                "fields": (
                    "stage",
                    "started_on",
                    "recommendations_on",
                    "adopted_on",
                    "implemented_on",
                )
            },
        ),
        (_("Connections"), {"fields": ("activities",)}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return selectors.policy_review_list_for_user(user=request.user)

    def export_table(self, request, queryset):
        return exports.policy_review_table(user=request.user, reviews=queryset)


# --- Workforce snapshots ----------------------------------------------------------------


class WorkforceCountInline(ReadOnlyInline):
    model = WorkforceCount
    fields = (
        "staff_category",
        "women",
        "men",
        "sex_other",
        "with_disability",
        "without_disability",
        "disability_not_stated",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("staff_category")


class WorkforceSnapshotEvidenceInline(EvidenceInline):
    model = WorkforceSnapshotEvidence


@admin.register(WorkforceSnapshot)
class WorkforceSnapshotAdmin(ExportMixin, ReviewQueueAdmin):
    approve_service = staticmethod(workforce_snapshot_approve)
    return_service = staticmethod(workforce_snapshot_return)
    record_argument = "snapshot"
    export_name = "workforce-snapshots"

    list_display = ("__str__", "source", unit_abbreviation, waiting_since)
    list_filter = ("status", "unit", "is_public")
    search_fields = ("source", "notes")
    list_select_related = ("unit",)
    date_hierarchy = "as_of"
    inlines = (WorkforceCountInline, WorkforceSnapshotEvidenceInline)
    actions = (*ReviewQueueAdmin.actions, "export_csv", "export_xlsx")
    fieldsets = (
        (None, {"fields": ("as_of", "unit", "source", "notes", "is_public")}),
        (_("Connections"), {"fields": ("activities",)}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return selectors.workforce_snapshot_list_for_user(user=request.user)

    def export_table(self, request, queryset):
        return exports.workforce_snapshot_table(user=request.user, snapshots=queryset)


# --- Accessibility measures -------------------------------------------------------------


class AccessibilityMeasureEvidenceInline(EvidenceInline):
    model = AccessibilityMeasureEvidence


@admin.register(AccessibilityMeasure)
class AccessibilityMeasureAdmin(ExportMixin, ReviewQueueAdmin):
    approve_service = staticmethod(accessibility_measure_approve)
    return_service = staticmethod(accessibility_measure_return)
    record_argument = "measure"
    export_name = "accessibility-measures"

    list_display = ("title", "kind", "stage", unit_abbreviation, waiting_since)
    list_filter = ("status", "kind", "stage", "unit", "is_public")
    search_fields = ("title", "description", "owner")
    list_select_related = ("unit",)
    inlines = (AccessibilityMeasureEvidenceInline,)
    actions = (*ReviewQueueAdmin.actions, "export_csv", "export_xlsx")
    fieldsets = (
        (None, {"fields": ("title", "unit", "kind", "owner", "description", "is_public")}),
        (_("Stage"), {"fields": ("stage", "started_on", "in_place_on")}),
        (_("Connections"), {"fields": ("activities",)}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return selectors.accessibility_measure_list_for_user(user=request.user)

    def export_table(self, request, queryset):
        return exports.accessibility_measure_table(user=request.user, measures=queryset)
