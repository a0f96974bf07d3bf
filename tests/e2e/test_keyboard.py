"""The home page with the keyboard alone: skip link first, visible focus, language switch and low-vision toggle."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import focus_ring, focused, tab_to

pytestmark = pytest.mark.e2e

NAV_SITES = {"kk": "Нысандар", "ru": "Объекты", "en": "Sites"}


def test_skip_link_is_first_and_moves_focus_to_main(demo_live_server, page):
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert (first["tag"], first["classes"]) == ("a", ["skip-link"])
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    assert page.url.endswith("/#main")
    assert (focused(page)["tag"], focused(page)["id"]) == ("main", "main")
    # The next Tab continues inside the main content, past the header.
    page.keyboard.press("Tab")
    assert focused(page)["in_main"] is True


def test_every_focusable_element_shows_a_focus_ring_with_enough_contrast(demo_live_server, page):
    page.goto("/")
    expected = page.evaluate(
        "() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]"
        ".filter(el => el.offsetParent !== null || el.matches('.skip-link')).length"
    )
    seen = []
    for _ in range(expected):
        page.keyboard.press("Tab")
        element = focused(page)
        ring = focus_ring(page)
        label = f"{element['tag']}.{'.'.join(element['classes'])} {element['text']!r}"
        assert ring["style"] != "none" and ring["width"] >= 2, f"{label}: no visible focus ring ({ring})"
        # WCAG 1.4.11: a focus indicator needs 3:1 against the colours next to it.
        assert ring["contrast"] >= 3, f"{label}: focus ring contrast {ring['contrast']:.2f}:1"
        seen.append(label)
    assert len(seen) == expected
    # After the last element the focus leaves the page (no keyboard trap on the way).
    page.keyboard.press("Tab")
    assert focused(page)["tag"] in ("body", "a")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_language_switcher_works_with_the_keyboard(demo_live_server, page, key):
    page.goto("/")
    for code in ("ru", "kk", "en"):
        tab_to(page, f".language-switcher button[value='{code}']")
        with page.expect_navigation():
            page.keyboard.press(key)
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator(".main-nav a").first.inner_text() == NAV_SITES[code]
        assert page.locator(f".language-switcher button[value='{code}']").get_attribute("aria-pressed") == "true"


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_low_vision_toggle_works_with_the_keyboard(demo_live_server, page, key):
    page.goto("/")
    toggle = ".low-vision-toggle button"
    tab_to(page, toggle)
    with page.expect_navigation():
        page.keyboard.press(key)
    assert page.locator("html").get_attribute("class") == "low-vision"
    assert page.locator(toggle).get_attribute("aria-pressed") == "true"

    tab_to(page, toggle)
    with page.expect_navigation():
        page.keyboard.press(key)
    assert page.locator("html").get_attribute("class") == ""
    assert page.locator(toggle).get_attribute("aria-pressed") == "false"
