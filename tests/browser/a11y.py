"""The accessibility gate: axe-core and the portal's own structural checks, in a real browser.

Every failure message names the page, the rule and the element, so a red run
says what to fix without a re-run.
"""

from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
# axe-core comes from the npm package (package.json, devDependencies).
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      html: node.html,
      summary: node.failureSummary,
    })),
  }));
}"""

# Checks axe does not make, or makes only as "best practice": run in the page.
_STRUCTURE = """() => {
  const problems = [];
  const lang = document.documentElement.getAttribute("lang");
  if (!lang) problems.push("<html> has no lang attribute");
  if (!document.title.trim()) problems.push("the page has no <title>");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(`expected exactly one <h1>, found ${h1s.length}`);
  let previous = 0;
  for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const level = Number(heading.tagName[1]);
    if (previous && level > previous + 1) {
      const text = heading.textContent.trim();
      problems.push(`heading level skipped: <h${previous}> then <h${level}> "${text}"`);
    }
    previous = level;
  }
  for (const img of document.querySelectorAll("img:not([alt])")) {
    problems.push(`<img> without alt: ${img.outerHTML.slice(0, 120)}`);
  }
  // One <main>, and a skip link to it as the page's first focusable element: the
  // portal's (<main id="main">, a.skip-link) or the Django admin's own
  // (<main id="content-start">, a.skip-to-content-link), which no admin template
  // block lets us rename.
  const mains = document.querySelectorAll("main[id]");
  if (mains.length !== 1) {
    problems.push(`expected exactly one <main> landmark with an id, found ${mains.length}`);
  } else {
    const target = `#${mains[0].id}`;
    const first = document.querySelector(
      "a[href], button, input:not([type=hidden]), select, textarea"
    );
    if (!first || first.getAttribute("href") !== target) {
      problems.push(`no skip link to ${target} as the first focusable element`);
    }
  }
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 0) {
    problems.push(`the page scrolls sideways by ${overflow}px at ${window.innerWidth}px wide`);
  }
  return problems;
}"""


def axe_violations(page: Page) -> list[dict]:
    # Evaluated, not added as a <script>: the portal's Content-Security-Policy
    # refuses inline scripts, and the pages are checked under it.
    page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def describe_violations(violations: list[dict], where: str) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- rule {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    element {node['target']}: {node['html'][:160]}")
            lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def structure_problems(page: Page) -> list[str]:
    return page.evaluate(_STRUCTURE)


def assert_accessible(page: Page, where: str) -> None:
    """Fail with a readable report if axe or the structural checks find anything."""
    violations = axe_violations(page)
    problems = structure_problems(page)
    report = []
    if violations:
        report.append(describe_violations(violations, where))
    if problems:
        report.append(f"structure problems on {where}:\n" + "\n".join(f"- {p}" for p in problems))
    assert not report, "\n\n".join(report)
