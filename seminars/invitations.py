"""Invitations to a seminar (issue 20, item 1): who is invited, their personal link, registering or declining
through it, and the reminders to those who have not answered.

The link holds a token signed with the portal's secret key (its own salt), like the self-service link
(seminars.self_service): it names one invitation and carries a keyed digest of the address it was sent to.
Registering through it needs no e-mail confirmation: the link itself went to that address. An organization's
contact address may pass the link on to its staff, so an organization's invitation registers each colleague
who uses it; a person's invitation registers that person once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Language, Organization, OrganizationEmail
from portal.tasks import enqueue
from portal.text import normalise_email
from seminars import imports, services
from seminars.models import Invitation, Registration, Seminar
from seminars.people import find_or_create_person, match_organization

LANGUAGES = {code for code, _label in Language.choices}


# ---- who to invite


@dataclass
class Invitee:
    email: str
    full_name: str = ""
    language: str = ""
    organization: Organization | None = None


@dataclass
class ParseResult:
    invitees: list[Invitee] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


_ANGLE = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>\s]+)>\s*$")


def _valid(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def parse_pasted(text: str) -> ParseResult:
    """One invitee a line: ``Name <email>``, ``email, Name``, ``Name; email`` or a bare address; a language code
    (kk, ru, en) may follow as the last cell."""
    result = ParseResult()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _ANGLE.match(line)
        if match:
            cells = [match["email"], match["name"].strip(" ,;\t\"'")]
        else:
            cells = [c.strip(" \"'") for c in re.split(r"[;,\t]", line)]
        emails = [c for c in cells if "@" in c]
        if len(emails) != 1 or not _valid(normalise_email(emails[0])):
            result.errors.append(
                _("Line %(number)d: no e-mail address found in “%(line)s”.") % {"number": number, "line": line[:80]}
            )
            continue
        others = [c for c in cells if c and c != emails[0]]
        language = others.pop() if others and others[-1].lower() in LANGUAGES else ""
        result.invitees.append(
            Invitee(email=normalise_email(emails[0]), full_name=" ".join(others)[:255], language=language.lower())
        )
    return result


def parse_table(table: imports.Table) -> ParseResult:
    """A spreadsheet's rows: its e-mail column (and name and language columns, if recognised)."""
    result = ParseResult()
    mapping = imports.guess_mapping(table.headers)
    if "email" not in mapping:
        result.errors.append(_("No column of e-mail addresses was recognised in the file's first row."))
        return result
    column = {name: index for index, name in enumerate(mapping) if name}
    for line, cells in table.rows:

        def cell(name: str, cells=cells) -> str:
            index = column.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        email = normalise_email(cell("email"))
        if not email or not _valid(email):
            result.errors.append(_("Row %(number)d: no valid e-mail address.") % {"number": line})
            continue
        language = cell("language").lower()
        result.invitees.append(
            Invitee(email=email, full_name=cell("full_name")[:255], language=language if language in LANGUAGES else "")
        )
    return result


def organization_invitees(organizations: Iterable[Organization]) -> list[Invitee]:
    """Each organization's contact addresses (portal.models.OrganizationEmail)."""
    rows = OrganizationEmail.objects.filter(organization__in=list(organizations)).select_related("organization")
    return [Invitee(email=normalise_email(row.email), organization=row.organization) for row in rows.order_by("pk")]


def past_participants(seminar: Seminar, user):
    """People registered for the other seminars of the user's organization (of this seminar's organizers for an
    admin): the details given there, which the user sees on those seminars' lists already. A seminar organized
    with another organization offers nothing of that organization's own seminars."""
    from portal import roles

    if roles.is_admin(user):
        organizers = seminar.organizers.all()
    else:
        organizers = [user.organization_id] if user.organization_id else []
    return (
        Registration.objects.filter(seminar__organizers__in=organizers, email__isnull=False)
        .exclude(seminar=seminar)
        .exclude(anonymised_at__isnull=False)
        .order_by("full_name", "email", "-created_at")
    )


# ---- inviting


@dataclass
class InviteOutcome:
    created: list[Invitation] = field(default_factory=list)
    already: int = 0


def invite(seminar: Seminar, invitees: Sequence[Invitee], *, by=None, language: str = "") -> InviteOutcome:
    """Record an invitation for each new address and mail it after commit; an address already invited is left."""
    from seminars import tasks

    outcome = InviteOutcome()
    seen: set[str] = set()
    existing = set(Invitation.objects.filter(seminar=seminar).values_list("email", flat=True))
    fallback = language if language in LANGUAGES else settings.LANGUAGE_CODE
    with transaction.atomic():
        for invitee in invitees:
            email = normalise_email(invitee.email)
            if not email or email in seen or email in existing:
                outcome.already += email in existing
                continue
            seen.add(email)
            invitation = Invitation(
                seminar=seminar,
                email=email,
                full_name=invitee.full_name,
                organization=invitee.organization,
                language=invitee.language or fallback,
                invited_by=by if getattr(by, "is_authenticated", False) else None,
            )
            try:
                with transaction.atomic():
                    invitation.save()
            except IntegrityError:  # invited at the same moment by another request
                outcome.already += 1
                continue
            outcome.created.append(invitation)
            enqueue(tasks.send_invitation, invitation_id=invitation.pk)
    return outcome


def schedule_reminders(seminar: Seminar, invitation_ids: Iterable[int], *, at: dt.datetime | None = None) -> int:
    """Remind the chosen invitees who have not answered, now or at ``at``. Each reminder is claimed when it is
    sent: someone who registers or declines meanwhile is not reminded. Returns how many were queued."""
    from seminars import tasks

    chosen = list(
        Invitation.objects.filter(seminar=seminar, pk__in=list(invitation_ids))
        .unanswered()
        .values_list("pk", "reminders_sent")
    )
    eta = at if at is not None and at > timezone.now() else None
    for pk, sent in chosen:
        enqueue(tasks.send_invitation_reminder, eta=eta, invitation_id=pk, number=sent + 1)
    return len(chosen)


# ---- the invitee's side


def mark_opened(invitation: Invitation) -> None:
    now = timezone.now()
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.INVITED).update(
        status=Invitation.Status.OPENED, opened_at=now
    )
    if updated:
        invitation.status, invitation.opened_at = Invitation.Status.OPENED, now


def can_register(invitation: Invitation) -> bool:
    """Registration is open, and a person's invitation has not been used (an organization's may be, again)."""
    if not invitation.seminar.registration_is_open():
        return False
    return invitation.organization_id is not None or invitation.status != Invitation.Status.REGISTERED


def initial_details(invitation: Invitation) -> dict[str, Any]:
    initial: dict[str, Any] = {"language": invitation.language}
    if invitation.organization_id is None:
        initial |= {"email": invitation.email, "full_name": invitation.full_name}
    else:
        initial |= {
            "organization_name": invitation.organization.name,
            "organization_kind": invitation.organization.kind,
        }
    return initial


def register(invitation: Invitation, data: Mapping[str, Any]) -> services.RegistrationOutcome:
    """Register through the invitation's link: a seat, or a place on the waiting list; confirmed by e-mail."""
    from seminars.privacy import CONSENT_VERSION
    from seminars.seats import notify_after_commit

    seminar = invitation.seminar
    if not can_register(invitation):
        raise services.RegistrationError(_("Registration for this seminar is closed."))
    email = normalise_email(data["email"])
    data = {**data, "email": email, "consent_at": timezone.now(), "consent_version": CONSENT_VERSION}
    organization = invitation.organization or match_organization(data.get("organization_name", ""))
    if organization is not None:
        data["organization"] = organization
    with transaction.atomic():
        existing = Registration.objects.filter(seminar=seminar, email=email).not_cancelled().first()
        if existing is not None:
            raise services.AlreadyRegistered(existing)
        person, created = find_or_create_person(data)
        outcome = services.register_person(
            seminar, person, source=Registration.Source.INVITATION, person_created=created, details=data
        )
        now = timezone.now()
        changes = {"status": Invitation.Status.REGISTERED, "responded_at": now}
        if invitation.registration_id is None:
            changes["registration"] = outcome.registration
        Invitation.objects.filter(pk=invitation.pk).update(**changes)
        notify_after_commit("send_registration_confirmation", outcome.registration.pk)
    return outcome


def decline(invitation: Invitation) -> bool:
    """The invitee says no. An invitation already used to register is left as it is."""
    return bool(
        Invitation.objects.filter(pk=invitation.pk, status__in=Invitation.UNANSWERED).update(
            status=Invitation.Status.DECLINED, responded_at=timezone.now()
        )
    )
