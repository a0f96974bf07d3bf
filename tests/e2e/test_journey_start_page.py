"""A focal point logs in on a phone, lands on their start page and posts a report on an overdue item in one click."""

from __future__ import annotations

import pytest
from django.utils import timezone

from recommendations.models import ProgressReport, Recommendation
from tests.e2e.helpers import login_as

pytestmark = pytest.mark.e2e

REPORT = "The district Akimat set up the working group; its first meeting is on the calendar (e2e)."


def test_focal_point_goes_from_the_start_page_to_a_report(fresh_demo_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    login_as(page, "focal@example.org")
    page.goto("/")
    assert page.locator("h2#focal-title").inner_text() == "Your organization's recommendations"

    overdue = page.locator("h3#start-overdue + ul li.start-rec")
    assert overdue.count() >= 1
    first = overdue.first
    title = first.locator(".start-rec-title").inner_text()
    recommendation = Recommendation.objects.get(title_en=title)
    assert recommendation.is_overdue(timezone.localdate())
    # Every listed item is the focal point's organization's (lead or supporting).
    ours = {
        org.pk
        for org in recommendation.lead_organization.focal_points.get(email="focal@example.org").focal_point_for.all()
    }
    assert recommendation.responsible_organization_ids & ours

    # The key action sits in the row: one click to the form, nothing wider than the phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    with page.expect_navigation():
        first.locator("a.button", has_text="Report progress").click()
    assert page.url.endswith(f"/recommendations/{recommendation.pk}/report/")
    before = ProgressReport.objects.filter(recommendation=recommendation).count()
    page.locator("#id_text").fill(REPORT)
    with page.expect_navigation():
        page.get_by_role("button", name="Post the report").click()
    assert page.locator(".message-success").inner_text() == "Thank you: the progress report was posted."
    assert ProgressReport.objects.filter(recommendation=recommendation).count() == before + 1
    assert ProgressReport.objects.filter(recommendation=recommendation).latest("pk").text == REPORT
