"""Participants' personal data handled lawfully (issue 20): the consent's version, the retention period, a
person's data exported or erased.

Anonymising keeps what the statistics count (status, gender, organization kind, the directory organization)
and erases whatever names a person: name, e-mail, phone, position, a free-text organization name. The audit
history of the person and of their registrations held the same details, so those rows go too; the erasure
itself is recorded as a new history row (who, when, why) that holds nothing personal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.dispatch import Signal
from django.utils import timezone

from seminars.models import (
    Certificate,
    CertificateBatch,
    Invitation,
    Person,
    Registration,
    SelfRegistrationRequest,
)

# Sent inside the anonymising transaction with the addresses the person was known by, so that apps above this
# one (reminders: the news digests sent to them) erase what they hold: person_anonymised.send(sender, emails=...).
person_anonymised = Signal()

# The wording of the consent box and of /privacy/ that a registration agrees to. Change it whenever either
# text changes in substance: each consent stores the version it was given under.
CONSENT_VERSION = "2026-12"

ERASED_FIELDS = ("full_name", "email", "phone", "organization_name", "position")


def retention_cutoff(now: dt.datetime | None = None, years: int | None = None) -> dt.datetime:
    years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
    return (now or timezone.now()) - dt.timedelta(days=round(365.25 * years))


def inactive_people(now: dt.datetime | None = None, years: int | None = None):
    """People not anonymised yet, on record before the cutoff, with no registration made or seminar held since."""
    cutoff = retention_cutoff(now, years)
    recent = Registration.objects.filter(person=OuterRef("pk")).filter(
        Q(created_at__gte=cutoff) | Q(seminar__end__gte=cutoff)
    )
    return Person.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff).filter(~Exists(recent))


def _erase(record, now: dt.datetime) -> None:
    record.organization_kind = record.effective_organization_kind or ""
    for name in ERASED_FIELDS:
        setattr(record, name, None if name == "email" else "")
    record.anonymised_at = now


def anonymise_person(person: Person, *, by=None, reason: str = "anonymised") -> Person:
    """Erase ``person``'s details and those held on each of their registrations; the counts stay."""
    now = timezone.now()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        registrations = list(
            Registration.objects.select_for_update(of=("self",)).filter(person=person).select_related("organization")
        )
        emails = {r.email for r in registrations if r.email} | ({person.email} if person.email else set())
        Person.history.filter(id=person.pk).delete()
        Registration.history.filter(id__in=[r.pk for r in registrations]).delete()
        if emails:
            SelfRegistrationRequest.objects.filter(email__in=emails).delete()
            # A person's invitations name them; an organization's invitation holds its contact address only.
            Invitation.objects.filter(email__in=emails, organization__isnull=True).delete()
        # The public check page shows the name printed on a certificate: it shows none once the person is erased
        # (the certificate still confirms that somebody attended). The seminars' stored ZIPs hold the printed
        # names: they are dropped, and the organizer makes a new one.
        registration_ids = [r.pk for r in registrations]
        Certificate.objects.filter(registration_id__in=registration_ids).update(full_name="")
        CertificateBatch.objects.filter(seminar__registrations__in=registration_ids).delete()
        person_anonymised.send(sender=Person, emails=emails)
        _erase(person, now)
        person._history_user = by
        person._change_reason = reason
        person.save()
        for registration in registrations:
            _erase(registration, now)
            registration._history_user = by
            registration._change_reason = reason
            registration.save()
    from seminars.signals import participants_changed

    participants_changed()
    return person


def anonymise_inactive(now: dt.datetime | None = None, years: int | None = None) -> int:
    """Anonymise everyone past the retention period, one transaction a person. Returns how many."""
    count = 0
    for person in inactive_people(now, years).only("pk").iterator():
        anonymise_person(person, reason="retention period over")
        count += 1
    return count


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_person(person: Person) -> dict[str, Any]:
    """Everything held about ``person``, as the answer to their request to see it (JSON-ready)."""
    registrations = Registration.objects.filter(person=person).select_related("seminar", "organization")
    details = ("full_name", "email", "phone", "organization_name", "organization_kind", "position", "gender")

    def contact(record) -> dict[str, Any]:
        return {
            **{name: getattr(record, name) or "" for name in details},
            "organization": record.organization.name if record.organization_id else "",
            "language": record.language,
            "consent_at": _iso(record.consent_at),
            "consent_version": record.consent_version,
        }

    return {
        "person": {"id": person.pk, **contact(person), "created_at": _iso(person.created_at)},
        "registrations": [
            {
                "seminar": str(r.seminar.title),
                "seminar_start": _iso(r.seminar.start),
                "status": r.status,
                "source": r.source,
                "registered_at": _iso(r.created_at),
                "checked_in_at": _iso(r.checked_in_at),
                **contact(r),
            }
            for r in registrations.order_by("seminar__start", "pk")
        ],
        "exported_at": _iso(timezone.now()),
    }
