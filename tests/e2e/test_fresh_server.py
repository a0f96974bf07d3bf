"""A journey that writes: the admin changes a user in the Django admin and the user sees it on their profile.

It proves the per-test ``fresh_demo_server`` (demo loaded in a transactional database) and two people in two
browser contexts, the pattern journeys 2-5 of issue 8 follow.
"""

from __future__ import annotations

import pytest

from portal.models import User
from tests.e2e.helpers import login_as

pytestmark = pytest.mark.e2e


def test_admin_edit_shows_on_the_users_profile(fresh_demo_server, page, browser):
    official = User.objects.get(email="official@example.org")
    login_as(page, "admin@example.org")
    page.goto(f"/admin/portal/user/{official.pk}/change/")
    page.locator("#id_position").fill("Heritage inspector")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    assert page.locator(".messagelist .success").count() == 1
    official.refresh_from_db()
    assert official.position == "Heritage inspector"

    other = browser.new_context(base_url=fresh_demo_server.url, locale="en-US")
    try:
        their_page = other.new_page()
        login_as(their_page, "official@example.org")
        their_page.goto("/accounts/profile/")
        facts = dict(
            zip(
                their_page.locator(".facts dt").all_inner_texts(),
                their_page.locator(".facts dd").all_inner_texts(),
                strict=True,
            )
        )
        assert facts["Position"] == "Heritage inspector"
    finally:
        other.close()
