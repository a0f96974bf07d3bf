"""People across seminars: a private identity behind registrations, found by e-mail (any case) or created.

What anyone types is kept on the registration it was typed for (contact_values, apply_contact_details); an
existing person is linked as it is, never changed, and nothing about it goes back to the caller's screen.
Only admins see people and merge them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from portal.models import Organization
from portal.text import normalise_email
from seminars.models import Person, Registration

# The contact details a registration holds (attnames); a new person starts with the same.
CONTACT_FIELDS = (
    "full_name",
    "email",
    "phone",
    "organization_id",
    "organization_name",
    "organization_kind",
    "position",
    "gender",
    "language",
    "consent_at",
    "consent_version",
)
PERSON_FIELDS = CONTACT_FIELDS


def contact_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form or import data as contact-detail attributes (an Organization object becomes organization_id)."""
    values = {name: data[name] for name in CONTACT_FIELDS if name in data and data[name] is not None}
    if data.get("organization") is not None:
        values["organization_id"] = data["organization"].pk
    if values.get("organization_id"):
        values["organization_name"] = ""  # the directory entry says it all
    if "email" in values:
        values["email"] = normalise_email(values["email"]) or None
    return values


person_values = contact_values


def model_values(instance) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in CONTACT_FIELDS}


def apply_contact_details(registration: Registration, data: Mapping[str, Any]) -> None:
    """Give ``registration`` exactly these details: what ``data`` leaves out is blank (the field's default)."""
    values = contact_values(data)
    for name in CONTACT_FIELDS:
        default = Registration._meta.get_field(name.removesuffix("_id")).get_default()
        setattr(registration, name, values.get(name, default))


def find_or_create_person(data: Mapping[str, Any], *, by=None) -> tuple[Person, bool]:
    """The identity behind an e-mail (any case), as it is; or a new person starting with these details."""
    email = normalise_email(data.get("email"))
    if email:
        person = Person.objects.filter(email=email).first()
        if person is not None:
            return person, False
    person = Person(**contact_values(data))
    person._history_user = by
    try:
        with transaction.atomic():  # a savepoint: someone may have just created the same e-mail
            person.save()
    except IntegrityError:
        person = Person.objects.filter(email=email).first() if email else None
        if person is None:
            raise
        return person, False
    return person, True


def match_organization(name: str) -> Organization | None:
    """The directory organization with this name in any of its languages, if exactly one."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = list(
        Organization.objects.filter(Q(name_en__iexact=name) | Q(name_ru__iexact=name) | Q(name_kk__iexact=name))[:2]
    )
    return found[0] if len(found) == 1 else None
