"""A participant's own registration, reached without an account through the link their e-mails carry (issue 15).

The link holds a token signed with the portal's secret key (django.core.signing, its own salt): it names one
registration and carries a keyed digest of the address the registration was made with. Nobody can make one
without the key, one token opens that registration only, and it stops working when an organizer changes the
registration's e-mail (the link went to the old address). It does not expire: a confirmation may be sent weeks
before the seminar, and the page shows nothing the e-mail did not say already. Cancelling goes through
``services.cancel_registration``, the organizers' own cancellation, so the waiting list moves the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.i18n import language_link
from seminars.models import Registration

SALT = "seminars.self_service"
CANCELLABLE = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)


def _address_digest(email: str | None) -> str:
    return salted_hmac(SALT, (email or "").lower(), algorithm="sha256").hexdigest()[:20]


def token_for(registration: Registration) -> str:
    return signing.dumps([registration.pk, _address_digest(registration.email)], salt=SALT)


def registration_for_token(slug: str, token: str) -> Registration | None:
    """The registration of the seminar ``slug`` that ``token`` names, or None for anything else."""
    try:
        pk, digest = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(digest, str):
        return None
    registration = Registration.objects.select_related("seminar").filter(pk=pk, seminar__slug=slug).first()
    if registration is None or not constant_time_compare(digest, _address_digest(registration.email)):
        return None
    return registration


def manage_url(registration: Registration) -> str:
    """The full link for the e-mails, in the language the participant asked for."""
    path = reverse(
        "seminars:my_registration", kwargs={"slug": registration.seminar.slug, "token": token_for(registration)}
    )
    return language_link(f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}", registration.language)


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not on it."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    return Registration.objects.filter(seminar_id=registration.seminar_id).waitlisted().filter(ahead).count() + 1


def can_cancel(registration: Registration) -> bool:
    """Until the seminar starts, a seat or a place on the waiting list can be given up."""
    return registration.status in CANCELLABLE and registration.seminar.is_upcoming
