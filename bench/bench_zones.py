"""Screen a planned road against 10,000 sites × 3 zones, and import a 5 MB zipped Shapefile.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgresql://... python -m bench.bench_zones [--sites N]

Targets (issue 16): screening under 200 ms, the Shapefile import under 5 s. Everything is written in one
transaction that is rolled back at the end: the database is left as it was.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import statistics
import time


def shapefile_of_size(target_bytes: int) -> bytes:
    """A zipped Shapefile in UTM 43N (with its .prj) of one polygon with enough vertices to reach the size."""
    import zipfile

    import shapefile
    from pyproj import CRS

    vertices = max(16, target_bytes // 16)  # 16 bytes per point in the .shp
    centre_x, centre_y, radius = 500_000, 4_900_000, 20_000
    ring = [
        (
            centre_x + radius * math.cos(2 * math.pi * i / vertices),
            centre_y + radius * math.sin(2 * math.pi * i / vertices),
        )
        for i in range(vertices)
    ]
    ring.append(ring[0])
    ring.reverse()  # clockwise outer ring, as the Shapefile specification wants
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON) as writer:
        writer.field("name", "C")
        writer.poly([ring])
        writer.record("bench")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("zone.shp", shp.getvalue())
        archive.writestr("zone.shx", shx.getvalue())
        archive.writestr("zone.dbf", dbf.getvalue())
        archive.writestr("zone.prj", CRS.from_epsg(32643).to_wkt("WKT1_ESRI"))
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--shapefile-mb", type=float, default=5.0)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from shapely.geometry import LineString

    from sites.models import Designation, Site, SiteDesignation
    from works import screening
    from works.models import PlannedWork
    from works.services import record_work
    from zones import geometry as geo
    from zones.models import Zone
    from zones.services import save_zone

    rng = random.Random(16)

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            started = time.perf_counter()
            designations = Designation.objects.bulk_create(
                [
                    Designation(kind="biosphere_reserve", slug=f"bench-zones-{n}", name_en=f"Bench reserve {n}")
                    for n in range(args.sites)
                ],
                batch_size=2000,
            )
            sites = Site.objects.bulk_create(
                [
                    Site(
                        slug=f"bench-zones-{n}",
                        name_en=f"Bench site {n}",
                        latitude=round(rng.uniform(41, 55), 6),
                        longitude=round(rng.uniform(47, 87), 6),
                    )
                    for n in range(args.sites)
                ],
                batch_size=2000,
            )
            SiteDesignation.objects.bulk_create(
                [SiteDesignation(site=s, designation=d) for s, d in zip(sites, designations, strict=True)],
                batch_size=2000,
            )
            zones = []
            for site, designation in zip(sites, designations, strict=True):
                core = geo.circle(float(site.longitude), float(site.latitude), 5000, segments=8)
                buffer = geo.ring_around(core, 10_000)
                transition = geo.ring_around(core.union(buffer), 20_000)
                for kind, shape in (("br_core", core), ("br_buffer", buffer), ("br_transition", transition)):
                    zone = Zone(
                        designation=designation, site=site, kind=kind, area_ha=0, source="bench", accuracy="schematic"
                    )
                    zone.set_geometry(shape)
                    zones.append(zone)
            Zone.objects.bulk_create(zones, batch_size=2000)
            print(f"data: {args.sites} sites × 3 zones written in {time.perf_counter() - started:.1f} s")

            # A 50 km road from a random site's point: near at least that site's zones.
            target = sites[len(sites) // 2]
            lon, lat = float(target.longitude), float(target.latitude)
            road = LineString([(lon - 0.3, lat - 0.1), (lon + 0.3, lat + 0.1)])
            timings, found = [], None
            for _run in range(args.runs):
                t0 = time.perf_counter()
                findings, measured = screening.find(road, 5000)
                timings.append((time.perf_counter() - t0) * 1000)
                found = (len(findings), measured)
            print(
                f"screening (find) against {len(zones)} zones: median {statistics.median(timings):.1f} ms, "
                f"max {max(timings):.1f} ms over {args.runs} runs; {found[0]} hits among {found[1]} shapes measured"
            )
            t0 = time.perf_counter()
            work = PlannedWork(title="Bench road", kind="road", stage="design", responsible_body="Bench")
            record_work(work, road)
            print(
                f"record and screen a work (writes, obligations, notices): {(time.perf_counter() - t0) * 1000:.1f} ms"
            )

            data = shapefile_of_size(int(args.shapefile_mb * 1024 * 1024))
            t0 = time.perf_counter()
            upload = geo.read_bytes("zone.zip", data, expect=geo.POLYGONAL)
            read = time.perf_counter() - t0
            save_zone(
                designation=designations[0],
                site=None,
                kind="br_core",
                upload=upload,
                source="bench",
                source_date=None,
                accuracy="digitised",
            )
            total = time.perf_counter() - t0
            print(
                f"shapefile import: {len(data) / 1024 / 1024:.1f} MB zip, read and validated in {read:.2f} s, "
                f"saved in {total:.2f} s in all ({connection.vendor})"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
