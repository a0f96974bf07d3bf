"""Actions under a recommendation and the confirmation of "implemented" (issue 18 items 1 and 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import roles
from portal.models import Organization
from recommendations import action_services, services
from recommendations.dashboard import build_dashboard
from recommendations.models import Action, ActionStatusChange, Recommendation
from tests.factories import ActionFactory, ActionReportFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Recommendation.Status
A = Action.Status


@pytest.fixture
def natcom_member(db):
    natcom = OrganizationFactory(slug="natcom", kind=Organization.Kind.NATIONAL_COMMISSION)
    return UserFactory(email="natcom@test.example", organization=natcom, role=roles.OFFICIAL)


@pytest.fixture
def action_x(rec_x, organization):
    return ActionFactory(
        recommendation=rec_x,
        owner=organization,
        indicator_en="Meetings held",
        unit="meetings",
        baseline=Decimal(0),
        target=Decimal(4),
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )


# Services -------------------------------------------------------------------------------------------------


def test_report_moves_the_current_value_forward_only(action_x, focal_point):
    today = timezone.localdate()
    action_services.add_report(action_x, author=focal_point, text="Two meetings.", value=Decimal(2), date=today)
    action_services.add_report(
        action_x, author=focal_point, text="Old figure.", value=Decimal(1), date=today - dt.timedelta(days=30)
    )
    action_x.refresh_from_db()
    assert (action_x.current_value, action_x.current_value_on, action_x.progress_share) == (Decimal(2), today, 50)
    assert list(action_x.reports.values_list("value", flat=True)) == [Decimal(1), Decimal(2)]  # the history
    assert action_x.last_report_at is not None
    assert Recommendation.objects.get(pk=action_x.recommendation_id).last_report_at == action_x.last_report_at


def test_action_reported_implemented_needs_a_report_then_a_reviewer(action_x, focal_point, organizer):
    with pytest.raises(services.TransitionError) as excinfo:
        action_services.change_status(action_x, A.REPORTED, user=focal_point)
    assert excinfo.value.code == "report_required"
    action_services.add_report(action_x, author=focal_point, text="Done.")
    action_services.change_status(action_x, A.REPORTED, user=focal_point)
    with pytest.raises(services.TransitionError) as excinfo:
        action_services.change_status(action_x, A.IMPLEMENTED, user=focal_point)
    assert excinfo.value.code == "reviewer"
    action_services.change_status(action_x, A.IMPLEMENTED, user=organizer)
    action_x.refresh_from_db()
    assert action_x.status == A.IMPLEMENTED
    assert list(ActionStatusChange.objects.values_list("to_status", "changed_by")) == [
        (A.REPORTED, focal_point.pk),
        (A.IMPLEMENTED, organizer.pk),
    ]


def test_nobody_confirms_their_own_report(rec_x, organizer, focal_point):
    services.add_progress_report(rec_x, author=organizer, text="Done.")
    services.change_status(rec_x, S.REPORTED, user=organizer)
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec_x, S.IMPLEMENTED, user=organizer)
    assert excinfo.value.code == "own_report"
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec_x, S.IMPLEMENTED, user=focal_point)
    assert excinfo.value.code == "reviewer"
    rec_x.refresh_from_db()
    assert rec_x.status == S.REPORTED


def test_the_national_commission_confirms_or_returns_with_a_comment(client, rec_x, focal_point, natcom_member):
    services.add_progress_report(rec_x, author=focal_point, text="Done.")
    services.change_status(rec_x, S.REPORTED, user=focal_point)
    client.force_login(natcom_member)
    url = reverse("recommendations:status", args=[rec_x.pk])
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["to_status"].choices] == ["implemented", "in_progress"]
    response = client.post(url, {"to_status": "in_progress"})
    assert list(response.context["form"].errors) == ["comment"]
    client.post(url, {"to_status": "in_progress", "comment": "The minutes are missing."})
    rec_x.refresh_from_db()
    assert rec_x.status == S.IN_PROGRESS
    # Returned: a new report is needed before it can be reported implemented again.
    assert not services.has_report_for_implementation(rec_x)
    detail = client.get(reverse("recommendations:detail", args=[rec_x.pk])).content.decode()
    assert "Implementation returned" in detail
    assert "The minutes are missing." in detail


def test_an_official_may_not_review(client, rec_x, focal_point, official):
    services.add_progress_report(rec_x, author=focal_point, text="Done.")
    services.change_status(rec_x, S.REPORTED, user=focal_point)
    client.force_login(official)
    assert client.get(reverse("recommendations:status", args=[rec_x.pk])).status_code == 403


def test_dashboard_counts_reported_apart_from_confirmed(rec_x, rec_y, focal_point, organizer):
    for rec in (rec_x, rec_y):
        services.add_progress_report(rec, author=focal_point, text="Done.")
        services.change_status(rec, S.REPORTED, user=focal_point)
    services.change_status(rec_y, S.IMPLEMENTED, user=organizer)
    totals = build_dashboard().totals
    assert (totals["reported"], totals["implemented"], totals["open"]) == (1, 1, 0)


@pytest.mark.parametrize(
    ("rec_status", "action_statuses", "warns"),
    [
        (S.IMPLEMENTED, [A.IMPLEMENTED, A.IN_PROGRESS], "1 of its 2 actions are not implemented"),
        (S.IN_PROGRESS, [A.IMPLEMENTED, A.CANCELLED], "All its actions are implemented"),
        (S.PROPOSED, [A.IN_PROGRESS], "Work on its actions has started"),
        (S.IN_PROGRESS, [A.IMPLEMENTED, A.PLANNED], ""),
        (S.IMPLEMENTED, [A.IMPLEMENTED, A.REPORTED], ""),
    ],
)
def test_status_disagreement(rec_status, action_statuses, warns, organization):
    rec = Recommendation(status=rec_status)
    actions = [Action(status=status, owner=organization) for status in action_statuses]
    message = action_services.status_disagreement(rec, actions)
    assert (warns in message) if warns else message == ""


# Pages ----------------------------------------------------------------------------------------------------


def test_editor_adds_an_action(client, organizer, rec_x, organization, other_organization):
    client.force_login(organizer)
    response = client.post(
        reverse("recommendations:action_create", args=[rec_x.pk]),
        {
            "title_ru": "Провести заседание рабочей группы",
            "owner": organization.pk,
            "supporting_organizations": [other_organization.pk],
            "due_date": "2030-01-31",
            "indicator_en": "Meetings",
            "target": "4",
        },
    )
    assert response.status_code == 302
    action = rec_x.actions.get()
    assert (action.title_ru, action.owner, action.target, action.created_by) == (
        "Провести заседание рабочей группы",
        organization,
        Decimal(4),
        organizer,
    )
    assert list(action.supporting_organizations.all()) == [other_organization]


def test_action_form_needs_a_title_and_an_indicator_for_its_target(client, organizer, rec_x, organization):
    client.force_login(organizer)
    response = client.post(
        reverse("recommendations:action_create", args=[rec_x.pk]), {"owner": organization.pk, "target": "4"}
    )
    assert sorted(response.context["form"].errors) == ["indicator_en", "title_en"]


def test_owner_focal_point_reports_with_a_value(client, focal_point, action_x, organization):
    client.force_login(focal_point)
    response = client.post(
        reverse("recommendations:action_report", args=[action_x.pk]),
        {
            "organization": organization.pk,
            "date": timezone.localdate().isoformat(),
            "text": "The group met.",
            "evidence": "Minutes No. 3",
            "value": "1",
        },
    )
    assert response.status_code == 302
    report = action_x.reports.get()
    assert (report.author, report.evidence, report.value) == (focal_point, "Minutes No. 3", Decimal(1))
    page = client.get(reverse("recommendations:action", args=[action_x.pk]))
    assert [r.pk for r in page.context["values"]] == [report.pk]
    assert page.context["can_report"] is True


def test_recommendation_page_shows_actions_progress_and_warning(client, official, rec_x, action_x, organizer):
    done = ActionFactory(recommendation=rec_x, owner=action_x.owner)
    ActionReportFactory(action=done)
    action_services.change_status(done, A.REPORTED, user=None, check_user=False)
    action_services.change_status(done, A.IMPLEMENTED, user=organizer)
    ActionReportFactory(action=action_x)
    action_services.change_status(action_x, A.REPORTED, user=None, check_user=False)
    action_services.change_status(action_x, A.IMPLEMENTED, user=organizer)
    client.force_login(official)
    response = client.get(reverse("recommendations:detail", args=[rec_x.pk]))
    content = response.content.decode()
    assert response.context["actions_implemented"] == 2
    assert "2 of 2 actions implemented" in content
    assert "All its actions are implemented" in content
    assert reverse("recommendations:action", args=[action_x.pk]) in content
    assert "Implementation confirmed" in content  # the actions' reviews are on the recommendation's timeline


def _actions(rec, owner, count):
    for _n in range(count):
        ActionFactory(recommendation=rec, owner=owner, supporting_organizations=[OrganizationFactory()])
        ActionStatusChange.objects.create(action=rec.actions.last(), to_status=A.IN_PROGRESS)


@pytest.mark.parametrize("count", [1, 3])
def test_recommendation_page_query_count_does_not_grow_with_actions(
    client, official, rec_x, organization, count, django_assert_num_queries
):
    _actions(rec_x, organization, count)
    client.force_login(official)
    client.get(reverse("recommendations:detail", args=[rec_x.pk]))  # the session is saved once
    # user, recommendation (+lead, seminar, creator), sites, supporting, status changes, reports,
    # the actions' status changes (+action), handovers, history, groups, focal-point organizations, site
    # managers, the documents (documents.display), the actions (+owner), their supporting organizations,
    # reminder history, the themes, SDG targets and links to other recommendations, and the recommendation's
    # several themes (RecommendationTheme): the same for 1 and 3.
    with django_assert_num_queries(20):
        client.get(reverse("recommendations:detail", args=[rec_x.pk]))


@pytest.mark.parametrize("count", [1, 3])
def test_action_page_query_count_does_not_grow_with_reports(
    client, focal_point, action_x, count, django_assert_num_queries
):
    for n in range(count):
        ActionReportFactory(action=action_x, author=focal_point, value=Decimal(n))
        ActionStatusChange.objects.create(action=action_x, to_status=A.IN_PROGRESS, changed_by=focal_point)
    client.force_login(focal_point)
    client.get(reverse("recommendations:action", args=[action_x.pk]))
    # user, action (+recommendation, owner), its supporting organizations, reports (+author,
    # organization), status changes (+user), focal-point organizations, groups, the recommendation's
    # permission checks: the same for 1 and 3.
    with django_assert_num_queries(8):
        client.get(reverse("recommendations:action", args=[action_x.pk]))
