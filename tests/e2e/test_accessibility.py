"""axe-core on the pages people use, in Kazakh, Russian and English: no serious or critical violation.

The list grows with the apps (issue 8 names the site, seminar and recommendation pages): add a path to
PUBLIC_PAGES or SIGNED_IN_PAGES and it is checked in all three languages.
"""

from __future__ import annotations

import pytest

from tests.e2e.axe import AXE_VERSION, assert_no_serious_axe_violations, format_violations, run_axe
from tests.e2e.helpers import language_cookie, login_as, low_vision_cookie

pytestmark = pytest.mark.e2e

LANGUAGES = ["kk", "ru", "en"]
PUBLIC_PAGES = {
    "home": "/",
    "log-in": "/accounts/login/",
    "password-reset": "/accounts/password/reset/",
    "password-reset-done": "/accounts/password/reset/done/",
    "site-list": "/sites/",
    "seminar-list": "/seminars/",
}
SIGNED_IN_PAGES = {
    "profile": "/accounts/profile/",
    "password-change": "/accounts/password/change/",
    "two-factor": "/accounts/2fa/",
    "recommendation-list": "/recommendations/",
    "dashboard": "/recommendations/dashboard/",
}


def _open(page, server, path: str, language: str) -> None:
    page.context.add_cookies([language_cookie(server.url, language)])
    response = page.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_serious_axe_violation(demo_live_server, page, path, language):
    _open(page, demo_live_server, path, language)
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SIGNED_IN_PAGES.values(), ids=SIGNED_IN_PAGES.keys())
def test_signed_in_page_has_no_serious_axe_violation(demo_live_server, page, path, language):
    login_as(page, "organizer@example.org")
    _open(page, demo_live_server, path, language)
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_in_low_vision_version_has_no_serious_axe_violation(demo_live_server, page, language):
    page.context.add_cookies([low_vision_cookie(demo_live_server.url)])
    _open(page, demo_live_server, "/", language)
    assert page.locator("html.low-vision").count() == 1
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_log_in_with_errors_has_no_serious_axe_violation(demo_live_server, page, language):
    """The error state: a wrong password (form error) and then empty fields (field errors tied to inputs)."""
    _open(page, demo_live_server, "/accounts/login/", language)
    page.locator("#id_login").fill("official@example.org")
    page.locator("#id_password").fill("not-the-password")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".form-errors[role=alert]").count() == 1
    assert_no_serious_axe_violations(page)

    page.locator("#id_login").fill("")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    login = page.locator("#id_login")
    assert login.get_attribute("aria-invalid") == "true"
    # Every id the input points at exists, so a screen reader reads the error with the field.
    for ref in login.get_attribute("aria-describedby").split():
        assert page.locator(f"#{ref}").count() == 1, ref
    assert_no_serious_axe_violations(page)


def test_axe_reports_a_broken_page(demo_live_server, page):
    """The check can fail: a page with an unlabelled input and an image without alt text is caught."""
    page.goto("/")
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<input type="text" id="nolabel"><img src="/static/favicon.svg">');
        }"""
    )
    results = run_axe(page)
    serious = {v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")}
    assert serious == {"label", "image-alt"}
    message = format_violations([v for v in results["violations"] if v["id"] == "label"], page.url)
    assert "label [critical]" in message
    assert "#nolabel" in message
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_serious_axe_violations(page)
    assert results["testEngine"]["version"] == AXE_VERSION
