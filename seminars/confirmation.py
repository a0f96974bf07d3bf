"""Self-registration confirmed by e-mail before a seat is held (issue 13, M3, L9, L10).

The public form records a request and mails a link to the address typed; only following the link (and
pressing the button the link opens, so that a mail scanner fetching it does nothing) registers the person,
with a seat or a place on the waiting list as before. The form answers the same whatever the address: an
address already registered for the seminar is told so by e-mail instead of receiving a link.

Mail to an address nobody confirmed is bounded: at most MAILS_PER_ADDRESS a day to one address, and none of
it repeats what the visitor typed (no name, no organization): only the seminar and the link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.tasks import enqueue
from seminars import services
from seminars.models import SelfRegistrationRequest, Seminar

log = logging.getLogger(__name__)

LINK_VALID = SelfRegistrationRequest.LINK_VALID
MAILS_PER_ADDRESS = 3  # a day, to one address, whatever the seminar
DETAIL_FIELDS = ("full_name", "email", "organization_name", "organization_kind", "position", "gender", "language")
# Kept as given (a yes or no), not as text.
CHOICE_FIELDS = ("recommendation_news",)


class LinkInvalid(services.RegistrationError):
    """The link is unknown, used already or expired."""

    @staticmethod
    def message() -> str:
        return _("This link is not valid any more. Fill in the registration form again.")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the requests whose link has expired (they hold personal data nobody confirmed)."""
    cutoff = (now or timezone.now()) - LINK_VALID
    deleted, _by_model = SelfRegistrationRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def request_registration(seminar: Seminar, data: Mapping[str, Any]) -> None:
    """Record the request and mail the link (or, if already registered, say so), after commit.

    Returns nothing on purpose: the caller answers the same whatever happened here.
    """
    if not seminar.self_registration_is_open:
        raise services.RegistrationError(_("Registration for this seminar is closed."))
    email = data["email"].strip().lower()
    now = timezone.now()
    purge_expired(now)
    with transaction.atomic():
        recent = SelfRegistrationRequest.objects.filter(email=email, created_at__gte=now - dt.timedelta(days=1))
        if recent.count() >= MAILS_PER_ADDRESS:
            log.info("self-registration: daily mail limit reached for one address; request %s not mailed", seminar.pk)
            return
        token = secrets.token_urlsafe(32)
        details = {name: data.get(name) or "" for name in DETAIL_FIELDS}
        details["email"] = email
        details.update({name: bool(data.get(name)) for name in CHOICE_FIELDS})
        request = SelfRegistrationRequest.objects.create(
            seminar=seminar, email=email, details=details, token_hash=_hash(token), created_at=now
        )
        from seminars import tasks

        enqueue(tasks.send_registration_link, request_id=request.pk, token=token)


def pending(seminar: Seminar, token: str) -> SelfRegistrationRequest | None:
    """The request this link confirms, if it is still valid."""
    return SelfRegistrationRequest.objects.filter(
        seminar=seminar, token_hash=_hash(token), created_at__gte=timezone.now() - LINK_VALID
    ).first()


def confirm(seminar: Seminar, token: str) -> services.RegistrationOutcome:
    """Register the person whose address the link proves. Raises LinkInvalid, AlreadyRegistered, RegistrationError."""
    with transaction.atomic():
        request = (
            SelfRegistrationRequest.objects.select_for_update()
            .filter(seminar=seminar, token_hash=_hash(token), created_at__gte=timezone.now() - LINK_VALID)
            .first()
        )
        if request is None:
            raise LinkInvalid(LinkInvalid.message())
        details = dict(request.details)
        # The address is proven: its other requests for this seminar are done with too.
        SelfRegistrationRequest.objects.filter(seminar=seminar, email=request.email).delete()
        return services.self_register(seminar, details)
