"""apps.core.markdown.render_markdown: Markdown in, sanitised HTML out (the allow-list
in the module's docstring)."""

import pytest

from apps.core.markdown import render_markdown


def test_render_markdown_keeps_what_markdown_makes():
    html = render_markdown(
        "## Aims\n\nA **bold** and *quiet* word, `code` and [a link](https://asean.org).\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nblock\n```"
    )
    assert "<h2>Aims</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "<em>quiet</em>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://asean.org" rel="noopener noreferrer">a link</a>' in html
    assert "<ul>\n<li>one</li>" in html
    assert "<ol>\n<li>first</li>" in html
    assert "<blockquote>" in html
    assert "<pre><code>block" in html


def test_render_markdown_keeps_tables_with_the_portal_style():
    html = render_markdown("| Year | City |\n|:--|--:|\n| 2019 | Bangkok |")
    assert '<table class="table table-sm">' in html
    assert "<th>Year</th>" in html
    assert "<td>Bangkok</td>" in html
    assert "style" not in html  # the alignment's inline style is dropped


def test_render_markdown_headings_are_h2_to_h4():
    html = render_markdown("# Top\n\n### Middle\n\n##### Deep\n\n###### Deeper")
    assert "<h1" not in html
    assert "<h5" not in html
    assert "<h6" not in html
    assert "<h2>Top</h2>" in html
    assert "<h3>Middle</h3>" in html
    assert "<h4>Deep</h4>" in html
    assert "<h4>Deeper</h4>" in html


@pytest.mark.parametrize(
    "text",
    [
        "Hello <script>alert(1)</script> world",
        "<script>\nalert(1)\n</script>",
        "<div onclick='alert(1)'>\n\nhi\n\n</div>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://asean.org" onmouseover="alert(1)">hover</a>',
        "<iframe src='https://example.org'></iframe>",
        "<style>body{display:none}</style>",
        '<p style="color:red">red</p>',
        "<b>raw bold</b> and <!-- a comment -->",
    ],
)
def test_render_markdown_passes_no_raw_html(text):
    html = str(render_markdown(text))
    for tag in ("<script", "<div", "<img", "<iframe", "<style", "<b>", "<!--"):
        assert tag not in html
    for attribute in ("onerror", "onclick", "onmouseover", "style="):
        assert attribute not in html


@pytest.mark.parametrize(
    "link",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox(1))",
    ],
)
def test_render_markdown_drops_unsafe_link_schemes(link):
    html = str(render_markdown(link))
    assert "href" not in html
    assert "click" in html


def test_render_markdown_keeps_mailto_and_relative_links():
    html = str(render_markdown("[Write](mailto:news@asean.org) or see [publications](/news/)"))
    assert 'href="mailto:news@asean.org"' in html
    assert 'href="/news/"' in html


def test_render_markdown_leaves_out_images():
    html = str(render_markdown("Before ![A photo](https://example.org/x.png) after"))
    assert "<img" not in html
    assert "example.org" not in html
    assert "Before" in html
    assert "after" in html


def test_render_markdown_escapes_text():
    html = str(render_markdown("Prices < 5 & rising; `a < b`"))
    assert "&lt; 5 &amp; rising" in html
    assert "<code>a &lt; b</code>" in html


@pytest.mark.parametrize("text", ["", None])
def test_render_markdown_of_nothing_is_empty(text):
    assert render_markdown(text) == ""
