"""Journey 5 of issue 8: an admin edits a site in the Django admin and the public page shows the change.

A visitor has the site's public page open (and the catalogue) before the edit, so that anything the portal or
the browser kept from the first visit would show stale facts; after the admin saves, the visitor reloads and
sees the new ones, and the catalogue's search finds the site by the name the admin added.
"""

from __future__ import annotations

import pytest

from sites.models import Site
from tests.e2e.helpers import login_as

pytestmark = pytest.mark.e2e

FACILITIES = "Visitor centre and marked trail to the Valley of Castles (e2e)"
OTHER_NAME = "Sharyn Canyon Park e2e"


def _facts(page) -> dict[str, str]:
    facts = page.locator("section.site-facts dl.facts")
    return dict(zip(facts.locator("dt").all_inner_texts(), facts.locator("dd").all_inner_texts(), strict=True))


def test_admin_edits_a_site_and_the_public_page_shows_it(fresh_demo_server, page, browser):
    visitor_context = browser.new_context(base_url=fresh_demo_server.url, locale="en-US")
    try:
        visitor = visitor_context.new_page()
        visitor.goto("/sites/charyn/")
        before = _facts(visitor)
        assert before["Management plan"] == "None"
        assert before["Visitor facilities"] == "not recorded"
        visitor.goto(f"/sites/?q={OTHER_NAME.replace(' ', '+')}")
        assert visitor.locator(".site-table").count() == 0  # nothing by that name yet

        # The admin finds the site in the admin and edits it.
        login_as(page, "admin@example.org")
        with page.expect_navigation():
            page.locator(".main-nav").get_by_role("link", name="Admin").click()
        with page.expect_navigation():
            page.locator("#content-main").get_by_role("link", name="Sites", exact=True).click()
        page.locator("#searchbar").fill("Charyn")
        with page.expect_navigation():
            page.locator("#changelist-search input[type=submit]").click()
        with page.expect_navigation():
            page.locator("#result_list").get_by_role("link", name="Charyn", exact=True).click()
        assert page.locator("#id_name_en").input_value() == "Charyn"
        page.locator("#id_other_names").fill(f"Charyn National Park, Sharyn, {OTHER_NAME}")
        page.locator("#id_management_plan").select_option("adopted")
        page.locator("#id_management_plan_year").fill("2024")
        page.locator("#id_visitor_facilities").fill(FACILITIES)
        with page.expect_navigation():
            page.locator("input[name=_save]").click()
        assert page.locator(".messagelist .success").count() == 1, page.locator(
            ".errornote, .errorlist"
        ).all_inner_texts()
        site = Site.objects.get(slug="charyn")
        assert (site.management_plan, site.management_plan_year) == ("adopted", 2024)

        # The visitor reloads the page they had open: the new facts are there.
        visitor.goto("/sites/charyn/")
        after = _facts(visitor)
        assert after["Management plan"] == "Adopted, 2024"
        assert after["Visitor facilities"] == FACILITIES
        assert (
            f"Also known as: Charyn National Park, Sharyn, {OTHER_NAME}" in visitor.locator(".other-names").inner_text()
        )
        # And the catalogue's search knows the new name.
        visitor.goto("/sites/")
        visitor.get_by_role("searchbox", name="Search").fill(OTHER_NAME)
        with visitor.expect_navigation():
            visitor.get_by_role("button", name="Apply filters").click()
        assert visitor.locator(".site-table tbody th a").all_inner_texts() == ["Charyn"]
    finally:
        visitor_context.close()
