"""`manage.py generate_world_data` (bench settings only): the world-scale data set for `make bench` (logic in
bench/generate.py)."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bench.generate import WorldGenerator, analyze, reset_world, sizes_as_dict, world_exists


def _may_reset(database_name: str) -> bool:
    """--reset empties every portal table: only on a bench or test database, never on a real one by mistake."""
    name = str(database_name)
    return "bench" in name or name.startswith("test_") or "memory" in name


class Command(BaseCommand):
    help = (
        "Generate a world-scale data set (10,000 sites, 300,000 people, 500,000 progress reports...) "
        "for benchmarks. Refuses to run twice unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every size (0.001 for tests).")
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument(
            "--now", type=dt.datetime.fromisoformat, default=None, help="Pin 'now' (ISO, with offset) for dates."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Empty the portal's tables first (bench and test databases only)."
        )
        parser.add_argument("--no-vacuum", action="store_true", help="Skip VACUUM (ANALYZE) at the end.")

    def handle(self, *args, scale: float, seed: int, now: dt.datetime | None, reset: bool, no_vacuum: bool, **opts):
        database = connection.settings_dict["NAME"]
        if now is not None and now.tzinfo is None:
            raise CommandError("--now needs a UTC offset, e.g. 2026-11-01T12:00:00+00:00")
        if reset and not _may_reset(database):
            raise CommandError(f"--reset empties every portal table; refusing on {database!r} (not a bench database).")
        try:
            generator = WorldGenerator(scale=scale, seed=seed, now=now, log=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Generating the world at scale {scale} into {database} ({connection.vendor}):")
        self.stdout.write(", ".join(f"{k} {v:,}" for k, v in sizes_as_dict(generator.sizes).items()))
        started = time.perf_counter()
        with transaction.atomic():
            if reset:
                reset_world()
                self.stdout.write(f"{'reset':<42} {'':>14} {time.perf_counter() - started:>7.2f} s")
            elif world_exists():
                raise CommandError(f"World data is already in {database}; use --reset to generate it again.")
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Only the durability of this one transaction's commit is relaxed; a crash loses the
                    # generated data, never consistency.
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            timings = generator.run()
            committing = time.perf_counter()
        self.stdout.write(f"{'commit':<42} {'':>14} {time.perf_counter() - committing:>7.2f} s")
        seconds = analyze(generator.written, vacuum=not no_vacuum and not connection.in_atomic_block)
        if seconds:
            self.stdout.write(f"{'vacuum/analyze':<42} {'':>14} {seconds:>7.2f} s")
        total = time.perf_counter() - started
        rows = sum(t.rows for t in timings)
        self.stdout.write(self.style.SUCCESS(f"{rows:,} rows in {total:.1f} s"))
