"""The programme advisers' back office for monitoring.

Advisers maintain the results framework (results, indicators, reporting
periods) and review what staff submit (activities, indicator updates). They
hold only view and review rights on staff's records, so those change forms are
read-only for them; every workflow change goes through the services, from the
record's review panel or from an admin action, record by record, and each
refusal is reported with its reason.

The queues show a few columns, enough to choose what to open at 1280 pixels;
everything else is on the record's page.
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpResponse
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.core.formats import figure, percent

from . import exports
from .models import (
    Activity,
    ActivityEvidence,
    AdviserDigest,
    Disaggregation,
    Indicator,
    IndicatorUpdate,
    IndicatorUpdateEvidence,
    MemberStateParticipation,
    ReportingPeriod,
    ReportingReminder,
    Result,
    ReviewStatus,
)
from .plausibility import activity_warnings
from .review_admin import (
    REVIEW_FIELDS,
    EvidenceInline,
    ExportListMixin,
    ReadOnlyInline,
    ReviewQueueAdmin,
    reason,
)
from .selectors import (
    Track,
    activity_list_for_user,
    indicator_list_for_user,
    indicator_progress,
    indicator_track_status,
    indicator_update_list_for_user,
)
from .services import (
    activity_approve,
    activity_return,
    indicator_update_approve,
    indicator_update_return,
    period_set_locked,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """Every change kept, shown and never rewritten.

    django-simple-history's version page saves a POSTed old version whatever
    SIMPLE_HISTORY_REVERT_DISABLED says; reverting would bypass the services
    (a period's lock, a record's review state), so it is refused here.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


# --- Results framework ----------------------------------------------------------


class TargetsExportMixin:
    """'Targets vs actuals' downloads for the selected results or indicators."""

    def indicators_for_export(self, queryset: QuerySet) -> QuerySet[Indicator]:
        raise NotImplementedError

    def _targets_export(self, request, queryset, writer: Callable) -> HttpResponse:
        table = exports.targets_vs_actuals_table(
            user=request.user, indicators=self.indicators_for_export(queryset)
        )
        return writer(table, filename=f"targets-vs-actuals-{timezone.localdate():%Y-%m-%d}")

    @admin.action(description=_("Export targets vs actuals (CSV)"), permissions=["view"])
    def export_targets_csv(self, request, queryset):
        return self._targets_export(request, queryset, exports.csv_response)

    @admin.action(description=_("Export targets vs actuals (Excel)"), permissions=["view"])
    def export_targets_xlsx(self, request, queryset):
        return self._targets_export(request, queryset, exports.xlsx_response)


@admin.register(Result)
class ResultAdmin(TargetsExportMixin, admin.ModelAdmin):
    list_display = ("code", "title", "level", "component", "order")
    list_display_links = ("code", "title")
    list_filter = ("component", "level")
    search_fields = ("title", "code", "description")
    list_select_related = ("component",)
    autocomplete_fields = ("component",)
    actions = ("export_targets_csv", "export_targets_xlsx")

    def indicators_for_export(self, queryset):
        return Indicator.objects.filter(result__in=queryset.order_by().values("pk"))


class ProgressListFilter(admin.SimpleListFilter):
    """Indicators on track, behind or without data, as the admin index counts them.

    The rule is selectors.indicator_track_status, which the index's figures use too.
    """

    title = _("progress")
    parameter_name = "progress"

    def lookups(self, request, model_admin):
        return Track.choices

    def queryset(self, request, queryset):
        if self.value() not in Track.values:
            return queryset
        tracks = indicator_track_status()
        return queryset.filter(pk__in=[pk for pk, track in tracks.items() if track == self.value()])


@admin.register(Indicator)
class IndicatorAdmin(TargetsExportMixin, HistoryAdmin):
    list_display = (
        "code",
        "title",
        "result",
        "measure",
        "baseline_value",
        "target_value",
        "target_year",
        "responsible_unit",
        "is_public",
    )
    list_display_links = ("code", "title")
    list_filter = (
        ProgressListFilter,
        "result__component",
        "measure",
        "cumulative_rule",
        "responsible_unit",
        "is_public",
    )
    search_fields = ("code", "title", "result__title", "result__code")
    list_select_related = ("result", "result__component", "responsible_unit")
    autocomplete_fields = ("result", "responsible_unit")
    actions = ("export_targets_csv", "export_targets_xlsx")
    fieldsets = (
        (None, {"fields": ("result", "code", "title", "definition", "order", "is_public")}),
        (
            _("Measure"),
            {
                "fields": (
                    "measure",
                    "unit_of_measure",
                    "direction",
                    "cumulative_rule",
                    ("baseline_value", "baseline_year"),
                    ("target_value", "target_year"),
                    "means_of_verification",
                )
            },
        ),
        (
            _("Responsibility and disaggregation"),
            {
                "fields": (
                    "responsible_unit",
                    "disaggregate_by_sex",
                    "disaggregate_by_disability",
                    "disaggregate_by_member_state",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return indicator_list_for_user(user=request.user)

    def indicators_for_export(self, queryset):
        return queryset


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(HistoryAdmin):
    list_display = ("name", "start", "end", "reports_due", "is_locked")
    list_filter = ("is_locked",)
    search_fields = ("name",)
    list_select_related = ()
    date_hierarchy = "start"
    fields = ("name", "start", "end", "due_date", "reports_due", "is_locked")
    # Locking goes through the actions (and so through period_set_locked). The
    # effective due date is the period's own, else the default (docs/reporting-cycle.md).
    readonly_fields = ("reports_due", "is_locked")
    actions = ("lock_selected", "unlock_selected")

    @admin.display(description=_("reports due"), ordering="due_date")
    def reports_due(self, period: ReportingPeriod) -> str:
        """The day the reminders count from: the period's own due date, or the default
        (PORTAL_REPORT_DUE_DAYS after its end), said so."""
        if period.pk is None:
            return "—"
        day = date_format(period.reports_due, "SHORT_DATE_FORMAT")
        if period.due_date:
            return day
        return _("%(day)s (the default)") % {"day": day}

    @admin.action(description=_("Lock selected periods"), permissions=["change"])
    def lock_selected(self, request, queryset):
        self._set_locked(request, queryset, locked=True)

    @admin.action(description=_("Unlock selected periods"), permissions=["change"])
    def unlock_selected(self, request, queryset):
        self._set_locked(request, queryset, locked=False)

    def _set_locked(self, request, queryset, *, locked: bool) -> None:
        done = 0
        for period in queryset:
            try:
                period_set_locked(period=period, locked=locked, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{period}: {reason(error)}", messages.ERROR)
            else:
                done += 1
        if done:
            message = (
                ngettext("%(n)d period is now locked.", "%(n)d periods are now locked.", done)
                if locked
                else ngettext("%(n)d period is now open.", "%(n)d periods are now open.", done)
            )
            self.message_user(request, message % {"n": done}, messages.SUCCESS)


# --- Staff's records: the review queues (review_admin.ReviewQueueAdmin) ---------------


@admin.display(description=_("status"), ordering="submitted_at")
def waiting_since(record) -> str:
    """The queue's last column: how long a submitted record has waited, or its status."""
    if record.status == ReviewStatus.SUBMITTED and record.submitted_at:
        day = date_format(timezone.localtime(record.submitted_at), "SHORT_DATE_FORMAT")
        return _("Waiting since %(day)s") % {"day": day}
    return record.get_status_display()


class DisaggregationInline(ReadOnlyInline):
    # Their sums are checked against the update's total by the service, so the
    # admin shows them and does not edit them, even for superusers.
    model = Disaggregation
    fields = ("category", "group", "member_state", "value")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member_state")


class ActivityEvidenceInline(EvidenceInline):
    model = ActivityEvidence


class IndicatorUpdateEvidenceInline(EvidenceInline):
    model = IndicatorUpdateEvidence


@admin.register(Activity)
class ActivityAdmin(ExportListMixin, ReviewQueueAdmin):
    approve_service = staticmethod(activity_approve)
    return_service = staticmethod(activity_return)
    record_argument = "activity"

    list_display = ("title", "start_date", "unit_abbreviation", "participants", waiting_since)
    list_filter = ("status", "component", "unit", "activity_type", "is_public")
    search_fields = ("title", "description", "location", "unit__name", "unit__abbreviation")
    list_select_related = ("unit",)
    date_hierarchy = "start_date"
    autocomplete_fields = ("component", "unit", "member_states", "partners", "indicators")
    inlines = (ActivityEvidenceInline,)
    actions = (*ReviewQueueAdmin.actions, "export_csv", "export_xlsx")
    review_facts_template = "admin/monitoring/includes/activity_facts.html"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    ("start_date", "end_date"),
                    "component",
                    "unit",
                    "activity_type",
                    "description",
                    "location",
                    "is_public",
                )
            },
        ),
        (
            _("Participants"),
            {
                "fields": (
                    ("participants_women", "participants_men", "participants_sex_other"),
                    ("participants_with_disability", "participants_disability_not_stated"),
                )
            },
        ),
        (_("Connections"), {"fields": ("member_states", "partners", "indicators")}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return activity_list_for_user(user=request.user)

    def get_object(self, request, object_id, from_field=None):
        activity = super().get_object(request, object_id, from_field)
        if activity is not None:
            # The review panel lists participants by member state, by name.
            by_state = MemberStateParticipation.objects.select_related("member_state")
            prefetch_related_objects(
                [activity], Prefetch("participation_by_state", queryset=by_state)
            )
        return activity

    @admin.display(description=_("unit"), ordering="unit__abbreviation")
    def unit_abbreviation(self, activity: Activity) -> str:
        return format_html(
            '<abbr title="{}">{}</abbr>', activity.unit.name, activity.unit.abbreviation
        )

    @admin.display(description=_("participants"))
    def participants(self, activity: Activity) -> str:
        warnings = activity_warnings(activity)
        if not warnings:
            return figure(activity.participants_total)
        return format_html(
            '{} <span class="plausibility-mark" title="{}">⚠ {}</span>',
            figure(activity.participants_total),
            " ".join(warnings),
            _("check"),
        )

    def review_facts(self, request, activity: Activity) -> dict:
        return {"warnings": activity_warnings(activity)}

    def _export(self, request, activities: QuerySet, writer: Callable) -> HttpResponse:
        return writer(
            exports.activity_table(user=request.user, activities=activities),
            filename=f"activities-{timezone.localdate():%Y-%m-%d}",
        )

    @admin.action(description=_("Export selected activities (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, exports.csv_response)

    @admin.action(description=_("Export selected activities (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, exports.xlsx_response)


@admin.register(IndicatorUpdate)
class IndicatorUpdateAdmin(ReviewQueueAdmin):
    approve_service = staticmethod(indicator_update_approve)
    return_service = staticmethod(indicator_update_return)
    record_argument = "update"

    list_display = ("indicator_label", "period", "reported", "responsible_unit", waiting_since)
    list_filter = (
        "status",
        "indicator__result__component",
        "indicator__responsible_unit",
        "period",
    )
    search_fields = ("indicator__code", "indicator__title", "period__name", "narrative")
    list_select_related = ("indicator", "indicator__responsible_unit", "period")
    autocomplete_fields = ("indicator",)
    inlines = (DisaggregationInline, IndicatorUpdateEvidenceInline)
    review_facts_template = "admin/monitoring/includes/indicator_update_facts.html"
    # The approved values of earlier periods the review panel lists, newest first.
    PREVIOUS_SHOWN = 6
    fieldsets = (
        (None, {"fields": ("indicator", "period")}),
        (_("Value"), {"fields": ("value", "numerator", "denominator", "narrative", "comment")}),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )

    def get_queryset(self, request):
        return indicator_update_list_for_user(user=request.user)

    @admin.display(description=_("indicator"), ordering="indicator__code")
    def indicator_label(self, update: IndicatorUpdate) -> str:
        indicator = update.indicator
        return format_html(
            '<span title="{}">{} {}</span>',
            indicator.title,
            indicator.code,
            truncatechars(indicator.title, 60),
        )

    @staticmethod
    def _shown(indicator: Indicator, value) -> str:
        """A value as the indicator reads it: "75%", or "12 journalists"."""
        if value is None:
            return ""
        if indicator.measure == Indicator.Measure.PERCENTAGE:
            return percent(value)
        unit = indicator.unit_of_measure
        return f"{figure(value)} {unit}" if unit else figure(value)

    @admin.display(description=_("value"))
    def reported(self, update: IndicatorUpdate) -> str:
        value = update.reported_value
        if value is None:
            return truncatechars(update.narrative, 80)
        if update.indicator.measure == Indicator.Measure.PERCENTAGE:
            return percent(value)
        return figure(value)

    @admin.display(description=_("unit"), ordering="indicator__responsible_unit__abbreviation")
    def responsible_unit(self, update: IndicatorUpdate) -> str:
        unit = update.indicator.responsible_unit
        return format_html('<abbr title="{}">{}</abbr>', unit.name, unit.abbreviation)

    def review_facts(self, request, update: IndicatorUpdate) -> dict:
        """The value against baseline and target, the approved values of the periods
        before it (`selectors.indicator_progress`: one query) and its breakdown."""
        indicator = update.indicator
        series = indicator_progress(indicators=[indicator])[indicator.pk].series
        before = [row for row in series if row.period.start < update.period.start]
        before.reverse()
        previous = [
            {
                "period": row.period,
                "value": self._shown(indicator, row.value) or truncatechars(row.narrative, 120),
            }
            for row in before[: self.PREVIOUS_SHOWN]
        ]
        fraction = ""
        if indicator.measure == Indicator.Measure.PERCENTAGE and update.denominator:
            fraction = _("%(numerator)s of %(denominator)s") % {
                "numerator": figure(update.numerator),
                "denominator": figure(update.denominator),
            }
        breakdowns = [
            {"label": row.member_state or row.get_group_display(), "value": figure(row.value)}
            for row in update.disaggregations.select_related("member_state").order_by("pk")
        ]
        return {
            "indicator": indicator,
            "reported": self._shown(indicator, update.reported_value),
            "fraction": fraction,
            "baseline": self._shown(indicator, indicator.baseline_value),
            "target": self._shown(indicator, indicator.target_value),
            "previous": previous,
            "earlier": len(before) - len(previous),
            "breakdowns": breakdowns,
        }


# --- The reporting cycle's record (docs/reporting-cycle.md) --------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """What the reporting job wrote: seen, never added, changed or deleted by hand (a
    deleted row would send its reminder again)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportingReminder)
class ReportingReminderAdmin(ReadOnlyAdmin):
    list_display = ("period", "unit", "stage", "sent_at", "recipients")
    list_filter = ("stage", "period", "unit")
    search_fields = ("period__name", "unit__name", "unit__abbreviation")
    list_select_related = ("period", "unit")
    date_hierarchy = "sent_at"


@admin.register(AdviserDigest)
class AdviserDigestAdmin(ReadOnlyAdmin):
    list_display = ("week", "sent_at", "recipients")
    date_hierarchy = "week"
    search_fields = ("week",)
