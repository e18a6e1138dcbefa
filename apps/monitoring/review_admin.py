"""The advisers' back office for any reviewed model: one base every app's admin uses.

A reviewed model's admin builds on `ReviewQueueAdmin` and names its app's
approve and return services. The queue lists submitted records first, oldest
waiting first; approve and return go through the services record by record
(a refused one is reported with its reason, the others go through); the
record's audit trail shows on its page and behind its "History" button.
Staff's records change only through the services, so the admin shows them
read-only and deletes nothing, for everyone, superusers included.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import review
from .models import EvidenceBase, ReviewedModel, ReviewStatus, review_queue_order

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
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("file"))
    def download(self, evidence: EvidenceBase) -> str:
        # The app's download view checks that the reader may see the record.
        return format_html('<a href="{}">{}</a>', evidence.get_absolute_url(), evidence)


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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Tell a reviewer up front when they may not review this submitted record
        (their own work), rather than only after they try."""
        if request.method == "GET" and self.has_review_permission(request):
            record = self.get_object(request, unquote(object_id))
            if record is not None and record.status == ReviewStatus.SUBMITTED:
                refusal = review.review_refusal(user=request.user, record=record)
                if refusal:
                    self.message_user(request, refusal, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

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
                self.message_user(
                    request,
                    _("Not changed: “%(record)s”. %(reason)s")
                    % {"record": record, "reason": reason(error)},
                    messages.ERROR,
                )
            else:
                self.log_change(request, record, log)
                done += 1
        return done

    def _names(self, n: int) -> dict:
        return {
            "n": n,
            "name": self.opts.verbose_name,
            "plural": self.opts.verbose_name_plural,
        }
