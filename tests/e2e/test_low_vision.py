"""The low-vision version: switched on from any page, larger text and high contrast, remembered, and readable at
200% zoom (a 640 px wide window is what a 1280 px screen shows at 200%)."""

from __future__ import annotations

import time

import pytest

from tests.e2e.helpers import login_as

pytestmark = pytest.mark.e2e

START_PAGES = ["/", "/sites/", "/seminars/", "/accounts/login/", "/accounts/password/reset/"]
ZOOM_PAGES = [*START_PAGES, "/accounts/profile/", "/recommendations/"]


def _font_size(page, selector: str) -> float:
    return page.evaluate("(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector)


def _colours(page, selector: str) -> tuple[str, str]:
    return tuple(
        page.evaluate(
            "(s) => { const st = getComputedStyle(document.querySelector(s)); return [st.color, st.backgroundColor]; }",
            selector,
        )
    )


@pytest.mark.parametrize("path", START_PAGES)
def test_low_vision_switched_on_from_any_page_enlarges_text_and_stays_there(demo_live_server, page, path):
    page.goto(path)
    body_before, heading_before = _font_size(page, "body"), _font_size(page, "main h1")

    with page.expect_navigation():
        page.locator(".low-vision-toggle button").click()

    assert page.url == demo_live_server.url + path, "the toggle brings the visitor back to the same page"
    assert page.locator("html").get_attribute("class") == "low-vision"
    assert _font_size(page, "body") >= 1.3 * body_before
    assert _font_size(page, "main h1") >= 1.3 * heading_before
    # High contrast: pure black text on white.
    assert _colours(page, "main p, main li") == ("rgb(0, 0, 0)", "rgba(0, 0, 0, 0)")
    assert _colours(page, "body") == ("rgb(0, 0, 0)", "rgb(255, 255, 255)")


def test_low_vision_is_remembered_across_pages_and_visits(demo_live_server, page, browser):
    page.goto("/seminars/")
    with page.expect_navigation():
        page.locator(".low-vision-toggle button").click()
    for path in ["/", "/sites/", "/accounts/login/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("class") == "low-vision", path
    login_as(page, "official@example.org")
    assert page.locator("html").get_attribute("class") == "low-vision", "kept through log-in"

    cookie = next(c for c in page.context.cookies() if c["name"] == "mura_low_vision")
    assert cookie["expires"] > time.time() + 300 * 24 * 3600, "remembered for a year, not just this session"
    assert cookie["httpOnly"] is True

    with page.expect_navigation():
        page.locator(".low-vision-toggle button").click()
    page.goto("/sites/")
    assert page.locator("html").get_attribute("class") == ""


@pytest.mark.parametrize("low_vision", [False, True], ids=["standard", "low-vision"])
def test_pages_reflow_at_200_percent_zoom_without_sideways_scrolling(demo_live_server, page, low_vision):
    page.set_viewport_size({"width": 640, "height": 900})
    login_as(page, "organizer@example.org")
    if low_vision:
        with page.expect_navigation():
            page.locator(".low-vision-toggle button").click()
    for path in ZOOM_PAGES:
        page.goto(path)
        assert (page.locator("html").get_attribute("class") == "low-vision") is low_vision
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path}: the page scrolls sideways at 200% ({widths[0]} > {widths[1]} px)"
        # Every part of the header is on screen: nothing is pushed out or clipped.
        for selector in [".brand", ".main-nav", ".language-switcher", ".low-vision-toggle", ".account-nav"]:
            box = page.locator(selector).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= widths[1] + 1, (path, selector)
