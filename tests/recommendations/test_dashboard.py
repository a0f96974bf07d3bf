"""The dashboard's figures on a known data set, its fixed query count, and its charts."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recommendations import services
from recommendations.charts import BAR_AREA, bar_chart, stacked_chart
from recommendations.dashboard import build_dashboard
from recommendations.models import Recommendation, RecommendationTheme
from tests.factories import OrganizationFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

S = Recommendation.Status
T = Recommendation.Theme
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
TODAY = timezone.localdate()


def _day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def _at(offset: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    day = _day(offset)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ALMATY)


def _implemented(rec, *times) -> None:
    """Implement ``rec`` at each of ``times`` through the services, reopening it in between."""
    for n, at in enumerate(times):
        if n:
            services.change_status(rec, S.IN_PROGRESS, user=None, comment="Reopened.", at=at - dt.timedelta(hours=2))
        services.add_progress_report(rec, author=None, text="Done.", at=at - dt.timedelta(minutes=30))
        services.change_status(rec, S.REPORTED, user=None, at=at)
        # Confirmed by a reviewer (issue 18) an hour later: the date that counts stays the reported one.
        services.change_status(rec, S.IMPLEMENTED, user=None, at=at + dt.timedelta(hours=1), check_user=False)


@pytest.fixture
def known(db):
    """Eight recommendations, three organizations (see the expected figures in the tests)."""
    a = OrganizationFactory(slug="org-a", name_en="A")
    b = OrganizationFactory(slug="org-b", name_en="B")
    c = OrganizationFactory(slug="org-c", name_en="C")
    r = {}
    r[1] = RecommendationFactory(
        lead_organization=a, supporting_organizations=[b], status=S.ACCEPTED, due_date=_day(-5), theme=T.COORDINATION
    )
    Recommendation.objects.filter(pk=r[1].pk).update(created_at=_at(-30))
    r[2] = RecommendationFactory(lead_organization=a, status=S.IN_PROGRESS, due_date=_day(5), theme=T.COORDINATION)
    Recommendation.objects.filter(pk=r[2].pk).update(last_report_at=_at(-3))
    r[3] = RecommendationFactory(
        lead_organization=b, supporting_organizations=[a], status=S.IN_PROGRESS, due_date=_day(-1), theme=T.TRAINING
    )
    _implemented(r[3], _at(-10))  # on time
    r[4] = RecommendationFactory(lead_organization=b, status=S.IN_PROGRESS, due_date=_day(-5), theme=T.MEDIA)
    _implemented(r[4], _at(-4, 0, 30))  # 00:30 in Almaty the day after the due date (still the due date in UTC): late
    r[5] = RecommendationFactory(
        lead_organization=c, supporting_organizations=[a, c], status=S.PROPOSED, due_date=_day(-20), theme=T.MEDIA
    )
    r[6] = RecommendationFactory(lead_organization=c, status=S.IN_PROGRESS, due_date=None, theme=T.OTHER)
    _implemented(r[6], _at(-2))  # no due date: left out of the on-time share
    r[7] = RecommendationFactory(lead_organization=a, status=S.IN_PROGRESS, due_date=_day(-3), theme=T.OTHER)
    _implemented(r[7], _at(-10), _at(-1))  # reopened and implemented again after the due date: late
    r[8] = RecommendationFactory(lead_organization=b, status=S.SUPERSEDED, due_date=_day(-50), theme=T.OTHER)
    return r


def test_dashboard_totals(known):
    d = build_dashboard(today=TODAY)
    assert d.totals == {
        "total": 8,
        "open": 2,
        "overdue": 1,
        "implemented": 4,
        "reported": 0,
        "implemented_with_due": 3,
        "on_time": 1,
        "never_reported": 1,
    }
    assert d.on_time_share == 33


def test_dashboard_by_status_and_theme(known):
    d = build_dashboard(today=TODAY)
    assert [(v, n) for v, _label, n in d.by_status] == [
        ("proposed", 1),
        ("accepted", 1),
        ("in_progress", 1),
        ("reported", 0),
        ("implemented", 4),
        ("not_accepted", 0),
        ("superseded", 1),
    ]
    assert {v: n for v, _label, n in d.by_theme if n} == {"coordination": 2, "training": 1, "media": 2, "other": 3}
    rows = {label: (counts, total) for label, counts, total in d.theme_status}
    assert rows["Media and awareness"] == ([1, 0, 0, 0, 1, 0, 0], 2)
    assert rows["Other"] == ([0, 0, 0, 0, 2, 0, 1], 3)


def test_dashboard_counts_an_item_under_each_of_its_themes(known, client, official):
    RecommendationTheme.objects.create(recommendation=known[5], theme=T.INFRASTRUCTURE)
    d = build_dashboard(today=TODAY)
    assert {v: n for v, _label, n in d.by_theme if n} == {
        "coordination": 2,
        "training": 1,
        "media": 2,
        "infrastructure": 1,
        "other": 3,
    }
    rows = {label: (counts, total) for label, counts, total in d.theme_status}
    assert rows["Infrastructure planning"] == ([1, 0, 0, 0, 0, 0, 0], 1)
    assert rows["Media and awareness"] == ([1, 0, 0, 0, 1, 0, 0], 2)
    # The statuses count each recommendation once: eight of them.
    assert [n for _v, _label, n in d.by_status] == [1, 1, 1, 0, 4, 0, 1]
    client.force_login(official)
    content = client.get(reverse("recommendations:dashboard")).content.decode()
    assert "A recommendation with several themes counts under each of them" in content


def test_dashboard_by_responsible_organization(known):
    d = build_dashboard(today=TODAY)
    got = [
        (
            r.organization.slug,
            r.total,
            r.open,
            r.overdue,
            r.implemented,
            r.implemented_with_due,
            r.on_time,
            r.on_time_share,
        )
        for r in d.by_organization
    ]
    assert got == [
        ("org-a", 5, 2, 1, 2, 2, 1, 50),
        ("org-b", 4, 1, 1, 2, 2, 1, 50),
        ("org-c", 2, 0, 0, 1, 0, 0, None),  # C leads r5 and is wrongly also listed as supporting: counted once
    ]


def test_dashboard_overdue_and_silent_lists(known):
    d = build_dashboard(today=TODAY)
    assert [(rec.pk, rec.days_overdue) for rec in d.overdue] == [(known[1].pk, 5)]
    assert [(rec.pk, rec.silent_days) for rec in d.silent] == [(known[1].pk, 30), (known[2].pk, 3)]


def test_dashboard_empty_database():
    d = build_dashboard(today=TODAY)
    assert (d.totals["total"], d.on_time_share, d.by_organization, d.overdue, d.silent) == (0, None, [], [], [])


def _count_queries(today) -> int:
    with CaptureQueriesContext(connection) as ctx:
        build_dashboard(today=today)
    return len(ctx.captured_queries)


def test_dashboard_query_count_is_fixed(known):
    small = _count_queries(TODAY)
    for i in range(20):
        org = OrganizationFactory()
        rec = RecommendationFactory(
            lead_organization=org, supporting_organizations=[known[1].lead_organization], status=S.IN_PROGRESS
        )
        if i % 2:
            _implemented(rec, _at(-1))
    # theme x status, totals, per lead, per supporting, organization names, overdue list, silent list
    assert small == _count_queries(TODAY) == 7


def test_dashboard_view_query_count_is_fixed(client, official, known, django_assert_num_queries):
    client.force_login(official)
    # user, the 7 dashboard queries, the user's groups (nav); the session is not saved again
    with django_assert_num_queries(9):
        response = client.get(reverse("recommendations:dashboard"))
    assert response.status_code == 200


def test_dashboard_view_tables_carry_the_chart_figures(client, official, known):
    client.force_login(official)
    response = client.get(reverse("recommendations:dashboard"))
    content = response.content.decode()
    status_chart = response.context["status_chart"]
    assert [(row.label, row.total) for row in status_chart.rows] == [
        ("Proposed", 1),
        ("Accepted", 1),
        ("In progress", 1),
        ("Reported implemented", 0),
        ("Implemented", 4),
        ("Not accepted", 0),
        ("Superseded", 1),
    ]
    assert f'width="{BAR_AREA}"' in content  # the longest bar (implemented, 4) spans the whole area
    org_chart = response.context["organization_chart"]
    assert [(row.label, [seg.value for seg in row.segments]) for row in org_chart.rows] == [
        ("A", [1, 1, 0, 2, 1]),  # open not overdue, overdue, reported implemented, implemented, other
        ("B", [0, 1, 0, 2, 1]),
        ("C", [0, 0, 0, 1, 1]),
    ]
    assert 'href="/recommendations/?organization=org-a&amp;overdue=1">1</a>' in content
    assert "50 % (1/2)" in content
    assert 'style="' not in content  # CSP: no inline styles


def test_bar_chart_geometry():
    chart = bar_chart([("a", 2), ("b", 4), ("c", 0)])
    assert [seg.width for row in chart.rows for seg in row.segments] == [BAR_AREA // 2, BAR_AREA, 0]
    assert chart.height == 3 * 26


def test_stacked_chart_keeps_small_values_visible():
    chart = stacked_chart([("x", [1, 1000])], [("p", "P"), ("q", "Q")])
    assert [seg.width for seg in chart.rows[0].segments] == [1, BAR_AREA]
    assert chart.legend == [("p", "P"), ("q", "Q")]


def test_dashboard_organization_table_is_limited_to_the_most_overdue(known):
    d = build_dashboard(today=TODAY, organization_limit=2)
    assert ([r.organization.slug for r in d.by_organization], d.organization_count) == (["org-a", "org-b"], 3)


def test_dashboard_view_shows_all_organizations_on_request(client, official, known, monkeypatch):
    from recommendations import views

    monkeypatch.setattr(views, "ORGANIZATION_LIMIT", 1)
    client.force_login(official)
    limited = client.get(reverse("recommendations:dashboard"))
    assert [r.organization.slug for r in limited.context["dashboard"].by_organization] == ["org-a"]
    assert "Showing 1 of 3 organizations." in " ".join(limited.content.decode().split())
    everything = client.get(reverse("recommendations:dashboard") + "?organizations=all")
    assert len(everything.context["dashboard"].by_organization) == 3
