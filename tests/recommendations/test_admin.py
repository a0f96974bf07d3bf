"""The Django admin: changelist with filters, change page with inlines, read-only status and history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from recommendations import action_services, services
from recommendations.models import ProgressReport
from tests.factories import OrganizationFactory
from tests.factories.recommendations import ActionFactory

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


def _admin_post_data(response) -> dict:
    """What the admin's change page would post back unchanged: its form's values and empty inlines."""
    form, data = response.context["adminform"].form, {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple | set) or hasattr(value, "all"):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = getattr(value, "pk", value)
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    return data


def test_admin_saves_several_themes_and_the_main_one_follows(client, admin_user, rec_x):
    client.force_login(admin_user)
    url = reverse("admin:recommendations_recommendation_change", args=[rec_x.pk])
    data = _admin_post_data(client.get(url))
    assert data["themes"] == ["site_management"]
    data["themes"] = ["infrastructure", "training"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rec_x.refresh_from_db()
    assert (rec_x.theme, sorted(rec_x.themes.values_list("theme", flat=True))) == (
        "training",
        ["infrastructure", "training"],
    )
    data["themes"] = []
    assert "Choose at least one theme." in client.post(url, data).content.decode()


# --- actions, their reports (the indicator's history) and status changes ---------------------------------------

ACTION_CHANGELIST_QUERIES = 7
ACTION_CHANGE_QUERIES = 9


def _actions(rec, n: int) -> list:
    """``n`` actions of ``rec``, each with a supporting organization, two reports with values and a status change."""
    actions = []
    for i in range(n):
        action = ActionFactory(
            recommendation=rec, supporting_organizations=[OrganizationFactory()], indicator_en="Meetings", target=4
        )
        for value in (1, 2):
            action_services.add_report(action, author=None, text=f"Meeting {i}.{value}", value=Decimal(value))
        action_services.change_status(action, "in_progress", user=None, check_user=False)
        actions.append(action)
    return actions


@pytest.mark.parametrize("rows", [1, 3])
def test_admin_action_changelist_query_count_does_not_grow_with_rows(
    client, admin_user, rec_x, rows, django_assert_num_queries
):
    _actions(rec_x, rows)
    client.force_login(admin_user)
    url = reverse("admin:recommendations_action_changelist")
    client.get(url)  # the session is saved once
    # 1 user, 2 the owner filter's organizations, 3-4 counts (found and total), 5 the page with its
    # recommendations and owners, 6-7 the date hierarchy's dates (the session comes from the cache): the same
    # for 1 and 3 rows.
    with django_assert_num_queries(ACTION_CHANGELIST_QUERIES):
        response = client.get(url + "?q=Action")
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_admin_action_change_page_query_count_does_not_grow_with_reports(
    client, admin_user, rec_x, rows, django_assert_num_queries
):
    action = _actions(rec_x, 1)[0]
    for value in range(rows):
        action_services.add_report(action, author=None, text=f"More {value}", value=Decimal(10 + value))
    client.force_login(admin_user)
    url = reverse("admin:recommendations_action_change", args=[action.pk])
    client.get(url)
    # 1 user, 2 the action, 3 its supporting organizations, 4 reports (+organization, author), 5 status changes
    # (+user), 6 handovers (+organizations, user), 7-9 the chosen recommendation, owner and supporting
    # organization of the autocomplete widgets (the session comes from the cache): the same for 1 and 3 reports.
    with django_assert_num_queries(ACTION_CHANGE_QUERIES):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert f"More {rows - 1}" in content
    assert 'name="status"' not in content  # moves through the portal's "Change status"
    assert [type(f.opts).__name__ for f in response.context["inline_admin_formsets"]] == [
        "ActionReportInline",
        "ActionStatusChangeInline",
        "HandoverInline",
    ]


def test_admin_action_report_deleted_moves_the_current_value_back(client, admin_user, rec_x):
    action = _actions(rec_x, 1)[0]
    latest = action.reports.order_by("-pk").first()
    client.force_login(admin_user)
    response = client.post(reverse("admin:recommendations_actionreport_delete", args=[latest.pk]), {"post": "yes"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.current_value, action.last_report_at) == (Decimal(1), action.reports.get().created_at)


def test_admin_action_search_and_filters(client, admin_user, rec_x):
    action = _actions(rec_x, 1)[0]
    client.force_login(admin_user)
    url = reverse("admin:recommendations_action_changelist")
    for query in ("?status__exact=in_progress", "?overdue=1", f"?owner__id__exact={action.owner_id}", "?q=Rec+X"):
        assert client.get(url + query).status_code == 200, query
    found = client.get(url + "?q=Rec+X").context["cl"].result_list
    assert list(found) == [action]


def test_admin_action_overdue_filter_lists_open_actions_past_their_date(client, admin_user, rec_x):
    import datetime

    from django.utils import timezone

    from recommendations.models import Action

    late, not_yet, done = _actions(rec_x, 3)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Action.objects.filter(pk__in=[late.pk, done.pk]).update(due_date=yesterday)
    Action.objects.filter(pk=not_yet.pk).update(due_date=yesterday + datetime.timedelta(days=30))
    Action.objects.filter(pk=done.pk).update(status=Action.Status.IMPLEMENTED)
    client.force_login(admin_user)
    response = client.get(reverse("admin:recommendations_action_changelist") + "?overdue=1")
    assert list(response.context["cl"].result_list) == [late]
    assert list(Action.objects.overdue()) == [late]


def test_admin_bulk_delete_of_progress_reports_refreshes_the_recommendation(client, admin_user, rec_x):
    from tests.factories import ProgressReportFactory

    reports = [ProgressReportFactory(recommendation=rec_x) for _ in range(2)]
    services.refresh_last_report_at(rec_x)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:recommendations_progressreport_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in reports], "post": "yes"},
    )
    assert response.status_code == 302
    rec_x.refresh_from_db()
    assert rec_x.last_report_at is None
