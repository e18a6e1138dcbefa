"""Catching Content-Security-Policy violations in a real browser.

Chromium reports a violation twice: as a console message and as a
`securitypolicyviolation` event; `watch_policy` collects both, and a console
complaint about the Permissions-Policy header, from the page's first byte.
Every page the browser fixtures open is watched (conftest.open_page), so the
accessibility gate checks the policy on the same page load as axe.
"""

from playwright.sync_api import BrowserContext, Page

# What Chromium's console says about a refused resource or a bad policy header.
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")

_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportPolicyViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile || document.location.pathname}:${event.lineNumber}` +
      (event.sample ? ` (${event.sample})` : "")
  );
});
"""


def watch_policy(context: BrowserContext) -> list[str]:
    """Start collecting the context's policy violations; returns the (live) list."""
    problems: list[str] = []

    def on_console(message) -> None:
        if any(word in message.text for word in POLICY_WORDS):
            problems.append(f"console {message.type}: {message.text}")

    def on_violation(description: str) -> None:
        problems.append(description)

    context.on("console", on_console)
    context.expose_function("reportPolicyViolation", on_violation)
    context.add_init_script(_REPORT_VIOLATIONS)
    return problems


def assert_no_violations(page: Page, problems: list[str], where: str) -> None:
    page.wait_for_load_state("load")
    # A round trip, so that violations reported during the load have arrived.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    assert not problems, f"policy violations on {where}:\n" + "\n".join(
        f"- {problem}" for problem in problems
    )
