"""The world generator at a tiny scale: right sizes, valid rows, consistent denormalised fields, repeatable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Max

from bench.generate import BENCH_SEMINAR_SLUG, FULL, Sizes, WorldGenerator, reset_world
from bench.management.commands.generate_world_data import _may_reset
from portal.models import District, Organization, OrganizationEmail, Region, User
from recommendations.models import ProgressReport, Recommendation, StatusChange
from seminars.models import Person, Registration, Seminar
from sites.models import Designation, Site, SiteDesignation

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
MODELS = [
    Region,
    District,
    Organization,
    OrganizationEmail,
    User,
    Designation,
    Site,
    SiteDesignation,
    Seminar,
    Person,
    Registration,
    Recommendation,
    StatusChange,
    ProgressReport,
]


def generate(scale: float = 0.001, seed: int = 7) -> WorldGenerator:
    generator = WorldGenerator(scale=scale, seed=seed, now=NOW, log=lambda line: None)
    generator.run()
    return generator


def test_generate_world_sizes_follow_the_scale():
    generate()
    counts = {
        m.__name__: m.objects.count() for m in MODELS if m not in (OrganizationEmail, SiteDesignation, StatusChange)
    }
    # A thousandth of the world: 10 sites, 300 people, 500 registrations, 500 progress reports.
    assert counts == {
        "Region": 1,
        "District": 2,
        "Organization": 2,
        "User": 2,
        "Designation": 20,
        "Site": 10,
        "Seminar": 5,
        "Person": 300,
        "Registration": 500,
        "Recommendation": 100,
        "ProgressReport": 500,
    }


def test_generate_world_full_scale_plan_gives_the_bench_seminar_exactly_2000():
    # The seminar plan is pure arithmetic: check it at full scale without writing half a million rows.
    generator = WorldGenerator(scale=1, seed=2019, now=NOW, log=lambda line: None)
    counts = generator._seminar_plan()
    assert (len(counts), counts[0], sum(counts), max(counts[1:]) < 2000) == (5000, 2000, 500_000, True)
    assert Sizes.for_scale(1) == FULL


def test_generate_world_bench_seminar_has_its_participants_registered():
    generate(scale=0.01)
    seminar = Seminar.objects.get(slug=BENCH_SEMINAR_SLUG)
    statuses = sorted(set(seminar.registrations.values_list("status", flat=True)))
    assert (seminar.registrations.count(), statuses, seminar.organizers.get().slug) == (
        20,
        ["registered"],
        "world-bench-organizer",
    )


def test_generate_world_rows_pass_model_validation_and_database_constraints():
    generate()
    # Unique and check constraints were enforced by the database as the rows went in; foreign keys are
    # deferred, so check them now, inside the test transaction.
    connection.check_constraints()
    # Then every field's own validation (choices, lengths, slugs, e-mails, URLs, decimals), without queries.
    for model in MODELS:
        relations = [f.name for f in model._meta.get_fields() if f.is_relation]
        for obj in model.objects.all():
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def test_generate_world_last_report_at_is_the_newest_progress_report():
    generate()
    rows = Recommendation.objects.annotate(newest=Max("progress_reports__created_at")).values_list(
        "last_report_at", "newest"
    )
    assert [pair for pair in rows if pair[0] != pair[1]] == []
    assert sum(1 for last, _newest in rows if last is not None) > 0


def test_generate_world_never_dates_anything_after_now():
    generate()
    assert (
        Registration.objects.filter(created_at__gt=NOW).count(),
        ProgressReport.objects.filter(created_at__gt=NOW).count(),
        Recommendation.objects.filter(last_report_at__gt=NOW).count(),
    ) == (0, 0, 0)


def _fingerprint() -> list:
    return [
        list(Person.objects.order_by("pk").values_list("pk", "full_name", "email", "phone")),
        list(Registration.objects.order_by("pk").values_list("seminar_id", "person_id", "status", "created_at")),
        list(Recommendation.objects.order_by("pk").values_list("title_en", "status", "due_date", "last_report_at")),
        list(Site.objects.order_by("pk").values_list("slug", "latitude", "threats")),
    ]


def test_generate_world_is_repeatable_with_the_same_seed():
    generate(seed=7)
    first = _fingerprint()
    reset_world()
    generate(seed=7)
    again = _fingerprint()
    reset_world()
    generate(seed=8)
    assert (again == first, _fingerprint() == first) == (True, False)


def test_generate_world_data_is_a_command_of_the_bench_settings_only():
    with pytest.raises(CommandError, match="Unknown command: 'generate_world_data'"):
        call_command("generate_world_data", scale=0.001, now=NOW)
    assert not Site.objects.exists()


def test_generate_world_data_command_refuses_a_second_run_without_reset(bench_app, capsys):
    call_command("generate_world_data", scale=0.001, now=NOW)
    with pytest.raises(CommandError, match="already in"):
        call_command("generate_world_data", scale=0.001, now=NOW)
    call_command("generate_world_data", scale=0.001, now=NOW, reset=True)
    assert (Site.objects.count(), Person.objects.count()) == (10, 300)
    assert "Registration" in capsys.readouterr().out  # a timing line per table


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("mura", False), ("mura_production", False), ("mura_bench", True), ("test_mura_ci", True)],
)
def test_generate_world_data_reset_only_on_bench_or_test_databases(name, allowed):
    assert _may_reset(name) is allowed
