"""Spreadsheet import for staff, under /workspace/imports/ (docs/spreadsheet-import.md).

Thin views over `spreadsheets.services`: download a template, upload it filled in
(checked and previewed, nothing written), confirm (all rows or none). Staff with a
unit only (`StaffWorkspaceMixin`: anonymous → sign-in, others → 403); an import is
fetched through `spreadsheet_import_list_for_user`, so another person's is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from . import selectors
from .exports import XLSX_CONTENT_TYPE
from .import_forms import SUBMIT, SpreadsheetImportForm
from .models import ReportingPeriod, ReviewStatus, SpreadsheetImport
from .permissions import StaffWorkspaceMixin
from .services import period_refusal
from .spreadsheets import services, templates
from .spreadsheets.problems import FileRefused

# The preview lists at most this many problems of a refused file (the first ones).
PROBLEMS_SHOWN = 200


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _list_url(spreadsheet: SpreadsheetImport) -> str:
    """The list the imported records are in, narrowed to their status."""
    name = (
        "monitoring:indicator_update_list"
        if spreadsheet.kind == SpreadsheetImport.Kind.UPDATES
        else "monitoring:activity_list"
    )
    status = ReviewStatus.SUBMITTED if spreadsheet.submit else ReviewStatus.DRAFT
    return f"{reverse(name)}?status={status}"


class ImportIndexView(StaffWorkspaceMixin, FormView):
    """The two templates to download, and the upload form."""

    template_name = "monitoring/imports/index.html"
    form_class = SpreadsheetImportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_periods"] = list(selectors.period_list_open())
        context["indicator_count"] = (
            selectors.indicator_list_for_user(user=self.request.user)
            .filter(responsible_unit_id=self.request.user.unit_id)
            .count()
        )
        context["max_megabytes"] = f"{settings.PORTAL_IMPORT_MAX_BYTES / (1024 * 1024):g}"
        context["max_rows"] = f"{settings.PORTAL_IMPORT_MAX_ROWS:,}"
        context["refused"] = (kwargs.get("refused") or [])[:PROBLEMS_SHOWN]
        context["refused_hidden"] = max(0, len(kwargs.get("refused") or []) - PROBLEMS_SHOWN)
        return context

    def form_valid(self, form):
        try:
            spreadsheet, _outcome = services.spreadsheet_import_create(
                user=self.request.user,
                kind=form.cleaned_data["kind"],
                period=form.cleaned_data["period"],
                upload=form.cleaned_data["file"],
                submit=form.cleaned_data["mode"] == SUBMIT,
            )
        except FileRefused as refused:
            problems = refused.problems
            if len(problems) == 1 and not problems[0].place:
                form.add_error("file", problems[0].message)
                return self.form_invalid(form)
            form.add_error(
                "file",
                ngettext(
                    "Nothing was imported: the file has %(count)s problem, listed below.",
                    "Nothing was imported: the file has %(count)s problems, listed below.",
                    len(problems),
                )
                % {"count": len(problems)},
            )
            return self.render_to_response(self.get_context_data(form=form, refused=problems))
        return redirect("imports:preview", pk=spreadsheet.pk)


class UpdatesTemplateView(StaffWorkspaceMixin, View):
    """The unit's indicators for an open period, as a workbook to fill in."""

    def get(self, request, period_pk):
        period = get_object_or_404(ReportingPeriod, pk=period_pk)
        refusal = period_refusal(period)
        if refusal:
            messages.error(request, refusal)
            return redirect("imports:index")
        content = templates.updates_template(user=request.user, period=period)
        unit = slugify(request.user.unit.abbreviation) or "unit"
        return _xlsx(content, f"{unit}-indicator-updates-{slugify(period.name)}.xlsx")


class ActivitiesTemplateView(StaffWorkspaceMixin, View):
    """Empty rows for the unit's activities, as a workbook to fill in."""

    def get(self, request):
        content = templates.activities_template(user=request.user)
        unit = slugify(request.user.unit.abbreviation) or "unit"
        return _xlsx(content, f"{unit}-activities.xlsx")


class ImportPreviewView(StaffWorkspaceMixin, TemplateView):
    """What the import will do, row by row, or every problem; the button to import."""

    template_name = "monitoring/imports/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        spreadsheet = get_object_or_404(
            services.spreadsheet_import_list_for_user(user=self.request.user), pk=kwargs["pk"]
        )
        context["spreadsheet"] = spreadsheet
        context["list_url"] = _list_url(spreadsheet)
        if spreadsheet.status == SpreadsheetImport.Status.PREVIEWED and "outcome" not in kwargs:
            context["outcome"] = services.spreadsheet_import_outcome(
                spreadsheet=spreadsheet, user=self.request.user
            )
        return context


class ImportConfirmView(StaffWorkspaceMixin, View):
    """Import every row of a previewed file, or none (POST)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        spreadsheet = get_object_or_404(
            services.spreadsheet_import_list_for_user(user=request.user), pk=pk
        )
        try:
            outcome = services.spreadsheet_import_confirm(
                spreadsheet=spreadsheet, user=request.user
            )
        except services.AlreadyImported as already:
            messages.info(request, already.messages[0])
            return redirect(_list_url(spreadsheet))
        if not outcome.ok:
            view = ImportPreviewView()
            view.setup(request, pk=pk)
            context = view.get_context_data(pk=pk, outcome=outcome)
            context.update(outcome=outcome, changed_since_preview=True)
            return view.render_to_response(context)
        done = _("submitted for review") if spreadsheet.submit else _("saved as drafts")
        messages.success(
            request,
            ngettext(
                "Imported %(count)s row from “%(name)s”: %(created)s new, %(changed)s changed, "
                "%(done)s.",
                "Imported %(count)s rows from “%(name)s”: %(created)s new, %(changed)s changed, "
                "%(done)s.",
                len(outcome.rows),
            )
            % {
                "count": len(outcome.rows),
                "name": spreadsheet.original_name,
                "created": outcome.created,
                "changed": outcome.changed,
                "done": done,
            },
        )
        return redirect(_list_url(spreadsheet))
