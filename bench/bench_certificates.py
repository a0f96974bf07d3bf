"""Make the certificates of a 200-participant seminar as the worker does, in one process, and report the time.

    DJANGO_SETTINGS_MODULE=bench.settings [DATABASE_URL=postgresql://...] python -m bench.bench_certificates \
        [--participants 200] [--repeat 3]

Runs ``seminars.certificates.build_zip``, the body of the ``seminars.make_certificate_zip`` task: issue a
certificate for each attended participant (one INSERT each), render each PDF in the participant's language
(Kazakh, Russian and English in turn, Kazakh and Russian names), write them into one ZIP and store it, with
the progress updates the page polls. The first round of a fresh process also pays for loading fpdf2 and for
reading the fonts (and, on a machine that never made one, for cutting the font subset under var/cache/fonts).
Target (issue 17): under 20 s for 200 certificates in one worker. Everything is rolled back at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
import uuid

FIRST = ["Айгерім", "Болат", "Дана", "Ерлан", "Гүлнара", "Марат", "Сәуле", "Тимур", "Жанна", "Нұрлан"]
LAST = ["Қасымова", "Әбдірахманов", "Иванова", "Өмірзақов", "Сейітова", "Петров", "Ұзақбаева", "Example"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

    from django.db import connection, transaction
    from django.utils import timezone

    from portal.models import Organization
    from seminars import certificates
    from seminars.models import CertificateBatch, Person, Registration, Seminar

    class Rollback(Exception):
        pass

    timings, cpu_timings = [], []
    sizes = []
    for round_ in range(args.repeat):
        tag = uuid.uuid4().hex[:8]
        try:
            with transaction.atomic():
                start = timezone.now() - dt.timedelta(days=3)
                seminar = Seminar.objects.create(
                    slug=f"bench-certificates-{tag}",
                    title_kk="Алматы облысындағы ЮНЕСКО нысандарын басқару: өңірлік семинар",
                    title_ru="Управление объектами ЮНЕСКО в Алматинской области: региональный семинар",
                    title_en="Managing UNESCO-designated sites in Almaty region: a regional seminar",
                    start=start,
                    end=start + dt.timedelta(hours=7),
                    city_kk="Талдықорған",
                    city_ru="Талдыкорган",
                    city="Taldykorgan",
                    status=Seminar.Status.COMPLETED,
                )
                organizer = Organization.objects.create(
                    slug=f"bench-organizer-{tag}",
                    name_en="UNESCO Almaty Office (bench)",
                    name_ru="Бюро ЮНЕСКО в Алматы (бенч)",
                    name_kk="ЮНЕСКО-ның Алматыдағы кеңсесі (бенч)",
                    kind=Organization.Kind.UNESCO_OFFICE,
                )
                seminar.organizers.set([organizer])
                people = Person.objects.bulk_create(
                    [
                        Person(full_name=f"{FIRST[n % 10]} {LAST[n % 8]}", email=f"bench-{tag}-{n}@example.org")
                        for n in range(args.participants)
                    ]
                )
                Registration.objects.bulk_create(
                    [
                        Registration(
                            seminar=seminar,
                            person=person,
                            full_name=person.full_name,
                            email=person.email,
                            status=Registration.Status.ATTENDED,
                            language=("kk", "ru", "en")[n % 3],
                        )
                        for n, person in enumerate(people)
                    ]
                )
                batch = CertificateBatch.objects.create(seminar=seminar, total=args.participants)
                t0, c0 = time.perf_counter(), time.process_time()
                certificates.build_zip(batch.pk)
                elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
                batch.refresh_from_db()
                assert (batch.status, batch.done) == ("done", args.participants), (batch.status, batch.done)
                timings.append(elapsed)
                cpu_timings.append(cpu)
                sizes.append(len(bytes(batch.zip_file)))
                print(
                    f"round {round_ + 1}: {args.participants} certificates in {elapsed:.2f} s "
                    f"({1000 * elapsed / args.participants:.0f} ms each), {cpu:.2f} s of this process's CPU, "
                    f"ZIP {sizes[-1] / 1024:.0f} KiB"
                )
                raise Rollback
        except Rollback:
            pass
    load = os.getloadavg()[0]
    print(
        f"database: {connection.vendor}; median {statistics.median(timings):.2f} s (CPU "
        f"{statistics.median(cpu_timings):.2f} s), best {min(timings):.2f} s over {len(timings)} rounds "
        f"(target < 20 s); load average (1 min) after: {load:.1f}; rolled back"
    )


if __name__ == "__main__":
    main()
