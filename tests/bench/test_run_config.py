"""`python -m bench.run` options: a bench database only, --quick in its own database, page 400 at full scale."""

from __future__ import annotations

import pytest

from bench.run import BenchError, pages, parse_args


def test_parse_args_refuses_a_database_that_is_not_a_bench_one(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/mura")
    with pytest.raises(BenchError, match="must contain 'bench'"):
        parse_args([])


def test_parse_args_quick_uses_its_own_database_and_small_scale(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/mura_bench")
    config = parse_args(["--quick"])
    assert (config.database_url, config.scale, config.duration_s, config.connections) == (
        "postgresql://postgres@127.0.0.1:5432/mura_bench_quick",
        0.01,
        2.0,
        16,
    )


def test_pages_at_world_scale_measure_page_400_and_every_page_of_the_issue():
    by_key = {page.key: page for page in pages(10_000)}
    assert [by_key[k].path for k in ("sites_deep", "participants", "recommendations", "dashboard")] == [
        "/sites/?page=400",
        "/seminars/world-bench-seminar/participants/",
        "/recommendations/?status=in_progress",
        "/recommendations/dashboard/",
    ]
    targets = {k: p.target for k, p in by_key.items() if p.target is not None}
    assert targets == {
        "sites_page1": 0.5,
        "sites_deep": 0.5,
        "sites_search": 0.5,
        "site_detail": 0.4,
        "api_sites": 0.3,
        "register_public": 0.4,
        # Issue 22: the signed-in pages, each role's start page and the manager's site page, 25 % each.
        "participants": 0.25,
        "recommendations": 0.25,
        "dashboard": 0.25,
        "start_official": 0.25,
        "start_organizer": 0.25,
        "start_manager": 0.25,
        "start_focal": 0.25,
        "site_manager": 0.25,
    }
