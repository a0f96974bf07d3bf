"""No template relies on what the Content Security Policy blocks: inline scripts, inline styles, handlers.

Scripts are files under static/js (`<script src=...>`); data goes in `data-*` attributes or through
`json_script` (a `<script type="application/json">`, which a browser never runs).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates"
# E-mail templates are not pages: no browser applies the portal's policy to them, and mail clients need their
# styles inline (portal.mail inlines the layout's <style>), so they are out of this scan.
TEMPLATES = sorted(
    path for path in TEMPLATE_DIR.rglob("*.html") if "emails" not in path.relative_to(TEMPLATE_DIR).parts
)

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def problems(text: str) -> list[str]:
    found = []
    for match in SCRIPT.finditer(text):
        attributes, body = match.group(1), match.group(2)
        is_json = re.search(r"""type\s*=\s*["']application/json["']""", attributes)
        has_src = re.search(r"\ssrc\s*=", f" {attributes}")
        if not is_json and not (has_src and not body.strip()):
            found.append(f"inline script: {match.group(0)[:80]!r}")
    found += [f"style attribute: {m.group(0)[-60:]!r}" for m in STYLE_ATTRIBUTE.finditer(text)]
    found += [f"style element: {m.group(0)!r}" for m in STYLE_ELEMENT.finditer(text)]
    found += [f"event handler: {m.group(0)[-60:]!r}" for m in EVENT_HANDLER.finditer(text)]
    found += [f"javascript: URL: {m.group(0)!r}" for m in JAVASCRIPT_URL.finditer(text)]
    return found


def test_the_scan_sees_the_templates():
    assert TEMPLATE_DIR / "base.html" in TEMPLATES
    assert len(TEMPLATES) >= 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATE_DIR)))
def test_template_has_nothing_the_policy_blocks(path):
    assert problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ('<script src="/static/js/map.js"></script>', 0),
        ('<script type="application/json" id="d">{"a": 1}</script>', 0),
        ("<script>alert(1)</script>", 1),
        ('<script src="/x.js">alert(1)</script>', 1),
        ('<div class="x" style="color:red">', 1),
        ("<style>p{}</style>", 1),
        ('<button onclick="go()">', 1),
        ('<a href="javascript:go()">', 1),
        ('<p class="onboarding" data-on="1">', 0),
    ],
)
def test_the_scan_catches_what_it_should(html, count):
    assert len(problems(html)) == count
