"""`make bench`: world data on PostgreSQL, gunicorn with production settings, wrk on loopback, a report.

    python -m bench.run            # full scale: generates the world once (about two minutes), then ~3 minutes
    python -m bench.run --quick    # 1 % scale in its own database, 2 s per page: tries the harness in a minute

Every page is measured as requests per second and p50/p95/p99 with 16 concurrent clients, and as a share of
/healthz from the same run. Results: bench/results/latest.json and latest.md (the table is printed too).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/mura_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
CACHE_PREFIX = "mura-bench"
SITES_PER_PAGE = 25  # the site list's page size: page 400 is the last page of 10,000 sites


class BenchError(Exception):
    pass


@dataclass
class Config:
    database_url: str
    redis_url: str
    scale: float
    duration_s: float
    warmup_s: float
    connections: int
    port: int
    workers: int
    threads: int
    worker_class: str
    results_dir: Path
    quick: bool
    only: list[str] | None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def var_dir(self) -> Path:
        return ROOT / "var" / ("bench-quick" if self.quick else "bench")

    def environment(self, secret_key: str) -> dict[str, str]:
        """Production settings, but plain HTTP on loopback (no TLS proxy in front here)."""
        return {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "PORTAL_BASE_URL": self.base_url,
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "CACHE_KEY_PREFIX": CACHE_PREFIX,
            "MURA_VAR_DIR": str(self.var_dir),
            "LOG_LEVEL": "WARNING",
            # wrk's clients all call from 127.0.0.1: the API's per-address limit (300 a minute) would answer
            # nearly every call with 429. The counting itself (a Redis INCR per call) stays in what is measured.
            "API_RATE_LIMIT_PER_ADDRESS": "1000000000",
        }


def parse_args(argv: list[str] | None) -> Config:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 %% scale in <db>_quick, 2 s per page")
    parser.add_argument("--scale", type=float, help="data scale (default 1, or 0.01 with --quick)")
    parser.add_argument("--duration", type=float, help="seconds measured per page (default 10, quick 2)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per page (default 3, quick 1)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8107")))
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (default 2)")
    parser.add_argument("--worker-class", choices=("gthread", "sync"), default="gthread")
    parser.add_argument("--only", nargs="+", metavar="KEY", help="measure only these pages (and /healthz)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if args.quick:
        database_url = _with_database_name(database_url, _database_name(database_url) + "_quick")
    if "bench" not in _database_name(database_url):
        raise BenchError(
            f"DATABASE_URL names {_database_name(database_url)!r}: the benchmark fills and resets its database, "
            "so its name must contain 'bench' (e.g. postgresql://postgres@127.0.0.1:5432/mura_bench)."
        )
    return Config(
        database_url=database_url,
        redis_url=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        scale=args.scale or (0.01 if args.quick else 1.0),
        duration_s=args.duration or (2.0 if args.quick else 10.0),
        warmup_s=args.warmup if args.warmup is not None else (1.0 if args.quick else 3.0),
        connections=args.connections,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        worker_class=args.worker_class,
        results_dir=args.results,
        quick=args.quick,
        only=args.only,
    )


def _database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def _with_database_name(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/" + name))


def ensure_database(url: str) -> None:
    """CREATE DATABASE on the machine's PostgreSQL if it is not there yet."""
    import psycopg
    from psycopg import sql

    name = _database_name(url)
    try:
        with psycopg.connect(_with_database_name(url, "postgres"), autocommit=True, connect_timeout=5) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}.")
    except psycopg.OperationalError as exc:
        raise BenchError(f"PostgreSQL at {url} does not answer: {exc}") from exc


def clear_cache(redis_url: str) -> None:
    """Drop the bench's own cache keys (never FLUSHDB: the Redis database may be shared)."""
    import redis

    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=3)
        keys = list(client.scan_iter(match=f"{CACHE_PREFIX}:*", count=1000))
        if keys:
            client.delete(*keys)
    except redis.RedisError as exc:
        raise BenchError(f"Redis at {redis_url} does not answer: {exc}") from exc


def prepare_data(config: Config) -> dict[str, int]:
    """Migrate, collect static files, generate the world if it is not there at this scale. Returns counts."""
    from django.contrib.sessions.models import Session
    from django.core.management import call_command

    from bench.generate import Sizes, world_exists
    from recommendations.models import ProgressReport, Recommendation
    from seminars.models import Person, Registration, Seminar
    from sites.models import Site

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    wanted = Sizes.for_scale(config.scale)
    if world_exists() and Site.objects.count() == wanted.sites and Person.objects.count() == wanted.people:
        print(f"World data at scale {config.scale} is already in {_database_name(config.database_url)}.")
    else:
        call_command("generate_world_data", scale=config.scale, reset=True)
    Session.objects.all().delete()  # a bench database: sessions of earlier runs are dead weight
    return {
        "sites": Site.objects.count(),
        "seminars": Seminar.objects.count(),
        "people": Person.objects.count(),
        "registrations": Registration.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "progress_reports": ProgressReport.objects.count(),
    }


def pages(sites: int) -> list:
    from bench.generate import BENCH_SEMINAR_SLUG, BENCH_SITE_SLUG, SEARCH_TERM
    from bench.report import Page

    deep = max(1, math.ceil(sites / SITES_PER_PAGE))
    return [
        Page("healthz", "/healthz (ceiling)", "/healthz", reference=True),
        Page("plain_list", f"Plain Django list, 25 of {sites:,} rows", "/_bench/plain-list/", reference=True),
        Page("plain_list_cached", "Same plain list, cached", "/_bench/plain-list-cached/", reference=True),
        Page("sites_page1", "Site list, page 1", "/sites/", target=0.5),
        Page("sites_deep", f"Site list, page {deep}", f"/sites/?page={deep}", target=0.5),
        Page("sites_search", "Site list, search", f"/sites/?q={SEARCH_TERM.lower()}", target=0.5),
        Page("site_detail", "Site detail", f"/sites/{BENCH_SITE_SLUG}/", target=0.4),
        Page("sites_geojson", "Sites GeoJSON export", "/sites/export.geojson"),
        # Issue 21: the API's site list (not cached: serialised per call) and the open-data sites file (cached).
        Page("api_sites", "API site list, first 50", "/api/v1/sites/", target=0.3),
        Page("data_sites_csv", "Open data: sites CSV", "/data/sites.csv"),
        Page(
            "participants",
            "Participants, 2,000-person seminar" if sites >= 10_000 else "Participants, bench seminar",
            f"/seminars/{BENCH_SEMINAR_SLUG}/participants/",
            persona="organizer",
            target=0.25,
        ),
        Page("register_public", "Public register (anonymous)", "/recommendations/", target=0.4),
        Page("recommendations_all", "Recommendations, all", "/recommendations/", persona="official"),
        Page(
            "recommendations",
            "Recommendations in progress",
            "/recommendations/?status=in_progress",
            persona="official",
            target=0.25,
        ),
        Page("dashboard", "Recommendations dashboard", "/recommendations/dashboard/", persona="official", target=0.25),
        # Issue 22: each role's start page and the site page of a signed-in manager, all ≥ 25 %.
        Page("start_official", "Start page, official", "/", persona="official", target=0.25),
        Page("start_organizer", "Start page, organizer", "/", persona="organizer", target=0.25),
        Page("start_manager", "Start page, site manager", "/", persona="manager", target=0.25),
        Page("start_focal", "Start page, focal point", "/", persona="focal", target=0.25),
        Page("site_manager", "Site page, its manager", f"/sites/{BENCH_SITE_SLUG}/", persona="manager", target=0.25),
        Page("healthz_end", "/healthz again (drift)", "/healthz", reference=True),
    ]


class Gunicorn:
    def __init__(self, config: Config, env: dict[str, str]):
        self.config = config
        self.env = {
            **os.environ,
            **env,
            "MURA_BENCH_BIND": f"127.0.0.1:{config.port}",
            "MURA_BENCH_WORKERS": str(config.workers),
            "MURA_BENCH_THREADS": str(config.threads),
            "MURA_BENCH_WORKER_CLASS": config.worker_class,
        }
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        log = self.config.var_dir / "gunicorn.log"
        # Django logs every 404 to the console: into the log file with gunicorn's own messages, not the table.
        self._log_file = open(log, "wb")  # closed in __exit__
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "bench" / "gunicorn_conf.py"), "portal.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise BenchError(f"gunicorn exited with {self.process.returncode}:\n{tail}")
            if probe(self.config.base_url + "/healthz") == 200:
                return self
            time.sleep(0.3)
        self.__exit__()
        raise BenchError(f"gunicorn did not answer on {self.config.base_url}/healthz within 60 s")

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log_file", None) is not None:
            self._log_file.close()

    @property
    def description(self) -> str:
        c = self.config
        shape = f"{c.workers} workers × {c.threads} threads (gthread, keep-alive)"
        if c.worker_class == "sync":
            shape = f"{c.workers} sync workers (no keep-alive)"
        return f"gunicorn {shape}, DEBUG=false, PostgreSQL with persistent connections, Redis cache"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def probe(url: str, cookie: str | None = None) -> int | None:
    """The status of one GET, redirects not followed (a 302 to the login page must show as 302)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - loopback
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def page_weight(url: str, cookie: str | None = None) -> int | None:
    """The bytes of one answer's body as the server sends it without compression (what a browser parses)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - loopback
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            return len(response.read())
    except OSError:
        return None


def measure(config: Config, wrk: str, page, cookies: list[str] | None):
    from bench.report import Measurement
    from bench.wrk import WrkError, run_wrk

    url = config.base_url + page.path
    status = probe(url, cookies[0] if cookies else None)
    weight = page_weight(url, cookies[0] if cookies else None)
    try:
        if config.warmup_s > 0:
            run_wrk(wrk, url, duration_s=config.warmup_s, connections=config.connections, cookies=cookies)
        result, text = run_wrk(wrk, url, duration_s=config.duration_s, connections=config.connections, cookies=cookies)
        raw = config.results_dir / "raw"
        raw.mkdir(parents=True, exist_ok=True)
        (raw / f"{page.key}.txt").write_text(text, encoding="utf-8")  # what wrk printed, to check the table
    except WrkError as exc:
        return Measurement(page, None, status, error=str(exc), weight_bytes=weight)
    return Measurement(page, result, status, weight_bytes=weight)


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    try:
        config = parse_args(argv)
        return run(config)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2


def run(config: Config) -> int:
    from bench.wrk import WrkError, find_wrk, wrk_version

    started = time.monotonic()
    try:
        wrk = find_wrk()
    except WrkError as exc:
        raise BenchError(str(exc)) from exc
    env = config.environment(secrets.token_urlsafe(50))
    os.environ.update(env)
    config.var_dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    ensure_database(config.database_url)
    clear_cache(config.redis_url)

    import django

    django.setup()
    from django.db import connections

    from bench.machine import describe
    from bench.report import build_report, render_markdown, write_report
    from bench.users import prepare_users, session_cookies

    data = prepare_data(config)
    print(f"Database ready after {time.monotonic() - started:.0f} s.", flush=True)
    users = prepare_users()
    cookies = {key: session_cookies(user, config.connections) for key, user in users.items()}
    machine = describe(config.redis_url)
    connections.close_all()

    load_before = os.getloadavg()[0]
    selected = [
        p for p in pages(data["sites"]) if not config.only or p.key in config.only or p.key.startswith("healthz")
    ]
    measurements = []
    with Gunicorn(config, env) as server:
        print(f"gunicorn answering after {time.monotonic() - started:.0f} s.", flush=True)
        for page in selected:
            m = measure(config, wrk, page, cookies.get(page.persona) if page.persona else None)
            r = m.result
            summary = f"{r.requests_per_s:8.0f} req/s  p50 {r.p50_ms:7.1f} ms  {r.status_summary}" if r else m.error
            print(f"{page.label:<40} {summary}", flush=True)
            measurements.append(m)
    meta = {
        "mode": "quick" if config.quick else "full",
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": machine,
        "server": {
            "description": server.description,
            "workers": config.workers,
            "threads": config.threads,
            "worker_class": config.worker_class,
        },
        "load": {
            "tool": wrk_version(wrk),
            "connections": config.connections,
            "duration_s": config.duration_s,
            "warmup_s": config.warmup_s,
        },
        # Other work on the machine competes with the server, PostgreSQL and wrk: the figures say how much.
        "load_average": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "scale": config.scale,
        "data": data,
        "database": _database_name(config.database_url),
    }
    report = build_report(measurements, meta=meta)
    json_path, md_path = write_report(report, config.results_dir)
    print()
    print(render_markdown(report))
    print(f"Wrote {json_path} and {md_path} in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
