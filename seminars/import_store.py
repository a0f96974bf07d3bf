"""Participant imports waiting between the upload, the column mapping and the confirmation.

Each is a PendingImport row: the parsed table (never the uploaded bytes; the file's name only as text, for the
run's record), the mapping chosen and whether it was checked. A row belongs to the seminar and to the user who
uploaded it, one per user and seminar; only that user's own requests find it, so another organizer of the same
seminar never sees the people in it. The database holds it, so any web process can serve any step. Rows older
than a day are deleted on each upload and every hour by the worker (seminars.purge_stale_imports), so an import
abandoned half-way keeps nobody's data for long.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from seminars import imports
from seminars.import_runs import clean_file_name
from seminars.models import PendingImport, Seminar

MAX_AGE = dt.timedelta(days=1)


def start(seminar: Seminar, user, table: imports.Table, mapping: list[str], file_name: str = "") -> PendingImport:
    """Keep ``table`` for ``user``'s import into ``seminar``, replacing any earlier one of theirs.

    ``file_name`` is kept as text for the run's record (cleaned: no folders, no control characters).
    """
    purge_stale()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                PendingImport.objects.filter(seminar=seminar, created_by=user).delete()
                return PendingImport.objects.create(
                    seminar=seminar,
                    created_by=user,
                    table=table.to_json(),
                    mapping=list(mapping),
                    file_name=clean_file_name(file_name),
                )
        except IntegrityError:  # the same user's other upload won the race: replace theirs
            continue
    raise IntegrityError("could not store the pending import")


def pending(seminar: Seminar, user) -> PendingImport | None:
    """``user``'s own import into ``seminar`` if it is younger than MAX_AGE; nobody else's, ever."""
    if not getattr(user, "is_authenticated", False):
        return None
    return PendingImport.objects.filter(
        seminar=seminar, created_by=user, created_at__gt=timezone.now() - MAX_AGE
    ).first()


def discard(seminar: Seminar, user) -> None:
    if getattr(user, "is_authenticated", False):
        PendingImport.objects.filter(seminar=seminar, created_by=user).delete()


def purge_stale(now: dt.datetime | None = None) -> int:
    """Delete the imports older than MAX_AGE; return how many went."""
    deleted, _by_model = PendingImport.objects.filter(created_at__lte=(now or timezone.now()) - MAX_AGE).delete()
    return deleted


def count_stale(now: dt.datetime | None = None) -> int:
    """Imports older than MAX_AGE still stored: more than none means the hourly purge is not running."""
    return PendingImport.objects.filter(created_at__lte=(now or timezone.now()) - MAX_AGE).count()
