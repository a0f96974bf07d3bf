"""The page fixture's own guards: the real Content Security Policy applies, and browser errors are caught."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_inline_style_is_blocked_and_reported(demo_live_server, page, browser_errors):
    page.goto("/")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p id=x style=\"color: red\">x</p>')"
    )
    page.wait_for_function("() => document.getElementById('x') !== null")
    assert page.evaluate("() => getComputedStyle(document.getElementById('x')).color") != "rgb(255, 0, 0)"
    assert len(browser_errors) == 1
    assert "Content Security Policy" in browser_errors[0]
    browser_errors.clear()  # expected here; any other test with such an error fails at teardown


def test_missing_page_is_reported(demo_live_server, page, browser_errors):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert browser_errors == [
        f"console error: Failed to load resource: the server responded with a status of 404 (Not Found) "
        f"({demo_live_server.url}/no-such-page/)"
    ]
    browser_errors.clear()
