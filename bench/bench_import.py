"""Import 5,000 generated participants into a fresh seminar and report the time and the number of queries.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgresql://... python -m bench.bench_import [--rows N]

Runs the whole pipeline an organizer triggers: read the CSV by content, guess the column mapping, validate
every row against the database, then write in one transaction. A fifth of the people are already on record,
so matching by e-mail is measured too. Everything is rolled back at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import time
import uuid


def generate_csv(rows: int, tag: str) -> bytes:
    """A Russian-headed CSV in Windows-1251, as Akimat departments send them."""
    rng = random.Random(2019)
    first = ["Айгерим", "Болат", "Дана", "Ерлан", "Гульнара", "Марат", "Сауле", "Тимур", "Жанна", "Нурлан"]
    kinds = ["музей", "университет", "туризм", "областной акимат", "нпо", ""]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["ФИО", "Эл. почта", "Телефон", "Организация", "Тип организации", "Должность", "Пол", "Язык"])
    for n in range(rows):
        writer.writerow(
            [
                f"{rng.choice(first)} Пример-{n}",
                f"bench-{tag}-{n}@example.org",
                f"+7 701 {n // 10000:03d} {n % 10000 // 100:02d} {n % 100:02d}",
                f"Демо организация {n % 40}",
                rng.choice(kinds),
                "Специалист",
                rng.choice(["ж", "м", ""]),
                rng.choice(["рус", "каз", "en"]),
            ]
        )
    return buffer.getvalue().encode("cp1251")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--existing", type=float, default=0.2, help="share of people already on record")
    parser.add_argument("--keep", action="store_true", help="commit instead of rolling back")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from portal.models import User
    from seminars import importing, imports
    from seminars.models import Person, Seminar

    tag = uuid.uuid4().hex[:8]
    data = generate_csv(args.rows, tag)

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            start = timezone.now() + dt.timedelta(days=30)
            # Capacity below the row count, so that the waiting list is filled too.
            seminar = Seminar.objects.create(
                slug=f"bench-import-{tag}",
                title_en="Import benchmark",
                start=start,
                end=start,
                capacity=args.rows * 9 // 10,
            )
            existing = int(args.rows * args.existing)
            Person.objects.bulk_create(
                [Person(full_name=f"On record {n}", email=f"bench-{tag}-{n}@example.org") for n in range(existing)]
            )
            user = User.objects.filter(is_superuser=True).first()

            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                table = imports.read_table(data)
                t1 = time.perf_counter()
                context = importing.import_context(seminar)
                result = imports.validate(table, imports.guess_mapping(table.headers), context)
                t2 = time.perf_counter()
                assert result.is_valid, result.errors[:5]
                summary = importing.import_participants(seminar, result.rows, by=user)
                t3 = time.perf_counter()
            print(f"rows: {args.rows:,} ({len(data) / 1024:.0f} KiB CSV, Windows-1251), database: {connection.vendor}")
            print(f"read and decode: {t1 - t0:6.2f} s")
            print(f"map and validate: {t2 - t1:6.2f} s")
            print(f"write (1 transaction): {t3 - t2:6.2f} s")
            print(f"total: {t3 - t0:6.2f} s, {len(queries)} queries")
            print(
                f"people created {summary.people_created:,}, matched {summary.people_matched:,}; "
                f"registered {summary.registered:,}, waiting list {summary.waitlisted:,}"
            )
            if not args.keep:
                raise Rollback
    except Rollback:
        print("rolled back (use --keep to keep the rows)")


if __name__ == "__main__":
    main()
