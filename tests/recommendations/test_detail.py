"""The detail page: facts, one timeline of status changes, reports and audit entries, the reminder seam."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations import services
from recommendations.models import Recommendation
from recommendations.timeline import build_timeline

pytestmark = pytest.mark.django_db

S = Recommendation.Status


@pytest.fixture
def story(rec_x, organizer, focal_point, organization):
    """Recorded 10 days ago, edited, accepted, reported on, reported implemented, confirmed."""
    now = timezone.now()
    rec = Recommendation.objects.get(pk=rec_x.pk)
    rec.history.all().delete()
    Recommendation.objects.filter(pk=rec.pk).update(status=S.PROPOSED)
    rec.status = S.PROPOSED
    rec._history_date, rec._history_user = now - dt.timedelta(days=10), organizer
    rec.save()
    rec._history_date = now - dt.timedelta(days=9)
    rec.priority = "high"
    rec.save()
    del rec._history_date
    services.change_status(rec, S.ACCEPTED, user=organizer, comment="Agreed.", at=now - dt.timedelta(days=8))
    services.add_progress_report(
        rec, author=focal_point, text="Working group met.", organization=organization, at=now - dt.timedelta(days=2)
    )
    services.change_status(rec, S.REPORTED, user=focal_point, at=now - dt.timedelta(days=1))
    services.change_status(rec, S.IMPLEMENTED, user=organizer, at=now - dt.timedelta(hours=12))
    return rec


def test_timeline_merges_everything_in_order(story, organizer, focal_point):
    items = build_timeline(story)
    assert [(i.kind, i.audit_type, i.who) for i in items] == [
        ("audit", "+", organizer),
        ("audit", "~", organizer),
        ("status", "", organizer),
        ("report", "", focal_point),
        ("status", "", focal_point),
        ("status", "", organizer),
    ]
    assert items[0].status_label == "Proposed"
    assert items[1].changed_fields == ["priority"]
    assert items[2].status_change.to_status == S.ACCEPTED
    assert items[3].report.text == "Working group met."


def test_detail_page_shows_facts_timeline_and_reminder_history(client, official, story, site_a):
    client.force_login(official)
    response = client.get(reverse("recommendations:detail", args=[story.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert [item.kind for item in response.context["timeline"]] == [
        "audit",
        "audit",
        "status",
        "report",
        "status",
        "status",
    ]
    assert "Working group met." in content
    assert "Proposed → Accepted" in content
    assert "Edited</strong>: priority" in content
    assert site_a.name_en in content
    assert 'id="timeline-title"' in content
    # The official may read but not act.
    assert (response.context["can_report"], response.context["can_edit"]) == (False, False)
    assert reverse("recommendations:report", args=[story.pk]) not in content


def test_detail_page_renders_the_reminder_history(client, official, rec_x):
    """The page calls the reminders app's `{% reminder_history recommendation %}` tag."""
    client.force_login(official)
    response = client.get(reverse("recommendations:detail", args=[rec_x.pk]))
    assert "reminders/_recommendation_history.html" in [t.name for t in response.templates]


def test_detail_page_actions_for_a_focal_point(client, focal_point, rec_x):
    client.force_login(focal_point)
    response = client.get(reverse("recommendations:detail", args=[rec_x.pk]))
    content = response.content.decode()
    assert reverse("recommendations:report", args=[rec_x.pk]) in content
    assert reverse("recommendations:status", args=[rec_x.pk]) in content
    assert reverse("recommendations:edit", args=[rec_x.pk]) not in content


def test_detail_page_query_count_does_not_grow_with_history(client, official, story, django_assert_max_num_queries):
    client.force_login(official)
    # session, user, recommendation (+lead, seminar, creator), sites, supporting, status changes, reports,
    # history, the user's groups and focal-point organizations, site managers, the documents of the
    # recommendation and its reports (one query for all, documents.display): 13 at most (the session is no
    # longer saved on every request); then the actions' status changes, the handovers (timeline), the actions
    # (none here, so no query for their supporting organizations) and the user's organization (is it the
    # National Commission, a reviewer?): 17; then its SDG targets and its links out and in with the
    # recommendations at their other ends: 20.
    with django_assert_max_num_queries(20):
        client.get(reverse("recommendations:detail", args=[story.pk]))
