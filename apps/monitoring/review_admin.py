"""The advisers' back office for any reviewed model: one base every app's admin uses.

A reviewed model's admin builds on `ReviewQueueAdmin` and names its app's
approve and return services. The queue lists submitted records first, oldest
waiting first. A reviewer approves or returns a record on its own page (the
review panel at the top, then straight on to the next record waiting) or
several from the list (the actions); both go through the same services, record
by record, and a refusal is reported with its reason. The record's audit trail
shows on its page and behind its "History" button. Staff's records change only
through the services, so the admin shows them read-only and deletes nothing,
for everyone, superusers included.
"""

import copy
from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import exports, review
from .models import AuditEntry, EvidenceBase, ReviewedModel, ReviewStatus, review_queue_order

# The review fields move only through the workflow actions, never through a form
# (the form token is an implementation detail nobody needs to read).
REVIEW_FIELDS = (
    *(name for name in ReviewedModel.REVIEW_FIELDS if name != "creation_token"),
    "created_at",
    "updated_at",
)


def reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the authors"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Say what needs to change. The authors see this note with the record."),
        error_messages={"required": _("Write a note: the authors need to know why.")},
    )


class ReviewDecisionForm(forms.Form):
    """The review panel on a record's page: approve, or return with a note."""

    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (RETURN, _("Return"))])
    note = forms.CharField(
        label=_("Note to the authors"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Needed to return it: say what needs to change. The authors see this note."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("note"):
            self.add_error("note", ReviewNoteForm.base_fields["note"].error_messages["required"])
        return cleaned


class ReadOnlyInline(admin.TabularInline):
    """Shown, never written here: staff enter these in the workspace, through the services."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(ReadOnlyInline):
    """A reviewed record's files; set `model` to the app's evidence model."""

    model: type[EvidenceBase]
    fields = ("download", "content_type", "size", "uploaded_by", "created_at")
    # The file's own link is its download; no second "View on site" link beside it.
    view_on_site = False
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("file"))
    def download(self, evidence: EvidenceBase) -> str:
        # The app's download view checks that the reader may see the record.
        return format_html('<a href="{}">{}</a>', evidence.get_absolute_url(), evidence)


class ExportListMixin:
    """ "Export the N listed (CSV / Excel)" on a changelist: every record the list shows
    with its filters and search, all pages, not only the one on screen
    (`export/<csv|xlsx>/?<the list's query>`, read through the admin's own ChangeList
    so it matches the list). The admin writes the file in `_export(request, queryset,
    writer)`, scoped to what the person may see."""

    EXPORT_WRITERS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}

    def _export(self, request, queryset: QuerySet, writer: Callable):
        raise NotImplementedError

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "export/<slug:file_format>/",
                self.admin_site.admin_view(self.export_list_view),
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        query = request.GET.copy()
        query.pop("p", None)  # every page, not only the one shown
        opts = self.opts
        extra_context = {
            "export_query": query.urlencode(),
            "export_url_name": f"admin:{opts.app_label}_{opts.model_name}_export",
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def export_list_view(self, request, file_format: str):
        writer = self.EXPORT_WRITERS.get(file_format)
        if writer is None:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            opts = self.opts
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
            return HttpResponseRedirect(f"{url}?e=1")
        return self._export(request, changelist.queryset, writer)


class ReviewQueueAdmin(admin.ModelAdmin):
    """The review queue of one reviewed model. Subclasses set the app's services:

    approve_service = staticmethod(activity_approve)
    return_service = staticmethod(activity_return)
    record_argument = "activity"   # the services' keyword for the record
    """

    approve_service: staticmethod
    return_service: staticmethod
    record_argument: str

    # Submitted first, the longest waiting at the top; then the most recently
    # changed. The same expressions are indexed on each reviewed table.
    ordering = review_queue_order()
    # Pages of 50; on a large table, "N total" would count every row on each page view.
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = (*REVIEW_FIELDS, "audit_trail")
    actions = ("approve_selected", "return_selected")
    # The record's page: Django's, with the review panel at the top.
    change_form_template = "admin/monitoring/review_change_form.html"
    # What the panel shows to judge the record by (`review_facts` gives its context).
    review_facts_template: str | None = None

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(review.review_permission(self.model))

    # Staff's records change only through the services: the workspace forms
    # and the review actions. The admin shows them, for everyone, read-only,
    # and deletes none of them (a draft is deleted by its author in the workspace).
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_fieldsets(self, request, obj=None):
        if not self.fieldsets:  # Django's default fieldset already lists every field
            return super().get_fieldsets(request, obj)
        return [*super().get_fieldsets(request, obj), (_("History"), {"fields": ("audit_trail",)})]

    @admin.display(description=_("audit trail"))
    def audit_trail(self, record) -> str:
        if record is None or record.pk is None:
            return ""
        return render_to_string(
            "admin/monitoring/includes/audit_trail.html",
            {"entries": review.audit_trail(record)},
        )

    # --- The record's page: the review panel ------------------------------------------

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{opts.app_label}_{opts.model_name}_review",
            ),
            *super().get_urls(),
        ]

    def review_queue(self, request) -> QuerySet:
        """The submitted records this reviewer may review, in the queue's order: not
        their own work (`review.has_authored`: created, edited or submitted by them),
        and within the list's filters when the page was opened from a filtered list.
        One query to read (the authorship check is a subquery)."""
        user = request.user
        authored = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=OuterRef("pk"),
            user_id=user.pk,
            action__in=AuditEntry.AUTHORING,
        )
        queue = (
            self.get_queryset(request)
            .filter(status=ReviewStatus.SUBMITTED)
            .exclude(created_by_id=user.pk)
            .exclude(submitted_by_id=user.pk)
            .exclude(Exists(authored))
        )
        shown = self._listed(request)
        if shown is not None:
            queue = queue.filter(pk__in=shown.order_by().values("pk"))
        return queue.order_by(*review_queue_order())

    def _listed(self, request) -> QuerySet | None:
        """What the list the reviewer came from shows (its filters and search, kept by
        the admin in `_changelist_filters`); None without a list or with a wrong one."""
        filters = request.GET.get("_changelist_filters")
        if not filters:
            return None
        list_request = copy.copy(request)
        list_request.GET = QueryDict(filters)
        try:
            changelist = self.get_changelist_instance(list_request)
        except IncorrectLookupParameters:
            return None
        return changelist.get_queryset(list_request)

    def review_facts(self, request, record) -> dict:
        """Extra context for `review_facts_template`: the figures to judge the record by."""
        return {}

    def review_context(self, request, record, form=None) -> dict:
        """The review panel: the record's evidence and facts for whoever sees the page;
        the decision, the reason one is refused and what else waits, for reviewers."""
        context = {
            "facts_template": self.review_facts_template,
            "evidence": list(record.evidence_files.all())
            if hasattr(type(record), "evidence_files")
            else None,
            **self.review_facts(request, record),
        }
        if self.has_review_permission(request):
            opts = self.opts
            refusal = review.review_refusal(user=request.user, record=record)
            context.update(
                reviewer=True,
                refusal=refusal,
                form=form or ReviewDecisionForm(),
                url=add_preserved_filters(
                    {"preserved_filters": self.get_preserved_filters(request), "opts": opts},
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_review",
                        args=[quote(record.pk)],
                        current_app=self.admin_site.name,
                    ),
                ),
                waiting=self.review_queue(request).exclude(pk=record.pk).count(),
            )
        return context

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        form = extra_context.pop("review_form", None)
        if request.method == "GET":
            record = self.get_object(request, unquote(object_id))
            if record is not None and self.has_view_or_change_permission(request, record):
                extra_context["review"] = self.review_context(request, record, form=form)
        return super().change_view(request, object_id, form_url, extra_context)

    def review_view(self, request, object_id):
        """Approve or return one record from its page (POST only), through the same
        services as the actions; then on to the next record waiting, or back to the
        list when nothing else waits. A refusal, or a return without a note, shows
        the record's page again with the reason and the note as typed."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404
        if not self.has_review_permission(request):
            raise PermissionDenied
        form = ReviewDecisionForm(request.POST)
        if not form.is_valid():
            return self._review_page(request, object_id, form)
        arguments = {self.record_argument: record, "reviewer": request.user}
        approving = form.cleaned_data["decision"] == ReviewDecisionForm.APPROVE
        try:
            if approving:
                self.approve_service(**arguments)
            else:
                self.return_service(**arguments, note=form.cleaned_data["note"])
        except (PermissionDenied, ValidationError) as error:
            self._report_refusal(request, record, error)
            return self._review_page(request, object_id, form)
        if approving:
            self.log_change(request, record, _("Approved."))
        else:
            self.log_change(
                request,
                record,
                _("Returned with a note: %(note)s") % {"note": form.cleaned_data["note"]},
            )
        return self._after_review(request, record, approved=approving)

    def _review_page(self, request, object_id, form):
        """The record's page again (as a GET renders it), with the decision's form."""
        page_request = copy.copy(request)
        page_request.method = "GET"
        return self.change_view(page_request, object_id, extra_context={"review_form": form})

    def _after_review(self, request, record, *, approved: bool):
        opts = self.opts
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": opts}
        link = format_html(
            '<a href="{}">{}</a>',
            add_preserved_filters(preserved, self._change_url(record)),
            record,
        )
        if approved:
            done = format_html(_("Approved “{}”."), link)
        else:
            done = format_html(_("Returned “{}” to its authors with your note."), link)
        following = self.review_queue(request).exclude(pk=record.pk).first()
        if following is None:
            self.message_user(
                request,
                format_html("{} {}", done, _("Nothing else waits for review.")),
                messages.SUCCESS,
            )
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
            return HttpResponseRedirect(add_preserved_filters(preserved, url))
        self.message_user(
            request,
            format_html("{} {}", done, _("Here is the next one waiting.")),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(add_preserved_filters(preserved, self._change_url(following)))

    def _change_url(self, record) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(record.pk)],
            current_app=self.admin_site.name,
        )

    def history_view(self, request, object_id, extra_context=None):
        """The record's audit trail (the workflow and every edit), not Django's log."""
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(record)s") % {"record": record},
            "subtitle": None,
            "opts": self.opts,
            "object": record,
            "entries": review.audit_trail(record),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/monitoring/audit_trail.html", context)

    @admin.action(description=_("Approve selected"), permissions=["review"])
    def approve_selected(self, request, queryset):
        approved = self._review_each(
            request,
            queryset,
            lambda record: self.approve_service(
                **{self.record_argument: record, "reviewer": request.user}
            ),
            log=_("Approved."),
        )
        if approved:
            self.message_user(
                request,
                ngettext("Approved %(n)d %(name)s.", "Approved %(n)d %(plural)s.", approved)
                % self._names(approved),
                messages.SUCCESS,
            )

    @admin.action(description=_("Return selected with a note…"), permissions=["review"])
    def return_selected(self, request, queryset):
        form = ReviewNoteForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            note = form.cleaned_data["note"]
            returned = self._review_each(
                request,
                queryset,
                lambda record: self.return_service(
                    **{self.record_argument: record, "reviewer": request.user, "note": note}
                ),
                log=_("Returned with a note: %(note)s") % {"note": note},
            )
            if returned:
                self.message_user(
                    request,
                    ngettext(
                        "Returned %(n)d %(name)s with your note.",
                        "Returned %(n)d %(plural)s with your note.",
                        returned,
                    )
                    % self._names(returned),
                    messages.SUCCESS,
                )
            return None
        opts = self.opts
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return with a note"),
            "subtitle": None,
            "opts": opts,
            "form": form,
            "queryset": queryset,
            "action_name": "return_selected",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "objects_name": opts.verbose_name_plural,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/monitoring/return_with_note.html", context)

    def _review_each(self, request, queryset, act: Callable, *, log: str) -> int:
        """Review each record through the service; report refusals, log successes
        (the admin's "Recent actions")."""
        done = 0
        for record in queryset:
            try:
                act(record)
            except (PermissionDenied, ValidationError) as error:
                self._report_refusal(request, record, error)
            else:
                self.log_change(request, record, log)
                done += 1
        return done

    def _report_refusal(self, request, record, error: Exception) -> None:
        self.message_user(
            request,
            _("Not changed: “%(record)s”. %(reason)s")
            % {"record": record, "reason": reason(error)},
            messages.ERROR,
        )

    def _names(self, n: int) -> dict:
        return {
            "n": n,
            "name": self.opts.verbose_name,
            "plural": self.opts.verbose_name_plural,
        }
