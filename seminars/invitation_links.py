"""The personal links of an invitation (seminars.invitations): signed with the portal's secret key, naming one
invitation and carrying a keyed digest of the address it was sent to."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.i18n import language_link
from seminars.models import Invitation

SALT = "seminars.invitations"


def _digest(email: str) -> str:
    return salted_hmac(SALT, (email or "").lower(), algorithm="sha256").hexdigest()[:20]


def token_for(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, _digest(invitation.email)], salt=SALT)


def invitation_for_token(slug: str, token: str) -> Invitation | None:
    """The invitation to the seminar ``slug`` that ``token`` names, or None for anything else."""
    try:
        pk, digest = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(digest, str):
        return None
    invitation = (
        Invitation.objects.select_related("seminar", "organization", "registration")
        .filter(pk=pk, seminar__slug=slug)
        .first()
    )
    if invitation is None or not constant_time_compare(digest, _digest(invitation.email)):
        return None
    return invitation


def _full(path: str, language: str) -> str:
    return language_link(f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}", language)


def link(invitation: Invitation) -> str:
    path = reverse("seminars:invitation", kwargs={"slug": invitation.seminar.slug, "token": token_for(invitation)})
    return _full(path, invitation.language)


def decline_link(invitation: Invitation) -> str:
    kwargs = {"slug": invitation.seminar.slug, "token": token_for(invitation)}
    return _full(reverse("seminars:invitation_decline", kwargs=kwargs), invitation.language)
