"""Secretariat staff's work in the browser, under /workspace/.

Thin views: every record is fetched through a scoped selector, so another
unit's record is a 404 whatever the view, and every write goes through a
service, whose ValidationError becomes an error on the form. Writing needs
`StaffWorkspaceMixin` (staff with a unit; others get 403); reading needs a
portal role, and the selectors decide what each person sees (advisers: every
unit).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from apps.accounts.permissions import PortalRoleRequiredMixin
from apps.programme import selectors as programme_selectors

from . import selectors, services
from .forms import ActivityForm, IndicatorUpdateForm
from .models import (
    Activity,
    Disaggregation,
    Evidence,
    IndicatorUpdate,
    ReportingPeriod,
    ReviewStatus,
)
from .permissions import StaffWorkspaceMixin, can_write_for_unit

SUBMIT = "submit"  # the value of the forms' "Submit for review" button

Record = Activity | IndicatorUpdate


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names where the
    form has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def record_url(record: Record) -> str:
    if isinstance(record, Activity):
        return reverse("monitoring:activity_detail", args=[record.pk])
    return reverse("monitoring:indicator_update_detail", args=[record.pk])


def record_name(record: Record) -> str:
    """How messages name a record: an activity by its title, an update by indicator and period."""
    if isinstance(record, Activity):
        return f"“{record.title}”"
    return str(record)


# --- Shared by activities and indicator updates ---------------------------------


class StatusListMixin(PortalRoleRequiredMixin):
    """A paginated list of the records the user may see; `?status=` narrows it."""

    paginate_by = 25

    def records(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self):
        self.status = self.request.GET.get("status", "")
        if self.status not in ReviewStatus.values:
            self.status = ""
        records = self.records()
        return records.filter(status=self.status) if self.status else records

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = self.status
        context["status_label"] = ReviewStatus(self.status).label if self.status else ""
        context["statuses"] = ReviewStatus.choices
        return context


class RecordFormMixin(StaffWorkspaceMixin):
    """One form, one submit: write the record, attach its files and, when the person
    pressed "Submit for review", submit it, all in one transaction. The record is
    fetched in get/post (`load`), that is after the mixin has let the person in."""

    def load(self, **kwargs) -> None:
        """Fetch what the view works on, through the scoped selectors (404 if not theirs)."""

    def write(self, form) -> Record:
        raise NotImplementedError

    def submit(self, record: Record) -> None:
        raise NotImplementedError

    def redirect_instead(self) -> HttpResponseRedirect | None:
        """A page to send the person to instead of the form, if any."""
        return None

    def get(self, request, *args, **kwargs):
        self.load(**kwargs)
        return self.redirect_instead() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load(**kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        submit = self.request.POST.get("action") == SUBMIT
        try:
            # A refused file or a failed submit leaves nothing behind.
            with transaction.atomic():
                record = self.write(form)
                for file in form.cleaned_data["evidence"]:
                    services.evidence_attach(record=record, file=file, user=self.request.user)
                if submit:
                    self.submit(record)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        name = record_name(record)
        if submit:
            messages.success(self.request, _("%(name)s was submitted for review.") % {"name": name})
            return redirect("site:workspace")
        messages.success(self.request, _("%(name)s was saved as a draft.") % {"name": name})
        return HttpResponseRedirect(record_url(record))


def refuse_unless_editable(request, record: Record) -> HttpResponseRedirect | None:
    """Opening the form of a submitted or approved record leads to its page instead."""
    if record.is_editable:
        return None
    messages.info(
        request,
        _("This %(kind)s is %(status)s and cannot be changed.")
        % {
            "kind": _("activity") if isinstance(record, Activity) else _("update"),
            "status": record.get_status_display().lower(),
        },
    )
    return HttpResponseRedirect(record_url(record))


class RecordSubmitView(StaffWorkspaceMixin, View):
    """Submit (or submit again after a return) from the record's page."""

    http_method_names = ["post"]

    def get_record(self, pk: int) -> Record:
        raise NotImplementedError

    def submit(self, record: Record) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        record = self.get_record(pk)
        try:
            self.submit(record)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(record_url(record))
        messages.success(
            request, _("%(name)s was submitted for review.") % {"name": record_name(record)}
        )
        return redirect("site:workspace")


# --- Activities -----------------------------------------------------------------


class ActivityListView(StatusListMixin, ListView):
    """The activities the user may see, newest first."""

    template_name = "monitoring/activity_list.html"
    context_object_name = "activities"

    def records(self) -> QuerySet[Activity]:
        return selectors.activity_list_for_user(user=self.request.user).order_by(
            "-start_date", "-pk"
        )


class ActivityDetailView(PortalRoleRequiredMixin, DetailView):
    template_name = "monitoring/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        activities = selectors.activity_list_for_user(user=self.request.user).prefetch_related(
            "member_states",
            "partners",
            "indicators",
            Prefetch("evidence_files", queryset=Evidence.objects.select_related("uploaded_by")),
        )
        return get_object_or_404(activities, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        context["can_change"] = activity.is_editable and can_write_for_unit(
            user=self.request.user, unit_id=activity.unit_id
        )
        return context


class ActivityFormMixin(RecordFormMixin):
    form_class = ActivityForm
    template_name = "monitoring/activity_form.html"
    activity: Activity | None = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, activity=self.activity)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity"] = self.activity
        return context

    def submit(self, record: Activity) -> None:
        services.activity_submit(activity=record, user=self.request.user)


class ActivityCreateView(ActivityFormMixin, FormView):
    def write(self, form) -> Activity:
        return services.activity_create(user=self.request.user, data=form.activity_data())


class ActivityEditView(ActivityFormMixin, FormView):
    def load(self, *, pk) -> None:
        self.activity = get_object_or_404(
            selectors.activity_list_for_user(user=self.request.user), pk=pk
        )

    def redirect_instead(self) -> HttpResponseRedirect | None:
        return refuse_unless_editable(self.request, self.activity)

    def write(self, form) -> Activity:
        return services.activity_update(
            activity=self.activity, user=self.request.user, data=form.activity_data()
        )


class ActivitySubmitView(RecordSubmitView):
    def get_record(self, pk: int) -> Activity:
        return get_object_or_404(selectors.activity_list_for_user(user=self.request.user), pk=pk)

    def submit(self, record: Activity) -> None:
        services.activity_submit(activity=record, user=self.request.user)


# --- Indicator updates ----------------------------------------------------------


class IndicatorUpdateListView(StatusListMixin, ListView):
    """The indicator updates the user may see, latest period first."""

    template_name = "monitoring/indicatorupdate_list.html"
    context_object_name = "updates"

    def records(self) -> QuerySet[IndicatorUpdate]:
        return selectors.indicator_update_list_for_user(user=self.request.user).order_by(
            "-period__start", "indicator__code"
        )


class IndicatorUpdateDetailView(PortalRoleRequiredMixin, DetailView):
    template_name = "monitoring/indicatorupdate_detail.html"
    context_object_name = "update"

    def get_object(self, queryset=None):
        disaggregations = Disaggregation.objects.select_related("member_state").order_by(
            "category", "member_state__name", "pk"
        )
        updates = selectors.indicator_update_list_for_user(user=self.request.user).prefetch_related(
            Prefetch("disaggregations", queryset=disaggregations),
            Prefetch("evidence_files", queryset=Evidence.objects.select_related("uploaded_by")),
        )
        return get_object_or_404(updates, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        update = self.object
        context["can_change"] = (
            update.is_editable
            and not update.period.is_locked
            and can_write_for_unit(
                user=self.request.user, unit_id=update.indicator.responsible_unit_id
            )
        )
        return context


class IndicatorUpdateFormMixin(RecordFormMixin):
    form_class = IndicatorUpdateForm
    template_name = "monitoring/indicatorupdate_form.html"
    update: IndicatorUpdate | None = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(indicator=self.indicator, update=self.update)
        if self.indicator.disaggregate_by_member_state:
            kwargs["member_states"] = list(programme_selectors.member_state_list())
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(indicator=self.indicator, period=self.period, update=self.update)
        return context

    def submit(self, record: IndicatorUpdate) -> None:
        services.indicator_update_submit(update=record, user=self.request.user)


class IndicatorUpdateCreateView(IndicatorUpdateFormMixin, FormView):
    """Report an indicator of the user's unit for one period."""

    def load(self, *, indicator_pk, period_pk) -> None:
        self.indicator = get_object_or_404(
            selectors.indicator_list_for_user(user=self.request.user), pk=indicator_pk
        )
        # Periods belong to no unit; a locked one gets the service's clear message.
        self.period = get_object_or_404(ReportingPeriod, pk=period_pk)

    def redirect_instead(self) -> HttpResponseRedirect | None:
        existing = (
            selectors.indicator_update_list_for_user(user=self.request.user)
            .filter(indicator=self.indicator, period=self.period)
            .first()
        )
        if existing is None:
            return None
        # Reported already: that update is the one to change.
        if existing.is_editable:
            return redirect("monitoring:indicator_update_edit", pk=existing.pk)
        return HttpResponseRedirect(record_url(existing))

    def write(self, form) -> IndicatorUpdate:
        return services.indicator_update_create(
            indicator=self.indicator,
            period=self.period,
            user=self.request.user,
            data=form.update_data(),
        )


class IndicatorUpdateEditView(IndicatorUpdateFormMixin, FormView):
    def load(self, *, pk) -> None:
        self.update = get_object_or_404(
            selectors.indicator_update_list_for_user(user=self.request.user), pk=pk
        )
        self.indicator, self.period = self.update.indicator, self.update.period

    def redirect_instead(self) -> HttpResponseRedirect | None:
        return refuse_unless_editable(self.request, self.update)

    def write(self, form) -> IndicatorUpdate:
        return services.indicator_update_change(
            update=self.update, user=self.request.user, data=form.update_data()
        )


class IndicatorUpdateSubmitView(RecordSubmitView):
    def get_record(self, pk: int) -> IndicatorUpdate:
        return get_object_or_404(
            selectors.indicator_update_list_for_user(user=self.request.user), pk=pk
        )

    def submit(self, record: IndicatorUpdate) -> None:
        services.indicator_update_submit(update=record, user=self.request.user)


# --- Evidence -------------------------------------------------------------------


class EvidenceDownloadView(PortalRoleRequiredMixin, View):
    """The file as an attachment under its original name, to those who may see its
    record; files are never served from /media/ directly."""

    def get(self, request, pk):
        evidence = get_object_or_404(selectors.evidence_list_for_user(user=request.user), pk=pk)
        try:
            file = evidence.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404(_("The file is missing.")) from missing
        return FileResponse(
            file,
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )


class EvidenceDeleteView(StaffWorkspaceMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        evidence = get_object_or_404(selectors.evidence_list_for_user(user=request.user), pk=pk)
        url = record_url(evidence.activity or evidence.update)
        try:
            services.evidence_delete(evidence=evidence, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(url)
        messages.success(request, _("“%(name)s” was removed.") % {"name": evidence.original_name})
        return HttpResponseRedirect(url)
