"""The gate itself must fail on an inaccessible page, with a message a person can act on."""

import pytest

from .a11y import assert_accessible
from .marks import BROWSER

pytestmark = BROWSER


@pytest.mark.urls("tests.browser.broken_urls")
def test_gate_fails_on_an_input_without_a_label(open_page):
    page = open_page("/test-only/broken-form/")

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "broken form (/test-only/broken-form/)")

    message = str(failure.value)
    assert "on broken form (/test-only/broken-form/)" in message
    assert "rule label (critical)" in message
    assert '<input type="text" name="unlabelled">' in message


def test_gate_fails_on_sideways_scrolling_and_a_second_h1(open_page):
    page = open_page("/about/", width=320)
    page.evaluate(
        """() => {
      const main = document.querySelector("main");
      main.insertAdjacentHTML("beforeend", '<h1>Second</h1><div id="wide">wide</div>');
      // Set through the DOM: the Content-Security-Policy refuses style attributes.
      document.getElementById("wide").style.width = "900px";
    }"""
    )

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "about, altered")

    message = str(failure.value)
    assert "expected exactly one <h1>, found 2" in message
    assert "scrolls sideways" in message


def test_gate_fails_without_a_skip_link_to_the_main_landmark(open_page):
    page = open_page("/about/")
    page.evaluate("""() => document.querySelector("a.skip-link").remove()""")

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "about, no skip link")

    assert "no skip link to #main as the first focusable element" in str(failure.value)
