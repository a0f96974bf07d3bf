"""Time the follow-up dashboard at 10,000 recommendations and count its queries.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.bench_dashboard [--rows 10000] [--repeat 7]

Runs in a throwaway test database (Django's `test_<name>`, created and dropped here), so it never touches
the development data. Rows are written with bulk_create: 10,000 recommendations, each with two sites and
two supporting organizations, a status change for every implemented one and a progress report for every
other one in progress. Then it times `build_dashboard()` (the data, all aggregated in the database) and
the whole page through the test client (data, charts and template), and prints the medians and the
number of queries of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.models import Organization, User  # noqa: E402
from portal.text import build_search_text  # noqa: E402
from recommendations.dashboard import build_dashboard  # noqa: E402
from recommendations.models import ProgressReport, Recommendation, RecommendationTheme, StatusChange  # noqa: E402
from seminars.models import Seminar  # noqa: E402
from sites.models import Site  # noqa: E402

S = Recommendation.Status
STATUS_WEIGHTS = {
    S.PROPOSED: 15,
    S.ACCEPTED: 25,
    S.IN_PROGRESS: 30,
    S.IMPLEMENTED: 20,
    S.NOT_ACCEPTED: 5,
    S.SUPERSEDED: 5,
}


def populate(rows: int, *, seed: int = 2019) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    orgs = Organization.objects.bulk_create(
        Organization(slug=f"bench-org-{i}", name_en=f"Bench organization {i}", kind=Organization.Kind.DISTRICT_AKIMAT)
        for i in range(60)
    )
    sites = Site.objects.bulk_create(Site(slug=f"bench-site-{i}", name_en=f"Bench site {i}") for i in range(40))
    seminars = Seminar.objects.bulk_create(
        Seminar(
            slug=f"bench-seminar-{i}",
            title_en=f"Bench seminar {i}",
            start=now - dt.timedelta(days=400 + i),
            end=now - dt.timedelta(days=400 + i) + dt.timedelta(hours=7),
        )
        for i in range(20)
    )
    themes = Recommendation.Theme.values
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    recs = []
    for i in range(rows):
        title = f"Bench recommendation {i}"
        text = "Strengthen the coordination of the Akimats and the site administrations."
        status = rng.choices(statuses, weights)[0]
        implemented_at = now - dt.timedelta(days=rng.randint(1, 300)) if status == S.IMPLEMENTED else None
        recs.append(
            Recommendation(
                title_en=title,
                title_ru=f"Рекомендация {i}",
                text=text,
                search_text=build_search_text([title, f"Рекомендация {i}", "", text]),  # bulk_create skips save()
                theme=rng.choice(themes),
                seminar=rng.choice(seminars),
                lead_organization=rng.choice(orgs),
                priority=rng.choice(Recommendation.Priority.values),
                due_date=today + dt.timedelta(days=rng.randint(-365, 365)) if rng.random() < 0.9 else None,
                status=status,
                created_at=now - dt.timedelta(days=rng.randint(30, 700)),
                last_report_at=now - dt.timedelta(days=rng.randint(1, 200)) if status == S.IN_PROGRESS else None,
                implemented_on=timezone.localdate(implemented_at) if implemented_at else None,
            )
        )
        recs[-1].implemented_at = implemented_at
    recs = Recommendation.objects.bulk_create(recs, batch_size=1000)
    site_links, support_links, changes, reports, theme_links = [], [], [], [], []
    for rec in recs:
        # The main theme, and for one in four another one: the dashboard counts it under each.
        extra = {rng.choice(themes)} if rng.random() < 0.25 else set()
        theme_links += [RecommendationTheme(recommendation_id=rec.pk, theme=t) for t in sorted({rec.theme, *extra})]
        for site in rng.sample(sites, 2):
            site_links.append(Recommendation.sites.through(recommendation_id=rec.pk, site_id=site.pk))
        for org in rng.sample([o for o in orgs if o.pk != rec.lead_organization_id], 2):
            support_links.append(
                Recommendation.supporting_organizations.through(recommendation_id=rec.pk, organization_id=org.pk)
            )
        if rec.status == S.IMPLEMENTED:
            when = rec.implemented_at
            changes.append(
                StatusChange(
                    recommendation_id=rec.pk, from_status=S.IN_PROGRESS, to_status=S.IMPLEMENTED, changed_at=when
                )
            )
            reports.append(ProgressReport(recommendation_id=rec.pk, text="Done.", created_at=when))
        elif rec.last_report_at:
            reports.append(ProgressReport(recommendation_id=rec.pk, text="Under way.", created_at=rec.last_report_at))
    Recommendation.sites.through.objects.bulk_create(site_links, batch_size=5000)
    Recommendation.supporting_organizations.through.objects.bulk_create(support_links, batch_size=5000)
    RecommendationTheme.objects.bulk_create(theme_links, batch_size=5000)
    StatusChange.objects.bulk_create(changes, batch_size=5000)
    ProgressReport.objects.bulk_create(reports, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(fn, repeat: int) -> tuple[float, float, int]:
    """Median and best time in milliseconds, and the number of queries of one run (after a warm-up)."""
    fn()
    reset_queries()  # a request clears the query log when it starts: begin from an empty log
    with CaptureQueriesContext(connection) as ctx:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), len(ctx.captured_queries)


def run(rows: int, repeat: int) -> dict:
    started = time.perf_counter()
    populate(rows)
    load_seconds = time.perf_counter() - started
    user = User.objects.create_user(email="bench@example.org", password=None)
    client = Client()
    client.force_login(user)
    url = reverse("recommendations:dashboard")

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    data_median, data_best, data_queries = measure(build_dashboard, repeat)
    page_median, page_best, page_queries = measure(page, repeat)
    return {
        "database": connection.vendor,
        "recommendations": Recommendation.objects.count(),
        "load_seconds": round(load_seconds, 1),
        "build_dashboard_ms": {"median": round(data_median, 1), "best": round(data_best, 1)},
        "build_dashboard_queries": data_queries,
        "page_ms": {"median": round(page_median, 1), "best": round(page_best, 1)},
        "page_queries": page_queries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        result = run(args.rows, args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(result, indent=2))
    print(
        f"dashboard at {result['recommendations']:,} recommendations ({result['database']}): "
        f"data {result['build_dashboard_ms']['median']} ms in {result['build_dashboard_queries']} queries, "
        f"page {result['page_ms']['median']} ms in {result['page_queries']} queries (medians)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
