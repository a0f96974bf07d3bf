"""Who is reminded of what this cycle, and the delivery rows that say so.

Recipients: an organization's shared mailbox, its focal points or both (Organization.reminder_recipients), and
the managers of the sites concerned; a person hears only in the cycles their reminder_frequency allows
(frequency_allows), except of escalations, which reach them whatever they chose.

`compute(today)` reads: open recommendations in chunks (three queries per chunk, never one per
recommendation), then the open actions of open recommendations in chunks (two queries per chunk: an action's
item goes to its owner organization, and names the action and its recommendation; issue 18), the directory
once, the statutory deadlines once. `plan(today)` writes one Delivery per
recipient and cycle with its items. The unique constraint on (recipient, cycle, sequence) makes a second
run in the same cycle, or two runs at once, create nothing more: rows are inserted with ON CONFLICT DO
NOTHING and a run adds items only to the rows it created itself (marked with its `plan_token`).

Memory: recommendations are read in chunks of READ_CHUNK. `plan()` keeps one chunk's items in memory: after
each chunk they go to a temporary table (one COPY per chunk on PostgreSQL) and only a few numbers per recipient stay
(name, language, how many items, escalated or not). That works because every item of a recommendation is
planned while its chunk is read, so keeping a recipient's item once (the direct one before an escalation)
never needs another chunk. The deliveries are then written as before, WRITE_CHUNK recipients per
transaction, and their items copied from the temporary table by the database in the digest's order.
`compute()`, for the dry run, still gathers every item in memory.

Time (README, Performance): at 100,000 recommendations with 300,000 actions, ~550,000 items, most of it is
PostgreSQL's, per item written: checking its foreign keys (delivery, recommendation, action, site), at commit,
takes more than writing the row and its indexes. The planner resolves each organization's, person's and site's
digests once per run, reads local dates rather than timestamps, and stages items with COPY.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from portal.i18n import localized
from portal.models import Organization, OrganizationEmail, User
from portal.text import normalise_email
from recommendations.models import Action, Recommendation
from reminders.models import Delivery, ReminderItem
from sites.models import Designation, Obligation, Site, SiteDesignation

# A Monday: with the default seven-day cycle every cycle starts on a Monday.
CYCLE_EPOCH = dt.date(1970, 1, 5)
Recipients = Organization.ReminderRecipients
Frequency = User.ReminderFrequency
# The settings under which an organization's focal points receive its digests.
TO_PEOPLE = (Recipients.PEOPLE, Recipients.BOTH)
# Statutory deadlines are reminded from this many days before (issue 6).
STATUTORY_LEAD_DAYS = 90
READ_CHUNK = 2000
WRITE_CHUNK = 500

Kind = ReminderItem.Kind


def cycle_start(day: dt.date, cycle_days: int | None = None) -> dt.date:
    """The first day of the cycle containing ``day``: windows of REMINDER_CYCLE_DAYS counted from CYCLE_EPOCH.

    Deterministic, so every planning run in a cycle computes the same key.
    """
    days = cycle_days or settings.REMINDER_CYCLE_DAYS
    return CYCLE_EPOCH + dt.timedelta(days=((day - CYCLE_EPOCH).days // days) * days)


def periodic_review_due(year: int) -> dt.date:
    """The date a biosphere reserve's periodic review is due in its review year.

    The MAB Statutory Framework (Article 9) asks for a review every ten years and names no day, so the
    deadline is the last day of the review year.
    """
    return dt.date(year, 12, 31)


def frequency_allows(frequency: str, cycle: dt.date, cycle_days: int | None = None) -> bool:
    """Whether a person who chose ``frequency`` hears of their work in the cycle starting on ``cycle``.

    Weekly: the cycles that contain a Monday (every cycle when cycles are a week or longer); monthly: the cycle
    that contains the first day of a month. Deterministic, like the cycle itself: every planning run of a cycle
    decides the same. "Never" still hears of escalations: the caller lets escalated items through whatever this says.
    """
    days = cycle_days or settings.REMINDER_CYCLE_DAYS
    if frequency == Frequency.WEEKLY:
        return (7 - cycle.weekday()) % 7 < days
    if frequency == Frequency.MONTHLY:
        next_month = (cycle.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return cycle.day == 1 or (next_month - cycle).days < days
    return frequency != Frequency.NEVER


@dataclass(slots=True)
class PlannedItem:
    kind: str
    site_id: int | None
    due_date: dt.date | None
    days_overdue: int = 0
    escalated: bool = False
    last_report_on: dt.date | None = None
    recommendation_id: int | None = None
    obligation_id: int | None = None
    designation_id: int | None = None
    action_id: int | None = None
    # The subject, once: a digest looks it up for every item it is given.
    key: tuple[str, int] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if self.action_id:
            self.key = ("action", self.action_id)
        elif self.recommendation_id:
            self.key = ("recommendation", self.recommendation_id)
        elif self.obligation_id:
            self.key = ("obligation", self.obligation_id)
        else:
            self.key = ("review", self.designation_id)

    def escalation(self) -> PlannedItem:
        """The same item, escalated (to the parent organization)."""
        return replace(self, escalated=True)


@dataclass(slots=True)
class PlannedDigest:
    email: str
    language: str
    name: str
    organization_id: int | None = None
    user_id: int | None = None
    # Who the address belongs to when several do: a person (by id) before an organization (by id).
    rank: tuple[int, int] = (9, 0)
    items: dict[tuple[str, int], PlannedItem] = field(default_factory=dict)
    # Items already written to the stage by plan() (and no longer in `items`).
    staged: int = 0
    staged_escalated: bool = False

    def add(self, item: PlannedItem) -> None:
        existing = self.items.get(item.key)
        # A recipient directly responsible sees the item as theirs, not as an escalation.
        if existing is None or (existing.escalated and not item.escalated):
            self.items[item.key] = item

    @property
    def escalated(self) -> bool:
        return self.staged_escalated or any(item.escalated for item in self.items.values())

    @property
    def item_count(self) -> int:
        return self.staged + len(self.items)


@dataclass
class Plan:
    today: dt.date
    cycle: dt.date
    digests: dict[str, PlannedDigest]
    organizations_without_email: set[int]

    @property
    def item_count(self) -> int:
        return sum(d.item_count for d in self.digests.values())


@dataclass
class PlanResult:
    cycle: dt.date
    recipients: int
    items: int
    created: int
    already_planned: int
    organizations_without_email: set[int]


class _Directory:
    """The organizations, their e-mails and focal points, the site managers and site names: read once per run."""

    def __init__(self) -> None:
        self.organizations = {
            row["id"]: row
            for row in Organization.objects.values(
                "id", "parent_id", "preferred_language", "name_en", "name_ru", "name_kk", "reminder_recipients"
            )
        }
        self.emails: dict[int, list[str]] = defaultdict(list)
        for org_id, email in OrganizationEmail.objects.order_by("email").values_list("organization_id", "email"):
            normalised = normalise_email(email)
            if normalised not in self.emails[org_id]:
                self.emails[org_id].append(normalised)
        self.managers: dict[int, list[int]] = defaultdict(list)
        for site_id, user_id in Site.managers.through.objects.order_by("user_id").values_list("site_id", "user_id"):
            self.managers[site_id].append(user_id)
        # Focal points of the organizations whose digests go to people (Organization.reminder_recipients).
        self.focal_points: dict[int, list[int]] = defaultdict(list)
        for org_id, user_id in (
            User.focal_point_for.through.objects.filter(
                organization__reminder_recipients__in=TO_PEOPLE, user__is_active=True
            )
            .order_by("user_id")
            .values_list("organization_id", "user_id")
        ):
            self.focal_points[org_id].append(user_id)
        self.users = {
            row["id"]: row
            for row in User.objects.filter(is_active=True)
            .filter(Q(managed_sites__isnull=False) | Q(focal_point_for__reminder_recipients__in=TO_PEOPLE))
            .distinct()
            .values("id", "email", "language", "full_name", "reminder_frequency")
        }
        self.site_names = dict(Site.objects.values_list("id", "name_en"))
        self._names: dict[int, str] = {}

    def organization_name(self, org_id: int) -> str:
        name = self._names.get(org_id)
        if name is None:
            row = self.organizations[org_id]
            name = self._names[org_id] = localized(_Row(row), "name", row["preferred_language"])
        return name

    def sorted_sites(self, site_ids: Iterable[int]) -> list[int]:
        return sorted(set(site_ids), key=lambda pk: (self.site_names.get(pk, ""), pk))


class _Row:
    """Lets `localized` read a values() dict."""

    def __init__(self, row: dict) -> None:
        self.__dict__.update(row)


class _Planner:
    def __init__(self, today: dt.date, stage: _Stage | None = None) -> None:
        self.today = today
        self.cycle = cycle_start(today)
        self.directory = _Directory()
        self.digests: dict[str, PlannedDigest] = {}
        self.organizations_without_email: set[int] = set()
        self.stage = stage
        self._allows = {f: frequency_allows(f, self.cycle) for f in Frequency.values}
        # The digests an item for an organization, a person or a site's managers goes to, resolved once per run
        # (by kind, id and whether the item is escalated): they depend only on the directory.
        self._targets: dict[tuple[str, int, bool], tuple[PlannedDigest, ...]] = {}

    def allows(self, frequency: str) -> bool:
        return self._allows.get(frequency, True)

    def flush(self) -> None:
        """With a stage: write the items planned so far to it and forget them, keeping only their number."""
        if self.stage is None:
            return
        rows = []
        for digest in self.digests.values():
            if not digest.items:
                continue
            recipient = self.stage.number(digest.email)
            rows.extend(_stage_row(recipient, item) for item in digest.items.values())
            digest.staged += len(digest.items)
            digest.staged_escalated = digest.escalated
            digest.items.clear()
        self.stage.write(rows)

    # Recipients -------------------------------------------------------------------------------------------

    def _digest(self, email: str, *, language: str, name: str, rank: tuple[int, int], **ids) -> PlannedDigest:
        digest = self.digests.get(email)
        if digest is None:
            digest = self.digests[email] = PlannedDigest(email=email, language=language, name=name, rank=rank, **ids)
        elif rank < digest.rank:
            digest.language, digest.name, digest.rank = language, name, rank
            digest.organization_id = ids.get("organization_id")
            digest.user_id = ids.get("user_id")
        return digest

    def to_organization(self, org_id: int, item: PlannedItem) -> None:
        """To the organization's shared mailbox, its focal points, or both (Organization.reminder_recipients)."""
        targets = self._targets.get(("organization", org_id, item.escalated))
        if targets is None:
            targets = self._targets["organization", org_id, item.escalated] = self._organization_targets(
                org_id, item.escalated
            )
        for digest in targets:
            digest.add(item)

    def _organization_targets(self, org_id: int, escalated: bool) -> tuple[PlannedDigest, ...]:
        """With "focal points only" and no active focal point, the mailbox gets it: a setting never leaves an
        organization unreminded. A focal point's own frequency applies (to_user)."""
        row = self.directory.organizations[org_id]
        setting = row["reminder_recipients"]
        people = self.directory.focal_points.get(org_id, ()) if setting in TO_PEOPLE else ()
        targets = [digest for user_id in people for digest in self._user_targets(user_id, escalated)]
        if people and setting == Recipients.PEOPLE:
            return tuple(targets)
        emails = self.directory.emails.get(org_id)
        if not emails:
            if not people:
                self.organizations_without_email.add(org_id)
            return tuple(targets)
        for email in emails:
            targets.append(
                self._digest(
                    email,
                    language=row["preferred_language"],
                    name=self.directory.organization_name(org_id),
                    rank=(1, org_id),
                    organization_id=org_id,
                )
            )
        return tuple(targets)

    def to_managers(self, site_id: int, item: PlannedItem) -> None:
        targets = self._targets.get(("site", site_id, item.escalated))
        if targets is None:
            targets = self._targets["site", site_id, item.escalated] = tuple(
                digest
                for user_id in self.directory.managers.get(site_id, ())
                for digest in self._user_targets(user_id, item.escalated)
            )
        for digest in targets:
            digest.add(item)

    def _user_targets(self, user_id: int, escalated: bool) -> tuple[PlannedDigest, ...]:
        """One person's digest, if their frequency lets this cycle through; an escalation always does."""
        user = self.directory.users.get(user_id)
        if user is None:  # inactive account
            return ()
        if not escalated and not self.allows(user["reminder_frequency"]):
            return ()
        return (
            self._digest(
                normalise_email(user["email"]),
                language=user["language"],
                name=user["full_name"] or user["email"],
                rank=(0, user_id),
                user_id=user_id,
            ),
        )

    # Recommendations --------------------------------------------------------------------------------------

    def _limits(self) -> tuple[dt.date, dt.date, Q]:
        """Due on or before the first; reported (or, never reported, recorded) on or before the second."""
        due_soon_limit = self.today + dt.timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
        stale_cutoff = self.today - dt.timedelta(days=settings.REMINDER_STALE_DAYS)
        # last_report_at before the start of the day after the cutoff, in local time: reported on or before it.
        stale_before = timezone.make_aware(dt.datetime.combine(stale_cutoff + dt.timedelta(days=1), dt.time.min))
        wanted = (
            Q(due_date__lte=due_soon_limit)
            | Q(last_report_at__lt=stale_before)
            | Q(last_report_at__isnull=True, created_at__lt=stale_before)
        )
        return due_soon_limit, stale_cutoff, wanted

    def recommendations(self) -> None:
        due_soon_limit, stale_cutoff, wanted = self._limits()
        candidates = _with_local_dates(Recommendation.objects.open().filter(wanted))
        for rows in _keyset_chunks(candidates, REC_FIELDS):
            ids = [row[0] for row in rows]
            supporting = defaultdict(list)
            for rec_id, org_id in (
                Recommendation.supporting_organizations.through.objects.filter(recommendation_id__in=ids)
                .order_by("organization_id")
                .values_list("recommendation_id", "organization_id")
            ):
                supporting[rec_id].append(org_id)
            sites = defaultdict(list)
            for rec_id, site_id in Recommendation.sites.through.objects.filter(recommendation_id__in=ids).values_list(
                "recommendation_id", "site_id"
            ):
                sites[rec_id].append(site_id)
            for rec_id, due_date, last_report_on, created_on, lead_id in rows:
                self._recommendation(
                    rec_id,
                    due_date,
                    last_report_on,
                    created_on,
                    [lead_id, *[o for o in supporting[rec_id] if o != lead_id]],
                    self.directory.sorted_sites(sites[rec_id]),
                    due_soon_limit,
                    stale_cutoff,
                )
            self.flush()  # every item of these recommendations is planned: none of them comes back later

    def _kind(self, due_date, last_report_on, created_on, soon, stale) -> tuple[str, int, dt.date | None] | None:
        """(kind, days overdue, last report's local date), or None when nothing is to be reminded.

        The last report's and the creation's local dates come from the database (_with_local_dates).
        """
        if due_date and due_date < self.today:
            return Kind.OVERDUE, (self.today - due_date).days, last_report_on
        if due_date and due_date <= soon:
            return Kind.DUE_SOON, 0, last_report_on
        if (last_report_on or created_on) <= stale:
            return Kind.STALE, 0, last_report_on
        return None

    def _recommendation(self, rec_id, due_date, last_report_on, created_on, organizations, site_ids, soon, stale):
        found = self._kind(due_date, last_report_on, created_on, soon, stale)
        if found is None:
            return
        kind, days_overdue, last_report_on = found

        def item(site_id: int | None, escalated: bool = False) -> PlannedItem:
            return PlannedItem(
                kind=kind,
                site_id=site_id,
                due_date=due_date,
                days_overdue=days_overdue,
                escalated=escalated,
                last_report_on=last_report_on,
                recommendation_id=rec_id,
            )

        # An organization's item sits under the recommendation's site only when it has one; one about several
        # sites goes under "several sites" in the digest, never under whichever site came first.
        only_site = site_ids[0] if len(site_ids) == 1 else None
        for org_id in organizations:
            self.to_organization(org_id, item(only_site))
        if kind == Kind.OVERDUE and days_overdue > settings.REMINDER_ESCALATE_AFTER_DAYS:
            for org_id in organizations:
                parent_id = self.directory.organizations[org_id]["parent_id"]
                if parent_id:
                    self.to_organization(parent_id, item(only_site, escalated=True))
        for site_id in site_ids:
            self.to_managers(site_id, item(site_id))

    # Actions (issue 18) -----------------------------------------------------------------------------------

    def actions(self) -> None:
        """Each open action of an open recommendation, to its owner (escalated to the owner's parent when long
        overdue), under the recommendation's site when it has one."""
        due_soon_limit, stale_cutoff, wanted = self._limits()
        candidates = _with_local_dates(
            Action.objects.open().filter(recommendation__status__in=Recommendation.OPEN_STATUSES).filter(wanted)
        )
        escalate_after = settings.REMINDER_ESCALATE_AFTER_DAYS
        for rows in _keyset_chunks(candidates, ACTION_FIELDS):
            sites = defaultdict(list)
            for rec_id, site_id in Recommendation.sites.through.objects.filter(
                recommendation_id__in={row[5] for row in rows}
            ).values_list("recommendation_id", "site_id"):
                sites[rec_id].append(site_id)
            for action_id, due_date, last_report_on, created_on, owner_id, rec_id in rows:
                found = self._kind(due_date, last_report_on, created_on, due_soon_limit, stale_cutoff)
                if found is None:
                    continue
                kind, days_overdue, last_report_on = found
                site_ids = sites[rec_id]

                item = PlannedItem(
                    kind=kind,
                    site_id=site_ids[0] if len(site_ids) == 1 else None,
                    due_date=due_date,
                    days_overdue=days_overdue,
                    last_report_on=last_report_on,
                    recommendation_id=rec_id,
                    action_id=action_id,
                )
                self.to_organization(owner_id, item)
                if kind == Kind.OVERDUE and days_overdue > escalate_after:
                    parent_id = self.directory.organizations[owner_id]["parent_id"]
                    if parent_id:
                        self.to_organization(parent_id, item.escalation())
            self.flush()  # an action is in one chunk only: none of its items comes back later

    # Statutory deadlines ----------------------------------------------------------------------------------

    def statutory(self) -> None:
        horizon = self.today + dt.timedelta(days=STATUTORY_LEAD_DAYS)
        designation_sites = defaultdict(list)
        for designation_id, site_id in SiteDesignation.objects.values_list("designation_id", "site_id"):
            designation_sites[designation_id].append(site_id)
        reserves = Designation.objects.filter(kind=Designation.Kind.BIOSPHERE_RESERVE).only(
            "id", "kind", "year", "last_periodic_review"
        )
        for designation in reserves:
            year = designation.next_periodic_review_year
            if year is None:
                continue
            due = periodic_review_due(year)
            if due <= horizon:
                self._statutory(designation_sites[designation.pk], due, designation_id=designation.pk)
        obligations = Obligation.objects.filter(completed_on__isnull=True, due_date__lte=horizon).values_list(
            "id", "designation_id", "due_date"
        )
        for obligation_id, designation_id, due in obligations:
            self._statutory(designation_sites[designation_id], due, obligation_id=obligation_id)
        self.flush()

    def _statutory(self, site_ids: list[int], due: dt.date, **subject) -> None:
        for site_id in self.directory.sorted_sites(site_ids):
            self.to_managers(
                site_id,
                PlannedItem(
                    kind=Kind.STATUTORY,
                    site_id=site_id,
                    due_date=due,
                    days_overdue=max(0, (self.today - due).days),
                    **subject,
                ),
            )


@dataclass
class Reach:
    """Who an organization's reminder digests reach (the admin shows it): what to_organization() does."""

    mailboxes: list[str]
    people: list  # portal.User, with their reminder_frequency
    fallback: bool  # "focal points only", but none is active: the mailbox gets them


def organization_reach(organization: Organization) -> Reach:
    setting = organization.reminder_recipients
    people = []
    if setting in TO_PEOPLE:
        people = list(organization.focal_points.filter(is_active=True).order_by("full_name", "email"))
    fallback = setting == Recipients.PEOPLE and not people
    mailboxes = (
        []
        if setting == Recipients.PEOPLE and people
        else sorted({normalise_email(e) for e in organization.contact_emails})
    )
    return Reach(mailboxes=mailboxes, people=people, fallback=fallback)


REC_FIELDS = ("pk", "due_date", "last_report_on", "created_on", "lead_organization_id")
ACTION_FIELDS = ("pk", "due_date", "last_report_on", "created_on", "owner_id", "recommendation_id")


def _with_local_dates(queryset):
    """The days (in the current time zone) of the last report and of the creation, as the database computes them:
    reading the timestamps and converting them in Python took a tenth of the planner's time."""
    return queryset.annotate(last_report_on=TruncDate("last_report_at"), created_on=TruncDate("created_at"))


def _keyset_chunks(queryset, fields: tuple[str, ...]) -> Iterator[list[tuple]]:
    """Rows of ``queryset`` in pk order, READ_CHUNK at a time, without OFFSET."""
    last_pk = 0
    while True:
        rows = list(queryset.filter(pk__gt=last_pk).order_by("pk").values_list(*fields)[:READ_CHUNK])
        if not rows:
            return
        yield rows
        last_pk = rows[-1][0]


def compute(today: dt.date | None = None, *, stage: _Stage | None = None) -> Plan:
    """Read only: the digests this cycle calls for, by recipient e-mail.

    With a stage, the digests' items go to it chunk by chunk and the digests keep only their number.
    """
    planner = _Planner(today or timezone.localdate(), stage)
    planner.recommendations()
    planner.actions()
    planner.statutory()
    return Plan(
        today=planner.today,
        cycle=planner.cycle,
        digests=planner.digests,
        organizations_without_email=planner.organizations_without_email,
    )


def plan(today: dt.date | None = None) -> PlanResult:
    """Write this cycle's deliveries. Safe to run any number of times, also concurrently."""
    with _Stage() as stage:
        computed = compute(today, stage=stage)
        stage.index()
        token = uuid.uuid4()
        now = timezone.now()
        emails = sorted(computed.digests)  # one global order: concurrent runs take row locks in the same order
        created = 0
        for start in range(0, len(emails), WRITE_CHUNK):
            chunk = emails[start : start + WRITE_CHUNK]
            with transaction.atomic():
                Delivery.objects.bulk_create(
                    [_delivery(computed.digests[email], computed, token, now) for email in chunk],
                    ignore_conflicts=True,
                )
                owned = dict(
                    Delivery.objects.filter(plan_token=token, recipient_email__in=chunk).values_list(
                        "recipient_email", "pk"
                    )
                )
                if owned:
                    stage.copy_items(owned)
            created += len(owned)
    return PlanResult(
        cycle=computed.cycle,
        recipients=len(emails),
        items=computed.item_count,
        created=created,
        already_planned=len(emails) - created,
        organizations_without_email=computed.organizations_without_email,
    )


_KIND_ORDER = {Kind.OVERDUE: 0, Kind.STATUTORY: 1, Kind.DUE_SOON: 2, Kind.STALE: 3, Kind.NEWS: 4}


def ordered_items(items: Iterable[PlannedItem]) -> list[PlannedItem]:
    return sorted(items, key=lambda i: (_KIND_ORDER[i.kind], i.due_date or dt.date.max, i.key))


def _delivery(digest: PlannedDigest, computed: Plan, token: uuid.UUID, now: dt.datetime) -> Delivery:
    return Delivery(
        recipient_email=digest.email,
        recipient_name=digest.name[:255],
        language=digest.language,
        organization_id=digest.organization_id,
        user_id=digest.user_id,
        cycle=computed.cycle,
        planned_on=computed.today,
        escalated=digest.escalated,
        item_count=digest.item_count,
        plan_token=token,
        created_at=now,
    )


# The order of items in a digest, as ordered_items() sorts them: kind, due date (none last), subject.
_SUBJECT_ORDER = {"action": 0, "obligation": 1, "recommendation": 2, "review": 3}


def _stage_row(recipient: int, item: PlannedItem) -> tuple:
    subject, subject_id = item.key
    return (
        recipient,
        item.kind,
        item.recommendation_id,
        item.action_id,
        item.obligation_id,
        item.designation_id,
        item.site_id,
        item.due_date,
        item.days_overdue,
        item.escalated,
        item.last_report_on,
        _KIND_ORDER[item.kind],
        _SUBJECT_ORDER[subject],
        subject_id,
    )


class _Stage:
    """A temporary table holding the planned items of one run until their deliveries exist.

    Temporary: private to this database session, dropped at the end of the run (or with the session, if the
    process dies), and not written to PostgreSQL's WAL.
    """

    TABLE = "reminder_plan_stage"
    # (column, PostgreSQL type) in the order of _stage_row(). Recipients by number: see number().
    COLUMNS = (
        ("recipient", "integer"),
        ("kind", "varchar(16)"),
        ("recommendation_id", "bigint"),
        ("action_id", "bigint"),
        ("obligation_id", "bigint"),
        ("designation_id", "bigint"),
        ("site_id", "bigint"),
        ("due_date", "date"),
        ("days_overdue", "integer"),
        ("escalated", "boolean"),
        ("last_report_on", "date"),
        ("kind_order", "smallint"),
        ("subject_order", "smallint"),
        ("subject_id", "bigint"),
    )
    # Copied to ReminderItem as they are.
    ITEM_COLUMNS = COLUMNS[1:11]

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def number(self, email: str) -> int:
        """The recipient's number in this run: the stage holds numbers, cheaper to send than addresses."""
        return self.numbers.setdefault(email, len(self.numbers))

    def __enter__(self) -> _Stage:
        columns = ", ".join(f"{name} {kind}" for name, kind in self.COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")  # left by a failed run on this connection
            cursor.execute(f"CREATE TEMPORARY TABLE {self.TABLE} ({columns})")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
        except DatabaseError:
            if exc is None:
                raise
            # The transaction is already broken by the error on its way out: that error is the one to see.

    def write(self, rows: list[tuple]) -> None:
        """All ``rows`` in one statement: COPY on PostgreSQL (psycopg writes the rows in C; an INSERT of
        unnest()ed arrays took three times the Python time and twice the database's), INSERT elsewhere."""
        if not rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {self.TABLE} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.COLUMNS))
                cursor.executemany(f"INSERT INTO {self.TABLE} VALUES ({placeholders})", rows)  # noqa: S608 - constant names

    def index(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX {self.TABLE}_recipient ON {self.TABLE} (recipient)")

    def copy_items(self, deliveries: dict[str, int]) -> None:
        """The staged items of each recipient to its delivery ({e-mail: delivery id}), in digest order."""
        qn = connection.ops.quote_name
        columns = ", ".join(name for name, _kind in self.ITEM_COLUMNS)
        staged = ", ".join(f"s.{name}" for name, _kind in self.ITEM_COLUMNS)
        pairs = ", ".join(["(%s, %s)"] * len(deliveries))
        sql = (
            f"INSERT INTO {qn(ReminderItem._meta.db_table)} (delivery_id, {columns}) SELECT d.column2, {staged} "  # noqa: S608 - constant names, values bound
            f"FROM {self.TABLE} s JOIN (VALUES {pairs}) d ON d.column1 = s.recipient "
            "ORDER BY d.column2, s.kind_order, s.due_date IS NULL, s.due_date, s.subject_order, s.subject_id"
        )
        params = [value for email, pk in deliveries.items() for value in (self.numbers[email], pk)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
