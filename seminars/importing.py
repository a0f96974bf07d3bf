"""Writing an import: what the validator needs to know of the database, the preview, and the write itself.

Reading and checking the file is seminars.imports'; the pending import between the steps is seminars.import_store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from portal.bulk import BATCH_SIZE, bulk_update_with_audit, chunks
from portal.models import Organization
from seminars import import_runs, imports
from seminars.models import ImportRun, Person, Registration, Seminar
from seminars.people import CONTACT_FIELDS, apply_contact_details, contact_values
from seminars.seats import fill_free_seats, free_seats, lock, seats_taken
from seminars.services import RegistrationError
from seminars.signals import participants_changed

Status = Registration.Status


class ImportConflict(RegistrationError):
    """Someone registered one of the file's people between the preview and the confirmation."""


@dataclass
class ImportSummary:
    registered: int = 0
    waitlisted: int = 0
    promoted: int = 0


def import_context(seminar: Seminar) -> imports.Context:
    """What the validator must know about the database: three queries whatever the file's size."""
    active = Registration.objects.filter(seminar=seminar).not_cancelled()
    emails = frozenset(e for e in active.values_list("email", flat=True) if e)
    phones = frozenset(imports.phone_key(p) for p in active.exclude(phone="").values_list("phone", flat=True))
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
    taken = seats_taken(seminar)
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
        locked = lock(seminar)

        # 1. People, matched privately: by e-mail (stored lower-case), or by phone and name for those without
        # one. An existing person is linked as it is; the file's details go on the registrations only.
        emails = [r.email for r in rows if r.email]
        by_email: dict[str, Person] = {}
        for chunk in chunks(emails):
            by_email.update((p.email, p) for p in Person.objects.filter(email__in=chunk))
        phone_rows = [r for r in rows if not r.email]
        by_phone: dict[tuple[str, str], Person] = {}
        for chunk in chunks([r.phone for r in phone_rows]):
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
        for chunk in chunks([p.pk for p in people]):
            existing.update(
                (r.person_id, r) for r in Registration.objects.filter(seminar_id=locked.pk, person_id__in=chunk)
            )
        live = [r for r in existing.values() if r.status != Status.CANCELLED]
        if live:
            raise ImportConflict(len(live))

        summary.promoted = len(fill_free_seats(locked, by=by))
        free = free_seats(locked, seats_taken(locked))
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
            news = rows[index].news
            if registration is None:
                new_regs.append(
                    Registration(
                        seminar_id=locked.pk,
                        person=person,
                        status=status,
                        source=Registration.Source.IMPORT,
                        registered_by=by,
                        created_at=created_at,
                        news_opt_in_at=now if news == "yes" else None,
                        **data,
                    )
                )
            else:
                if news:  # an empty cell leaves the earlier answer as it was
                    registration.news_opt_in_at = (registration.news_opt_in_at or now) if news == "yes" else None
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
        revived_fields += ["promoted_at", "confirmation_sent_at", "promotion_notified_at", "news_opt_in_at"]
        revived_fields += [name.removesuffix("_id") for name in CONTACT_FIELDS]
        bulk_update_with_audit(Registration, revived, revived_fields, by=by, reason="import")
        participants_changed()  # neither bulk_create nor the bulk updates send post_save
    return summary


def run_import(
    seminar: Seminar,
    table: imports.Table,
    mapping: list[str],
    validation: imports.Validation,
    *,
    by,
    file_name: str = "",
) -> tuple[ImportRun, ImportSummary]:
    """Import the valid rows of ``validation`` and record the run, all in one transaction.

    Rows with problems are not written: the run keeps them as the XLSX to fix (seminars.import_runs), and its
    mode says the organizer chose to leave them out. If anything fails while writing, nothing is written and
    no run is recorded. Raises ImportConflict as import_participants does.
    """
    invalid = len(validation.invalid_lines)
    problems = None
    if invalid:  # made before the transaction, so that the seminar's lock is held only for the writes
        problems = import_runs.problems_xlsx(seminar, table, mapping, validation, file_name=file_name)
    with transaction.atomic():
        summary = import_participants(seminar, validation.rows, by=by) if validation.rows else ImportSummary()
        run = ImportRun.objects.create(
            seminar=seminar,
            created_by=by,
            file_name=import_runs.clean_file_name(file_name),
            mode=ImportRun.Mode.VALID_ROWS if invalid else ImportRun.Mode.ALL_ROWS,
            rows=len(validation.rows) + len(validation.skipped) + invalid,
            imported=summary.registered + summary.waitlisted,
            waitlisted=summary.waitlisted,
            skipped=len(validation.skipped),
            invalid=invalid,
            problems_file=problems,
        )
    return run, summary


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
