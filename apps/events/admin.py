"""The advisers' back office for events.

Series (reference data) and speakers are edited here, with their history. Events are
a review queue (`monitoring.review_admin.ReviewQueueAdmin`): read-only, approved
(published) or returned through this app's services, with their agenda, sponsors,
files and audit trail on their page; filters, search, downloads (CSV or Excel, of
everything the list shows or of the ticked events) and "Create next edition".
"""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.monitoring import exports
from apps.monitoring.admin import HistoryAdmin, waiting_since
from apps.monitoring.review_admin import (
    REVIEW_FIELDS,
    EvidenceInline,
    ExportListMixin,
    ReadOnlyInline,
    ReviewQueueAdmin,
)

from . import selectors, services
from .models import Event, EventEvidence, Series, Session, Speaker, Sponsor
from .times import local


@admin.register(Series)
class SeriesAdmin(HistoryAdmin):
    list_display = ("title", "slug")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Speaker)
class SpeakerAdmin(HistoryAdmin):
    list_display = ("name", "job_title", "organisation", "member_state")
    list_filter = ("member_state",)
    search_fields = ("name", "organisation", "job_title")
    list_select_related = ("member_state",)
    autocomplete_fields = ("photo",)


class EventEvidenceInline(EvidenceInline):
    model = EventEvidence


class SessionInline(ReadOnlyInline):
    model = Session
    fields = readonly_fields = ("title", "kind", "starts_at", "ends_at", "room")


class SponsorInline(ReadOnlyInline):
    model = Sponsor
    fields = readonly_fields = ("partner", "tier", "link")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


@admin.display(description=_("unit"), ordering="unit__abbreviation")
def unit_abbreviation(event: Event) -> str:
    return format_html('<abbr title="{}">{}</abbr>', event.unit.name, event.unit.abbreviation)


@admin.display(description=_("dates"), ordering="starts_at")
def dates(event: Event) -> str:
    first, last = event.start_date, event.end_date
    return f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


def event_table(events) -> exports.Table:
    """The events as a table: one row each, times in the event's own zone."""
    header = [
        gettext("Title"),
        gettext("Kind"),
        gettext("Series"),
        gettext("Unit"),
        gettext("Starts"),
        gettext("Ends"),
        gettext("Time zone"),
        gettext("Place"),
        gettext("Event status"),
        gettext("Review status"),
        gettext("Public"),
        gettext("Sessions"),
        gettext("Public page"),
    ]

    def rows():
        for event in (
            events.select_related("unit", "series")
            .annotate(session_count=Count("sessions"))
            .order_by("starts_at", "pk")
        ):
            zone = event.time_zone
            yield [
                event.title,
                event.get_kind_display(),
                str(event.series or ""),
                event.unit.abbreviation,
                local(event.starts_at, zone).strftime("%Y-%m-%d %H:%M"),
                local(event.ends_at, zone).strftime("%Y-%m-%d %H:%M"),
                zone,
                event.place,
                event.get_state_display(),
                event.get_status_display(),
                gettext("yes") if event.is_public else gettext("no"),
                event.session_count,
                event.get_public_url(),
            ]

    return exports.Table(title=str(gettext("Events")), header=header, rows=rows())


@admin.register(Event)
class EventAdmin(ExportListMixin, ReviewQueueAdmin):
    approve_service = staticmethod(services.event_approve)
    return_service = staticmethod(services.event_return)
    record_argument = "event"

    list_display = ("title", "kind", dates, "state", unit_abbreviation, waiting_since)
    list_filter = ("status", "kind", "state", "series", "unit", "components", "is_public")
    search_fields = ("title", "summary", "venue", "unit__name", "unit__abbreviation")
    list_select_related = ("unit", "series")
    date_hierarchy = "starts_at"
    actions = (
        *ReviewQueueAdmin.actions,
        "next_edition",
        "cancel_selected",
        "export_csv",
        "export_xlsx",
    )
    inlines = (SessionInline, SponsorInline, EventEvidenceInline)
    change_list_template = "events/admin/change_list.html"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "slug",
                    "series",
                    "kind",
                    "state",
                    "unit",
                    "starts_at",
                    "ends_at",
                    "time_zone",
                    "online",
                    "venue",
                    "member_state",
                    "summary",
                    "description",
                    "components",
                    "partners",
                    "capacity",
                    "is_public",
                    "photo",
                    "activity",
                )
            },
        ),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )
    readonly_fields = (*ReviewQueueAdmin.readonly_fields, "slug", "activity")

    def get_queryset(self, request):
        return selectors.event_list_for_user(user=request.user)

    def _export(self, request, queryset, writer):
        scoped = self.get_queryset(request).filter(pk__in=queryset.order_by().values("pk"))
        return writer(event_table(scoped), filename=f"events-{timezone.localdate():%Y-%m-%d}")

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, exports.csv_response)

    @admin.action(description=_("Export selected (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, exports.xlsx_response)

    @admin.action(
        description=_("Create next edition (a year later, same weekday)"), permissions=["view"]
    )
    def next_edition(self, request, queryset):
        """A draft of each ticked event 52 weeks later, in the person's unit (the
        service's rules: only Secretariat staff with a unit create events)."""
        for event in queryset:
            starts_on = event.start_date + datetime.timedelta(weeks=52)
            try:
                new = services.event_next_edition(
                    event=event, user=request.user, starts_on=starts_on
                )
            except (PermissionDenied, ValidationError) as error:
                reason = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                )
                self.message_user(
                    request,
                    gettext("“%(title)s”: no next edition made. %(reason)s")
                    % {"title": event.title, "reason": reason},
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    gettext("“%(title)s” was made as a draft.") % {"title": new.title},
                    new.get_absolute_url(),
                    gettext("Open it in the workspace"),
                ),
                messages.SUCCESS,
            )

    @admin.action(description=_("Cancel selected events"), permissions=["review"])
    def cancel_selected(self, request, queryset):
        """Through the service, event by event; a refusal is reported with its reason."""
        for event in queryset:
            try:
                services.event_cancel(event=event, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                reason = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                )
                self.message_user(request, f"“{event.title}”: {reason}", messages.ERROR)
                continue
            self.message_user(
                request,
                gettext("“%(title)s” is cancelled.") % {"title": event.title},
                messages.SUCCESS,
            )
