"""The progress report as a Word document (python-docx), for an adviser to edit and send.

Built from the same `ProgressReport` as the print page. Headings use Word's own
"Heading 1" and "Heading 2" styles, so the navigation pane and a table of contents
find them; every table has a caption and a header row that repeats on each page (and
that screen readers announce). The file is the same, byte for byte, for the same
data: its dates (document properties and the zip's entries) come from the report's
"data last changed", never the clock.
"""

import datetime
import io
import zipfile

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import texts
from .selectors import Participation, ProgressReport

# The zip's entries need some date; the oldest a zip can hold keeps it fixed.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def report_docx(report: ProgressReport) -> bytes:
    document = Document()
    _set_up(document, report)
    _title_page(document, report)
    _summary(document, report)
    for section in report.components:
        _component(document, report, section)
    _participation(document, report)
    _events(document, report)
    _behind(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def report_filename(report: ProgressReport) -> str:
    suffix = "-publication" if report.for_publication else ""
    return f"asec-progress-report-{report.span.key}{suffix}.docx"


# --- Parts ------------------------------------------------------------------------------


def _set_up(document, report: ProgressReport) -> None:
    section = document.sections[0]
    # A4 portrait, with margins that leave the tables room for seven columns.
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    stamp = datetime.datetime.combine(
        report.data_changed or report.measured_on, datetime.time(), tzinfo=datetime.UTC
    )
    properties = document.core_properties
    properties.title = texts.title(report)
    properties.subject = report.programme.title
    properties.author = _("ASEAN Secretariat Programme Portal")
    properties.last_modified_by = _("ASEAN Secretariat Programme Portal")
    properties.comments = texts.as_of(report)
    properties.language = "en-GB"
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.keywords = ""
    properties.category = ""


def _title_page(document, report: ProgressReport) -> None:
    document.add_paragraph(texts.title(report), style="Title")
    document.add_paragraph(report.programme.title, style="Subtitle")
    document.add_paragraph(
        _("%(executing)s and %(implementing)s, %(term)s")
        % {
            "executing": report.programme.lead_executing_agency,
            "implementing": report.programme.implementing_agency,
            "term": report.programme.term,
        }
    )
    document.add_paragraph(texts.as_of(report))
    document.add_paragraph(texts.audience(report))
    document.add_paragraph(texts.how_measured(report))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _summary(document, report: ProgressReport) -> None:
    document.add_heading(_("Summary"), level=1)
    document.add_paragraph(texts.summary(report))
    rows = [
        [
            f"{section.component.number}. {section.component.title}",
            str(section.tally.indicators),
            str(section.tally.on_track_or_reached),
            str(section.tally.behind),
            str(section.tally.without_data),
            str(section.activities),
        ]
        for section in report.components
    ]
    _table(
        document,
        caption=_("Indicators and activities by component, %(span)s") % {"span": report.span.label},
        header=[
            _("Component"),
            _("Indicators"),
            _("On track or reached"),
            _("Behind"),
            _("No figures yet"),
            _("Activities"),
        ],
        rows=rows,
    )


def _component(document, report: ProgressReport, section) -> None:
    component = section.component
    heading = document.add_heading(
        _("Component %(number)s: %(title)s")
        % {"number": component.number, "title": component.title},
        level=1,
    )
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(component.aims)
    document.add_paragraph(texts.component_tally(section))
    if not section.results:
        document.add_paragraph(_("No indicators to report."))
    for result in section.results:
        document.add_heading(texts.result_heading(result.result), level=2)
        if result.measured:
            _table(
                document,
                caption=texts.indicator_caption(report, result.result),
                header=texts.indicator_header(report),
                rows=[texts.indicator_row(line) for line in result.measured],
                widths=INDICATOR_COLUMNS,
            )
        for line in result.described:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{line.indicator.code} {line.indicator.title}").bold = True
            if not line.narratives:
                document.add_paragraph(
                    _("No description was approved for %(span)s.") % {"span": report.span.label}
                )
            for narrative in line.narratives:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{narrative.period}: ").bold = True
                paragraph.add_run(narrative.text)
    document.add_heading(_("Highlights"), level=2)
    document.add_paragraph(texts.highlights_intro(report, section))
    if section.highlights:
        _table(
            document,
            caption=_("Highlights of component %(number)s, %(span)s")
            % {"number": component.number, "span": report.span.label},
            header=texts.highlight_header(report),
            rows=[texts.highlight_row(highlight) for highlight in section.highlights],
            widths=HIGHLIGHT_COLUMNS,
        )
    if section.participation is not None:
        document.add_heading(_("Who took part"), level=2)
        _people(
            document,
            section.participation,
            scope=_("component %(number)s") % {"number": component.number},
            span=report.span.label,
        )


def _participation(document, report: ProgressReport) -> None:
    heading = document.add_heading(_("Who took part"), level=1)
    heading.paragraph_format.page_break_before = True
    _people(document, report.participation, scope=_("the programme"), span=report.span.label)


def _people(document, participation: Participation, *, scope: str, span: str) -> None:
    document.add_paragraph(texts.participation_intro(participation, scope=scope, span=span))
    if participation.disclosed:
        document.add_paragraph(str(texts.DISCLOSURE_NOTE))
    column = texts.people_column(participation)
    for caption, cells in (
        (_("Participants by sex, %(scope)s, %(span)s"), participation.by_sex),
        (_("Participants by disability, %(scope)s, %(span)s"), participation.by_disability),
    ):
        _table(
            document,
            caption=caption % {"scope": scope, "span": span},
            header=[_("Group"), column],
            rows=[[cell.label, cell.text] for cell in cells],
        )


def _events(document, report: ProgressReport) -> None:
    document.add_heading(_("Events held"), level=1)
    if not report.events:
        document.add_paragraph(_("No events were held in %(span)s.") % {"span": report.span.label})
        return
    _table(
        document,
        caption=_("Events held in %(span)s") % {"span": report.span.label},
        header=[_("Dates"), _("Event"), _("Series"), _("Place")],
        rows=[texts.event_row(event) for event in report.events],
    )


def _behind(document, report: ProgressReport) -> None:
    document.add_heading(_("Behind target, and why"), level=1)
    document.add_paragraph(texts.behind_intro(report))
    for entry in report.behind:
        line = entry.line
        document.add_heading(f"{line.indicator.code} {line.indicator.title}", level=2)
        document.add_paragraph(texts.behind_figures(entry))
        document.add_paragraph(texts.behind_explanation(entry))


# --- Tables -------------------------------------------------------------------------------


# Column widths (cm) of the indicator tables: the page leaves 17 cm between the margins.
INDICATOR_COLUMNS = (1.3, 5.2, 2.1, 2.1, 2.6, 1.7, 2.0)
HIGHLIGHT_COLUMNS = (2.6, 7.4, 2.2, 2.2, 2.6)


def _table(
    document,
    *,
    caption: str,
    header: list[str],
    rows: list[list[str]],
    widths: tuple[float, ...] = (),
) -> None:
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    _repeat_as_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = str(text)
    if widths:
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    document.add_paragraph()


def _repeat_as_header(row) -> None:
    """Mark a table's first row as its header row (w:tblHeader): Word repeats it on each
    page and assistive technology reads it as the columns' headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fixed_zip(blob: bytes) -> bytes:
    """The same document with fixed dates on the zip's entries (zipfile stamps them with
    the clock), so the same report is the same file."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(entry.filename))
    return output.getvalue()
