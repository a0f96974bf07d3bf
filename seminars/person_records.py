"""A person's training record (issue 20, item 4): the seminars they attended and their certificates, seen by the
person through a signed link (in the thank-you e-mail) and by admins; and two records of one person merged.

The link names the person and carries a keyed digest of their address, like the self-service link: it stops
working when the address changes or the person is anonymised.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.i18n import language_link
from seminars.models import Certificate, Person, Registration

SALT = "seminars.person_records"


def _digest(email: str | None) -> str:
    return salted_hmac(SALT, (email or "").lower(), algorithm="sha256").hexdigest()[:20]


def token_for(person: Person) -> str:
    return signing.dumps([person.pk, _digest(person.email)], salt=SALT)


def person_for_token(token: str) -> Person | None:
    try:
        pk, digest = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(digest, str):
        return None
    person = Person.objects.filter(pk=pk, anonymised_at__isnull=True, email__isnull=False).first()
    if person is None or not constant_time_compare(digest, _digest(person.email)):
        return None
    return person


def record_url(person: Person, language: str) -> str:
    path = reverse("seminars:training_record", kwargs={"token": token_for(person)})
    return language_link(f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}", language)


def attended(person: Person) -> list[Registration]:
    """The seminars attended, newest first, each with its valid certificate (``certificate``, or None)."""
    registrations = list(
        Registration.objects.filter(person=person, status=Registration.Status.ATTENDED).for_person_record()
    )
    certificates = {c.registration_id: c for c in Certificate.objects.valid().filter(registration__in=registrations)}
    for registration in registrations:
        registration.certificate = certificates.get(registration.pk)
    return registrations


def merge_preview(keep: Person, other: Person) -> dict:
    """What merging ``other`` into ``keep`` does: the registrations moved, and those left out because ``keep``
    is registered for the same seminar already (they are deleted with ``other``)."""
    kept_seminars = set(Registration.objects.filter(person=keep).values_list("seminar_id", flat=True))
    theirs = list(Registration.objects.filter(person=other).select_related("seminar").order_by("seminar__start"))
    return {
        "moved": [r for r in theirs if r.seminar_id not in kept_seminars],
        "dropped": [r for r in theirs if r.seminar_id in kept_seminars],
    }


def merge(keep: Person, other: Person, *, by=None) -> int:
    """Move ``other``'s registrations and history to ``keep`` and delete ``other``; recorded in ``keep``'s
    history with who and why. Returns how many registrations moved."""
    with transaction.atomic():
        keep = Person.objects.select_for_update().get(pk=keep.pk)
        other = Person.objects.select_for_update().get(pk=other.pk)
        preview = merge_preview(keep, other)
        reason = f"merged with person #{other.pk}"
        for registration in preview["moved"]:
            registration.person = keep
            registration._history_user = by
            registration._change_reason = reason
            registration.save()
        # The other record's own history becomes this one's: who created and changed it stays readable.
        Person.history.filter(id=other.pk).update(id=keep.pk)
        other._history_user = by
        other._change_reason = f"merged into person #{keep.pk}"
        other.delete()
        if not keep.phone and other.phone:
            keep.phone = other.phone
        keep._history_user = by
        keep._change_reason = reason
        keep.save()
    return len(preview["moved"])
