"""Staff's pages of an event's participants, under /workspace/events/<pk>/
(docs/attendance.md): the registration set-up, the participants with their actions,
the invitation form, check-in per day, the attendance import and the certificates.

Who: the organising unit's staff and the reviewers of events (`services.may_manage`);
anyone else signed in gets 403, a visitor the sign-in page. Every write goes through
services.py, setup.py or attendance.py; a refusal comes back as a message (buttons)
or beside the field (forms), and nothing is written.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.accounts.permissions import SecondFactorRequiredMixin
from apps.events.models import Event
from apps.events.selectors import event_times
from apps.monitoring.views import add_service_errors

from . import attendance, services, staff_selectors
from .models import Registration
from .setup import registration_setup_save
from .staff_forms import (
    SETUP_FIELDS,
    AccommodationForm,
    CheckInSearchForm,
    ImportForm,
    InviteForm,
    ParticipantFilterForm,
    RegistrationSetupForm,
)

Status = Registration.Status
PARTICIPANTS_PER_PAGE = 50
CHECKIN_PER_PAGE = 100


# --- Who may open these pages ---------------------------------------------------------


class _MayManageEvent:
    """After the sign-in checks: the event, and whether this person manages it."""

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            Event.objects.select_related("unit", "registration_setup"), pk=kwargs["pk"]
        )
        if not services.may_manage(user=request.user, event=self.event):
            raise PermissionDenied(
                _("Only the organising unit's staff manage this event's participants.")
            )
        return super().dispatch(request, *args, **kwargs)


class EventManagerMixin(SecondFactorRequiredMixin, _MayManageEvent):
    """The event's managers (`services.may_manage`): visitors sign in first (and take
    the second step where they need it); others signed in get 403. Sets `self.event`."""

    section = ""  # the page's item in the event's participant menu

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            event=self.event,
            times=event_times(self.event),
            setup=getattr(self.event, "registration_setup", None),
            section=self.section,
            first_day=attendance.days_of(self.event)[0],
        )
        return context

    def registration(self, pk: int) -> Registration:
        """One of this event's registrations (another event's is a 404)."""
        return get_object_or_404(
            Registration.objects.select_related("event"), event=self.event, pk=pk
        )


def _refusal(request, error: Exception) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error))


# --- Registration set-up ---------------------------------------------------------------


class RegistrationSetupView(EventManagerMixin, FormView):
    template_name = "registrations/staff/setup_form.html"
    form_class = RegistrationSetupForm
    section = "setup"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(event=self.event, setup=getattr(self.event, "registration_setup", None))
        return kwargs

    def form_valid(self, form):
        try:
            registration_setup_save(
                event=self.event, user=self.request.user, data=form.setup_data()
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                error = ValidationError(
                    {
                        SETUP_FIELDS.get(name, name): errors
                        for name, errors in error.error_dict.items()
                    }
                )
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The registration set-up is saved."))
        return redirect("registrations:participants", pk=self.event.pk)


# --- Participants ----------------------------------------------------------------------


def _keep(data) -> dict:
    """The list's filter and page, from a GET or a POSTed form, to come back to."""
    kept = {}
    for name in ("status", "q", "page"):
        value = (data.get(name) or "").strip()[:100]
        if value:
            kept[name] = value
    return kept


def _back(url: str, data, anchor: str = "") -> HttpResponseRedirect:
    query = urlencode(_keep(data))
    return HttpResponseRedirect(
        f"{url}{'?' + query if query else ''}{'#' + anchor if anchor else ''}"
    )


class ParticipantListView(EventManagerMixin, TemplateView):
    template_name = "registrations/staff/participant_list.html"
    section = "participants"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        form = ParticipantFilterForm(self.request.GET or None)
        status = q = ""
        if form.is_valid():
            status, q = form.cleaned_data["status"], form.cleaned_data["q"]
        registrations = staff_selectors.participant_list(event=event, status=status, q=q)
        page = Paginator(registrations, PARTICIPANTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        rule = staff_selectors.certificate_rule(event=event)
        rows = []
        for registration in page.object_list:
            needs = attendance.needs_accommodation(registration)
            accommodation = registration.accommodation
            if needs and accommodation == Registration.Accommodation.NONE:
                accommodation = Registration.Accommodation.REQUESTED
            rows.append(
                {
                    "registration": registration,
                    "needs": needs,
                    "accommodation": Registration.Accommodation(accommodation).label,
                    "accommodation_form": AccommodationForm(
                        initial={"accommodation": accommodation},
                        auto_id=f"id_r{registration.pk}_%s",
                    )
                    if needs or registration.accommodation != Registration.Accommodation.NONE
                    else None,
                    "certificate": registration.days_present >= rule["needed"]
                    and not registration.is_anonymised,
                }
            )
        counts = staff_selectors.participant_counts(event=event)
        context.update(
            form=form,
            status=status,
            q=q,
            page_obj=page,
            rows=rows,
            counts=counts,
            count_cells=[(Status(s).label, counts[s], s) for s in staff_selectors.STATUS_ORDER],
            rule=rule,
            can_fill=counts[Status.WAITING] > 0
            and (counts["places_left"] is None or counts["places_left"] > 0),
            keep=_keep(self.request.GET),
            filtered=bool(status or q),
        )
        return context


class RegistrationActionView(EventManagerMixin, View):
    """A row's button on the participants page (POST): approve, decline, cancel, or
    the accommodation step; then back to the same place of the list."""

    http_method_names = ["post"]
    action = ""

    def act(self, registration: Registration, request) -> str:
        """Do it; the message to show, with %(name)s for the person."""
        user = request.user
        if self.action == "approve":
            done = services.approve(registration=registration, user=user)
            if done.status == Status.CONFIRMED:
                return _("%(name)s is confirmed.")
            return _("%(name)s is approved and on the waiting list: the event is full.")
        if self.action == "decline":
            services.decline(registration=registration, user=user)
            return _("%(name)s's registration is declined.")
        if self.action == "cancel":
            if registration.status not in Registration.ACTIVE:
                raise ValidationError(
                    _("This registration was already “%(status)s”.")
                    % {"status": registration.get_status_display()}
                )
            services.cancel(registration=registration, user=user)
            return _("%(name)s's registration is cancelled.")
        form = AccommodationForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose one of the steps in the list."))
        done = attendance.accommodation_set(
            registration=registration, status=form.cleaned_data["accommodation"], user=user
        )
        return _("Accommodation for %(name)s: ") + done.get_accommodation_display()

    def post(self, request, pk, registration):
        registration = self.registration(registration)
        try:
            message = self.act(registration, request) % {"name": registration}
        except (ValidationError, PermissionDenied) as error:
            _refusal(request, error)
        else:
            messages.success(request, message)
        return _back(
            reverse("registrations:participants", args=[self.event.pk]),
            request.POST,
            f"r-{registration.pk}",
        )


class FillPlacesView(EventManagerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            promoted = services.promote_waiting(event=self.event, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            _refusal(request, error)
        else:
            if promoted:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s person from the waiting list has a place now "
                        "and is told by email.",
                        "%(count)s people from the waiting list have a place now "
                        "and are told by email.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                )
            else:
                messages.info(
                    request, _("No place is free, or nobody is waiting: nothing changed.")
                )
        return _back(reverse("registrations:participants", args=[self.event.pk]), request.POST)


class InviteView(EventManagerMixin, FormView):
    template_name = "registrations/staff/invite_form.html"
    form_class = InviteForm
    section = "invite"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["event"] = self.event
        return kwargs

    def form_valid(self, form):
        try:
            outcome = services.register(
                event=self.event,
                data=form.person_data(),
                invited_by=self.request.user,
                consent=form.cleaned_data["agreed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        registration = outcome.registration
        if not outcome.created:
            messages.info(
                self.request,
                _("%(email)s is already registered for this event: “%(status)s”. Nothing changed.")
                % {"email": registration.email, "status": registration.get_status_display()},
            )
        else:
            messages.success(
                self.request,
                _("%(name)s is registered: “%(status)s”.")
                % {"name": registration, "status": registration.get_status_display()},
            )
        url = reverse("registrations:participants", args=[self.event.pk])
        return HttpResponseRedirect(f"{url}#r-{registration.pk}")


# --- Check-in ----------------------------------------------------------------------------


def _event_day(event: Event, value: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404(_("That is not a day of this event.")) from None
    if day not in attendance.days_of(event):
        raise Http404(_("That is not a day of this event."))
    return day


class CheckInStartView(EventManagerMixin, View):
    """Check-in opens on today's list during the event, else on its first day."""

    def get(self, request, pk):
        days = attendance.days_of(self.event)
        today = attendance.today_at(self.event)
        day = today if today in days else days[0]
        return redirect("registrations:checkin", pk=self.event.pk, day=day.isoformat())


class CheckInView(EventManagerMixin, TemplateView):
    template_name = "registrations/staff/checkin.html"
    section = "checkin"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        day = _event_day(event, self.kwargs["day"])
        form = CheckInSearchForm(self.request.GET or None)
        q = form.cleaned_data["q"] if form.is_valid() else ""
        page = Paginator(
            staff_selectors.checkin_list(event=event, day=day, q=q), CHECKIN_PER_PAGE
        ).get_page(self.request.GET.get("page"))
        counts = staff_selectors.participant_counts(event=event)
        days = attendance.days_of(event)
        context.update(
            day=day,
            days=[(d, d.isoformat()) for d in days],
            day_number=days.index(day) + 1,
            form=form,
            q=q,
            page_obj=page,
            present=staff_selectors.present_count(event=event, day=day),
            confirmed=counts[Status.CONFIRMED],
            not_yet=attendance.day_problem(event, day) if day > attendance.today_at(event) else "",
            keep=_keep(self.request.GET),
        )
        return context


class CheckInMarkView(EventManagerMixin, View):
    """ "Present" or "Undo" on the check-in list (POST), then back to the same search
    and row."""

    http_method_names = ["post"]

    def post(self, request, pk, day, registration):
        day = _event_day(self.event, day)
        registration = self.registration(registration)
        undo = request.POST.get("action") == "undo"
        try:
            if undo:
                if attendance.attendance_unmark(
                    registration=registration, day=day, user=request.user
                ):
                    messages.success(request, _("%(name)s: not present.") % {"name": registration})
            else:
                _mark, created = attendance.attendance_mark(
                    registration=registration, day=day, user=request.user
                )
                message = (
                    _("%(name)s is present.")
                    if created
                    else _("%(name)s was already marked present.")
                )
                messages.success(request, message % {"name": registration})
        except (ValidationError, PermissionDenied) as error:
            _refusal(request, error)
        return _back(
            reverse("registrations:checkin", args=[self.event.pk, day.isoformat()]),
            request.POST,
            f"p-{registration.pk}",
        )


# --- Import ------------------------------------------------------------------------------


class AttendanceImportView(EventManagerMixin, FormView):
    template_name = "registrations/staff/import_form.html"
    form_class = ImportForm
    section = "import"

    def form_valid(self, form):
        try:
            result = attendance.attendance_import(
                event=self.event, user=self.request.user, upload=form.cleaned_data["file"]
            )
        except attendance.ImportRefused as refused:
            form.add_error(
                "file",
                ngettext(
                    "Nothing was imported: the file has %(count)s problem, listed below.",
                    "Nothing was imported: the file has %(count)s problems, listed below.",
                    len(refused.problems),
                )
                % {"count": len(refused.problems)},
            )
            return self.render_to_response(self.get_context_data(form=form, refused=refused))
        parts = [
            ngettext(
                "%(count)s mark of attendance added",
                "%(count)s marks of attendance added",
                result.added,
            )
            % {"count": result.added}
        ]
        if result.already:
            parts.append(
                ngettext(
                    "%(count)s was already recorded",
                    "%(count)s were already recorded",
                    result.already,
                )
                % {"count": result.already}
            )
        if result.removed:
            parts.append(
                ngettext("%(count)s removed", "%(count)s removed", result.removed)
                % {"count": result.removed}
            )
        messages.success(
            self.request,
            _("Imported %(rows)s rows: %(summary)s.")
            % {"rows": result.rows, "summary": ", ".join(parts)},
        )
        return redirect("registrations:attendance_import", pk=self.event.pk)


# --- Certificates ------------------------------------------------------------------------


class CertificateListView(EventManagerMixin, TemplateView):
    """Every certificate of the event, one per printed page."""

    template_name = "registrations/staff/certificates.html"
    section = "certificates"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rule = staff_selectors.certificate_rule(event=self.event)
        context.update(
            rule=rule,
            holders=list(
                staff_selectors.certificate_holders(event=self.event, needed=rule["needed"])
            ),
            single=False,
        )
        return context


class CertificateView(EventManagerMixin, TemplateView):
    template_name = "registrations/staff/certificates.html"
    section = "certificates"

    def get(self, request, *args, **kwargs):
        rule = staff_selectors.certificate_rule(event=self.event)
        registration = self.registration(kwargs["registration"])
        holder = (
            staff_selectors.certificate_holders(event=self.event, needed=rule["needed"])
            .filter(pk=registration.pk)
            .first()
        )
        context = self.get_context_data(rule=rule, holders=[holder] if holder else [], single=True)
        if holder is None:
            context["refused"] = registration
            return TemplateResponse(
                request, "registrations/staff/certificate_refused.html", context, status=404
            )
        return self.render_to_response(context)
