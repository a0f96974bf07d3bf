"""Helpers for the browser tests: log in, switch language, save what the browser showed on a failure."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from portal.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def artifacts_dir() -> Path:
    return Path(os.environ.get("E2E_ARTIFACTS_DIR") or ROOT / "var" / "test" / "e2e-artifacts")


def save_failure_artifacts(contexts, name: str, directory: Path | None = None) -> list[Path]:
    """Save a full-page screenshot and the HTML of every open page of ``contexts``; return the files written."""
    directory = directory or artifacts_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:150]
    written: list[Path] = []
    pages = [p for context in contexts for p in context.pages if not p.is_closed()]
    for index, page in enumerate(pages):
        suffix = f"-{index}" if len(pages) > 1 else ""
        png = directory / f"{stem}{suffix}.png"
        html = directory / f"{stem}{suffix}.html"
        try:
            page.screenshot(path=str(png), full_page=True)
            written.append(png)
        except Exception as exc:  # a crashed page still leaves its HTML, if any
            png.with_suffix(".screenshot-error.txt").write_text(repr(exc))
        try:
            html.write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
            written.append(html)
        except Exception as exc:
            html.with_suffix(".html-error.txt").write_text(repr(exc))
    return written


def login_as(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real allauth form (any interface language) and wait for the redirect.

    Logging in switches the interface to the profile's language unless the browser already chose one; the
    tests read English, so a browser without a choice is given English first (as if it had pressed EN).
    """
    page.goto("/accounts/login/")
    if not any(cookie["name"] == settings.LANGUAGE_COOKIE_NAME for cookie in page.context.cookies()):
        page.context.add_cookies([language_cookie(page.url, "en")])
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/accounts/login/" in page.url:
        errors = page.locator(".form-errors, .errorlist").all_inner_texts()
        raise AssertionError(f"log-in as {email} failed: {errors}")


def set_language(page, code: str) -> None:
    """Press the header's language button for ``code``; the page reloads in that language."""
    with page.expect_navigation():
        page.locator(f".language-switcher button[value='{code}']").click()
    actual = page.locator("html").get_attribute("lang")
    assert actual == code, f"the page is in {actual!r} after switching to {code!r}"


def language_cookie(server_url: str, code: str) -> dict:
    """The cookie the language switcher sets, to start a test directly in a language."""
    return {"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": server_url}


def low_vision_cookie(server_url: str) -> dict:
    """The cookie the low-vision toggle sets."""
    return {"name": "mura_low_vision", "value": "1", "url": server_url}


def focused(page) -> dict:
    """What has the keyboard focus: tag, id, classes, text, and whether it is inside <main>."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, classes: [...el.classList],
                    text: (el.innerText || el.value || '').trim(), in_main: !!el.closest('main'),
                    value: el.getAttribute('value')};
        }"""
    )


def tab_to(page, selector: str, max_tabs: int = 60) -> int:
    """Press Tab until the focused element matches ``selector``; return how many presses it took."""
    for presses in range(1, max_tabs + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return presses
    raise AssertionError(f"{selector} never got the focus in {max_tabs} presses of Tab")


# The contrast of the focus outline against what is around it (the first opaque background up the tree).
FOCUS_RING_JS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node = el.parentElement, bg = [255, 255, 255];
    while (node) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) { bg = c.slice(0, 3); break; }
        node = node.parentElement;
    }
    const ring = parse(style.outlineColor).slice(0, 3);
    const [a, b] = [lum(ring), lum(bg)].sort((x, y) => y - x);
    return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast: (a + 0.05) / (b + 0.05)};
}"""


def focus_ring(page) -> dict:
    """The focused element's outline: style, width in px and contrast ratio against its surroundings."""
    return page.evaluate(FOCUS_RING_JS)


# A 1×1 transparent PNG: what the map's tile server answers in the browser tests (no network in CI).
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def serve_blank_tiles(page) -> list[str]:
    """Answer the map's tile requests with a blank PNG; return the list the requested tile URLs go to.

    The tile server is on the Internet (OpenStreetMap by default). Offline, every tile would be a failed load
    that the page fixture reports as a browser error; the map, its markers and the notice do not depend on it.
    """
    requested: list[str] = []
    tile = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
    host = tile.netloc.split(".", 1)[-1] if "{s}" in settings.MAP_TILE_URL else tile.netloc

    def fulfil(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    page.context.route(re.compile(rf"^{re.escape(tile.scheme)}://([^/]*\.)?{re.escape(host)}/"), fulfil)
    return requested
