"""A world-scale data set for the benchmark: thousands of sites, hundreds of thousands of people and reports.

Rows go straight to the database through `bench.rows` (COPY on PostgreSQL), with primary keys chosen here so
that foreign keys need no round trip. Everything comes from one seeded `random.Random`, so the same seed,
scale and `now` give the same data. Columns not named below take the model field's default (see rows.py).

Filled explicitly, per model (everything else: the field default, NULL, '' or now()):
- Region: slug, name_en/ru/kk. District: region, slug, name_en/ru.
- Organization: slug, names, kind, region, district, parent, preferred_language, website. OrganizationEmail.
- User: email, full_name, organization, language, password (unusable), groups, focal_point_for.
- Designation: kind, slug, names, unesco_ref, category, criteria, year, areas, serial/transboundary, review year.
- Site: slug, names, regions, districts, coordinates, managing organization, managers, descriptions,
  management plan (+ year), threats, visitor facilities, `search_text` if the model has one. SiteDesignation.
- Seminar: slug, titles, kind, organizers, start, end, venue, city, region, sites, capacity, registration
  state and deadline, status. Person: name, e-mail or phone, organization, position, gender, language, consent.
  Registration: seminar, person, status, source, created_at.
- Recommendation: titles, text, themes (the main one; one in four has a second), source, seminar, sites, lead
  and supporting organizations, priority, due date, status, created_at and `last_report_at` (= the newest of its
  progress reports). StatusChange.
  ProgressReport: recommendation, author, organization, date, text, evidence URL, created_at.
No history rows (simple_history) are written: the generated world has no edit history.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from bench import vocabulary as v
from bench.rows import Sink, Table, default_sink, foreign_keys_checked_in_bulk
from portal import roles
from portal.models import District, Organization, OrganizationEmail, Region, User
from recommendations.models import ProgressReport, Recommendation, RecommendationTheme, StatusChange
from seminars.models import Person, Registration, Seminar
from sites.models import Designation, Site, SiteDesignation

# The page the benchmark opens as an organizer: a seminar with exactly FULL.bench_participants participants.
BENCH_SEMINAR_SLUG = "world-bench-seminar"
BENCH_ORGANIZATION_SLUG = "world-bench-organizer"
# The site detail page the benchmark opens, and a word that site names contain (about 1 site in 20).
BENCH_SITE_SLUG = "w-site-00000"
SEARCH_TERM = "Caravanserai"

APPS_WITH_DATA = ("portal", "sites", "seminars", "recommendations", "reminders")


@dataclass(frozen=True)
class Sizes:
    regions: int
    districts: int
    organizations: int
    designations: int
    sites: int
    seminars: int
    people: int
    registrations: int
    recommendations: int
    progress_reports: int
    bench_participants: int

    @property
    def users(self) -> int:
        """One focal point per organization."""
        return self.organizations

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        if not 0 < scale <= 10:
            raise ValueError(f"scale must be in (0, 10], not {scale}")
        minimum = {"organizations": 2, "progress_reports": 0}

        def size(name: str) -> int:
            return max(minimum.get(name, 1), round(getattr(FULL, name) * scale))

        values = {f.name: size(f.name) for f in fields(cls)}
        if values["seminars"] == 1:
            values["bench_participants"] = values["registrations"]
        values["people"] = max(values["people"], values["bench_participants"])
        values["registrations"] = max(values["registrations"], values["bench_participants"])
        sizes = cls(**values)
        if sizes.registrations > sizes.seminars * sizes.people:
            raise ValueError(f"{sizes.registrations} registrations cannot fit {sizes.seminars} seminars")
        return sizes


FULL = Sizes(
    regions=200,
    districts=2_000,
    organizations=2_000,
    designations=20_000,
    sites=10_000,
    seminars=5_000,
    people=300_000,
    registrations=500_000,
    recommendations=100_000,
    progress_reports=500_000,
    bench_participants=2_000,
)


@dataclass
class TableTiming:
    label: str
    rows: int
    seconds: float


class Weighted:
    """A weighted choice with its cumulative weights computed once (random.choices redoes them every call)."""

    def __init__(self, *choices: tuple[Any, int]):
        self.values = [value for value, _weight in choices]
        self.cumulative = list(itertools.accumulate(weight for _value, weight in choices))

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


class WorldExists(Exception):
    pass


def world_exists() -> bool:
    return Seminar.objects.filter(slug=BENCH_SEMINAR_SLUG).exists()


def data_tables() -> list[str]:
    """Every table of the portal's apps, many-to-many and history tables included."""
    from django.apps import apps

    models_ = apps.get_models(include_auto_created=True)
    return sorted({m._meta.db_table for m in models_ if m._meta.app_label in APPS_WITH_DATA})


def reset_world() -> None:
    """Empty every table of the portal's apps (users and history included), as `flush` would, keeping groups."""
    tables = [*data_tables(), "django_session"]
    sql = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with foreign-key checks still pending in this transaction: run them first.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        connection.ops.execute_sql_flush(sql)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.ops.execute_sql_flush(sql)


class WorldGenerator:
    """Generates the world in FK order; `run()` returns the timing of every table."""

    def __init__(
        self,
        *,
        scale: float = 1.0,
        seed: int = 2019,
        now: dt.datetime | None = None,
        sink: Sink | None = None,
        log: Callable[[str], None] = print,
    ):
        self.sizes = Sizes.for_scale(scale)
        self.rng = random.Random(seed)
        self.now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        self.sink = sink or default_sink()
        self.log = log
        self.timings: list[TableTiming] = []
        self.written: list[type[models.Model]] = []

    # -- plumbing ---------------------------------------------------------------------------------------------

    def _write(self, model: type[models.Model], rows: Iterable[dict[str, Any]]) -> None:
        started = time.perf_counter()
        count = self.sink.write(Table(model, now=self.now), rows)
        timing = TableTiming(model._meta.label, count, time.perf_counter() - started)
        self.timings.append(timing)
        self.written.append(model)
        self.log(f"{timing.label:<42} {timing.rows:>9,} rows {timing.seconds:>7.2f} s")

    @staticmethod
    def _first_id(model: type[models.Model]) -> int:
        return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def _m2m(self, model: type[models.Model], name: str, pairs: Iterable[tuple[int, int]]) -> None:
        """Rows of an auto-created many-to-many table from (owner id, target id) pairs."""
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()  # attnames of the two FKs
        first = self._first_id(through)
        self._write(through, ({"id": first + i, source: a, target: b} for i, (a, b) in enumerate(pairs)))

    def _below(self, n: int) -> int:
        """A random int in [0, n): random() is C, randrange() is Python and the generator's hottest call."""
        return int(self.rng.random() * n)

    def _pick(self, values: Sequence[Any]) -> Any:
        return values[self._below(len(values))]

    def _past(self, max_days: int, min_days: int = 0) -> dt.datetime:
        seconds = min_days * 86400 + self._below((max_days - min_days) * 86400 + 1)
        return self.now - dt.timedelta(seconds=seconds)

    def _between(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        span = (end - start).total_seconds()
        return start + dt.timedelta(seconds=int(self.rng.random() * span)) if span > 0 else start

    def _weighted(self, choices: Weighted) -> Any:
        return choices.pick(self.rng)

    # -- the world ----------------------------------------------------------------------------------------------

    def run(self) -> list[TableTiming]:
        """Write the world; call inside a transaction (the command does), so that it is all or nothing."""
        with foreign_keys_checked_in_bulk(data_tables()):
            self._regions()
            self._organizations()
            self._users()
            self._designations()
            self._sites()
            self._seminars()
            self._people()
            self._registrations()
            self._recommendations()
            started = time.perf_counter()
        seconds = time.perf_counter() - started
        self.log(f"{'foreign keys checked (ADD CONSTRAINT)':<42} {'':>14} {seconds:>7.2f} s")
        self._reset_sequences()
        return self.timings

    def _regions(self) -> None:
        n = self.sizes.regions
        self.region_first = self._first_id(Region)
        self._write(
            Region,
            (
                {
                    "id": self.region_first + i,
                    "slug": f"w-region-{i:04d}",
                    "name_en": f"{v.PLACES[i % len(v.PLACES)]} Region {i}",
                    "name_ru": f"Регион {v.PLACES[i % len(v.PLACES)]} {i}",
                    "name_kk": f"{v.PLACES[i % len(v.PLACES)]} өңірі {i}",
                }
                for i in range(n)
            ),
        )
        # District d lies in region d % regions, so the districts of region r are r, r + regions, ...
        self.district_first = self._first_id(District)
        self._write(
            District,
            (
                {
                    "id": self.district_first + d,
                    "region_id": self.region_first + d % n,
                    "slug": f"w-district-{d:05d}",
                    "name_en": f"District {d}",
                    "name_ru": f"Район {d}",
                }
                for d in range(self.sizes.districts)
            ),
        )

    def _district_of_region(self, region_index: int, pick: int) -> int | None:
        n, per = self.sizes.regions, self.sizes.districts
        candidates = range(region_index, per, n)
        return self.district_first + candidates[pick % len(candidates)] if candidates else None

    def _organizations(self) -> None:
        n = self.sizes.organizations
        self.org_first = self._first_id(Organization)
        kinds = Weighted(
            (Organization.Kind.REGIONAL_AKIMAT, 10),
            (Organization.Kind.DISTRICT_AKIMAT, 30),
            (Organization.Kind.SITE_ADMINISTRATION, 20),
            (Organization.Kind.MUSEUM, 10),
            (Organization.Kind.UNIVERSITY, 8),
            (Organization.Kind.NGO, 10),
            (Organization.Kind.TOURISM, 7),
            (Organization.Kind.MEDIA, 5),
        )

        def rows() -> Iterator[dict[str, Any]]:
            yield {
                "id": self.org_first,
                "slug": BENCH_ORGANIZATION_SLUG,
                "name_en": "World Bench Organizing Office",
                "name_ru": "Организационный офис бенчмарка",
                "kind": Organization.Kind.UNESCO_OFFICE,
                "region_id": self.region_first,
            }
            for i in range(1, n):
                kind = self._weighted(kinds)
                region = self._below(self.sizes.regions)
                district = self._district_of_region(region, i) if kind == Organization.Kind.DISTRICT_AKIMAT else None
                # Parents have smaller ids, so no cycle; the first ten organizations are the parents.
                parent = self.org_first + i % 10 if kind == Organization.Kind.DISTRICT_AKIMAT and i >= 10 else None
                place = v.PLACES[i % len(v.PLACES)]
                yield {
                    "id": self.org_first + i,
                    "slug": f"w-org-{i:05d}",
                    "name_en": f"{place} {kind.label} {i}",
                    "name_ru": f"{kind.label} {place} {i}",
                    "kind": kind,
                    "region_id": self.region_first + region,
                    "district_id": district,
                    "parent_id": parent,
                    "preferred_language": self._pick(("ru", "ru", "kk", "en")),
                    "website": f"https://org-{i}.example.org/" if i % 3 == 0 else "",
                }

        self._write(Organization, rows())
        first = self._first_id(OrganizationEmail)
        self._write(
            OrganizationEmail,
            (
                {"id": first + i, "organization_id": self.org_first + i, "email": f"contact@w-org-{i:05d}.example.org"}
                for i in range(n)
            ),
        )

    def _users(self) -> None:
        """User u works for organization u and is its focal point; every other one also manages sites."""
        n = self.sizes.users
        self.user_first = self._first_id(User)
        self._write(
            User,
            (
                {
                    "id": self.user_first + u,
                    "email": f"w-user-{u:05d}@world.example.org",
                    "full_name": f"{v.FIRST_NAMES[u % len(v.FIRST_NAMES)]} {v.LAST_NAMES[u % len(v.LAST_NAMES)]}",
                    "organization_id": self.org_first + u,
                    "language": ("ru", "kk", "en")[u % 3],
                    "password": "!world-generated",  # unusable: starts with "!"
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "date_joined": self.now,
                }
                for u in range(n)
            ),
        )
        self._m2m(User, "focal_point_for", ((self.user_first + u, self.org_first + u) for u in range(n)))
        roles.ensure_roles()
        group = dict(Group.objects.filter(name__in=[roles.FOCAL_POINT, roles.SITE_MANAGER]).values_list("name", "id"))

        def memberships() -> Iterator[tuple[int, int]]:
            for u in range(n):
                yield self.user_first + u, group[roles.FOCAL_POINT]
                if u % 2 == 0:
                    yield self.user_first + u, group[roles.SITE_MANAGER]

        self._m2m(User, "groups", memberships())

    def _designations(self) -> None:
        n = self.sizes.designations
        self.designation_first = self._first_id(Designation)
        self.serial: list[int] = []
        wh, br = Designation.Kind.WORLD_HERITAGE, Designation.Kind.BIOSPHERE_RESERVE
        categories = (Designation.Category.CULTURAL, Designation.Category.NATURAL, Designation.Category.MIXED)

        def area() -> Decimal:
            return Decimal(self.rng.randrange(100, 10_000_000_00)) / 100

        def rows() -> Iterator[dict[str, Any]]:
            for i in range(n):
                kind = wh if i % 5 < 3 else br
                serial = self.rng.random() < 0.1
                if serial:
                    self.serial.append(i)
                transboundary = self.rng.random() < 0.05
                feature = v.FEATURES[i % len(v.FEATURES)]
                place = v.PLACES[(i // len(v.FEATURES)) % len(v.PLACES)]
                row = {
                    "id": self.designation_first + i,
                    "kind": kind,
                    "slug": f"w-designation-{i:05d}",
                    "name_en": f"{feature} of {place} {i}",
                    "name_ru": f"{v.FEATURES_RU[feature]} {place} {i}",
                    "year": self.rng.randint(1978, 2025),
                    "area_ha": area(),
                    "is_serial": serial,
                    "is_transboundary": transboundary,
                    "transboundary_countries": "Kyrgyzstan, Uzbekistan" if transboundary else "",
                }
                if kind == wh:
                    row["unesco_ref"] = 100_000 + i  # far above real list numbers, unique per kind
                    row["category"] = categories[i % 3]
                    row["criteria"] = ",".join(sorted(self.rng.sample(Designation.CRITERIA, self.rng.randint(1, 4))))
                    row["buffer_zone_ha"] = area()
                else:
                    row["core_area_ha"] = area()
                    row["transition_area_ha"] = area()
                    row["last_periodic_review"] = self._pick((None, 2015, 2018, 2021, 2024))
                yield row

        self._write(Designation, rows())

    def _sites(self) -> None:
        n, n_regions = self.sizes.sites, self.sizes.regions
        self.site_first = self._first_id(Site)
        has_search_text = any(f.name == "search_text" for f in Site._meta.concrete_fields)
        threats = [t.value for t in Site.Threat]
        plans = Weighted(
            (Site.ManagementPlan.ADOPTED, 5),
            (Site.ManagementPlan.IN_PREPARATION, 3),
            (Site.ManagementPlan.NONE, 2),
        )

        def rows() -> Iterator[dict[str, Any]]:
            for s in range(n):
                # Feature cycles fastest so that SEARCH_TERM is in 1 name of 20 at every scale.
                feature = v.FEATURES[s % len(v.FEATURES)]
                place = v.PLACES[(s // len(v.FEATURES)) % len(v.PLACES)]
                adjective = v.ADJECTIVES[(s // (len(v.FEATURES) * len(v.PLACES))) % len(v.ADJECTIVES)]
                plan = self._weighted(plans)
                row = {
                    "id": self.site_first + s,
                    "slug": f"w-site-{s:05d}",
                    "name_en": f"{adjective} {feature} of {place} {s}",
                    "name_ru": f"{v.FEATURES_RU[feature]} {place} {s}",
                    "name_kk": "",
                    "latitude": Decimal(self.rng.randrange(-60_000_000, 70_000_000)) / 1_000_000,
                    "longitude": Decimal(self.rng.randrange(-180_000_000, 180_000_000)) / 1_000_000,
                    "managing_organization_id": self.org_first + self._below(self.sizes.organizations),
                    "description_en": f"The {feature.lower()} near {place}, managed with the local communities.",
                    "description_ru": f"{v.FEATURES_RU[feature]} у {place}.",
                    "management_plan": plan,
                    "management_plan_year": self.rng.randint(2005, 2025)
                    if plan == Site.ManagementPlan.ADOPTED
                    else None,
                    "threats": self.rng.sample(threats, self.rng.randint(0, 3)),
                    "visitor_facilities": "Visitor centre, marked trails." if s % 4 == 0 else "",
                }
                if has_search_text:
                    row["search_text"] = " ".join((row["name_en"], row["name_ru"], row["slug"])).lower()
                yield row

        self._write(Site, rows())

        def region_links() -> Iterator[tuple[int, int]]:
            for s in range(n):
                yield self.site_first + s, self.region_first + s % n_regions
                if s % 20 == 0 and n_regions > 1:  # a site across two regions
                    yield self.site_first + s, self.region_first + (s + 1) % n_regions

        self._m2m(Site, "regions", region_links())
        districts = ((s, self._district_of_region(s % n_regions, s // n_regions)) for s in range(n))
        self._m2m(Site, "districts", ((self.site_first + s, d) for s, d in districts if d is not None))
        self._m2m(
            Site,
            "managers",
            (
                (self.site_first + s, self.user_first + s % self.sizes.users)
                for s in range(n)
                if (s % self.sizes.users) % 2 == 0
            ),
        )
        self._site_designations()

    def _site_designations(self) -> None:
        """Every designation covers site d % sites; a serial one also up to two more components."""
        n = self.sizes.sites
        first = self._first_id(SiteDesignation)
        serial = set(self.serial)

        def rows() -> Iterator[dict[str, Any]]:
            next_id = first
            for d in range(self.sizes.designations):
                sites = [d % n]
                if d in serial:
                    sites += [s for s in ((d + 7919) % n, (d + 2 * 7919) % n) if s not in sites]
                for k, s in enumerate(dict.fromkeys(sites)):
                    yield {
                        "id": next_id,
                        "site_id": self.site_first + s,
                        "designation_id": self.designation_first + d,
                        "component_name": f"Component {k + 1}" if d in serial else "",
                    }
                    next_id += 1

        self._write(SiteDesignation, rows())

    # -- seminars and people ---------------------------------------------------------------------------------

    def _seminar_plan(self) -> list[int]:
        """Participants per seminar: the bench seminar exactly `bench_participants`, the rest spread randomly."""
        sizes = self.sizes
        counts = [sizes.bench_participants]
        others = sizes.seminars - 1
        rest = sizes.registrations - sizes.bench_participants
        if others:
            weights = [self.rng.uniform(0.2, 1.8) for _ in range(others)]
            total = sum(weights)
            shares = [min(sizes.people, math.floor(rest * w / total)) for w in weights]
            missing, i = rest - sum(shares), 0
            while missing > 0:  # hand out the rounding remainder, one seat at a time
                if shares[i % others] < sizes.people:
                    shares[i % others] += 1
                    missing -= 1
                i += 1
            counts += shares
        return counts

    def _seminars(self) -> None:
        n = self.sizes.seminars
        self.seminar_first = self._first_id(Seminar)
        self.participants = self._seminar_plan()
        self.seminar_start: list[dt.datetime] = []
        self.seminar_status: list[str] = []
        self.seminar_capacity: list[int | None] = []
        self.completed: list[int] = []
        kinds = [k.value for k in Seminar.Kind]

        def rows() -> Iterator[dict[str, Any]]:
            for i in range(n):
                bench = i == 0
                if bench:
                    start = (self.now + dt.timedelta(days=30)).replace(hour=4, minute=0, second=0)
                elif self.rng.random() < 0.8:
                    start = self._past(6 * 365, 1)
                else:
                    start = self.now + dt.timedelta(seconds=self.rng.randrange(86400, 365 * 86400))
                future = start > self.now
                if bench:
                    status = Seminar.Status.PUBLISHED
                elif future:
                    status = Seminar.Status.PUBLISHED if self.rng.random() < 0.8 else Seminar.Status.DRAFT
                else:
                    status = Seminar.Status.COMPLETED if self.rng.random() < 0.95 else Seminar.Status.CANCELLED
                if status == Seminar.Status.COMPLETED:
                    self.completed.append(i)
                # A third of the seminars have a capacity; those are full, with a short waiting list.
                capacity = None
                if not bench and self.rng.random() < 0.33:
                    capacity = max(1, self.participants[i] - self.participants[i] // 20)
                self.seminar_start.append(start)
                self.seminar_status.append(status)
                self.seminar_capacity.append(capacity)
                topic = v.SEMINAR_TOPICS[i % len(v.SEMINAR_TOPICS)]
                place = v.PLACES[i % len(v.PLACES)]
                yield {
                    "id": self.seminar_first + i,
                    "slug": BENCH_SEMINAR_SLUG if bench else f"w-seminar-{i:05d}",
                    "title_en": "World bench seminar" if bench else f"{topic}, {place} {i}",
                    "title_ru": "Семинар бенчмарка" if bench else f"Семинар {place} {i}",
                    "kind": kinds[i % len(kinds)],
                    "start": start,
                    "end": start + dt.timedelta(days=self.rng.randint(0, 3), hours=8),
                    "venue": f"Conference hall {i % 50}",
                    "city": place,
                    "region_id": self.region_first + i % self.sizes.regions,
                    "capacity": capacity,
                    "registration_state": "open" if future and status == Seminar.Status.PUBLISHED else "closed",
                    "registration_deadline": start - dt.timedelta(days=7) if future else None,
                    "public_registration": bench or self.rng.random() < 0.3,
                    "agenda": f"Day 1: {topic}. Day 2: field visit." if i % 2 == 0 else "",
                    "status": status,
                }

        self._write(Seminar, rows())
        n_orgs, n_sites = self.sizes.organizations, self.sizes.sites

        def organizers() -> Iterator[tuple[int, int]]:
            # Only the bench seminar is organized by the bench organization: its organizer's scope stays small.
            yield self.seminar_first, self.org_first
            for i in range(1, n):
                chosen = {1 + self._below(n_orgs - 1) for _ in range(1 + self._below(2))}
                for org in sorted(chosen):
                    yield self.seminar_first + i, self.org_first + org

        self._m2m(Seminar, "organizers", organizers())
        self._m2m(
            Seminar,
            "sites",
            (
                (self.seminar_first + i, self.site_first + s)
                for i in range(n)
                for s in sorted({self._below(n_sites) for _ in range(1 + self._below(2))})
            ),
        )

    def _people(self) -> None:
        n = self.sizes.people
        self.person_first = self._first_id(Person)
        genders = [g.value for g in Person.Gender]
        org_kinds = [k.value for k in Organization.Kind]

        def rows() -> Iterator[dict[str, Any]]:
            for p in range(n):
                has_email = p % 10 != 0
                in_directory = self.rng.random() < 0.7
                created = self._past(6 * 365)
                yield {
                    "id": self.person_first + p,
                    "full_name": f"{self._pick(v.FIRST_NAMES)} {self._pick(v.LAST_NAMES)}",
                    "email": f"p{p:06d}@people.example.org" if has_email else None,
                    "phone": "" if has_email and p % 3 else f"+7 701 {p % 10_000_000:07d}",
                    "organization_id": self.org_first + self._below(self.sizes.organizations) if in_directory else None,
                    "organization_name": "" if in_directory else f"Independent {self._pick(v.FEATURES)} Fund",
                    "organization_kind": "" if in_directory else self._pick(org_kinds),
                    "position": self._pick(v.POSITIONS),
                    "gender": self._pick(genders),
                    "language": ("ru", "kk", "en")[p % 3],
                    "consent_at": created,
                    "created_at": created,
                }

        self.person_contacts: list[dict[str, Any]] = []

        def remembered() -> Iterator[dict[str, Any]]:
            # Each registration holds the details given for it: the same as its person's, in the bench.
            for row in rows():
                self.person_contacts.append({k: v for k, v in row.items() if k not in ("id", "created_at")})
                yield row

        self._write(Person, remembered())

    def _registrations(self) -> None:
        first = self._first_id(Registration)
        n_people = self.sizes.people
        S = Registration.Status
        completed = Weighted((S.ATTENDED, 85), (S.NO_SHOW, 10), (S.CANCELLED, 5))
        completed_full = Weighted((S.ATTENDED, 85), (S.NO_SHOW, 15))
        sources = Weighted(("organizer", 6), ("self", 3), ("import", 1))

        def status_for(i: int, position: int, count: int) -> str:
            capacity, status = self.seminar_capacity[i], self.seminar_status[i]
            if capacity is not None and position >= capacity:
                return S.WAITLISTED
            if status == Seminar.Status.COMPLETED:
                # Cancelling frees a seat, so seminars with a full waiting list have no cancellations.
                return self._weighted(completed if capacity is None else completed_full)
            if status == Seminar.Status.CANCELLED:
                return S.CANCELLED
            if i == 0 or capacity is not None:
                return S.REGISTERED
            return S.REGISTERED if self.rng.random() < 0.92 else S.CANCELLED

        def rows() -> Iterator[dict[str, Any]]:
            next_id = first
            for i, count in enumerate(self.participants):
                start = self.seminar_start[i]
                closed = min(start, self.now)
                opened = min(start - dt.timedelta(days=60), closed)
                # Sorted join times, so that the waiting list is the last to register.
                times = sorted(self._between(opened, closed) for _ in range(count))
                people = self.rng.sample(range(n_people), count)
                for position, (person, created) in enumerate(zip(people, times, strict=True)):
                    yield {
                        "id": next_id,
                        "seminar_id": self.seminar_first + i,
                        "person_id": self.person_first + person,
                        **self.person_contacts[person],
                        "status": status_for(i, position, count),
                        "source": self._weighted(sources),
                        "created_at": created,
                    }
                    next_id += 1

        self._write(Registration, rows())

    # -- recommendations ---------------------------------------------------------------------------------------

    def _recommendations(self) -> None:
        n = self.sizes.recommendations
        first = self._first_id(Recommendation)
        R = Recommendation.Status
        statuses = Weighted(
            (R.PROPOSED, 10),
            (R.ACCEPTED, 20),
            (R.IN_PROGRESS, 35),
            (R.IMPLEMENTED, 25),
            (R.NOT_ACCEPTED, 5),
            (R.SUPERSEDED, 5),
        )
        reportable = {R.ACCEPTED, R.IN_PROGRESS, R.IMPLEMENTED}
        themes = [t.value for t in Recommendation.Theme]
        other_sources = [s.value for s in Recommendation.SourceKind if s != Recommendation.SourceKind.SEMINAR]

        # First pass: who each recommendation is, so that reports can be counted before any row is written.
        plan = []
        for _ in range(n):
            from_seminar = bool(self.completed) and self.rng.random() < 0.8
            seminar = self._pick(self.completed) if from_seminar else None
            if seminar is not None:
                created = min(self.now, self.seminar_start[seminar] + dt.timedelta(days=self.rng.randint(1, 30)))
            else:
                created = self._past(6 * 365)
            plan.append((seminar, created, self._weighted(statuses), self._below(self.sizes.organizations)))
        eligible = [r for r, (_s, _c, status, _o) in enumerate(plan) if status in reportable]
        if not eligible and self.sizes.progress_reports:
            eligible = list(range(n))  # tiny scales: reports need somewhere to go
        report_counts = Counter(self.rng.choices(eligible, k=self.sizes.progress_reports)) if eligible else Counter()
        reports: list[tuple[int, dt.datetime, int]] = []  # (recommendation, created_at, organization index)

        def rows() -> Iterator[dict[str, Any]]:
            for r, (seminar, created, status, lead) in enumerate(plan):
                times = [self._between(created, self.now) for _ in range(report_counts.get(r, 0))]
                reports.extend((r, t, lead) for t in times)
                verb = v.RECOMMENDATION_VERBS[r % len(v.RECOMMENDATION_VERBS)]
                obj = v.RECOMMENDATION_OBJECTS[(r // len(v.RECOMMENDATION_VERBS)) % len(v.RECOMMENDATION_OBJECTS)]
                yield {
                    "id": first + r,
                    "title_en": f"{verb} {obj} ({r})",
                    "title_ru": f"Рекомендация {r}",
                    "text": f"{verb} {obj} together with the site administration and report on the result.",
                    "theme": themes[r % len(themes)],
                    "source_kind": "seminar" if seminar is not None else self._pick(other_sources),
                    "seminar_id": self.seminar_first + seminar if seminar is not None else None,
                    "source_reference": "" if seminar is not None else f"Decision {40 + r % 8} COM 7B.{r % 100}",
                    "lead_organization_id": self.org_first + lead,
                    "priority": self._pick(("high", "medium", "medium", "low")),
                    "due_date": created.date() + dt.timedelta(days=self.rng.randint(90, 3 * 365)),
                    "status": status,
                    "last_report_at": max(times) if times else None,
                    "created_at": created,
                }

        self._write(Recommendation, rows())
        # Its main theme, and for one in four the next theme of the list as well (issue 18: several themes).
        theme_first = self._first_id(RecommendationTheme)
        theme_pairs = (
            (first + r, theme)
            for r in range(n)
            for theme in sorted({themes[r % len(themes)], *([themes[(r + 1) % len(themes)]] if r % 4 == 0 else [])})
        )
        self._write(
            RecommendationTheme,
            (
                {"id": theme_first + i, "recommendation_id": rec, "theme": theme}
                for i, (rec, theme) in enumerate(theme_pairs)
            ),
        )
        n_sites, n_orgs = self.sizes.sites, self.sizes.organizations
        self._m2m(
            Recommendation,
            "sites",
            (
                (first + r, self.site_first + s)
                for r in range(n)
                for s in sorted({self._below(n_sites) for _ in range(1 + self._below(2))})
            ),
        )
        self._m2m(
            Recommendation,
            "supporting_organizations",
            (
                (first + r, self.org_first + o)
                for r in range(n)
                for o in sorted({self._below(n_orgs) for _ in range(self._below(3))} - {plan[r][3]})
            ),
        )
        change_first = self._first_id(StatusChange)
        self._write(
            StatusChange,
            (
                {
                    "id": change_first + k,
                    "recommendation_id": first + r,
                    "from_status": R.PROPOSED,
                    "to_status": status,
                    "changed_at": min(self.now, created + dt.timedelta(days=7)),
                }
                for k, (r, (_s, created, status, _o)) in enumerate(
                    (r, p) for r, p in enumerate(plan) if p[2] != R.PROPOSED
                )
            ),
        )
        report_first = self._first_id(ProgressReport)
        self._write(
            ProgressReport,
            (
                {
                    "id": report_first + k,
                    "recommendation_id": first + r,
                    "author_id": self.user_first + lead,  # user u is the focal point of organization u
                    "organization_id": self.org_first + lead,
                    "date": created.date(),
                    "text": self._pick(v.REPORT_SENTENCES),
                    "evidence_url": f"https://evidence.example.org/{k}" if k % 3 == 0 else "",
                    "created_at": created,
                }
                for k, (r, created, lead) in enumerate(reports)
            ),
        )

    def _reset_sequences(self) -> None:
        """Rows carry explicit ids, so move every id sequence past them (a no-op on SQLite)."""
        sql = connection.ops.sequence_reset_sql(no_style(), list(dict.fromkeys(self.written)))
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


def analyze(models_written: Iterable[type[models.Model]], *, vacuum: bool) -> float:
    """Fresh planner statistics (and a visibility map, with vacuum) so the benchmark sees real plans."""
    if connection.vendor != "postgresql":
        return 0.0
    started = time.perf_counter()
    verb = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for model in dict.fromkeys(models_written):
            cursor.execute(f"{verb} {connection.ops.quote_name(model._meta.db_table)}")
    return time.perf_counter() - started


def sizes_as_dict(sizes: Sizes) -> dict[str, int]:
    return {**asdict(sizes), "users": sizes.users}
