"""Writes that touch several rows: creating and editing seminars, registering, cancelling, promoting, checking in.

Seats are handed out in seminars.seats (under the seminar's row lock), people matched in seminars.people;
imports are written by seminars.importing, and the counts are RegistrationQuerySet methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import roles
from portal.bulk import bulk_update_with_audit
from portal.models import Organization
from portal.text import normalise_email, slug_text
from seminars.models import Person, Registration, Seminar
from seminars.people import (
    apply_contact_details,
    find_or_create_person,
    match_organization,
    model_values,
)
from seminars.seats import fill_free_seats, free_seats, lock, notify_after_commit, promote_now, seats_taken
from seminars.signals import participants_changed

Status = Registration.Status


class RegistrationError(Exception):
    """A registration change that is not allowed; the message is for the user."""


class AlreadyRegistered(RegistrationError):
    def __init__(self, registration: Registration):
        super().__init__(registration)
        self.registration = registration


@dataclass
class RegistrationOutcome:
    registration: Registration
    waitlisted: bool
    person_created: bool = False
    promoted: list[Registration] = field(default_factory=list)


# Paths under /seminars/ that a seminar's slug must not take.
RESERVED_SLUGS = frozenset({"new"})


def unique_slug(seminar: Seminar) -> str:
    """The seminar's URL identifier, made from its title (English first, else Russian, else Kazakh, transliterated)
    and its date; "-2", "-3"... when another seminar has it already. Nobody types it (issue 15)."""
    title = seminar.title_en or seminar.title_ru or seminar.title_kk or seminar.city or ""
    base = slug_text(title) or "seminar"
    base = f"{base}-{timezone.localtime(seminar.start):%Y-%m-%d}" if seminar.start else base
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Seminar.objects.filter(slug=slug).exclude(pk=seminar.pk).exists():
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
        locked = lock(seminar)
        seminar.save()
        wanted = list(organizers)
        # An organizer cannot remove their own organization: they would lock themselves out.
        if not roles.is_admin(by) and by.organization_id and by.organization_id not in {o.pk for o in wanted}:
            wanted.append(by.organization)
        seminar.organizers.set(wanted)
        seminar.sites.set(list(sites))
        locked.capacity = seminar.capacity
        promoted = fill_free_seats(locked, by=by)
    return promoted


def register_person(
    seminar: Seminar,
    person: Person,
    *,
    source: str,
    by=None,
    person_created: bool = False,
    details: Mapping[str, Any] | None = None,
) -> RegistrationOutcome:
    """Register ``person`` with the contact ``details`` given for this seminar (the person's own when none);
    beyond capacity they go on the waiting list. A cancelled registration comes back, with the details given now."""
    with transaction.atomic():
        locked = lock(seminar)
        existing = Registration.objects.select_for_update().filter(seminar_id=locked.pk, person=person).first()
        if existing is not None and existing.status != Status.CANCELLED:
            raise AlreadyRegistered(existing)
        # Seats freed without a promotion (a capacity raised in the admin) go to the queue first.
        promoted = fill_free_seats(locked, by=by)
        free = free_seats(locked, seats_taken(locked))
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
    return RegistrationOutcome(
        registration, waitlisted=status == Status.WAITLISTED, person_created=person_created, promoted=promoted
    )


def add_participant(seminar: Seminar, data: Mapping[str, Any], *, by) -> RegistrationOutcome:
    """An organizer adds someone: the details are this registration's; the person behind it is matched privately."""
    with transaction.atomic():
        email = normalise_email(data.get("email"))
        if email:
            existing = Registration.objects.filter(seminar=seminar, email=email).not_cancelled().first()
            if existing is not None:
                raise AlreadyRegistered(existing)
        person, created = find_or_create_person(data, by=by)
        return register_person(
            seminar, person, source=Registration.Source.ORGANIZER, by=by, person_created=created, details=data
        )


class EmailTaken(RegistrationError):
    """Another registration of the same seminar has this e-mail."""


def update_contact_details(registration: Registration, *, by=None) -> Registration:
    """Save an organizer's edit of a registration's details (already set on it, validated by the form).

    Only this registration changes. A new e-mail links it to the person behind that address, privately.
    """
    with transaction.atomic():
        stored = Registration.objects.select_for_update().only("pk", "email", "person_id").get(pk=registration.pk)
        email = normalise_email(registration.email)
        if email and email != (stored.email or ""):
            person, _created = find_or_create_person({**model_values(registration), "email": email}, by=by)
            same_seminar = Registration.objects.filter(seminar_id=registration.seminar_id).exclude(pk=registration.pk)
            if same_seminar.filter(Q(person=person) | Q(email=email)).exists():
                raise EmailTaken(_("Someone on this seminar's list already has this e-mail."))
            registration.person = person
        registration._history_user = by
        registration.save()
    return registration


def self_register(seminar: Seminar, data: Mapping[str, Any]) -> RegistrationOutcome:
    """Public self-registration; the confirmation e-mail goes out through the worker after commit.

    ``recommendation_news`` true: the participant asked for news of the seminar's recommendations (issue 19),
    recorded with the time their address was confirmed.
    """
    if not seminar.self_registration_is_open:
        raise RegistrationError(_("Registration for this seminar is closed."))
    email = normalise_email(data["email"])
    from seminars.privacy import CONSENT_VERSION

    now = timezone.now()
    data = {**data, "email": email, "consent_at": now, "consent_version": CONSENT_VERSION}
    organization = match_organization(data.get("organization_name", ""))
    if organization is not None:
        data["organization"] = organization
    with transaction.atomic():
        existing = Registration.objects.filter(seminar=seminar, email=email).not_cancelled().first()
        if existing is not None:
            raise AlreadyRegistered(existing)
        person, created = find_or_create_person(data)
        outcome = register_person(
            seminar, person, source=Registration.Source.SELF, person_created=created, details=data
        )
        set_news_opt_in(outcome.registration, bool(data.get("recommendation_news")), at=now)
        notify_after_commit("send_registration_confirmation", outcome.registration.pk)
    return outcome


def set_news_opt_in(registration: Registration, wanted: bool, *, at=None, by=None) -> None:
    """Record that the participant wants (or no longer wants) news of the seminar's recommendations, and when.

    Asking again keeps the first time asked; the registration's history records who changed it.
    """
    if wanted == (registration.news_opt_in_at is not None):
        return
    registration.news_opt_in_at = (at or timezone.now()) if wanted else None
    registration._history_user = by
    registration.save(update_fields=["news_opt_in_at", "updated_at"])


def cancel_registration(registration: Registration, *, by=None) -> list[Registration]:
    """Cancel; a freed seat goes to the first on the waiting list, who is told by e-mail. Returns those promoted."""
    with transaction.atomic():
        locked = lock(registration.seminar)
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
        promoted = fill_free_seats(locked, by=by) if held_seat else []
    registration.status = current.status
    return promoted


def promote(registration: Registration, *, by=None) -> bool:
    """An organizer gives a waiting-list place a seat, even beyond capacity. Returns True when now over capacity."""
    with transaction.atomic():
        locked = lock(registration.seminar)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != Status.WAITLISTED:
            raise RegistrationError(_("Only someone on the waiting list can be promoted."))
        promote_now(current, now=timezone.now(), by=by)
        over = locked.capacity is not None and seats_taken(locked) > locked.capacity
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
        lock(seminar)
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
        if changed:
            participants_changed()
    return len(changed), len(set(registration_ids)) - len(changed)
