"""The demo recommendations of the Taldykorgan seminar: as the article states them, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from recommendations import demo
from recommendations.dashboard import build_dashboard
from recommendations.models import ProgressReport, Recommendation, RecommendationTheme, StatusChange

pytestmark = pytest.mark.django_db

S = Recommendation.Status


def _snapshot() -> dict:
    models = (Recommendation, Recommendation.history.model, StatusChange, ProgressReport, ProgressReport.history.model)
    return {
        "counts": {m.__name__: m.objects.count() for m in models},
        "recommendations": list(
            Recommendation.objects.order_by("pk").values(
                "title_en", "title_ru", "status", "due_date", "last_report_at", "updated_at", "notes", "search_text"
            )
        ),
        "m2m": [
            (
                sorted(r.sites.values_list("slug", flat=True)),
                sorted(r.supporting_organizations.values_list("slug", flat=True)),
                sorted(r.themes.values_list("theme", flat=True)),
            )
            for r in Recommendation.objects.order_by("pk")
        ],
    }


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_demo_loads_the_seven_recommendations_of_the_article(loaded):
    recs = Recommendation.objects.filter(seminar__slug="taldykorgan-2019-03-28")
    assert recs.count() == 7
    assert sorted(recs.values_list("theme", flat=True)) == sorted(
        [
            "site_management",
            "coordination",
            "training",
            "funding_staffing",
            "media",
            "ecological_corridors",
            "tourism",
        ]
    )
    training = recs.get(theme="training")
    assert training.lead_organization.slug == "unesco-almaty-office"
    coordination = recs.get(theme="coordination")
    assert {"ministry-culture-information", "natcom-unesco-icesco", "akimat-talgar-district"} <= set(
        coordination.supporting_organizations.values_list("slug", flat=True)
    )
    assert all(r.notes.startswith("Demo values") for r in recs)
    assert all(r.title_en and r.title_ru and r.title_kk for r in recs)


def test_demo_has_overdue_due_soon_and_implemented_items(loaded):
    today = timezone.localdate()
    recs = Recommendation.objects.all()
    assert recs.overdue().count() == 2
    assert recs.open().filter(due_date__gte=today, due_date__lte=today + timezone.timedelta(days=14)).count() == 2
    implemented = recs.filter(status__in=[S.IMPLEMENTED, S.REPORTED])
    assert sorted(implemented.values_list("status", flat=True)) == [S.IMPLEMENTED, S.REPORTED]
    assert all(r.progress_reports.exists() for r in implemented)
    d = build_dashboard(today=today)
    # The training one was confirmed (on time); the tourism one waits for a reviewer (issue 18).
    assert (d.totals["on_time"], d.totals["implemented_with_due"], d.totals["reported"]) == (1, 1, 1)
    confirmed = recs.get(status=S.IMPLEMENTED)
    assert list(confirmed.status_changes.values_list("to_status", "changed_by__email"))[-2:] == [
        (S.REPORTED, "organizer@example.org"),
        (S.IMPLEMENTED, "admin@example.org"),
    ]


def test_demo_second_run_changes_nothing(loaded):
    first = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == first


def test_demo_corridors_are_also_about_infrastructure_planning(loaded):
    # The seminar: corridors "should be taken into account when planning infrastructure development".
    corridors = Recommendation.objects.get(theme="ecological_corridors")
    assert sorted(corridors.themes.values_list("theme", flat=True)) == ["ecological_corridors", "infrastructure"]
    # Every other demo recommendation has its one theme, as its source states it.
    others = RecommendationTheme.objects.exclude(recommendation=corridors)
    assert sorted(others.values_list("recommendation__theme", flat=True)) == sorted(
        others.values_list("theme", flat=True)
    )
    assert others.count() == Recommendation.objects.count() - 1
    seminar_infrastructure = Recommendation.objects.with_theme("infrastructure").filter(seminar__isnull=False)
    assert list(seminar_infrastructure) == [corridors]


def test_demo_links_the_sites_of_the_article(loaded):
    # load_demo loads the sites first, so every recommendation names the sites the article concerns.
    corridors = Recommendation.objects.get(theme="ecological_corridors")
    assert sorted(corridors.sites.values_list("slug", flat=True)) == sorted(demo.BIOSPHERE_RESERVES)
    training = Recommendation.objects.get(theme="training")
    assert sorted(training.sites.values_list("slug", flat=True)) == sorted(demo.ALMATY_REGION_SITES)


def test_demo_coordination_has_an_action_per_district_akimat(loaded):
    coordination = Recommendation.objects.get(theme="coordination")
    owners = sorted(coordination.actions.values_list("owner__slug", flat=True))
    assert owners == sorted(demo.SITE_DISTRICT_AKIMATS)
    talgar = coordination.actions.get(owner__slug="akimat-talgar-district")
    assert talgar.title_en.startswith("Name a contact person for the UNESCO-designated sites in Talgar district")
    assert "Талгарском районе" in talgar.title_ru
    assert talgar.title_kk.startswith("Талғар ауданындағы")


def test_demo_recommendations_reach_the_akimats_of_the_2022_regions(loaded):
    from recommendations.models import Handover

    corridors = Recommendation.objects.get(theme="ecological_corridors")
    supporting = set(corridors.supporting_organizations.values_list("slug", flat=True))
    # Alakol, Altyn-Emel and Zhongar-Alatau left Almaty region; Alakol's Urdzhar part is in Abai region.
    assert {"akimat-zhetisu-region", "akimat-abai-region", "akimat-urdzhar-district"} <= supporting
    assert corridors.lead_organization.slug == "akimat-almaty-region"  # Charyn stayed in Almaty region
    assert set(
        Handover.objects.filter(recommendation=corridors).values_list(
            "from_organization__slug", "to_organization__slug"
        )
    ) == {("akimat-almaty-region", "akimat-zhetisu-region"), ("akimat-almaty-region", "akimat-abai-region")}
