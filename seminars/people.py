"""People across seminars: found by e-mail (any case), new ones created, blanks filled in, never overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from portal.models import Organization
from portal.text import normalise_email
from seminars.models import Person

# Fields a later registration may fill in on an existing person when they are empty there (attnames).
MERGEABLE_FIELDS = ("full_name", "phone", "organization_id", "organization_name", "organization_kind", "position")
PERSON_FIELDS = (
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
)


def person_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form or import data as Person attributes (an Organization object becomes organization_id)."""
    values = {name: data[name] for name in PERSON_FIELDS if name in data and data[name] is not None}
    if data.get("organization") is not None:
        values["organization_id"] = data["organization"].pk
    if values.get("organization_id"):
        values["organization_name"] = ""  # the directory entry says it all
    return values


def merge_person_details(person: Person, data: Mapping[str, Any]) -> list[str]:
    """Fill the person's empty fields from ``data``; never overwrite what is recorded. Returns the fields set."""
    data = person_values(data)
    changed = []
    for name in MERGEABLE_FIELDS:
        value = data.get(name)
        if value and not getattr(person, name):
            if name == "organization_name" and person.organization_id:
                continue
            setattr(person, name, value)
            changed.append(name)
    gender = data.get("gender")
    if gender and gender != Person.Gender.NOT_STATED and person.gender == Person.Gender.NOT_STATED:
        person.gender = gender
        changed.append("gender")
    return changed


def find_or_create_person(data: Mapping[str, Any], *, by=None) -> tuple[Person, bool]:
    """The person with this e-mail (any case), with blanks filled in; or a new person."""
    email = normalise_email(data.get("email"))
    if email:
        person = Person.objects.filter(email=email).first()
        if person is not None:
            _merge_and_save(person, data, by=by)
            return person, False
    person = Person(**person_values(data))
    person._history_user = by
    try:
        with transaction.atomic():  # a savepoint: someone may have just created the same e-mail
            person.save()
    except IntegrityError:
        person = Person.objects.filter(email=email).first() if email else None
        if person is None:
            raise
        _merge_and_save(person, data, by=by)
        return person, False
    return person, True


def _merge_and_save(person: Person, data: Mapping[str, Any], *, by=None) -> None:
    changed = merge_person_details(person, data)
    if data.get("consent_at") and not person.consent_at:
        person.consent_at = data["consent_at"]
        changed.append("consent_at")
    if changed:
        person._history_user = by
        person.save()


def match_organization(name: str) -> Organization | None:
    """The directory organization with this name in any of its languages, if exactly one."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = list(
        Organization.objects.filter(Q(name_en__iexact=name) | Q(name_ru__iexact=name) | Q(name_kk__iexact=name))[:2]
    )
    return found[0] if len(found) == 1 else None
