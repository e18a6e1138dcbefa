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
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from apps.accounts.permissions import PortalRoleRequiredMixin, is_secretariat_staff
from apps.programme import selectors as programme_selectors

from . import review, selectors, services
from .forms import ActivityForm, IndicatorUpdateForm
from .models import (
    Activity,
    Disaggregation,
    EvidenceBase,
    IndicatorUpdate,
    MemberStateParticipation,
    ReportingPeriod,
    ReviewedModel,
    ReviewStatus,
)
from .permissions import StaffWorkspaceMixin

SUBMIT = "submit"  # the value of the forms' "Submit for review" button


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names where the
    form has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def record_name(record: ReviewedModel) -> str:
    """How messages name a record: “Title” (in quotes), an update as code · period."""
    return str(record) if isinstance(record, IndicatorUpdate) else f"“{record}”"


def submitted_message(request, record: ReviewedModel) -> None:
    """Say that the record was submitted, with a link to it ("View “X”"): the person
    lands in /workspace/, and the link leads back to what they sent. Safe HTML,
    built by format_html (templates/includes/_messages.html renders it)."""
    name = record_name(record)
    messages.success(
        request,
        format_html(
            '{} <a class="alert-link" href="{}">{}</a>',
            _("%(name)s was submitted for review.") % {"name": name},
            record.get_absolute_url(),
            _("View %(name)s") % {"name": name},
        ),
    )


def error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Shared by every reviewed record ---------------------------------------------


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
        # Staff who write see the list's primary action ("Log an activity", "Report
        # progress"); listing their drafts (?status=draft), "Delete draft" on each
        # draft of their own. Advisers only read.
        user = self.request.user
        context["can_write"] = is_secretariat_staff(user)
        context["draft_actions"] = context["can_write"] and self.status == ReviewStatus.DRAFT
        if context["draft_actions"]:
            rows = list(context["object_list"])
            for record in rows:
                record.may_delete = review.may_delete(user=user, record=record)
            context["object_list"] = context[self.context_object_name] = rows
        return context


class RecordDetailMixin(PortalRoleRequiredMixin):
    """A record's page: what the person may do with it comes from the review core."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, record = self.request.user, self.object
        context["can_change"] = review.may_edit(user=user, record=record)
        context["can_delete"] = review.may_delete(user=user, record=record)
        context["audit_trail"] = review.audit_trail(record)
        return context


class RecordFormMixin(StaffWorkspaceMixin):
    """One form, one submit: the service writes the record, attaches its files and,
    when the person pressed "Submit for review", submits it, in one transaction.
    The record is fetched in get/post (`load`), after the mixin let the person in."""

    def load(self, **kwargs) -> None:
        """Fetch what the view works on, through the scoped selectors (404 if not theirs)."""

    def write(self, form, *, submit: bool) -> ReviewedModel:
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
            record = self.write(form, submit=submit)
        except review.DuplicateSubmission as duplicate:
            # A double click or a resent page: the first sending saved the work.
            messages.info(
                self.request,
                _("This form was already sent; %(name)s was saved then.")
                % {"name": record_name(duplicate.record)},
            )
            return HttpResponseRedirect(duplicate.record.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if submit:
            # To the workspace, where the next piece of work starts ("Log an
            # activity", what is due); the message links to the record.
            submitted_message(self.request, record)
            return redirect("site:workspace")
        # To the draft's own page (no link needed): change it, submit it or delete it.
        messages.success(
            self.request, _("%(name)s was saved as a draft.") % {"name": record_name(record)}
        )
        return HttpResponseRedirect(record.get_absolute_url())


def refuse_unless_editable(request, record: ReviewedModel) -> HttpResponseRedirect | None:
    """Opening the form of a record the person may not change leads to its page,
    with the reason."""
    refusal = review.edit_refusal(user=request.user, record=record)
    if refusal is None:
        return None
    messages.info(request, refusal)
    return HttpResponseRedirect(record.get_absolute_url())


class RecordSubmitView(StaffWorkspaceMixin, View):
    """Submit (or submit again after a return) from the record's page."""

    http_method_names = ["post"]

    def get_record(self, pk: int) -> ReviewedModel:
        raise NotImplementedError

    def submit(self, record: ReviewedModel) -> ReviewedModel:
        raise NotImplementedError

    def post(self, request, pk):
        record = self.get_record(pk)
        try:
            record = self.submit(record)
        except ValidationError as error:
            error_messages(request, error)
            return HttpResponseRedirect(record.get_absolute_url())
        submitted_message(request, record)
        return redirect("site:workspace")


class RecordDeleteView(StaffWorkspaceMixin, TemplateView):
    """Delete a draft: a confirmation page (GET), then the deletion (POST)."""

    template_name = "monitoring/record_confirm_delete.html"
    list_url_name: str

    def get_record(self, pk: int) -> ReviewedModel:
        raise NotImplementedError

    def delete(self, record: ReviewedModel) -> None:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.test_func():  # let the mixin answer before the record is fetched
            return super().dispatch(request, *args, **kwargs)
        self.record = self.get_record(kwargs["pk"])
        if not review.may_delete(user=request.user, record=self.record):
            messages.info(
                request,
                _("Only a draft can be deleted, and only by the person who wrote it."),
            )
            return HttpResponseRedirect(self.record.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        context["record_name"] = record_name(self.record)
        context["kind"] = self.record._meta.verbose_name
        return context

    def post(self, request, pk):
        name = record_name(self.record)
        try:
            self.delete(self.record)
        except ValidationError as error:
            error_messages(request, error)
            return HttpResponseRedirect(self.record.get_absolute_url())
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return redirect(self.list_url_name)


class EvidenceDownloadView(PortalRoleRequiredMixin, View):
    """The file as an attachment under its original name, to those who may see its
    record; files are never served from /media/ directly. Each app gives it the
    scoped selector of its own evidence model."""

    def evidence_list(self) -> QuerySet[EvidenceBase]:
        raise NotImplementedError

    def get(self, request, record_pk, pk):
        evidence = get_object_or_404(self.evidence_list(), record_id=record_pk, pk=pk)
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
    """Remove one file from a record that may still be changed (POST)."""

    http_method_names = ["post"]

    def evidence_list(self) -> QuerySet[EvidenceBase]:
        raise NotImplementedError

    def post(self, request, record_pk, pk):
        evidence = get_object_or_404(self.evidence_list(), record_id=record_pk, pk=pk)
        url = evidence.record.get_absolute_url()
        try:
            services.evidence_delete(evidence=evidence, user=request.user)
        except ValidationError as error:
            error_messages(request, error)
            return HttpResponseRedirect(url)
        messages.success(request, _("“%(name)s” was removed.") % {"name": evidence.original_name})
        return HttpResponseRedirect(url)


# --- Activities -----------------------------------------------------------------


class ActivityListView(StatusListMixin, ListView):
    """The activities the user may see, newest first."""

    template_name = "monitoring/activity_list.html"
    context_object_name = "activities"

    def records(self) -> QuerySet[Activity]:
        return selectors.activity_list_for_user(user=self.request.user).order_by(
            "-start_date", "-pk"
        )


class ActivityDetailView(RecordDetailMixin, DetailView):
    template_name = "monitoring/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        activities = selectors.activity_list_for_user(user=self.request.user).prefetch_related(
            "member_states",
            "partners",
            "indicators",
            "evidence_files__uploaded_by",
            Prefetch(
                "participation_by_state",
                queryset=MemberStateParticipation.objects.select_related("member_state"),
            ),
        )
        return get_object_or_404(activities, pk=self.kwargs["pk"])


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


class ActivityCreateView(ActivityFormMixin, FormView):
    def write(self, form, *, submit: bool) -> Activity:
        return services.activity_create(
            user=self.request.user,
            data=form.activity_data(),
            files=form.cleaned_data["evidence"],
            submit=submit,
            token=form.cleaned_data["token"],
        )


class ActivityEditView(ActivityFormMixin, FormView):
    def load(self, *, pk) -> None:
        self.activity = get_object_or_404(
            selectors.activity_list_for_user(user=self.request.user), pk=pk
        )

    def redirect_instead(self) -> HttpResponseRedirect | None:
        return refuse_unless_editable(self.request, self.activity)

    def write(self, form, *, submit: bool) -> Activity:
        return services.activity_update(
            activity=self.activity,
            user=self.request.user,
            data=form.activity_data(),
            files=form.cleaned_data["evidence"],
            submit=submit,
        )


def _activity_of(request, pk: int) -> Activity:
    return get_object_or_404(selectors.activity_list_for_user(user=request.user), pk=pk)


class ActivitySubmitView(RecordSubmitView):
    def get_record(self, pk: int) -> Activity:
        return _activity_of(self.request, pk)

    def submit(self, record: Activity) -> Activity:
        return services.activity_submit(activity=record, user=self.request.user)


class ActivityDeleteView(RecordDeleteView):
    list_url_name = "monitoring:activity_list"

    def get_record(self, pk: int) -> Activity:
        return _activity_of(self.request, pk)

    def delete(self, record: Activity) -> None:
        services.activity_delete(activity=record, user=self.request.user)


class ActivityEvidenceDownloadView(EvidenceDownloadView):
    def evidence_list(self):
        return selectors.activity_evidence_list_for_user(user=self.request.user)


class ActivityEvidenceDeleteView(EvidenceDeleteView):
    def evidence_list(self):
        return selectors.activity_evidence_list_for_user(user=self.request.user)


# --- Indicator updates ----------------------------------------------------------


class IndicatorUpdateListView(StatusListMixin, ListView):
    """The indicator updates the user may see, latest period first."""

    template_name = "monitoring/indicatorupdate_list.html"
    context_object_name = "updates"

    def records(self) -> QuerySet[IndicatorUpdate]:
        return selectors.indicator_update_list_for_user(user=self.request.user).order_by(
            "-period__start", "indicator__code"
        )


class IndicatorUpdateDueListView(StaffWorkspaceMixin, ListView):
    """Everything the unit has to report: its indicators with an open period and no
    update yet, by period, each linking to the form. The workspace shows the first
    few and links here. Staff only, like the forms the rows lead to."""

    template_name = "monitoring/indicatorupdate_due_list.html"
    context_object_name = "reports_due"
    paginate_by = 50

    def get_queryset(self) -> selectors.ReportsDue:
        return selectors.reports_due_for_user(user=self.request.user)


class IndicatorUpdateDetailView(RecordDetailMixin, DetailView):
    template_name = "monitoring/indicatorupdate_detail.html"
    context_object_name = "update"

    def get_object(self, queryset=None):
        disaggregations = Disaggregation.objects.select_related("member_state").order_by(
            "category", "member_state__name", "pk"
        )
        updates = selectors.indicator_update_list_for_user(user=self.request.user).prefetch_related(
            Prefetch("disaggregations", queryset=disaggregations), "evidence_files__uploaded_by"
        )
        return get_object_or_404(updates, pk=self.kwargs["pk"])


class IndicatorUpdateFormMixin(RecordFormMixin):
    form_class = IndicatorUpdateForm
    template_name = "monitoring/indicatorupdate_form.html"
    update: IndicatorUpdate | None = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(indicator=self.indicator, update=self.update)
        if self.indicator.disaggregate_by_member_state:
            # Only states that were members by the period's end (not Timor-Leste for 2020).
            kwargs["member_states"] = list(
                programme_selectors.member_state_list(on=self.period.end)
            )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(indicator=self.indicator, period=self.period, update=self.update)
        return context


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
        if existing is not None:
            # Reported already: that update is the one to change.
            if review.may_edit(user=self.request.user, record=existing):
                return redirect("monitoring:indicator_update_edit", pk=existing.pk)
            return HttpResponseRedirect(existing.get_absolute_url())
        if self.period.start > timezone.localdate():
            messages.info(
                self.request,
                _(
                    "The reporting period %(period)s starts on %(start)s: report on it once it "
                    "has begun."
                )
                % {"period": self.period, "start": date_format(self.period.start, "j F Y")},
            )
            return redirect("site:workspace")
        return None

    def write(self, form, *, submit: bool) -> IndicatorUpdate:
        return services.indicator_update_create(
            indicator=self.indicator,
            period=self.period,
            user=self.request.user,
            data=form.update_data(),
            files=form.cleaned_data["evidence"],
            submit=submit,
            token=form.cleaned_data["token"],
        )


class IndicatorUpdateEditView(IndicatorUpdateFormMixin, FormView):
    def load(self, *, pk) -> None:
        self.update = get_object_or_404(
            selectors.indicator_update_list_for_user(user=self.request.user), pk=pk
        )
        self.indicator, self.period = self.update.indicator, self.update.period

    def redirect_instead(self) -> HttpResponseRedirect | None:
        return refuse_unless_editable(self.request, self.update)

    def write(self, form, *, submit: bool) -> IndicatorUpdate:
        return services.indicator_update_change(
            update=self.update,
            user=self.request.user,
            data=form.update_data(),
            files=form.cleaned_data["evidence"],
            submit=submit,
        )


def _update_of(request, pk: int) -> IndicatorUpdate:
    return get_object_or_404(selectors.indicator_update_list_for_user(user=request.user), pk=pk)


class IndicatorUpdateSubmitView(RecordSubmitView):
    def get_record(self, pk: int) -> IndicatorUpdate:
        return _update_of(self.request, pk)

    def submit(self, record: IndicatorUpdate) -> IndicatorUpdate:
        return services.indicator_update_submit(update=record, user=self.request.user)


class IndicatorUpdateDeleteView(RecordDeleteView):
    list_url_name = "monitoring:indicator_update_list"

    def get_record(self, pk: int) -> IndicatorUpdate:
        return _update_of(self.request, pk)

    def delete(self, record: IndicatorUpdate) -> None:
        services.indicator_update_delete(update=record, user=self.request.user)


class IndicatorUpdateEvidenceDownloadView(EvidenceDownloadView):
    def evidence_list(self):
        return selectors.indicator_update_evidence_list_for_user(user=self.request.user)


class IndicatorUpdateEvidenceDeleteView(EvidenceDeleteView):
    def evidence_list(self):
        return selectors.indicator_update_evidence_list_for_user(user=self.request.user)
