"""The advisers' back office for component 1.

Reference data (workstreams, audiences) is edited here, with its history. The four
staff records are review queues (`monitoring.review_admin.ReviewQueueAdmin`):
read-only, approved or returned through this app's services, with their audit
trail, and downloadable as CSV or Excel: every record the list shows (its filters
and search, all pages) or the ticked ones.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.formats import figure
from apps.monitoring import exports as monitoring_exports
from apps.monitoring.admin import HistoryAdmin, waiting_since
from apps.monitoring.models import percentage
from apps.monitoring.review_admin import (
    REVIEW_FIELDS,
    EvidenceInline,
    ExportListMixin,
    ReviewQueueAdmin,
)

from . import selectors, services
from .exports import Column, joined, record_table
from .models import (
    Audience,
    IntegrityMeasure,
    IntegrityMeasureEvidence,
    LegalInstrument,
    LegalInstrumentEvidence,
    ProcessImprovement,
    ProcessImprovementEvidence,
    Strategy,
    StrategyEvidence,
    Workstream,
)

# --- Reference data -----------------------------------------------------------------------


@admin.register(Workstream)
class WorkstreamAdmin(HistoryAdmin):
    list_display = ("title", "lead", "order")
    list_filter = ("lead_units", "partner_units")
    search_fields = ("title", "aim", "slug")
    list_select_related = ()
    autocomplete_fields = ("lead_units", "partner_units", "indicators")
    prepopulated_fields = {"slug": ("title",)}
    fields = ("title", "slug", "aim", "order", "lead_units", "partner_units", "indicators")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("lead_units")

    @admin.display(description=_("lead units"))
    def lead(self, workstream: Workstream) -> str:
        return ", ".join(unit.abbreviation for unit in workstream.lead_units.all())


@admin.register(Audience)
class AudienceAdmin(HistoryAdmin):
    list_display = ("name", "slug", "order")
    search_fields = ("name", "slug")
    list_select_related = ()
    prepopulated_fields = {"slug": ("name",)}


# --- Staff's records: the review queues ------------------------------------------------------


@admin.display(description=_("unit"), ordering="unit__abbreviation")
def unit_abbreviation(record) -> str:
    return format_html('<abbr title="{}">{}</abbr>', record.unit.name, record.unit.abbreviation)


class ProcessRecordAdmin(ExportListMixin, ReviewQueueAdmin):
    """What the four queues share: the columns, filters and search, the queryset the
    reviewer may see, and the downloads (`export/<csv|xlsx>/?<the list's query>`,
    and the "Export selected" actions)."""

    list_display = ("title", "workstream", "stage", unit_abbreviation, waiting_since)
    list_filter = ("status", "stage", "workstream", "unit", "is_public")
    search_fields = ("title", "unit__name", "unit__abbreviation")
    list_select_related = ("unit", "workstream")
    actions = (*ReviewQueueAdmin.actions, "export_csv", "export_xlsx")
    change_list_template = "processes/admin/change_list.html"
    # The review panel: the stages with their dates, and the record's figures.
    review_facts_template = "processes/admin/review_facts.html"
    # The model's own columns of the download, between the shared ones (exports.py).
    kind_name: str  # the selectors' and services' name of the kind, e.g. "legal_instrument"
    export_columns: list[Column] = []
    export_prefetch: tuple[str, ...] = ()

    def get_queryset(self, request):
        return getattr(selectors, f"{self.kind_name}_list_for_user")(user=request.user)

    def review_facts(self, request, record) -> dict:
        labels = dict(type(record).Stage.choices)
        stages = list(record.STAGE_DATES.items())
        reached = [stage for stage, _name in stages].index(record.stage)
        return {
            "stages": [
                {
                    "label": labels[stage],
                    "day": getattr(record, name) if name else None,
                    "reached": position <= reached,
                    "current": position == reached,
                }
                for position, (stage, name) in enumerate(stages)
            ],
            "coverage": selectors.coverage_public(record)
            if isinstance(record, IntegrityMeasure)
            else None,
        }

    def _export(self, request, queryset, writer):
        # Scoped again, whatever the caller passed: only what the reviewer may see.
        scoped = self.get_queryset(request).filter(pk__in=queryset.order_by().values("pk"))
        table = record_table(
            records=scoped, columns=self.export_columns, prefetch=self.export_prefetch
        )
        name = str(self.opts.verbose_name_plural).replace(" ", "-")
        return writer(table, filename=f"{name}-{timezone.localdate():%Y-%m-%d}")

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, monitoring_exports.csv_response)

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, monitoring_exports.xlsx_response)


def _review(fields: tuple) -> tuple:
    return ((None, {"fields": fields}), (_("Review"), {"fields": REVIEW_FIELDS}))


class ProcessImprovementEvidenceInline(EvidenceInline):
    model = ProcessImprovementEvidence


class StrategyEvidenceInline(EvidenceInline):
    model = StrategyEvidence


class LegalInstrumentEvidenceInline(EvidenceInline):
    model = LegalInstrumentEvidence


class IntegrityMeasureEvidenceInline(EvidenceInline):
    model = IntegrityMeasureEvidence


@admin.register(ProcessImprovement)
class ProcessImprovementAdmin(ProcessRecordAdmin):
    approve_service = staticmethod(services.improvement_approve)
    return_service = staticmethod(services.improvement_return)
    record_argument, kind_name = "improvement", "improvement"

    list_display = (
        "title",
        "workstream",
        "stage",
        "before_after",
        unit_abbreviation,
        waiting_since,
    )
    search_fields = (*ProcessRecordAdmin.search_fields, "measure", "notes")
    inlines = (ProcessImprovementEvidenceInline,)
    fieldsets = _review(
        (
            "title",
            "workstream",
            "unit",
            "stage",
            ("mapped_on", "redesigned_on"),
            ("piloted_on", "institutionalised_on"),
            "measure",
            ("measure_before", "measure_after", "lower_is_better"),
            "evidence_summary",
            "notes",
            "activities",
            "is_public",
        )
    )
    export_columns = [
        Column(_("Mapped on"), lambda record: record.mapped_on),
        Column(_("Redesigned on"), lambda record: record.redesigned_on),
        Column(_("Piloted on"), lambda record: record.piloted_on),
        Column(_("Institutionalised on"), lambda record: record.institutionalised_on),
        Column(_("Measure"), lambda record: record.measure),
        Column(_("Before"), lambda record: record.measure_before),
        Column(_("After"), lambda record: record.measure_after),
        Column(
            _("Lower is better"), lambda r: gettext("yes") if r.lower_is_better else gettext("no")
        ),
        Column(_("How the change shows"), lambda record: record.evidence_summary),
        Column(_("Notes"), lambda record: record.notes),
    ]

    @admin.display(description=_("before → after"))
    def before_after(self, improvement: ProcessImprovement) -> str:
        if improvement.measure_before is None or improvement.measure_after is None:
            return "—"
        return f"{figure(improvement.measure_before)} → {figure(improvement.measure_after)}"


@admin.register(Strategy)
class StrategyAdmin(ProcessRecordAdmin):
    approve_service = staticmethod(services.strategy_approve)
    return_service = staticmethod(services.strategy_return)
    record_argument, kind_name = "strategy", "strategy"

    list_filter = (*ProcessRecordAdmin.list_filter, "audiences")
    search_fields = (*ProcessRecordAdmin.search_fields, "summary")
    inlines = (StrategyEvidenceInline,)
    fieldsets = _review(
        (
            "title",
            "workstream",
            "unit",
            "summary",
            "stage",
            ("adopted_on", "implementation_started_on", "evaluated_on"),
            "audiences",
            "link",
            "activities",
            "is_public",
        )
    )
    export_columns = [
        Column(_("Adopted on"), lambda record: record.adopted_on),
        Column(_("Implementation started on"), lambda record: record.implementation_started_on),
        Column(_("Reviewed on"), lambda record: record.evaluated_on),
        Column(_("Audiences"), joined("audiences")),
        Column(_("Link"), lambda record: record.link),
        Column(_("Summary"), lambda record: record.summary),
    ]
    export_prefetch = ("audiences",)


@admin.register(LegalInstrument)
class LegalInstrumentAdmin(ProcessRecordAdmin):
    approve_service = staticmethod(services.legal_instrument_approve)
    return_service = staticmethod(services.legal_instrument_return)
    record_argument, kind_name = "instrument", "legal_instrument"

    list_display = ("title", "kind", "stage", unit_abbreviation, waiting_since)
    list_filter = ("status", "kind", "stage", "workstream", "unit", "is_public")
    search_fields = (*ProcessRecordAdmin.search_fields, "summary", "trade_rights")
    inlines = (LegalInstrumentEvidenceInline,)
    fieldsets = _review(
        (
            "title",
            "workstream",
            "unit",
            "kind",
            "summary",
            "trade_rights",
            "stage",
            ("consultation_started_on", "adopted_on", "in_force_on"),
            "activities",
            "is_public",
        )
    )
    export_columns = [
        Column(_("Kind"), lambda record: record.get_kind_display()),
        Column(_("Consultation started on"), lambda record: record.consultation_started_on),
        Column(_("Adopted on"), lambda record: record.adopted_on),
        Column(_("In force since"), lambda record: record.in_force_on),
        Column(_("Trade rights it protects"), lambda record: record.trade_rights),
        Column(_("Summary"), lambda record: record.summary),
    ]


@admin.register(IntegrityMeasure)
class IntegrityMeasureAdmin(ProcessRecordAdmin):
    approve_service = staticmethod(services.integrity_measure_approve)
    return_service = staticmethod(services.integrity_measure_return)
    record_argument, kind_name = "measure", "integrity_measure"

    list_display = ("title", "kind", "stage", "coverage", unit_abbreviation, waiting_since)
    list_filter = ("status", "kind", "stage", "workstream", "unit", "is_public")
    search_fields = (*ProcessRecordAdmin.search_fields, "summary")
    inlines = (IntegrityMeasureEvidenceInline,)
    fieldsets = _review(
        (
            "title",
            "workstream",
            "unit",
            "kind",
            "summary",
            "stage",
            ("preparation_started_on", "in_place_on", "evaluated_on"),
            ("staff_women", "staff_covered_women"),
            ("staff_men", "staff_covered_men"),
            "partners",
            "activities",
            "is_public",
        )
    )
    export_columns = [
        Column(_("Kind"), lambda record: record.get_kind_display()),
        Column(_("Preparation started on"), lambda record: record.preparation_started_on),
        Column(_("In place since"), lambda record: record.in_place_on),
        Column(_("Reviewed on"), lambda record: record.evaluated_on),
        Column(_("Women on the staff it is for"), lambda record: record.staff_women),
        Column(_("Women covered"), lambda record: record.staff_covered_women),
        Column(_("Men on the staff it is for"), lambda record: record.staff_men),
        Column(_("Men covered"), lambda record: record.staff_covered_men),
        Column(_("Partners"), joined("partners")),
        Column(_("Summary"), lambda record: record.summary),
    ]
    export_prefetch = ("partners",)

    @admin.display(description=_("staff covered"))
    def coverage(self, measure: IntegrityMeasure) -> str:
        covered = (measure.staff_covered_women or 0) + (measure.staff_covered_men or 0)
        staff = (measure.staff_women or 0) + (measure.staff_men or 0)
        share = percentage(covered, staff)
        return "—" if share is None else f"{figure(share)} %"
