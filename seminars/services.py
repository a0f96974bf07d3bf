"""Writes that touch several rows: registering, cancelling, promoting, checking in, importing.

Every change to who holds a seat locks the seminar row (SELECT ... FOR UPDATE) first, so two requests
counting seats at the same moment queue up instead of both taking the last one. E-mails are queued for
the worker only after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from portal import pagecache, roles
from portal.models import Organization
from portal.tasks import enqueue
from seminars import imports
from seminars.models import Person, Registration, Seminar
from seminars.signals import PARTICIPANTS

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# SQLite allows at most 999 parameters in old builds; IN lists are cut to this size.
IN_CHUNK = 900
# The contact details a registration holds (attnames); a new person starts with the same.
CONTACT_FIELDS = (
    "full_name",
    "email",
    "phone",
    "organization_id",
    "organization_name",
    "organization_kind",
    "position",
    "gender",
    "language",
    "consent_at",
)

Status = Registration.Status


class RegistrationError(Exception):
    """A registration change that is not allowed; the message is for the user."""


class AlreadyRegistered(RegistrationError):
    def __init__(self, registration: Registration):
        super().__init__(registration)
        self.registration = registration


class ImportConflict(RegistrationError):
    """Someone registered one of the file's people between the preview and the confirmation."""


@dataclass
class RegistrationOutcome:
    registration: Registration
    waitlisted: bool
    promoted: list[Registration] = field(default_factory=list)


@dataclass
class ImportSummary:
    registered: int = 0
    waitlisted: int = 0
    promoted: int = 0


# ---------------------------------------------------------------------------------------------------------
# Seminars


def unique_slug(seminar: Seminar) -> str:
    base = slugify(seminar.title_en or seminar.city or "seminar")[:80] or "seminar"
    base = f"{base}-{timezone.localtime(seminar.start):%Y-%m-%d}" if seminar.start else base
    slug, n = base, 2
    while Seminar.objects.filter(slug=slug).exclude(pk=seminar.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_seminar(seminar: Seminar, *, organizers: Iterable[Organization], sites: Iterable, by) -> Seminar:
    """Save a new seminar; the creator's organization always organizes it."""
    if not seminar.slug:
        seminar.slug = unique_slug(seminar)
    seminar.created_by = by
    seminar.save()
    wanted = list(organizers)
    if by.organization_id and by.organization_id not in {o.pk for o in wanted}:
        wanted.append(by.organization)
    seminar.organizers.set(wanted)
    seminar.sites.set(list(sites))
    return seminar


def update_seminar(seminar: Seminar, *, organizers: Iterable[Organization], sites: Iterable, by) -> list[Registration]:
    """Save an edited seminar. A raised capacity promotes from the waiting list. Returns those promoted."""
    with transaction.atomic():
        locked = _lock(seminar)
        seminar.save()
        wanted = list(organizers)
        # An organizer cannot remove their own organization: they would lock themselves out.
        if not roles.is_admin(by) and by.organization_id and by.organization_id not in {o.pk for o in wanted}:
            wanted.append(by.organization)
        seminar.organizers.set(wanted)
        seminar.sites.set(list(sites))
        locked.capacity = seminar.capacity
        promoted = _fill_free_seats(locked, by=by)
    return promoted


def status_counts(seminar: Seminar) -> dict[str, int]:
    """Registrations by status, every status present (one query)."""
    rows = Registration.objects.filter(seminar=seminar).values_list("status").annotate(n=Count("pk")).order_by()
    return {**dict.fromkeys(Status.values, 0), **dict(rows)}


def statistics(seminar: Seminar) -> dict[str, Any]:
    """Counts by status, and by gender and organization kind of those who held a seat (three queries)."""
    regs = Registration.objects.filter(seminar=seminar)
    by_status = status_counts(seminar)
    seated = regs.filter(status__in=Registration.SEAT_HOLDING)
    by_gender_rows = seated.values_list("gender", "status").annotate(n=Count("pk")).order_by()
    kind = Coalesce(F("organization__kind"), F("organization_kind"))
    by_kind_rows = seated.annotate(kind=kind).values_list("kind").annotate(n=Count("pk")).order_by()

    gender_labels = dict(Person.Gender.choices)
    genders = {g: {"label": gender_labels[g], "seated": 0, "attended": 0} for g in Person.Gender.values}
    for gender, status, n in by_gender_rows:
        genders[gender]["seated"] += n
        if status == Status.ATTENDED:
            genders[gender]["attended"] += n
    kind_labels = dict(Organization.Kind.choices)
    kinds = sorted(
        ({"label": kind_labels.get(k, "") if k else None, "count": n} for k, n in by_kind_rows),
        key=lambda row: -row["count"],
    )
    status_labels = dict(Status.choices)
    return {
        "by_status": [{"status": s, "label": status_labels[s], "count": by_status.get(s, 0)} for s in Status.values],
        "seated": sum(by_status.get(s, 0) for s in Registration.SEAT_HOLDING),
        "by_gender": list(genders.values()),
        "by_kind": kinds,
    }


# ---------------------------------------------------------------------------------------------------------
# Seats


def _lock(seminar: Seminar) -> Seminar:
    """Lock the seminar row until the transaction ends: the queue for its seats."""
    return Seminar.objects.select_for_update().only("pk", "capacity").get(pk=seminar.pk)


def _seats_taken(seminar: Seminar) -> int:
    return Registration.objects.filter(seminar_id=seminar.pk, status__in=Registration.SEAT_HOLDING).count()


def _free_seats(seminar: Seminar, taken: int) -> int | None:
    """None when there is no limit."""
    return None if seminar.capacity is None else max(seminar.capacity - taken, 0)


def _notify_after_commit(task_name: str, registration_id: int) -> None:
    from seminars import tasks

    enqueue(getattr(tasks, task_name), registration_id=registration_id)


def _fill_free_seats(locked: Seminar, *, by=None) -> list[Registration]:
    """Give free seats to the waiting list, first come first served. The caller holds the lock."""
    free = _free_seats(locked, _seats_taken(locked))
    queue = Registration.objects.filter(seminar_id=locked.pk).waitlisted()
    if free is not None:
        if free == 0:
            return []
        queue = queue[:free]
    promoted = []
    now = timezone.now()
    for registration in queue:
        _promote(registration, now=now, by=by)
        promoted.append(registration)
    return promoted


def _promote(registration: Registration, *, now, by=None) -> None:
    registration.status = Status.REGISTERED
    registration.promoted_at = now
    registration.promotion_notified_at = None
    if by is not None:
        registration._history_user = by
    registration.save()
    _notify_after_commit("send_promotion_notice", registration.pk)


def register_person(
    seminar: Seminar, person: Person, *, source: str, by=None, details: Mapping[str, Any] | None = None
) -> RegistrationOutcome:
    """Register ``person`` with the contact ``details`` given for this seminar (the person's own when none);
    beyond capacity they go on the waiting list. A cancelled registration comes back, with the details given now."""
    with transaction.atomic():
        locked = _lock(seminar)
        existing = Registration.objects.select_for_update().filter(seminar_id=locked.pk, person=person).first()
        if existing is not None and existing.status != Status.CANCELLED:
            raise AlreadyRegistered(existing)
        # Seats freed without a promotion (a capacity raised in the admin) go to the queue first.
        promoted = _fill_free_seats(locked, by=by)
        free = _free_seats(locked, _seats_taken(locked))
        status = Status.REGISTERED if free is None or free > 0 else Status.WAITLISTED
        registration = existing or Registration(seminar_id=locked.pk, person=person)
        apply_contact_details(registration, model_values(person) if details is None else details)
        registration.status = status
        registration.source = source
        registration.registered_by = by if getattr(by, "is_authenticated", False) else None
        registration.created_at = timezone.now()  # back in the queue from now
        registration.cancelled_at = registration.checked_in_at = registration.promoted_at = None
        registration.confirmation_sent_at = registration.promotion_notified_at = None
        registration.save()
    registration.seminar = seminar
    return RegistrationOutcome(registration, waitlisted=status == Status.WAITLISTED, promoted=promoted)


def contact_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form or import data as contact-detail attributes (an Organization object becomes organization_id)."""
    values = {name: data[name] for name in CONTACT_FIELDS if name in data and data[name] is not None}
    if data.get("organization") is not None:
        values["organization_id"] = data["organization"].pk
    if values.get("organization_id"):
        values["organization_name"] = ""  # the directory entry says it all
    if "email" in values:
        values["email"] = (values["email"] or "").strip().lower() or None
    return values


def apply_contact_details(registration: Registration, data: Mapping[str, Any]) -> None:
    """Give ``registration`` exactly these details: what ``data`` leaves out is blank (the field's default)."""
    values = contact_values(data)
    for name in CONTACT_FIELDS:
        default = Registration._meta.get_field(name.removesuffix("_id")).get_default()
        setattr(registration, name, values.get(name, default))


def find_or_create_person(data: Mapping[str, Any], *, by=None) -> Person:
    """The identity behind an e-mail (any case), or a new person starting with these details.

    The match is private: what anyone types never changes an existing person, and nothing about the person
    found is returned to the caller's screen. Only admins see people and merge them.
    """
    email = (data.get("email") or "").strip().lower()
    if email:
        person = Person.objects.filter(email=email).first()
        if person is not None:
            return person
    person = Person(**contact_values(data))
    person._history_user = by
    try:
        with transaction.atomic():  # a savepoint: someone may have just created the same e-mail
            person.save()
    except IntegrityError:
        person = Person.objects.filter(email=email).first() if email else None
        if person is None:
            raise
    return person


def match_organization(name: str) -> Organization | None:
    """The directory organization with this name in any of its languages, if exactly one."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = list(
        Organization.objects.filter(Q(name_en__iexact=name) | Q(name_ru__iexact=name) | Q(name_kk__iexact=name))[:2]
    )
    return found[0] if len(found) == 1 else None


def add_participant(seminar: Seminar, data: Mapping[str, Any], *, by) -> RegistrationOutcome:
    """An organizer adds someone: the details are this registration's; the person behind it is matched privately."""
    with transaction.atomic():
        email = (data.get("email") or "").strip().lower()
        if email:
            existing = Registration.objects.filter(seminar=seminar, email=email).not_cancelled().first()
            if existing is not None:
                raise AlreadyRegistered(existing)
        person = find_or_create_person(data, by=by)
        return register_person(seminar, person, source=Registration.Source.ORGANIZER, by=by, details=data)


class EmailTaken(RegistrationError):
    """Another registration of the same seminar has this e-mail."""


def update_contact_details(registration: Registration, *, by=None) -> Registration:
    """Save an organizer's edit of a registration's details (already set on it, validated by the form).

    Only this registration changes. A new e-mail links it to the person behind that address, privately.
    """
    with transaction.atomic():
        stored = Registration.objects.select_for_update().only("pk", "email", "person_id").get(pk=registration.pk)
        email = (registration.email or "").strip().lower()
        if email and email != (stored.email or ""):
            person = find_or_create_person({**contact_values(model_values(registration)), "email": email}, by=by)
            same_seminar = Registration.objects.filter(seminar_id=registration.seminar_id).exclude(pk=registration.pk)
            if same_seminar.filter(Q(person=person) | Q(email=email)).exists():
                raise EmailTaken(_("Someone on this seminar's list already has this e-mail."))
            registration.person = person
        registration._history_user = by
        registration.save()
    return registration


def model_values(instance) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in CONTACT_FIELDS}


def self_register(seminar: Seminar, data: Mapping[str, Any]) -> RegistrationOutcome:
    """Public self-registration; the confirmation e-mail goes out through the worker after commit."""
    if not seminar.self_registration_is_open:
        raise RegistrationError(_("Registration for this seminar is closed."))
    email = data["email"].strip().lower()
    data = {**data, "email": email, "consent_at": timezone.now()}
    organization = match_organization(data.get("organization_name", ""))
    if organization is not None:
        data["organization"] = organization
    with transaction.atomic():
        existing = Registration.objects.filter(seminar=seminar, email=email).not_cancelled().first()
        if existing is not None:
            raise AlreadyRegistered(existing)
        person = find_or_create_person(data)
        outcome = register_person(seminar, person, source=Registration.Source.SELF, details=data)
        _notify_after_commit("send_registration_confirmation", outcome.registration.pk)
    return outcome


def cancel_registration(registration: Registration, *, by=None) -> list[Registration]:
    """Cancel; a freed seat goes to the first on the waiting list, who is told by e-mail. Returns those promoted."""
    with transaction.atomic():
        locked = _lock(registration.seminar)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        if current.status == Status.ATTENDED:
            raise RegistrationError(_("This person attended; an attendance cannot be cancelled."))
        held_seat = current.holds_seat
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current._history_user = by
        current.save()
        promoted = _fill_free_seats(locked, by=by) if held_seat else []
    registration.status = current.status
    return promoted


def promote(registration: Registration, *, by=None) -> bool:
    """An organizer gives a waiting-list place a seat, even beyond capacity. Returns True when now over capacity."""
    with transaction.atomic():
        locked = _lock(registration.seminar)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != Status.WAITLISTED:
            raise RegistrationError(_("Only someone on the waiting list can be promoted."))
        _promote(current, now=timezone.now(), by=by)
        over = locked.capacity is not None and _seats_taken(locked) > locked.capacity
    registration.status = current.status
    return over


CHECKIN_FROM = {
    Status.ATTENDED: (Status.REGISTERED, Status.NO_SHOW),
    Status.NO_SHOW: (Status.REGISTERED, Status.ATTENDED),
    Status.REGISTERED: (Status.ATTENDED, Status.NO_SHOW),  # undo a check-in
}


def set_attendance(seminar: Seminar, registration_ids: Sequence[int], status: str, *, by=None) -> tuple[int, int]:
    """Mark attended / no-show / back to registered, in bulk. Returns (changed, skipped)."""
    allowed = CHECKIN_FROM[status]
    with transaction.atomic():
        _lock(seminar)
        candidates = list(Registration.objects.filter(seminar=seminar, pk__in=list(registration_ids)))
        now = timezone.now()
        changed = []
        for registration in candidates:
            if registration.status not in allowed:
                continue
            registration.status = status
            registration.checked_in_at = now if status == Status.ATTENDED else None
            registration.updated_at = now
            changed.append(registration)
        bulk_update_with_audit(
            Registration, changed, ["status", "checked_in_at", "updated_at"], by=by, reason="attendance"
        )
    return len(changed), len(set(registration_ids)) - len(changed)


# ---------------------------------------------------------------------------------------------------------
# Import


def _chunks(values: Sequence, size: int = IN_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def bulk_update_with_audit(model, objs: Sequence, fields: Sequence[str], *, by=None, reason: str = "") -> None:
    """Save ``fields`` of many rows in batches and record them in the audit history.

    Django's bulk_update builds a CASE WHEN per row and per field, which costs seconds for a thousand rows;
    on PostgreSQL one ``UPDATE ... FROM (VALUES ...)`` per batch does the same work in milliseconds.
    """
    if not objs:
        return
    pagecache.bump_version(PARTICIPANTS)  # neither path sends post_save
    if connection.vendor != "postgresql":
        bulk_update_with_history(
            objs, model, fields, batch_size=BATCH_SIZE, default_user=by, default_change_reason=reason
        )
        return
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    pk = model._meta.pk
    typed = [(pk, pk.db_type(connection)), *((c, c.db_type(connection)) for c in columns)]
    row_sql = "(" + ", ".join(f"CAST(%s AS {db_type})" for _field, db_type in typed) + ")"
    names = ", ".join(quote(field.column) for field, _db_type in typed)
    assignments = ", ".join(f"{quote(c.column)} = v.{quote(c.column)}" for c in columns)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        for batch in _chunks(list(objs), BATCH_SIZE):
            params = [
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for obj in batch
                for field, _db_type in typed
            ]
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} FROM (VALUES {', '.join([row_sql] * len(batch))}) "  # noqa: S608 - names quoted, values bound
                f"AS v({names}) WHERE t.{quote(pk.column)} = v.{quote(pk.column)}",
                params,
            )
    model.history.bulk_history_create(
        objs, batch_size=BATCH_SIZE, update=True, default_user=by, default_change_reason=reason
    )


def import_context(seminar: Seminar) -> imports.Context:
    """What the validator must know about the database: three queries whatever the file's size."""
    active = Registration.objects.filter(seminar=seminar).not_cancelled()
    emails = frozenset(e for e in active.values_list("email", flat=True) if e)
    phones = frozenset(imports.phone_key(p) for p in active.filter(email__isnull=True).values_list("phone", flat=True))
    organizations = {}
    for pk, kind, *names in Organization.objects.values_list("pk", "kind", "name_en", "name_ru", "name_kk"):
        for name in names:
            if name:
                organizations.setdefault(imports.normalise(name), (pk, kind))
    return imports.Context(registered_emails=emails, registered_phones=phones, organizations=organizations)


def import_preview(seminar: Seminar, rows: Sequence[imports.ParsedRow]) -> dict[str, int]:
    """What confirming would do, without writing: seats or waiting list.

    Nothing here tells who else is on record: matching the file's people with other organizations' is private.
    """
    taken = _seats_taken(seminar)
    waiting = Registration.objects.filter(seminar=seminar).waitlisted().count()
    free = None if seminar.capacity is None else max(seminar.capacity - taken - waiting, 0)
    seats = len(rows) if free is None else min(free, len(rows))
    return {
        "rows": len(rows),
        "registered": seats,
        "waitlisted": len(rows) - seats,
    }


def import_participants(seminar: Seminar, rows: Sequence[imports.ParsedRow], *, by) -> ImportSummary:
    """Write validated rows in one transaction, in batches: people matched by e-mail, then registrations.

    Raises ImportConflict (and writes nothing) if someone in the file got registered since the preview.
    """
    summary = ImportSummary()
    with transaction.atomic():
        locked = _lock(seminar)

        # 1. People, matched privately: by e-mail (stored lower-case), or by phone and name for those without
        # one. An existing person is linked as it is; the file's details go on the registrations only.
        emails = [r.email for r in rows if r.email]
        by_email: dict[str, Person] = {}
        for chunk in _chunks(emails):
            by_email.update((p.email, p) for p in Person.objects.filter(email__in=chunk))
        phone_rows = [r for r in rows if not r.email]
        by_phone: dict[tuple[str, str], Person] = {}
        for chunk in _chunks([r.phone for r in phone_rows]):
            for p in Person.objects.filter(email__isnull=True, phone__in=chunk):
                by_phone.setdefault((imports.phone_key(p.phone), p.full_name.casefold()), p)

        people: list[Person] = []
        details: list[dict[str, Any]] = []
        new_people: list[Person] = []
        for row in rows:
            data = contact_values(_row_values(row))
            if row.email:
                person = by_email.get(row.email)
            else:
                person = by_phone.get((imports.phone_key(row.phone), row.full_name.casefold()))
            if person is None:
                person = Person(**data)
                person.email = person.email or None  # bulk_create skips save(): store no e-mail as NULL
                new_people.append(person)
                if row.email:
                    by_email[row.email] = person
            people.append(person)
            details.append(data)
        if new_people:
            bulk_create_with_history(
                new_people, Person, batch_size=BATCH_SIZE, default_user=by, default_change_reason="import"
            )

        # 2. Registrations: a cancelled one comes back; a live one means the preview is out of date.
        existing: dict[int, Registration] = {}
        for chunk in _chunks([p.pk for p in people]):
            existing.update(
                (r.person_id, r) for r in Registration.objects.filter(seminar_id=locked.pk, person_id__in=chunk)
            )
        live = [r for r in existing.values() if r.status != Status.CANCELLED]
        if live:
            raise ImportConflict(len(live))

        summary.promoted = len(_fill_free_seats(locked, by=by))
        free = _free_seats(locked, _seats_taken(locked))
        now = timezone.now()
        new_regs, revived = [], []
        for index, (person, data) in enumerate(zip(people, details, strict=True)):
            status = Status.REGISTERED if free is None or index < free else Status.WAITLISTED
            if status == Status.REGISTERED:
                summary.registered += 1
            else:
                summary.waitlisted += 1
            # Microseconds apart, so that the waiting list keeps the file's order.
            created_at = now + dt.timedelta(microseconds=index)
            registration = existing.get(person.pk)
            if registration is None:
                new_regs.append(
                    Registration(
                        seminar_id=locked.pk,
                        person=person,
                        status=status,
                        source=Registration.Source.IMPORT,
                        registered_by=by,
                        created_at=created_at,
                        **data,
                    )
                )
            else:
                apply_contact_details(registration, data)
                registration.status = status
                registration.source = Registration.Source.IMPORT
                registration.registered_by = by
                registration.created_at = created_at
                registration.cancelled_at = registration.checked_in_at = registration.promoted_at = None
                registration.confirmation_sent_at = registration.promotion_notified_at = None
                revived.append(registration)
        if new_regs:
            bulk_create_with_history(
                new_regs, Registration, batch_size=BATCH_SIZE, default_user=by, default_change_reason="import"
            )
        revived_fields = ["status", "source", "registered_by", "created_at", "cancelled_at", "checked_in_at"]
        revived_fields += ["promoted_at", "confirmation_sent_at", "promotion_notified_at"]
        revived_fields += [name.removesuffix("_id") for name in CONTACT_FIELDS]
        bulk_update_with_audit(Registration, revived, revived_fields, by=by, reason="import")
        pagecache.bump_version(PARTICIPANTS)  # bulk_create sends no post_save
    return summary


def _row_values(row: imports.ParsedRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": row.full_name,
        "email": row.email,
        "phone": row.phone,
        "organization_id": row.organization_id,
        "organization_name": "" if row.organization_id else row.organization_name,
        "organization_kind": row.organization_kind,
        "position": row.position,
    }
    if row.gender:
        data["gender"] = row.gender
    if row.language:
        data["language"] = row.language
    return data
