"""Reminder planning and sending, measured (issues 6 and 9).

    python -m bench.bench_reminders [--recs 10000 --orgs 500] [--big-recs 100000 --big-orgs 2000] [--send 2000]
                                    [--actions-per-rec 3] [--concurrency 1 2] [--repeat 3] [--profile N]
                                    [--skip-planning]

Planning: open recommendations spread over organizations (each with a parent Akimat, a supporting organization
and a site with a manager), each with --actions-per-rec open actions owned by other organizations (issue 18:
100,000 recommendations with 300,000 actions by default), are written with bulk_create into a bench database
(BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/mura_bench_reminders; its name must contain
"bench", because this script empties it), then `planning.plan()` runs twice per scale: once timed with its
queries counted, once under tracemalloc for the peak of Python memory (tracemalloc slows Python down, so it is
not timed).

Sending: N deliveries of five items each, in Russian, Kazakh and English, are handed to ONE real
`celery worker` process (prefork, concurrency 1, then 2) on Redis (REDIS_URL, a private queue), which sends
them into an aiosmtpd server on loopback that counts what it accepts. E-mails per second = messages / seconds
from the first claim to the last message accepted; each concurrency runs --repeat times, in rounds, and the
table shows the median. The machine is shared, so the worker's own CPU time is reported too: messages per
second of the worker's CPU is what one worker could do on a free core. --profile N prints a cProfile of N
sends in this process. --skip-planning writes the --recs scale (the digests' recommendations) and measures
sending only.

Results: bench/results/reminders.json and reminders.md (the table is printed too). Figures, never assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import statistics
import sys
import threading
import time
import tracemalloc
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from portal import harness

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/mura_bench_reminders"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
TODAY = dt.date(2025, 11, 20)
LANGUAGES = ("ru", "kk", "en")


class BenchError(Exception):
    pass


# Data ----------------------------------------------------------------------------------------------------


def reset() -> None:
    """Empty every table this benchmark fills (a bench database only)."""
    from django.db import connection

    from portal.models import Organization, OrganizationEmail, User
    from recommendations.models import Action, Recommendation
    from reminders.models import Delivery, ReminderItem
    from sites.models import Site

    models = [
        ReminderItem,
        Delivery,
        Action.supporting_organizations.through,
        Action,
        Recommendation.sites.through,
        Recommendation.supporting_organizations.through,
        Recommendation,
        Site.managers.through,
        Site,
        OrganizationEmail,
        Organization,
        User,
    ]
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def clear_deliveries() -> None:
    from django.db import connection

    from reminders.models import Delivery, ReminderItem

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {ReminderItem._meta.db_table}, {Delivery._meta.db_table} CASCADE")


def populate(recs: int, orgs: int, *, actions_per_rec: int = 3, seed: int = 2019) -> dict[str, int]:
    """``recs`` open recommendations over ``orgs`` organizations, each with ``actions_per_rec`` open actions
    (owners drawn from the district organizations, due dates and reports spread like the recommendations');
    returns what was written.

    A tenth of the organizations are regional Akimats, parents of the others (escalations go to them). Every
    organization has an e-mail; one site per ten organizations, each with an active manager. Due dates spread
    over a year either side of TODAY, so that about two thirds are overdue, due soon or without a report.
    """
    from django.db import connection
    from django.utils import timezone

    from portal.models import Organization, OrganizationEmail, User
    from recommendations.models import Action, Recommendation, RecommendationTheme
    from sites.models import Site

    rng = random.Random(seed)
    regions = Organization.objects.bulk_create(
        Organization(
            slug=f"bench-region-{i}",
            name_en=f"Regional Akimat {i}",
            name_ru=f"Областной акимат {i}",
            name_kk=f"Облыс әкімдігі {i}",
            kind=Organization.Kind.REGIONAL_AKIMAT,
            preferred_language=LANGUAGES[i % 3],
        )
        for i in range(max(1, orgs // 10))
    )
    others = Organization.objects.bulk_create(
        Organization(
            slug=f"bench-org-{i}",
            name_en=f"District Akimat {i}",
            name_ru=f"Районный акимат {i}",
            name_kk=f"Аудан әкімдігі {i}",
            kind=Organization.Kind.DISTRICT_AKIMAT,
            parent=regions[i % len(regions)],
            preferred_language=LANGUAGES[i % 3],
        )
        for i in range(max(1, orgs - len(regions)))
    )
    organizations = regions + others
    OrganizationEmail.objects.bulk_create(
        OrganizationEmail(organization=org, email=f"{org.slug}@example.org") for org in organizations
    )
    managers = User.objects.bulk_create(
        User(email=f"bench-manager-{i}@example.org", full_name=f"Manager {i}", language=LANGUAGES[i % 3])
        for i in range(max(1, orgs // 10))
    )
    sites = Site.objects.bulk_create(
        Site(slug=f"bench-site-{i}", name_en=f"Site {i}", name_ru=f"Объект {i}", name_kk=f"Нысан {i}")
        for i in range(len(managers))
    )
    Site.managers.through.objects.bulk_create(
        Site.managers.through(site_id=site.pk, user_id=user.pk) for site, user in zip(sites, managers, strict=True)
    )
    now = timezone.now()
    statuses = Recommendation.OPEN_STATUSES
    written = 0
    chunk = 10_000
    while written < recs:
        size = min(chunk, recs - written)
        batch = []
        for n in range(written, written + size):
            batch.append(
                Recommendation(
                    title_en=f"Bench recommendation {n}",
                    title_ru=f"Рекомендация {n}",
                    title_kk=f"Ұсыным {n}",
                    text="Strengthen the coordination of the Akimats and the site administrations.",
                    theme=Recommendation.Theme.values[n % len(Recommendation.Theme.values)],
                    source_kind=Recommendation.SourceKind.OTHER,
                    lead_organization=rng.choice(others),
                    due_date=TODAY + dt.timedelta(days=rng.randint(-365, 365)) if rng.random() < 0.9 else None,
                    status=statuses[n % len(statuses)],
                    created_at=now - dt.timedelta(days=rng.randint(30, 700)),
                    last_report_at=now - dt.timedelta(days=rng.randint(1, 200)) if rng.random() < 0.5 else None,
                )
            )
        batch = Recommendation.objects.bulk_create(batch, batch_size=2000)
        RecommendationTheme.objects.bulk_create(
            (RecommendationTheme(recommendation_id=r.pk, theme=r.theme) for r in batch), batch_size=5000
        )
        Recommendation.sites.through.objects.bulk_create(
            (Recommendation.sites.through(recommendation_id=r.pk, site_id=rng.choice(sites).pk) for r in batch),
            batch_size=5000,
        )
        Recommendation.supporting_organizations.through.objects.bulk_create(
            (
                Recommendation.supporting_organizations.through(
                    recommendation_id=r.pk,
                    organization_id=rng.choice([o for o in rng.sample(others, 2) if o.pk != r.lead_organization_id]).pk,
                )
                for r in batch
            ),
            batch_size=5000,
        )
        action_statuses = Action.OPEN_STATUSES
        Action.objects.bulk_create(
            (
                Action(
                    recommendation_id=r.pk,
                    title_en=f"Bench action {r.pk}.{k}",
                    title_ru=f"Мероприятие {r.pk}.{k}",
                    title_kk=f"Іс-шара {r.pk}.{k}",
                    owner=rng.choice(others),
                    due_date=TODAY + dt.timedelta(days=rng.randint(-365, 365)) if rng.random() < 0.9 else None,
                    status=action_statuses[(r.pk + k) % len(action_statuses)],
                    created_at=now - dt.timedelta(days=rng.randint(30, 700)),
                    last_report_at=now - dt.timedelta(days=rng.randint(1, 200)) if rng.random() < 0.5 else None,
                )
                for r in batch
                for k in range(actions_per_rec)
            ),
            batch_size=5000,
        )
        written += size
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "recommendations": recs,
        "actions": recs * actions_per_rec,
        "organizations": len(organizations),
        "sites": len(sites),
    }


def make_deliveries(count: int, *, items: int = 5, seed: int = 7) -> list[int]:
    """``count`` pending digests of ``items`` open recommendations each, in the three languages."""
    from django.db import connection

    from recommendations.models import Recommendation
    from reminders.models import Delivery, ReminderItem
    from reminders.planning import cycle_start

    clear_deliveries()
    rng = random.Random(seed)
    recs = list(
        Recommendation.objects.open().filter(due_date__isnull=False).values_list("pk", "due_date")[: max(items, 5000)]
    )
    if len(recs) < items:
        raise BenchError(f"need at least {items} open recommendations with a due date, found {len(recs)}")
    site_of = dict(
        Recommendation.sites.through.objects.filter(recommendation_id__in=[pk for pk, _ in recs]).values_list(
            "recommendation_id", "site_id"
        )
    )
    tag = uuid.uuid4().hex[:6]
    deliveries = Delivery.objects.bulk_create(
        (
            Delivery(
                recipient_email=f"send-{tag}-{n}@example.org",
                recipient_name=f"Recipient {n}",
                language=LANGUAGES[n % 3],
                cycle=cycle_start(TODAY),
                planned_on=TODAY,
                item_count=items,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    rows = []
    for delivery in deliveries:
        for pk, due in rng.sample(recs, items):
            kind = ReminderItem.Kind.OVERDUE if due < TODAY else ReminderItem.Kind.DUE_SOON
            rows.append(
                ReminderItem(
                    delivery_id=delivery.pk,
                    kind=kind,
                    recommendation_id=pk,
                    site_id=site_of.get(pk),
                    due_date=due,
                    days_overdue=max(0, (TODAY - due).days),
                )
            )
    ReminderItem.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:  # what autovacuum would do: plan the claims with fresh statistics
        cursor.execute(f"ANALYZE {Delivery._meta.db_table}, {ReminderItem._meta.db_table}")
    return [d.pk for d in deliveries]


# Planning ------------------------------------------------------------------------------------------------


@contextmanager
def count_queries():
    """Count the statements sent to the database (without keeping their text, unlike CaptureQueriesContext)."""
    from django.db import connection

    counter = {"queries": 0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


def backend_cpu_seconds() -> float | None:
    """CPU time (user + system) of this connection's PostgreSQL backend so far, when it runs on this machine
    (read from /proc); None when it cannot be read (another host, another OS)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        # Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_planning(*, memory: bool = True) -> dict:
    """Time planning from empty reminder tables, count its queries; then plan again under tracemalloc.

    The machine is shared, so besides wall time: this process's CPU time and its PostgreSQL backend's.
    """
    from reminders import planning
    from reminders.models import ReminderItem

    clear_deliveries()
    load_before = _load_average()
    backend_before = backend_cpu_seconds()
    with count_queries() as counter:
        cpu_started = time.process_time()
        started = time.perf_counter()
        result = planning.plan(TODAY)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    backend_after = backend_cpu_seconds()
    backend = backend_after - backend_before if backend_before is not None and backend_after is not None else None
    figures = {
        "seconds": round(seconds, 2),
        "python_cpu_seconds": round(cpu, 2),
        "postgresql_cpu_seconds": round(backend, 2) if backend is not None else None,
        "load_average": f"{load_before} → {_load_average()}",
        "queries": counter["queries"],
        "recipients": result.recipients,
        "deliveries_created": result.created,
        "items": ReminderItem.objects.count(),
        "read_chunk": planning.READ_CHUNK,
        "write_chunk": planning.WRITE_CHUNK,
    }
    if memory:
        clear_deliveries()
        tracemalloc.start()
        try:
            planning.plan(TODAY)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        figures["peak_mb"] = round(peak / 1024 / 1024, 1)
    clear_deliveries()
    return figures


# Sending -------------------------------------------------------------------------------------------------


class CountingHandler:
    """aiosmtpd handler: accepts everything, counts messages and recipients, notes when the last one came."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages = 0
        self.recipients: dict[str, int] = {}
        self.sessions = 0
        self.first_at: float | None = None
        self.last_at: float | None = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.sessions += 1  # one EHLO per SMTP connection
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        with self.lock:
            self.messages += 1
            for rcpt in envelope.rcpt_tos:
                self.recipients[rcpt.lower()] = self.recipients.get(rcpt.lower(), 0) + 1
            self.first_at = self.first_at or now
            self.last_at = now
        return "250 OK: queued"


class SMTPCounter(harness.SMTPSink):
    """The shared harness's loopback SMTP sink, counting what it accepts."""

    def __init__(self) -> None:
        import logging

        logging.getLogger("mail.log").setLevel(logging.WARNING)
        super().__init__(CountingHandler())

    def reset(self) -> None:
        with self.handler.lock:
            self.handler.messages = 0
            self.handler.recipients.clear()
            self.handler.sessions = 0
            self.handler.first_at = self.handler.last_at = None


def start_worker(*, broker_url: str, smtp_port: int, concurrency: int, log_dir: Path) -> harness.WorkerProcess:
    """One `celery worker` process with production settings (DEBUG off), on a queue of its own."""
    worker = harness.WorkerProcess(
        broker_url=broker_url,
        log_dir=log_dir,
        concurrency=concurrency,
        queue_prefix="bench-reminders",
        env={
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "PORTAL_BASE_URL": "https://mura.example.org",
            "LOG_LEVEL": "WARNING",
        },
    )
    try:
        return worker.start(timeout=60)
    except harness.HarnessError as exc:
        worker.stop()
        raise BenchError(str(exc)) from exc


def measure_sending(
    count: int, *, concurrency: int, broker_url: str, smtp: SMTPCounter, log_dir: Path, items: int = 5
) -> dict:
    """Hand ``count`` deliveries to one worker and time them into the SMTP server."""
    from django.db.models import Count, Min

    from reminders import tasks
    from reminders.models import Delivery

    make_deliveries(count, items=items)
    smtp.reset()
    worker = start_worker(broker_url=broker_url, smtp_port=smtp.port, concurrency=concurrency, log_dir=log_dir)
    try:
        cpu_before = worker.cpu_seconds()
        handed_at = time.time()
        enqueued = tasks.enqueue_ready(requeue_after=None)
        deadline = time.monotonic() + max(120, count / 5)
        while time.monotonic() < deadline:
            if not Delivery.objects.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]).exists():
                break
            time.sleep(0.2)
        else:
            raise BenchError(f"deliveries still pending after the deadline:\n{worker.log()[-3000:]}")
        cpu_after = worker.cpu_seconds()
    finally:
        worker.stop(timeout=30)
    cpu = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    statuses = dict(Delivery.objects.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    first_claim = Delivery.objects.aggregate(first=Min("claimed_at"))["first"]
    handler = smtp.handler
    seconds = handler.last_at - first_claim.timestamp() if handler.last_at and first_claim else None
    return {
        "concurrency": concurrency,
        "deliveries": count,
        "items_per_digest": items,
        "enqueued": enqueued,
        "batch_size": tasks.SEND_BATCH_SIZE,
        "messages": handler.messages,
        "statuses": statuses,
        "duplicates": sum(n - 1 for n in handler.recipients.values() if n > 1),
        "complete": statuses == {Delivery.Status.SENT: count} and handler.messages == count,
        "smtp_sessions": handler.sessions,
        "seconds": round(seconds, 2) if seconds else None,
        "seconds_from_enqueue": round(handler.last_at - handed_at, 2) if handler.last_at else None,
        "emails_per_second": round(handler.messages / seconds, 1) if seconds else None,
        # What the worker itself spent, whatever else the machine was doing: its ceiling on a free core.
        "worker_cpu_seconds": round(cpu, 2) if cpu else None,
        "emails_per_worker_cpu_second": round(handler.messages / cpu, 1) if cpu else None,
        "load_average": _load_average(),
    }


def profile_sending(count: int, smtp: SMTPCounter, *, top: int = 30) -> str:
    """cProfile of `send_batch` in this process over ``count`` deliveries, batch by batch as the worker does."""
    import cProfile
    import io
    import pstats

    from django.test.utils import override_settings

    from reminders import sending, tasks

    ids = make_deliveries(count)
    profiler = cProfile.Profile()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        PORTAL_BASE_URL="https://mura.example.org",
    ):
        profiler.enable()
        for start in range(0, len(ids), tasks.SEND_BATCH_SIZE):
            sending.send_batch(ids[start : start + tasks.SEND_BATCH_SIZE])
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# Report --------------------------------------------------------------------------------------------------


def markdown(report: dict) -> str:
    lines = [
        "| Measurement | Figure |",
        "|---|---|",
    ]
    for plan in report["planning"]:
        label = f"Planning, {plan['recommendations']:,} recommendations / {plan['organizations']:,} organizations"
        if plan.get("actions"):
            label += f" / {plan['actions']:,} actions"
        peak = f", peak {plan['peak_mb']} MB" if "peak_mb" in plan else ""
        cpu = ""
        if plan.get("python_cpu_seconds") is not None:
            cpu = f" ({plan['python_cpu_seconds']} s CPU in Python"
            if plan.get("postgresql_cpu_seconds") is not None:
                cpu += f", {plan['postgresql_cpu_seconds']} s in PostgreSQL"
            cpu += f"; load {plan['load_average']})"
        lines.append(
            f"| {label} | {plan['seconds']} s{cpu}, {plan['queries']} queries{peak}; "
            f"{plan['recipients']:,} digests, {plan['items']:,} items |"
        )
    for concurrency in dict.fromkeys(send["concurrency"] for send in report["sending"]):
        runs = [send for send in report["sending"] if send["concurrency"] == concurrency]
        complete = [send for send in runs if send["complete"] and send["emails_per_second"]]
        rates = sorted(send["emails_per_second"] for send in complete) or [0]
        cpu_rates = sorted(send["emails_per_worker_cpu_second"] or 0 for send in complete) or [0]
        spread = f" (runs: {', '.join(str(r) for r in rates)})" if len(complete) > 1 else ""
        if len(complete) < len(runs):
            spread += f" ({len(runs) - len(complete)} incomplete runs left out)"
        lines.append(
            f"| Sending {runs[0]['deliveries']:,} digests, one worker, concurrency {concurrency} "
            f"| {round(statistics.median(rates), 1)} e-mails/s{spread}; "
            f"{round(statistics.median(cpu_rates), 1)} per second of the worker's CPU; "
            f"{sum(s['duplicates'] for s in runs)} duplicates, "
            f"{runs[0]['smtp_sessions']} SMTP sessions per run |"
        )
    machine = report["machine"]
    lines.append("")
    lines.append(
        f"Machine: {machine['cpu_model']}, {machine['cores']} cores, load average {report['load_average']} "
        f"at the start; PostgreSQL {machine['postgresql']}, Redis {machine['redis']}, Python {machine['python']}, "
        f"Django {machine['django']}."
    )
    return "\n".join(lines) + "\n"


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def run(
    *,
    scales: list[tuple[int, int]],
    send: int,
    concurrencies: list[int],
    broker_url: str | None,
    log_dir: Path,
    memory: bool = True,
    profile: int = 0,
    repeat: int = 1,
    actions_per_rec: int = 3,
    plan: bool = True,
) -> dict:
    """Everything, in the database this process is connected to (emptied first)."""
    from bench.machine import describe

    report = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average": _load_average(),
        "machine": describe(broker_url),
        "planning": [],
        "sending": [],
    }
    for recs, orgs in scales:
        reset()
        started = time.perf_counter()
        written = populate(recs, orgs, actions_per_rec=actions_per_rec)
        load = time.perf_counter() - started
        print(f"populated {recs:,} recommendations (+ actions) in {load:.1f} s; planning...", flush=True)
        if not plan:  # the recommendations are there for the digests; planning is not measured
            continue
        figures = written | measure_planning(memory=memory)
        report["planning"].append(figures)
        print(json.dumps(figures), flush=True)
    if (send or profile) and broker_url is None:
        raise BenchError("sending needs a broker (REDIS_URL)")
    if send or profile:
        with SMTPCounter() as smtp:
            if profile:
                report["profile"] = profile_sending(profile, smtp)
                print(report["profile"], flush=True)
            for _round in range(repeat if send else 0):  # rounds, so that a busy moment spreads over both
                for concurrency in concurrencies:
                    figures = measure_sending(
                        send, concurrency=concurrency, broker_url=broker_url, smtp=smtp, log_dir=log_dir
                    )
                    report["sending"].append(figures)
                    print(json.dumps(figures), flush=True)
    clear_deliveries()
    report["load_average_end"] = _load_average()
    return report


def _database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = _database_name(url)
    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reminders", description=__doc__.split("\n\n")[0])
    parser.add_argument("--recs", type=int, default=10_000)
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--big-recs", type=int, default=100_000, help="second planning scale (0: skip)")
    parser.add_argument("--big-orgs", type=int, default=2_000)
    parser.add_argument("--send", type=int, default=2_000, help="deliveries to send (0: skip sending)")
    parser.add_argument("--actions-per-rec", type=int, default=3, help="open actions per recommendation (issue 18)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="sending runs per concurrency (the median is shown)")
    parser.add_argument("--profile", type=int, default=0, help="also profile N sends in this process")
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the second, untimed planning run under tracemalloc"
    )
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument(
        "--skip-planning", action="store_true", help="write the --recs scale for the digests, measure sending only"
    )
    args = parser.parse_args(argv)

    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    if "bench" not in _database_name(url):
        raise BenchError(f"BENCH_DATABASE_URL names {_database_name(url)!r}: its name must contain 'bench'.")
    broker_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    ensure_database(url)
    # Production settings: with DEBUG on, Django would keep the text of every query.
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            "REDIS_URL": broker_url,
            "DEBUG": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    scales = [(args.recs, args.orgs)] + (
        [(args.big_recs, args.big_orgs)] if args.big_recs and not args.skip_planning else []
    )
    report = run(
        scales=scales,
        send=args.send,
        concurrencies=args.concurrency,
        broker_url=broker_url,
        log_dir=ROOT / "var" / "bench-reminders",
        memory=not args.no_memory,
        profile=args.profile,
        repeat=args.repeat,
        actions_per_rec=args.actions_per_rec,
        plan=not args.skip_planning,
    )
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "reminders.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    table = markdown(report)
    (args.results / "reminders.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
