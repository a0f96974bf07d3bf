"""axe-core on the pages people use, in Kazakh, Russian and English: no serious or critical violation.

The list grows with the apps: add a path to PUBLIC_PAGES or SIGNED_IN_PAGES and it is checked in all three
languages. Issue 8 names home, site list, site detail, map, seminar detail, self-registration, participant list,
import, recommendation list and detail, dashboard and log-in. A path may name ``{recommendation}``: a demo
recommendation with a status history and progress reports (its id depends on the database's sequences).
Map tiles are answered with a blank image (the tile server is on the Internet); the map and its markers are
the portal's own and are checked.
"""

from __future__ import annotations

import pytest

from recommendations.models import Recommendation
from seminars.demo import UPCOMING_SLUG
from tests.e2e.axe import AXE_VERSION, assert_no_serious_axe_violations, format_violations, run_axe
from tests.e2e.helpers import language_cookie, login_as, low_vision_cookie, serve_blank_tiles

pytestmark = pytest.mark.e2e

LANGUAGES = ["kk", "ru", "en"]
PUBLIC_PAGES = {
    "home": "/",
    "log-in": "/accounts/login/",
    "password-reset": "/accounts/password/reset/",
    "password-reset-done": "/accounts/password/reset/done/",
    "site-list": "/sites/",
    "site-detail": "/sites/altyn-emel/",
    "site-map": "/sites/map/",
    "seminar-list": "/seminars/",
    "seminar-detail": f"/seminars/{UPCOMING_SLUG}/",
    "self-registration": f"/seminars/{UPCOMING_SLUG}/register/",
}
SIGNED_IN_PAGES = {
    "profile": "/accounts/profile/",
    "password-change": "/accounts/password/change/",
    "two-factor": "/accounts/2fa/",
    # The workshop is organized by the UNESCO Almaty Office, the demo organizer's organization.
    "participant-list": f"/seminars/{UPCOMING_SLUG}/participants/",
    "import": f"/seminars/{UPCOMING_SLUG}/participants/import/",
    "door": f"/seminars/{UPCOMING_SLUG}/door/",
    "recommendation-list": "/recommendations/",
    "recommendation-detail": "/recommendations/{recommendation}/",
    "dashboard": "/recommendations/dashboard/",
}


def _demo_recommendation() -> int:
    """A recommendation whose timeline has status changes and progress reports."""
    return (
        Recommendation.objects.filter(progress_reports__isnull=False, status_changes__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def _open(page, server, path: str, language: str) -> None:
    if "{recommendation}" in path:
        path = path.format(recommendation=_demo_recommendation())
    serve_blank_tiles(page)
    page.context.add_cookies([language_cookie(server.url, language)])
    response = page.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    if page.locator("[data-sites-map]").count():
        # Leaflet's markup (the markers are images with alt text and keyboard focus) is part of what is checked.
        page.locator(".leaflet-marker-icon").first.wait_for()


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
@pytest.mark.parametrize("persona", ["official", "organizer", "manager", "focal", "admin"])
def test_start_page_has_no_serious_axe_violation(demo_live_server, page, persona, language):
    """Each role's start page at `/` (issue 15)."""
    login_as(page, f"{persona}@example.org")
    _open(page, demo_live_server, "/", language)
    assert page.locator("main h1").inner_text() != ""
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_import_steps_have_no_serious_axe_violation(demo_live_server, page, language):
    """The import's later steps: the column matching with a line-numbered error, then the preview."""
    login_as(page, "organizer@example.org")
    _open(page, demo_live_server, f"/seminars/{UPCOMING_SLUG}/participants/import/", language)
    header = "Full name,E-mail,Organization\n"
    for rows, step in (
        ("Axe Example,not-an-e-mail,Demo Museum\n", "errors"),
        ("Axe Example,axe@example.org,\n", "preview"),
    ):
        page.locator("input[type=file]").set_input_files(
            {"name": "people.csv", "mimeType": "text/csv", "buffer": (header + rows).encode()}
        )
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.url.endswith("/import/map/")
        assert_no_serious_axe_violations(page)  # the column matching
        with page.expect_navigation():
            page.locator("main form.form button[type=submit]").click()
        if step == "errors":
            assert page.locator("section.form-errors[role=alert] tbody tr").count() == 1
            assert_no_serious_axe_violations(page)
            page.goto(f"/seminars/{UPCOMING_SLUG}/participants/import/")
        else:
            assert page.url.endswith("/import/preview/")
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
