"""Markdown that staff write, as HTML a public page may show: one place, one rule.

`render_markdown(text)` turns Markdown into HTML and then passes it through nh3 (a
well-kept sanitiser, Rust's ammonia) with an allow-list, so whatever the text holds,
the page gets only:

- headings h2 to h4 (a "# heading" becomes h2: the page's title is its only h1;
  h5 and h6 become h4), paragraphs, line breaks and rules;
- links with an http, https or mailto address (or a relative one), opened with
  rel="noopener noreferrer"; any other scheme (javascript:, data:) loses its href;
- lists, emphasis, block quotes, code and code blocks, tables.

Raw HTML in the text is not passed on: its tags are dropped before the Markdown is
turned into HTML, whatever they are, so only what Markdown makes reaches the
sanitiser, and the sanitiser removes anything outside the list (an event handler, a
style, an image: photos come from the photo model, with their alt text and credit).
"""

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.treeprocessors import Treeprocessor

TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "a",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# The portal's table style (Bootstrap), set by the sanitiser rather than typed.
SET_ATTRIBUTES = {"table": {"class": "table table-sm"}}

# Heading levels as the page shows them: the page's title is its h1.
HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}
# What a dropped tag or image leaves behind.
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")


class _DropInlineHtml(InlineProcessor):
    """A raw HTML tag inside text (or a whole line of it): dropped, its text kept."""

    def handleMatch(self, m, data):
        return "", m.start(0), m.end(0)


class _HeadingLevels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            element.tag = HEADING_LEVELS.get(element.tag, element.tag)


class _PortalMarkdown(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML blocks are read as ordinary paragraphs, whose tags the inline
        # processor drops: nothing goes to Markdown's stash of raw HTML.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_DropInlineHtml(HTML_RE, md), "drop_html", 90)
        md.treeprocessors.register(_HeadingLevels(md), "heading_levels", 5)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", _PortalMarkdown()],
        output_format="html",
    )


def render_markdown(text: str | None) -> SafeString:
    """The text's Markdown as sanitised HTML (see the module's docstring); "" for none."""
    if not text:
        return mark_safe("")
    html = _converter().convert(text)
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values=SET_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )
    return mark_safe(EMPTY_PARAGRAPH.sub("", cleaned).strip())  # noqa: S308 (sanitised by nh3 just above)
