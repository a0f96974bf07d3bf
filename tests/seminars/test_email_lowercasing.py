"""E-mails are stored lower-cased; lower-casing can make one longer than the 254 characters the column holds.

Python lower-cases "İ" (U+0130) to two code points ("i" and a combining dot above): an address that is
valid and 164 characters long as typed is 319 once lower-cased, and still passes Django's e-mail validator.
Found by tests/security/test_fuzz.py: saving it was a DataError, a 500 on the public registration form.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from seminars import imports
from seminars.models import Person, Registration
from tests.factories import RegistrationFactory
from tests.seminars.selfreg import register

pytestmark = pytest.mark.django_db

GROWS = "a@" + ".".join(["İ" * 31] * 5) + ".kz"


def test_the_address_grows_past_the_column_when_lower_cased():
    assert len(GROWS) <= 254 < len(GROWS.lower())


def test_self_registration_refuses_it_instead_of_failing(client, seminar):
    response = client.post(
        reverse("seminars:register", kwargs={"slug": seminar.slug}),
        {"full_name": "Saule Example", "email": GROWS, "gender": "female", "language": "kk", "consent": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Person.objects.exists()


def test_adding_a_participant_refuses_it(client, organizer, seminar):
    client.force_login(organizer)
    response = client.post(
        reverse("seminars:participant_add", kwargs={"slug": seminar.slug}),
        {"full_name": "Saule Example", "email": GROWS, "gender": "female", "language": "kk"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Registration.objects.exists()


def test_editing_a_participant_refuses_it(client, organizer, seminar):
    registration = RegistrationFactory(seminar=seminar)
    client.force_login(organizer)
    response = client.post(
        reverse("seminars:participant_edit", kwargs={"slug": seminar.slug, "pk": registration.pk}),
        {"full_name": "Saule Example", "email": GROWS, "gender": "female", "language": "kk"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_an_import_reports_it_on_its_line():
    table = imports.read_table(f"Full name,E-mail\nSaule Example,{GROWS}\n".encode())
    result = imports.validate(table, ["full_name", "email"])
    assert not result.is_valid
    assert [(e.line, e.message) for e in result.errors] == [(2, "longer than 254 characters")]


def test_an_ordinary_address_is_still_lower_cased(client, seminar):
    register(
        client,
        seminar,
        {
            "full_name": "Saule Example",
            "email": "Saule@Example.ORG",
            "gender": "female",
            "language": "kk",
            "consent": "on",
        },
    )
    assert Person.objects.get().email == "saule@example.org"


def test_the_admin_refuses_it_instead_of_failing(client, admin_user):
    client.force_login(admin_user)
    add = reverse("admin:seminars_person_add")
    data = {"full_name": "Saule Example", "email": GROWS, "gender": "female", "language": "kk"}
    for inline in client.get(add).context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == ["Enter a valid email address."]
    assert not Person.objects.exists()
