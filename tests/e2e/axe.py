"""axe-core in the browser tests: run it on the page the user sees and fail on serious or critical findings.

How it gets into the page: the site sends `Content-Security-Policy: script-src 'self'`. Playwright's
``add_script_tag(path=...)`` inlines the file into a <script> element, which that policy blocks. Turning the
policy off (``bypass_csp=True``) would test a page users never get (inline styles and scripts would suddenly
work). ``page.evaluate(source)`` runs the script through the DevTools protocol instead, which the page's CSP
does not govern, so the page keeps its real policy and axe still runs. axe needs no eval of its own.
"""

from __future__ import annotations

from pathlib import Path

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SOURCE = AXE_PATH.read_text(encoding="utf-8")

# WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (landmarks, regions, headings): all of them are run,
# and the impact, not the tag, decides what fails.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
FAILING_IMPACTS = ("serious", "critical")


def run_axe(page, options: dict | None = None) -> dict:
    """axe.run() on the whole document; returns axe's results object (violations, passes, ...)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate("async (options) => await window.axe.run(document, options)", options or AXE_OPTIONS)


def format_violations(violations: list[dict], url: str) -> str:
    """A list a person can act on: rule, impact, help and each offending element with axe's advice."""
    lines = [f"{len(violations)} serious/critical axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def serious_violations(results: dict) -> list[dict]:
    return [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]


def assert_no_serious_axe_violations(page) -> dict:
    """Fail with a readable list when axe finds a violation of serious or critical impact; return the results."""
    results = run_axe(page)
    serious = serious_violations(results)
    assert not serious, format_violations(serious, page.url)
    return results
