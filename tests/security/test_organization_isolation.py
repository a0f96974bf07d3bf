"""Issue 13, H1: participants' data stays inside the organization that collected it.

The attack: an organizer of organization A adds to A's own seminar a participant with the e-mail of someone
who registered for organization B's (draft) seminar, then reads the flash message, the person's page, edits
and cancels that registration, and imports a file of addresses to count the matches. Each step must reveal
nothing B holds and change nothing B holds; B's e-mails keep going to the address B's registration holds.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import roles
from seminars import imports, tasks
from seminars.models import Person, Registration, Seminar
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory, UserFactory
from tests.security.test_personal_data import response_text
from tests.seminars.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db

VICTIM_EMAIL = "victim@example.org"
B_SECRETS = ("Victim Secretname", "+7 701 999 88 77", "Chief restorer", "Secret draft of B")


@pytest.fixture
def b_registration(other_organization):
    """B's draft seminar, and a participant who gave B their details (and consent) there."""
    draft = SeminarFactory(
        slug="b-draft", title_en="Secret draft of B", status=Seminar.Status.DRAFT, organizers=[other_organization]
    )
    person = PersonFactory(
        full_name="Victim Secretname", email=VICTIM_EMAIL, phone="+7 701 999 88 77", position="Chief restorer"
    )
    registration = RegistrationFactory(seminar=draft, person=person, consent_at=timezone.now(), status="waitlisted")
    return registration


@pytest.fixture
def a_client(organizer):
    client = Client()
    client.force_login(organizer)
    return client


def participants(seminar, name="participants", **kwargs) -> str:
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug, **kwargs})


def add(client, seminar, **data):
    values = {"full_name": "Attacker Typed", "email": VICTIM_EMAIL, "gender": "not_stated", "language": "en"}
    return client.post(participants(seminar, "participant_add"), {**values, **data}, follow=True)


def assert_reveals_nothing_of_b(response):
    text, _size, _parts = response_text(response)  # headers, body, and an XLSX's parts unpacked
    for secret in B_SECRETS:
        assert secret not in text, secret


def test_adding_someone_b_registered_reveals_nothing_and_changes_nothing(a_client, seminar, b_registration):
    before = {f.attname: getattr(b_registration, f.attname) for f in Registration._meta.concrete_fields}
    person_before = {f.attname: getattr(b_registration.person, f.attname) for f in Person._meta.concrete_fields}

    response = add(a_client, seminar)

    assert response.status_code == 200
    assert_reveals_nothing_of_b(response)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Attacker Typed is registered."]  # no "already on record"
    ours = Registration.objects.get(seminar=seminar)
    assert (ours.full_name, ours.email, ours.phone, ours.position, ours.consent_at) == (
        "Attacker Typed",
        VICTIM_EMAIL,
        "",
        "",
        None,
    )
    b_registration.refresh_from_db()
    b_registration.person.refresh_from_db()
    assert {f.attname: getattr(b_registration, f.attname) for f in Registration._meta.concrete_fields} == before
    assert {f.attname: getattr(b_registration.person, f.attname) for f in Person._meta.concrete_fields} == (
        person_before
    )
    # A's own pages about the registration show what A typed, never what B holds.
    for page in (participants(seminar), participants(seminar, "participant_edit", pk=ours.pk)):
        assert_reveals_nothing_of_b(a_client.get(page))
    for ext in ("csv", "xlsx"):
        assert_reveals_nothing_of_b(a_client.get(participants(seminar, f"export_{ext}")))


def test_the_person_page_is_closed_to_organizers_even_of_a_shared_person(a_client, seminar, b_registration):
    add(a_client, seminar)
    person_page = reverse("seminars:person", kwargs={"pk": b_registration.person.pk})
    response = a_client.get(person_page)
    assert response.status_code == 403
    assert_reveals_nothing_of_b(response)
    # Cancelling changes nothing either: there was no access to revoke.
    ours = Registration.objects.get(seminar=seminar)
    a_client.post(participants(seminar, "participant_cancel", pk=ours.pk))
    assert Registration.objects.get(pk=ours.pk).status == "cancelled"
    assert a_client.get(person_page).status_code == 403


def test_editing_a_registration_never_redirects_bs_emails(a_client, seminar, b_registration, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    add(a_client, seminar)
    ours = Registration.objects.get(seminar=seminar)
    response = a_client.post(
        participants(seminar, "participant_edit", pk=ours.pk),
        {"full_name": "Victim Secretname", "email": "attacker@evil.example", "gender": "male", "language": "kk"},
    )
    assert response.status_code == 302
    # An edit back to the victim's address does not reach B's registration either.
    a_client.post(
        participants(seminar, "participant_edit", pk=ours.pk),
        {"full_name": "X", "email": VICTIM_EMAIL, "phone": "+7 700 000 00 00", "gender": "male", "language": "kk"},
    )
    b_registration.refresh_from_db()
    assert (b_registration.email, b_registration.phone, b_registration.language) == (
        VICTIM_EMAIL,
        "+7 701 999 88 77",
        "en",
    )
    mail.outbox = []
    assert tasks.send_registration_confirmation(registration_id=b_registration.pk)
    b_registration.seminar.capacity = None
    Registration.objects.filter(pk=b_registration.pk).update(status="registered")
    assert tasks.send_promotion_notice(registration_id=b_registration.pk)
    assert [m.to for m in mail.outbox] == [[VICTIM_EMAIL], [VICTIM_EMAIL]]
    assert all("Victim Secretname" in m.body for m in mail.outbox)


def test_the_import_preview_does_not_count_people_on_record(a_client, seminar, b_registration):
    def preview(emails):
        rows = [[f"Row {n}", email] for n, email in enumerate(emails)]
        data = csv_bytes(["Full name", "E-mail"], rows)
        a_client.post(participants(seminar, "import"), {"file": SimpleUploadedFile("p.csv", data)})
        mapping = imports.guess_mapping(["Full name", "E-mail"])
        a_client.post(participants(seminar, "import_map"), {f"col_{i}": f for i, f in enumerate(mapping)})
        return a_client.get(participants(seminar, "import_preview"))

    known = preview([VICTIM_EMAIL, "fresh1@example.org"])
    unknown = preview(["fresh2@example.org", "fresh3@example.org"])
    assert known.context["preview"] == unknown.context["preview"] == {"rows": 2, "registered": 2, "waitlisted": 0}
    assert_reveals_nothing_of_b(known)
    for word in ("matched", "on record"):
        assert word not in known.content.decode()
    response = a_client.post(participants(seminar, "import_preview"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported 2 participants: 2 registered, 0 on the waiting list."
    ]


def test_an_organizer_of_b_sees_only_bs_details_after_a_acts(a_client, seminar, b_registration, other_organization):
    add(a_client, seminar, phone="+7 700 111 22 33", position="Planted by A")
    b_client = Client()
    b_client.force_login(UserFactory(email="b@test.example", organization=other_organization, role=roles.ORGANIZER))
    text = b_client.get(participants(b_registration.seminar)).content.decode()
    assert "Victim Secretname" in text and "+7 701 999 88 77" in text
    assert "Planted by A" not in text and "+7 700 111 22 33" not in text and "Attacker Typed" not in text
