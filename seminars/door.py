"""The check-in at the door: the QR code each participant's confirmation carries, and the search behind it.

The QR code holds a URL of the door screen with a signed token naming the registration. Only the seminar's
organizers can use the door screen, so the token is worth nothing to anyone else; it does not expire, as a
confirmation may be sent weeks ahead. ``registration_for_token`` refuses a token of another seminar.
"""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse

from seminars.models import Registration, Seminar

SALT = "seminars.door"
SEARCH_LIMIT = 30


def token_for(registration: Registration) -> str:
    return signing.dumps([registration.seminar_id, registration.pk], salt=SALT, compress=True)


def registration_for_token(seminar: Seminar, token: str) -> Registration | None:
    try:
        seminar_id, pk = signing.loads(token.strip(), salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if seminar_id != seminar.pk:
        return None
    return Registration.objects.select_related("organization").filter(seminar=seminar, pk=pk).first()


def scan_url(registration: Registration) -> str:
    path = reverse("seminars:door", kwargs={"slug": registration.seminar.slug})
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}?scan={token_for(registration)}"


def qr_png(registration: Registration) -> bytes:
    """The QR code of ``scan_url`` as a PNG, big enough for a phone camera held at arm's length."""
    buffer = io.BytesIO()
    segno.make(scan_url(registration), error="m").save(buffer, kind="png", scale=6, border=4)
    return buffer.getvalue()


def search(seminar: Seminar, query: str):
    """The seminar's registrations (not cancelled) whose name or organization contains every word."""
    registrations = (
        Registration.objects.filter(seminar=seminar)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("organization")
        .order_by("full_name", "pk")
    )
    # The registration's own contact details: the person behind it is an identity only admins see (issue 13).
    for word in query.split()[:5]:
        registrations = registrations.filter(Q(full_name__icontains=word) | Q(organization_name__icontains=word))
    return registrations


QR_CONTENT_ID = "checkin-qr"


def attach_qr(message, registration: Registration) -> None:
    """Attach the registration's QR code, shown in the HTML part as <img src="cid:checkin-qr">."""
    from email.mime.image import MIMEImage

    image = MIMEImage(qr_png(registration), "png")
    image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
    image.add_header("Content-Disposition", "inline", filename="check-in-qr.png")
    message.attach(image)
