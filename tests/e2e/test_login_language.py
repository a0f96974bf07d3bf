"""Logging in in a browser that never chose a language: the portal switches to the profile's language."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def test_the_focal_point_logs_in_and_the_portal_speaks_kazakh(demo_live_server, page):
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#id_login").fill("focal@example.org")  # the demo focal point's profile says Kazakh
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "kk"
    page.goto("/sites/")
    assert page.locator("html").get_attribute("lang") == "kk"
