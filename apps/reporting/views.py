"""The progress report's pages: the advisers' index, print page and Word download in the
back office, and the public annual summary. Each reads one `ProgressReport`
(`selectors.progress_report`) and only renders it."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.programme import selectors as programme_selectors

from . import texts, word
from .forms import ReportChoiceForm
from .permissions import may_read_reports
from .selectors import Audience, ProgressReport, Span, progress_report, span_get, span_list

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _programme_or_404():
    programme = programme_selectors.programme_get_current()
    if programme is None:
        raise Http404("No programme yet.")
    return programme


def _check(request) -> None:
    if not may_read_reports(request.user):
        raise PermissionDenied(_("Progress reports are for programme advisers."))


def _audience(request) -> str:
    """?audience=publication, or the advisers' version (no value, or "advisers"). Any
    other value is a 404, not the advisers' full figures by mistake."""
    value = request.GET.get("audience", "")
    if value in ("", Audience.ADVISERS):
        return Audience.ADVISERS
    if value == Audience.PUBLICATION:
        return Audience.PUBLICATION
    raise Http404("No such audience.")


def _report_or_404(request, key: str) -> ProgressReport:
    programme = _programme_or_404()
    span = span_get(programme=programme, key=key)
    if span is None:
        raise Http404("No such span.")
    return progress_report(programme=programme, span=span, audience=_audience(request))


def _links(span: Span, *, publication: bool) -> dict[str, str]:
    query = "?audience=publication" if publication else ""
    return {
        "print": reverse("reporting_admin:print", args=[span.key]) + query,
        "docx": reverse("reporting_admin:docx", args=[span.key]) + query,
    }


def report_index(request):
    """Choose a span and an audience; links to the print page and the Word document."""
    _check(request)
    programme = _programme_or_404()
    spans = span_list(programme=programme)
    form = ReportChoiceForm(request.GET or None, spans=spans)
    chosen = None
    if form.is_bound and form.is_valid():
        span = span_get(programme=programme, key=form.cleaned_data["span"])
        publication = form.cleaned_data["publication"]
        chosen = {"span": span, "publication": publication, **_links(span, publication=publication)}
    context = {
        **admin.site.each_context(request),
        "title": _("Progress reports"),
        "programme": programme,
        "form": form,
        "chosen": chosen,
        "spans": [
            {
                "span": span,
                "advisers": _links(span, publication=False),
                "publication": _links(span, publication=True),
            }
            for span in spans
        ],
    }
    return TemplateResponse(request, "reporting/admin/index.html", context)


def report_print(request, span: str):
    """The report as a page to read on screen and print (@media print hides the chrome)."""
    _check(request)
    report = _report_or_404(request, span)
    context = {
        **admin.site.each_context(request),
        "title": texts.title(report) + (_(" (for publication)") if report.for_publication else ""),
        "report": report,
        "page": print_page(report),
        "docx_url": _links(report.span, publication=report.for_publication)["docx"],
        "other_url": _links(report.span, publication=not report.for_publication)["print"],
    }
    return TemplateResponse(request, "reporting/admin/report.html", context)


def report_docx(request, span: str):
    """The report as a Word document, to edit before sending."""
    _check(request)
    report = _report_or_404(request, span)
    response = HttpResponse(word.report_docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{word.report_filename(report)}"'
    return response


def print_page(report: ProgressReport) -> dict:
    """Everything the print page writes, as text (texts.py: the Word document's words)."""
    return {
        "as_of": texts.as_of(report),
        "audience": texts.audience(report),
        "how_measured": texts.how_measured(report),
        "summary": texts.summary(report),
        "indicator_header": texts.indicator_header(report),
        "highlight_header": texts.highlight_header(report),
        "components": [
            {
                "section": section,
                "tally": texts.component_tally(section),
                "results": [
                    {
                        "heading": texts.result_heading(result.result),
                        "caption": texts.indicator_caption(report, result.result),
                        "rows": [texts.indicator_row(line) for line in result.measured],
                        "described": result.described,
                    }
                    for result in section.results
                ],
                "highlights_intro": texts.highlights_intro(report, section),
                "highlights": [texts.highlight_row(item) for item in section.highlights],
                "participation": _people(
                    section.participation,
                    scope=_("component %(number)s") % {"number": section.component.number},
                    span=report.span.label,
                ),
            }
            for section in report.components
        ],
        "participation": _people(
            report.participation, scope=_("the programme"), span=report.span.label
        ),
        "events": [texts.event_row(event) for event in report.events],
        "behind_intro": texts.behind_intro(report),
        "behind": [
            {
                "entry": entry,
                "figures": texts.behind_figures(entry),
                "explanation": texts.behind_explanation(entry),
            }
            for entry in report.behind
        ],
    }


def _people(participation, *, scope: str, span: str) -> dict | None:
    if participation is None:
        return None
    return {
        "data": participation,
        "intro": texts.participation_intro(participation, scope=scope, span=span),
        "column": texts.people_column(participation),
        "note": texts.DISCLOSURE_NOTE,
        "by_sex_caption": _("Participants by sex, %(scope)s, %(span)s")
        % {"scope": scope, "span": span},
        "by_disability_caption": _("Participants by disability, %(scope)s, %(span)s")
        % {"scope": scope, "span": span},
    }


# --- Public ---------------------------------------------------------------------------


class AnnualSummaryView(TemplateView):
    """/results/<year>/: a year of the programme for the public, from the publication
    version of that year's progress report (disclosure rule, public records only). Lists
    are cut, each with a link to the rest, so the page keeps its size."""

    template_name = "reporting/annual_summary.html"
    indicators_shown = 6  # per component
    highlights_shown = 3  # per component
    events_shown = 6
    behind_shown = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = _programme_or_404()
        span = span_get(programme=programme, key=str(kwargs["year"]))
        if span is None or not span.is_year:
            raise Http404("Not a year of the programme's term.")
        report = progress_report(programme=programme, span=span, audience=Audience.PUBLICATION)
        context["report"] = report
        context["as_of"] = texts.as_of(report)
        context["disclosure_note"] = texts.DISCLOSURE_NOTE
        context["years"] = [each for each in span_list(programme=programme) if each.is_year]
        context["crumbs"] = [{"title": _("Results"), "url": reverse("site:results")}]
        context["components"] = [
            {
                "section": section,
                "indicators": [line.item for line in section.indicator_lines][
                    : self.indicators_shown
                ],
                "indicators_total": len(section.indicator_lines),
                "highlights": _most_participants(section.highlights, self.highlights_shown),
            }
            for section in report.components
        ]
        context["events"] = report.events[: self.events_shown]
        context["behind"] = report.behind[: self.behind_shown]
        return context


def _most_participants(highlights: list, count: int) -> list:
    """The `count` highlights with the most participants (as the report chose them:
    ties to the earlier), newest first."""
    chosen = sorted(highlights, key=lambda item: (-item.activity.people, item.activity.start_date))
    return sorted(chosen[:count], key=lambda item: item.activity.start_date, reverse=True)
