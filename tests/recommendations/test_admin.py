"""The Django admin: changelist with filters, change page with inlines, read-only status and history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "?status__exact=accepted", "?overdue=1", "?reported=no", "?theme__exact=training", "?q=Rec"],
)
def test_admin_changelist_with_filters(client, admin_user, rec_x, rec_y, query):
    client.force_login(admin_user)
    response = client.get(reverse("admin:recommendations_recommendation_changelist") + query)
    assert response.status_code == 200


def test_admin_change_page_has_inlines_and_a_read_only_status(client, admin_user, rec_x, organizer):
    services.add_progress_report(rec_x, author=organizer, text="Reported in the admin test.")
    services.change_status(rec_x, "in_progress", user=organizer)
    client.force_login(admin_user)
    response = client.get(reverse("admin:recommendations_recommendation_change", args=[rec_x.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Reported in the admin test." in content
    assert 'name="status"' not in content
    assert [type(f.opts).__name__ for f in response.context["inline_admin_formsets"]] == [
        "ProgressReportInline",
        "StatusChangeInline",
    ]


def test_admin_history_page(client, admin_user, rec_x):
    client.force_login(admin_user)
    response = client.get(reverse("admin:recommendations_recommendation_history", args=[rec_x.pk]))
    assert response.status_code == 200


def test_admin_progress_report_added_updates_last_report_at(client, admin_user, rec_x):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:recommendations_progressreport_add"),
        {"recommendation": rec_x.pk, "date": "2024-05-01", "text": "Added by an admin.", "evidence_url": ""},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    rec_x.refresh_from_db()
    assert (rec_x.last_report_at, report.author) == (report.created_at, admin_user)


def test_admin_status_changes_cannot_be_added_or_edited(client, admin_user, rec_x):
    client.force_login(admin_user)
    assert client.get(reverse("admin:recommendations_statuschange_add")).status_code == 403
