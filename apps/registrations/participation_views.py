"""Staff and advisers' participation pages (docs/participation.md), under the URL the
lead wires participation_urls.py at (/workspace/events/):

- an event's full tables: registered vs attended by sex, disability, member state and
  role, attended by sex × each of the others, every combination; a CSV/Excel download;
- a series' tables and its trend across editions;
- "Record in the monitoring activity" (POST): participation.record_participation.

Everyone must hold a portal role; the event comes from the events app's scoped
selector (another unit's event is a 404), and only its managers (the organising
unit's staff, the reviewers of events) see its figures (403 for the rest).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.permissions import PortalRoleRequiredMixin
from apps.events import selectors as event_selectors
from apps.events.models import Event, Series
from apps.monitoring import exports, review
from apps.monitoring.views import error_messages

from . import participation, services
from .participation import DIMENSION_LABELS, DIMENSIONS, EDITABLE


def _managed_event(request, pk: int) -> Event:
    event = get_object_or_404(
        event_selectors.event_list_for_user(user=request.user).select_related("activity__unit"),
        pk=pk,
    )
    if not services.may_manage(user=request.user, event=event):
        raise PermissionDenied(_("Only the organising unit's staff see this event's figures."))
    return event


class EventParticipationView(PortalRoleRequiredMixin, TemplateView):
    template_name = "registrations/figures/event.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = _managed_event(self.request, kwargs["pk"])
        activity = event.activity
        context.update(
            event=event,
            tables=participation.event_participation(event=event),
            activity=activity,
            # Only the activity's own unit writes it (the review core's rule), so
            # an adviser reads the figures here but sees no button that would refuse.
            can_record=activity is not None
            and review.may_edit(user=self.request.user, record=activity),
            still_open=activity is not None and activity.status in EDITABLE,
        )
        return context


FORMATS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}


def participation_table(tables: participation.ParticipationTables, *, title: str) -> exports.Table:
    """Every combination of sex × disability × member state × role, registered and attended."""
    header = [str(DIMENSION_LABELS[d]) for d in DIMENSIONS] + [_("Registered"), _("Attended")]
    rows = [
        [str(group[d]) for d in DIMENSIONS] + [group["registered"], group["attended"]]
        for group in tables.groups
    ]
    return exports.Table(title=title, header=header, rows=rows)


class EventParticipationExportView(PortalRoleRequiredMixin, View):
    def get(self, request, pk: int, file_format: str):
        writer = FORMATS.get(file_format)
        if writer is None:
            raise Http404
        event = _managed_event(request, pk)
        table = participation_table(
            participation.event_participation(event=event), title=_("Participation")
        )
        return writer(table, filename=f"participation-{event.slug}-{timezone.localdate():%Y-%m-%d}")


class SeriesParticipationView(PortalRoleRequiredMixin, TemplateView):
    """A series over the editions the person may see and manage (advisers: all)."""

    template_name = "registrations/figures/series.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        series = get_object_or_404(Series, slug=kwargs["slug"])
        events = event_selectors.event_list_for_user(user=self.request.user)
        if not events.filter(series=series).exists():
            raise Http404
        context.update(
            series=series,
            tables=participation.series_participation(series=series, events=events),
            trend=participation.series_trend(series=series, events=events),
        )
        return context


class RecordParticipationView(PortalRoleRequiredMixin, View):
    """The button (POST): write the attended counts into the event's monitoring
    activity, then back to the figures page with what happened, or the refusal's reason."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        event = _managed_event(request, pk)
        back = reverse("registrations_figures:event_participation", args=[event.pk])
        try:
            activity = participation.record_participation(event=event, user=request.user)
        except ValidationError as error:
            error_messages(request, error)
            return HttpResponseRedirect(back)
        except PermissionDenied as denied:
            messages.error(request, str(denied))
            return HttpResponseRedirect(back)
        messages.success(
            request,
            _(
                "The attendance is recorded in the monitoring activity “%(title)s”: "
                "%(total)s participants. Submit the activity for review when it is complete."
            )
            % {"title": activity.title, "total": activity.participants_total},
        )
        return HttpResponseRedirect(back)


record_participation_view = RecordParticipationView.as_view()
