"""Where a recommendation comes from: a seminar, a Committee decision (number, paragraph), a biosphere reserve
periodic review (ICC session, year), a mission report or another document; shown on the pages."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from recommendations.models import Recommendation
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("recommendations.migrations.0007_structured_source")


def _form_data(organization, **overrides) -> dict:
    data = {
        "title_en": "Re-route the road",
        "text": "Requests an alternative route.",
        "themes": ["infrastructure"],
        "priority": "high",
        "status": "proposed",
        "lead_organization": organization.pk,
        "source_verified": "on",
    }
    data.update(overrides)
    return data


def test_a_committee_decision_is_recorded_with_number_paragraph_and_link(client, organizer, organization):
    client.force_login(organizer)
    data = _form_data(
        organization,
        source_kind="committee_decision",
        decision_number="41 COM 7B.88",
        decision_paragraph="5",
        source_year="2017",
        source_url="whc.unesco.org/en/decisions/7087/",
    )
    assert client.post(reverse("recommendations:create"), data).status_code == 302
    rec = Recommendation.objects.get()
    assert (rec.decision_number, rec.decision_paragraph, rec.source_year) == ("41 COM 7B.88", "5", 2017)
    assert rec.source_url == "https://whc.unesco.org/en/decisions/7087/"
    html = client.get(rec.get_absolute_url()).text
    assert "Decision 41 COM 7B.88, paragraph 5" in html
    assert '<a href="https://whc.unesco.org/en/decisions/7087/" rel="noopener">Read the source</a>' in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"source_kind": "committee_decision"}, "decision_number"),
        ({"source_kind": "committee_decision", "decision_number": "decision 41/7B"}, "decision_number"),
        (
            {"source_kind": "other", "source_reference": "A letter", "decision_number": "41 COM 7B.88"},
            "decision_number",
        ),
        ({"source_kind": "periodic_review", "source_year": "2023"}, "icc_session"),
        ({"source_kind": "periodic_review", "icc_session": "35"}, "source_year"),
        ({"source_kind": "mission_report", "source_reference": "Mission", "icc_session": "35"}, "icc_session"),
        ({"source_kind": "periodic_review", "icc_session": "35", "source_year": "1800"}, "source_year"),
    ],
    ids=["no-number", "bad-number", "number-elsewhere", "no-session", "no-year", "session-elsewhere", "old-year"],
)
def test_each_kind_of_source_asks_for_its_own_reference(client, organizer, organization, overrides, field):
    client.force_login(organizer)
    response = client.post(reverse("recommendations:create"), _form_data(organization, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Recommendation.objects.count() == 0


def test_a_periodic_review_needs_no_free_reference(client, organizer, organization):
    client.force_login(organizer)
    data = _form_data(organization, source_kind="periodic_review", icc_session="35", source_year="2023")
    assert client.post(reverse("recommendations:create"), data).status_code == 302
    html = client.get(Recommendation.objects.get().get_absolute_url()).text
    assert "MAB International Coordinating Council, session 35" in html


def test_an_unchecked_wording_is_marked_on_the_public_page(client, organization):
    rec = RecommendationFactory(
        seminar=None,
        source_kind="mission_report",
        source_reference="ICOMOS mission, November 2016",
        source_verified=False,
        lead_organization=organization,
        published=True,
    )
    html = client.get(rec.get_absolute_url()).text
    assert "ICOMOS mission, November 2016" in html
    assert "Not checked against the source" in html


def test_the_migration_reads_decision_numbers_out_of_free_references(organization):
    rec = RecommendationFactory(
        seminar=None, source_kind="committee_decision", source_reference="Decision 40 COM 7B.34, §7"
    )
    other = RecommendationFactory(seminar=None, source_kind="other", source_reference="40 COM 7B.34")
    MIGRATION.decision_numbers_from_references(apps, None)
    rec.refresh_from_db()
    other.refresh_from_db()
    assert (rec.decision_number, other.decision_number) == ("40 COM 7B.34", "")


def test_the_demo_has_the_two_committee_decisions_with_their_sources(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    recs = Recommendation.objects.filter(source_kind="committee_decision").order_by("decision_number")
    assert [(r.decision_number, r.decision_paragraph, r.source_year) for r in recs] == [
        ("40 COM 7B.34", "7", 2016),
        ("41 COM 7B.88", "5", 2017),
    ]
    assert [list(r.sites.values_list("slug", flat=True)) for r in recs] == [["karamergen"], ["talgar"]]
    assert [list(r.sdg_targets.values_list("code", flat=True)) for r in recs] == [["11.4"], ["11.4"]]
    talgar = recs[1]
    assert "dismantle the half-built road bridge" in talgar.text
    html = client.get(talgar.get_absolute_url()).text
    assert "Decision 41 COM 7B.88, paragraph 5" in html
