"""Posting a progress report and changing the status through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations import services
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

S = Recommendation.Status


@pytest.mark.parametrize("persona", ["focal_point", "site_manager", "organizer", "admin_user"])
def test_report_post_by_each_allowed_persona(persona, persona_client, request, rec_x, organization):
    client = persona_client(persona)
    today = timezone.localdate()
    # A site manager speaks for no organization (issue 13, L3): they report in their own name.
    signs_for = None if persona == "site_manager" else organization
    if signs_for is None:
        refused = client.post(
            reverse("recommendations:report", args=[rec_x.pk]),
            {"organization": organization.pk, "date": today.isoformat(), "text": "Signed as X."},
        )
        assert "organization" in refused.context["form"].errors
    response = client.post(
        reverse("recommendations:report", args=[rec_x.pk]),
        {
            "organization": signs_for.pk if signs_for else "",
            "date": today.isoformat(),
            "text": "A coordination meeting was held.",
            "evidence_url": "https://example.org/minutes.pdf",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == rec_x.get_absolute_url()
    report = rec_x.progress_reports.get()
    assert (report.author, report.organization, report.date, report.evidence_url) == (
        request.getfixturevalue(persona),
        signs_for,
        today,
        "https://example.org/minutes.pdf",
    )
    rec_x.refresh_from_db()
    assert rec_x.last_report_at == report.created_at


def test_report_form_defaults_to_the_focal_points_organization(client, focal_point, rec_supported, organization):
    client.force_login(focal_point)
    form = client.get(reverse("recommendations:report", args=[rec_supported.pk])).context["form"]
    assert form.initial["organization"] == organization.pk
    # Only the responsible organizations the focal point speaks for are offered (issue 13, L3).
    assert sorted(o.slug for o in form.fields["organization"].queryset) == ["akimat-x"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "  "}, "text"),
        ({"date": "2999-01-01"}, "date"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
        ({"organization": "999999"}, "organization"),
    ],
)
def test_report_invalid_writes_nothing(client, focal_point, rec_x, data, field):
    client.force_login(focal_point)
    payload = {"date": timezone.localdate().isoformat(), "text": "Done.", **data}
    response = client.post(reverse("recommendations:report", args=[rec_x.pk]), payload)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert rec_x.progress_reports.count() == 0


def test_report_on_a_closed_recommendation_shows_no_form_and_refuses_posts(client, organizer, rec_x):
    services.change_status(rec_x, S.SUPERSEDED, user=organizer, comment="Replaced by a national programme.")
    client.force_login(organizer)
    page = client.get(reverse("recommendations:report", args=[rec_x.pk]))
    assert page.context["accepts_reports"] is False
    assert b"<textarea" not in page.content
    response = client.post(
        reverse("recommendations:report", args=[rec_x.pk]),
        {"date": timezone.localdate().isoformat(), "text": "Late news."},
    )
    assert response.status_code == 200
    assert rec_x.progress_reports.count() == 0


def test_status_form_offers_only_allowed_transitions(client, focal_point, rec_x):
    client.force_login(focal_point)
    form = client.get(reverse("recommendations:status", args=[rec_x.pk])).context["form"]
    assert [value for value, _label in form.fields["to_status"].choices] == ["in_progress", "reported", "superseded"]


def test_status_post_moves_and_records(client, focal_point, rec_x):
    client.force_login(focal_point)
    response = client.post(
        reverse("recommendations:status", args=[rec_x.pk]), {"to_status": "in_progress", "comment": "Started."}
    )
    assert response.status_code == 302
    rec_x.refresh_from_db()
    change = rec_x.status_changes.get()
    assert (rec_x.status, change.from_status, change.to_status, change.changed_by, change.comment) == (
        S.IN_PROGRESS,
        S.ACCEPTED,
        S.IN_PROGRESS,
        focal_point,
        "Started.",
    )


def test_status_post_implemented_without_report_is_refused_with_a_reason(client, site_manager, rec_x):
    client.force_login(site_manager)
    page = client.get(reverse("recommendations:status", args=[rec_x.pk]))
    assert page.context["needs_report"] is True
    response = client.post(reverse("recommendations:status", args=[rec_x.pk]), {"to_status": "reported"})
    assert response.status_code == 200
    assert "Post a progress report" in str(response.context["form"].non_field_errors())
    rec_x.refresh_from_db()
    assert (rec_x.status, rec_x.status_changes.count()) == (S.ACCEPTED, 0)


def test_status_post_superseded_needs_a_comment(client, organizer, rec_x):
    client.force_login(organizer)
    response = client.post(reverse("recommendations:status", args=[rec_x.pk]), {"to_status": "superseded"})
    assert list(response.context["form"].errors) == ["comment"]


def test_status_post_a_transition_not_offered_is_refused(client, organizer, rec_x):
    client.force_login(organizer)
    response = client.post(reverse("recommendations:status", args=[rec_x.pk]), {"to_status": "proposed"})
    assert response.status_code == 200
    assert "to_status" in response.context["form"].errors
    rec_x.refresh_from_db()
    assert rec_x.status == S.ACCEPTED


def test_status_page_of_a_final_recommendation_says_so(client, organizer, rec_x):
    services.change_status(rec_x, S.SUPERSEDED, user=organizer, comment="Replaced.")
    client.force_login(organizer)
    response = client.get(reverse("recommendations:status", args=[rec_x.pk]))
    assert response.context["is_final"] is True
    assert b"is final" in response.content


def test_full_workflow_through_the_pages(client, focal_point, rec_x, organization):
    """Accepted -> in progress -> report -> reported implemented, as a focal point would do it; a focal point
    cannot confirm it (tests/recommendations/test_actions.py has the reviewer's side)."""
    client.force_login(focal_point)
    status_url = reverse("recommendations:status", args=[rec_x.pk])
    client.post(status_url, {"to_status": "in_progress"})
    client.post(
        reverse("recommendations:report", args=[rec_x.pk]),
        {
            "organization": organization.pk,
            "date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "text": "Done.",
        },
    )
    client.post(status_url, {"to_status": "reported"})
    rec_x.refresh_from_db()
    assert rec_x.status == S.REPORTED
    assert list(rec_x.status_changes.values_list("to_status", flat=True)) == [S.IN_PROGRESS, S.REPORTED]
    assert client.get(status_url).context["awaits_review"] is True
    client.post(status_url, {"to_status": "implemented"})
    rec_x.refresh_from_db()
    assert rec_x.status == S.REPORTED
