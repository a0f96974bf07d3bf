"""Journey of issue 21: a focal point creates a personal API token on their profile page (shown once), posts a
progress report with it through the API, as their Akimat's own register would, and sees the report on the
recommendation's timeline in the browser. A read-only token is refused (403); a revoked or expired one is not a
token at all (401).

The API calls go over HTTP to the live server from outside the browser (urllib: no cookie, no session), as
another system's would.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from api.models import ApiToken
from recommendations.models import ProgressReport, Recommendation
from tests.e2e.helpers import login_as

pytestmark = pytest.mark.e2e

FOCAL = "focal@example.org"
REPORT = "The Akimat's register: the visitor centre's signage was replaced at both entrances (API e2e)."


def call(server_url: str, method: str, path: str, token: str, payload: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 (http to the test's own live server)
        server_url + path,
        method=method,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the test's own live server)
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        assert error.headers["Content-Type"] == "application/problem+json"
        return error.code, json.loads(error.read())


def _reported_recommendation(user) -> Recommendation:
    """An open recommendation the focal point may report on (their Akimat leads or supports it)."""
    for rec in Recommendation.objects.open().order_by("pk"):
        if user.has_perm("recommendations.report_progress", rec):
            return rec
    raise AssertionError("the demo has no recommendation the focal point reports on")


def test_focal_point_posts_a_report_with_a_token_and_sees_it_on_the_timeline(fresh_demo_server, page):
    focal = get_user_model().objects.get(email=FOCAL)
    rec = _reported_recommendation(focal)
    login_as(page, FOCAL)

    # The profile page: create a token with the write scope.
    page.goto("/accounts/profile/")
    page.locator("#api-tokens").get_by_role("link", name="Create a token").click()
    page.locator("#id_name").fill("Akimat register")
    page.locator("#id_scope").select_option("write")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the token").click()
    assert page.locator("h1").inner_text() == "Your new API token"
    secret = page.locator("#api-token-secret").input_value()
    assert secret.startswith("mura_")

    # Shown once: the profile lists the token by its first characters, never the whole secret.
    page.goto("/accounts/profile/")
    row = page.locator("#api-tokens tbody tr").filter(has_text="Akimat register")
    assert row.count() == 1
    assert secret not in page.content()
    assert secret[:11] in row.inner_text()

    # The Akimat's register posts a progress report with the token.
    path = f"/api/v1/recommendations/{rec.pk}/progress-reports/"
    status, body = call(fresh_demo_server.url, "POST", path, secret, {"text": REPORT})
    assert status == 201, body
    assert body["text"] == REPORT
    report = ProgressReport.objects.get(pk=body["id"])
    assert (report.author, report.recommendation) == (focal, rec)

    # The focal point opens the recommendation: the report is on the timeline.
    page.goto(rec.get_absolute_url())
    entry = page.locator("ol.rec-timeline li.rec-timeline-report").filter(has_text=REPORT)
    assert entry.count() == 1

    # A token without the write scope may read but not post: 403, and nothing is written.
    _read_token, read_secret = ApiToken.issue(focal, name="Read only", scope="read", days=30)
    assert call(fresh_demo_server.url, "GET", f"/api/v1/recommendations/{rec.pk}/", read_secret)[0] == 200
    status, problem = call(fresh_demo_server.url, "POST", path, read_secret, {"text": "Not allowed."})
    assert (status, problem["type"]) == (403, "urn:mura:problem:forbidden")

    # An expired token is no token: 401.
    _expired, expired_secret = ApiToken.issue(
        focal, name="Old", scope="write", days=1, now=timezone.now() - dt.timedelta(days=2)
    )
    status, problem = call(fresh_demo_server.url, "POST", path, expired_secret, {"text": "Too late."})
    assert (status, problem["type"]) == (401, "urn:mura:problem:unauthenticated")

    # Revoked on the profile page: 401 from then on.
    page.goto("/accounts/profile/")
    with page.expect_navigation():
        page.get_by_role("button", name="Revoke Akimat register").click()
    assert "Revoked" in page.locator("#api-tokens tbody tr").filter(has_text="Akimat register").inner_text()
    status, problem = call(fresh_demo_server.url, "POST", path, secret, {"text": "After revocation."})
    assert (status, problem["type"]) == (401, "urn:mura:problem:unauthenticated")
    assert ProgressReport.objects.filter(recommendation=rec, author=focal).filter(text=REPORT).count() == 1
    assert not ProgressReport.objects.filter(text__in=["Not allowed.", "Too late.", "After revocation."]).exists()
