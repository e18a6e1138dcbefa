"""Keyboard use: the skip link, visible focus, and the form error pattern."""

import pytest

from .marks import BROWSER
from .pages import submit_empty_form

pytestmark = BROWSER

# Is anything drawn around the focused element: an outline or a box shadow?
_FOCUS_INDICATOR = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || el.name || el.id || "").trim().slice(0, 40),
    visible: outline || shadow,
  };
}"""


@pytest.mark.parametrize(
    ("path", "user"), [("/", None), ("/accounts/login/", None), ("/workspace/", "staff")]
)
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(open_page, path, user):
    page = open_page(path, user=user)

    page.keyboard.press("Tab")

    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    skip_link = page.locator("a.skip-link")
    assert skip_link.is_visible()
    box = skip_link.bounding_box()
    assert box["y"] >= 0, "the skip link is off screen when focused"

    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.id") == "main"


def test_focus_is_visible_on_every_link_button_and_input(open_page):
    # The sign-in page has links, a button and inputs: tab through all of them.
    page = open_page("/accounts/login/")
    seen = []

    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS_INDICATOR)
        if focused["tag"] == "body" or (seen and focused == seen[0]):
            break
        seen.append(focused)

    kinds = {item["tag"] for item in seen}
    assert {"a", "button", "input"} <= kinds, kinds
    invisible = [item for item in seen if not item["visible"]]
    assert not invisible, f"no visible focus on: {invisible}"


def test_form_errors_follow_the_portal_pattern(open_page):
    page = open_page("/accounts/login/")

    submit_empty_form(page)

    assert page.title().startswith("Error:")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    for field in ("id_username", "id_password"):
        described_by = page.get_attribute(f"#{field}", "aria-describedby")
        assert described_by, f"#{field} has no aria-describedby"
        message = page.locator(f"#{described_by}").inner_text()
        assert message.strip() == "This field is required."
        assert page.locator(f"label[for={field}]").count() == 1
    # The summary links go to the fields.
    assert summary.locator("a[href='#id_username']").count() == 1


def test_password_fields_allow_paste_and_name_their_purpose(open_page):
    page = open_page("/accounts/password/", user="staff")

    autocomplete = {
        name: page.get_attribute(f"input[name={name}]", "autocomplete")
        for name in ("old_password", "new_password1", "new_password2")
    }
    page.fill("input[name=new_password1]", "")
    page.evaluate(
        """() => {
      const input = document.querySelector("input[name=new_password1]");
      const data = new DataTransfer();
      data.setData("text/plain", "pasted-passphrase");
      const event = new ClipboardEvent(
        "paste", {clipboardData: data, bubbles: true, cancelable: true}
      );
      const allowed = input.dispatchEvent(event);
      window.__pasteAllowed = allowed;
    }"""
    )

    assert autocomplete == {
        "old_password": "current-password",
        "new_password1": "new-password",
        "new_password2": "new-password",
    }
    assert page.evaluate("() => window.__pasteAllowed") is True
    assert page.get_attribute("input[name=old_password]", "onpaste") is None
