"""The status workflow in recommendations.services: every pair of statuses, and each rule."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from recommendations import services
from recommendations.models import Recommendation, StatusChange
from tests.factories import ProgressReportFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

S = Recommendation.Status
ALLOWED = {
    (S.PROPOSED, S.ACCEPTED),
    (S.PROPOSED, S.NOT_ACCEPTED),
    (S.PROPOSED, S.SUPERSEDED),
    (S.ACCEPTED, S.IN_PROGRESS),
    (S.ACCEPTED, S.REPORTED),
    (S.ACCEPTED, S.SUPERSEDED),
    (S.IN_PROGRESS, S.REPORTED),
    (S.IN_PROGRESS, S.SUPERSEDED),
    # A reviewer confirms or returns a reported implementation (issue 18; tests/recommendations/test_actions.py).
    (S.REPORTED, S.IMPLEMENTED),
    (S.REPORTED, S.IN_PROGRESS),
    (S.IMPLEMENTED, S.IN_PROGRESS),
}


def _ready(rec: Recommendation) -> None:
    """Give the recommendation what any transition may need: a progress report (written directly, since the
    service refuses reports on closed recommendations)."""
    ProgressReportFactory(recommendation=rec, text="The management plan was adopted.")


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_change_status_allowed_transition_writes_a_status_change(from_status, to_status, organizer):
    rec = RecommendationFactory(status=from_status)
    _ready(rec)
    change = services.change_status(rec, to_status, user=organizer, comment="Because.")
    rec.refresh_from_db()
    assert rec.status == to_status
    assert list(StatusChange.objects.filter(recommendation=rec).values_list("from_status", "to_status")) == [
        (from_status, to_status)
    ]
    assert (change.changed_by, change.comment) == (organizer, "Because.")


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    sorted(pair for pair in itertools.product(S.values, S.values) if pair not in ALLOWED),
)
def test_change_status_forbidden_transition_is_refused_and_writes_nothing(from_status, to_status, organizer):
    rec = RecommendationFactory(status=from_status)
    _ready(rec)
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec, to_status, user=organizer, comment="Because.")
    assert excinfo.value.code == "not_allowed"
    rec.refresh_from_db()
    assert rec.status == from_status
    assert StatusChange.objects.count() == 0


@pytest.mark.parametrize("final", [S.NOT_ACCEPTED, S.SUPERSEDED])
def test_allowed_transitions_final_statuses_have_none(final):
    assert services.allowed_transitions(final) == ()


@pytest.mark.parametrize("from_status", [S.ACCEPTED, S.IN_PROGRESS])
def test_change_status_implemented_without_a_report_is_refused(from_status, organizer):
    rec = RecommendationFactory(status=from_status)
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec, S.REPORTED, user=organizer)
    assert excinfo.value.code == "report_required"
    rec.refresh_from_db()
    assert rec.status == from_status
    assert StatusChange.objects.count() == 0


def test_change_status_implemented_with_a_report_is_accepted(organizer):
    rec = RecommendationFactory(status=S.IN_PROGRESS)
    services.add_progress_report(rec, author=organizer, text="Corridors are now in the regional plan.")
    services.change_status(rec, S.REPORTED, user=organizer)
    rec.refresh_from_db()
    assert rec.status == S.REPORTED


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(S.PROPOSED, S.NOT_ACCEPTED), (S.PROPOSED, S.SUPERSEDED), (S.IN_PROGRESS, S.SUPERSEDED)],
)
def test_change_status_closing_without_a_comment_is_refused(from_status, to_status, organizer):
    rec = RecommendationFactory(status=from_status)
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec, to_status, user=organizer, comment="   ")
    assert excinfo.value.code == "comment_required"
    assert StatusChange.objects.count() == 0


def test_change_status_accepting_needs_no_comment(organizer):
    rec = RecommendationFactory(status=S.PROPOSED)
    services.change_status(rec, S.ACCEPTED, user=organizer)
    assert StatusChange.objects.get().comment == ""


def test_change_status_reopening_needs_a_comment(organizer):
    rec = RecommendationFactory(status=S.IMPLEMENTED)
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec, S.IN_PROGRESS, user=organizer)
    assert excinfo.value.code == "comment_required"
    services.change_status(rec, S.IN_PROGRESS, user=organizer, comment="The plan was not adopted after all.")
    rec.refresh_from_db()
    assert rec.status == S.IN_PROGRESS


def test_change_status_after_reopening_implemented_needs_a_new_report(organizer):
    rec = RecommendationFactory(status=S.IN_PROGRESS)
    start = timezone.now() - dt.timedelta(days=10)
    services.add_progress_report(rec, author=organizer, text="First attempt.", at=start)
    services.change_status(rec, S.REPORTED, user=organizer, at=start + dt.timedelta(days=1))
    services.change_status(
        rec, S.IN_PROGRESS, user=None, comment="Not done.", at=start + dt.timedelta(days=2), check_user=False
    )
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec, S.REPORTED, user=organizer)
    assert excinfo.value.code == "report_required"
    services.add_progress_report(rec, author=organizer, text="Done properly this time.")
    services.change_status(rec, S.REPORTED, user=organizer)
    assert list(StatusChange.objects.filter(recommendation=rec).values_list("to_status", flat=True)) == [
        S.REPORTED,
        S.IN_PROGRESS,
        S.REPORTED,
    ]


def test_change_status_unknown_status_is_refused(organizer):
    rec = RecommendationFactory(status=S.PROPOSED)
    with pytest.raises(services.TransitionError) as excinfo:
        services.change_status(rec, "done", user=organizer)
    assert excinfo.value.code == "unknown"


def test_change_status_checks_the_stored_status_not_a_stale_copy(organizer, admin_user):
    rec = RecommendationFactory(status=S.PROPOSED)
    stale = Recommendation.objects.get(pk=rec.pk)
    services.change_status(rec, S.NOT_ACCEPTED, user=organizer, comment="Out of scope.")
    # Someone else, still looking at "proposed", tries to accept it: the rules apply to what is stored.
    with pytest.raises(services.TransitionError):
        services.change_status(stale, S.ACCEPTED, user=admin_user)
    assert Recommendation.objects.get(pk=rec.pk).status == S.NOT_ACCEPTED
    assert StatusChange.objects.count() == 1


def test_change_status_records_who_in_the_audit_trail(organizer):
    rec = RecommendationFactory(status=S.PROPOSED)
    services.change_status(rec, S.ACCEPTED, user=organizer)
    latest = rec.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == (S.ACCEPTED, organizer)


def test_change_status_status_and_record_are_one_transaction(organizer, monkeypatch):
    """If writing the StatusChange fails, the status does not move either."""
    rec = RecommendationFactory(status=S.PROPOSED)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(StatusChange, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.change_status(rec, S.ACCEPTED, user=organizer)
    assert Recommendation.objects.get(pk=rec.pk).status == S.PROPOSED


def test_add_progress_report_sets_last_report_at(focal_point):
    rec = RecommendationFactory(status=S.ACCEPTED)
    at = timezone.now() - dt.timedelta(hours=1)
    report = services.add_progress_report(rec, author=focal_point, text="Staff hired.", at=at)
    rec.refresh_from_db()
    assert rec.last_report_at == at
    assert (report.author, report.date, report.text) == (focal_point, timezone.localdate(at), "Staff hired.")


def test_add_progress_report_backdated_does_not_move_last_report_at_back(focal_point):
    rec = RecommendationFactory(status=S.ACCEPTED)
    recent = timezone.now() - dt.timedelta(days=1)
    services.add_progress_report(rec, author=focal_point, text="Recent.", at=recent)
    services.add_progress_report(rec, author=focal_point, text="Old news.", at=recent - dt.timedelta(days=30))
    rec.refresh_from_db()
    assert rec.last_report_at == recent


@pytest.mark.parametrize("status", [S.NOT_ACCEPTED, S.SUPERSEDED])
def test_add_progress_report_on_a_closed_recommendation_is_refused(status, focal_point):
    rec = RecommendationFactory(status=status)
    with pytest.raises(ValidationError):
        services.add_progress_report(rec, author=focal_point, text="Anything.")
    rec.refresh_from_db()
    assert (rec.progress_reports.count(), rec.last_report_at) == (0, None)


def test_add_progress_report_empty_text_is_refused(focal_point):
    rec = RecommendationFactory(status=S.ACCEPTED)
    with pytest.raises(ValidationError):
        services.add_progress_report(rec, author=focal_point, text="   ")
    assert rec.progress_reports.count() == 0


def test_refresh_last_report_at_follows_the_reports(focal_point):
    rec = RecommendationFactory(status=S.ACCEPTED)
    report = services.add_progress_report(rec, author=focal_point, text="Done.")
    report.delete()
    services.refresh_last_report_at(rec)
    rec.refresh_from_db()
    assert rec.last_report_at is None


def test_record_recommendation_refuses_a_final_initial_status(organizer, organization):
    rec = Recommendation(title_en="X", text="Y", theme="other", source_kind="other", lead_organization=organization)
    rec.status = S.IMPLEMENTED
    with pytest.raises(ValidationError):
        services.record_recommendation(rec, user=organizer)
    assert Recommendation.objects.count() == 0


def test_record_recommendation_drops_the_lead_from_supporting(organizer, organization, other_organization):
    rec = Recommendation(
        title_en="X", text="Y", theme="other", source_kind="other", source_reference="R", lead_organization=organization
    )
    services.record_recommendation(rec, user=organizer, supporting_organizations=[organization, other_organization])
    assert list(rec.supporting_organizations.all()) == [other_organization]
    assert rec.created_by == organizer
    assert rec.history.get().history_user == organizer


def test_change_status_keeps_implemented_on_as_the_local_date_of_the_implementing_change(organizer):
    """00:30 in Almaty is still the previous day in UTC: the portal's date is the one kept."""
    almaty = zoneinfo.ZoneInfo("Asia/Almaty")
    rec = RecommendationFactory(status=S.IN_PROGRESS)
    services.add_progress_report(rec, author=organizer, text="Done.", at=dt.datetime(2024, 3, 1, 0, 10, tzinfo=almaty))
    services.change_status(rec, S.REPORTED, user=organizer, at=dt.datetime(2024, 3, 1, 0, 30, tzinfo=almaty))
    rec.refresh_from_db()
    assert rec.implemented_on == dt.date(2024, 3, 1)
    # Confirmed days later: the date that counts is still the day it was reported done.
    services.change_status(rec, S.IMPLEMENTED, user=None, at=dt.datetime(2024, 3, 5, tzinfo=almaty), check_user=False)
    rec.refresh_from_db()
    assert rec.implemented_on == dt.date(2024, 3, 1)
    services.change_status(rec, S.IN_PROGRESS, user=organizer, comment="Reopened.")
    rec.refresh_from_db()
    assert rec.implemented_on is None
