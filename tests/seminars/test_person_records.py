"""Issue 20, item 4: a person's training record by a signed link, and an admin merging two records of one person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seminars import certificates, person_records
from seminars.models import Person, Registration
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(organization):
    person = PersonFactory(full_name="Aruzhan Example", email="aruzhan@example.org")
    held = SeminarFactory(organizers=[organization], past=True, title_en="Held seminar")
    attended = RegistrationFactory(seminar=held, person=person, status="attended")
    RegistrationFactory(seminar=SeminarFactory(organizers=[organization], title_en="Coming seminar"), person=person)
    person.certificate = certificates.issue(attended)
    return person


def record(client, person):
    return client.get(reverse("seminars:training_record", kwargs={"token": person_records.token_for(person)}))


def test_the_link_shows_the_seminars_attended_and_their_certificates(client, person):
    response = record(client, person)
    text = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Held seminar" in text and "Coming seminar" not in text
    assert person.certificate.code in text


def test_the_link_stops_working_when_the_address_changes_or_the_person_is_anonymised(client, person):
    token = person_records.token_for(person)
    Person.objects.filter(pk=person.pk).update(email="new@example.org")
    assert client.get(reverse("seminars:training_record", kwargs={"token": token})).status_code == 404
    assert client.get(reverse("seminars:training_record", kwargs={"token": token + "x"})).status_code == 404


def test_admins_see_the_record_on_the_persons_page(client, admin_user, person):
    client.force_login(admin_user)
    assert "Held seminar" in client.get(reverse("seminars:person", kwargs={"pk": person.pk})).content.decode()


def test_an_admin_merges_two_records_after_a_preview(client, admin_user, person, organization):
    twin = PersonFactory(full_name="Aruzhan Example", email="aruzhan.work@example.org", phone="+7 701 111 11 11")
    moved = RegistrationFactory(
        seminar=SeminarFactory(organizers=[organization], title_en="Third seminar"), person=twin
    )
    same_seminar = Registration.objects.filter(person=person, status="attended").first().seminar
    dropped = RegistrationFactory(seminar=same_seminar, person=twin, email="aruzhan.work@example.org")
    client.force_login(admin_user)
    url = reverse("admin:seminars_person_changelist")
    selected = {"action": "merge_people", "_selected_action": [person.pk, twin.pk]}
    preview = client.post(url, {**selected, "keep": person.pk})
    assert preview.status_code == 200
    assert list(preview.context["preview"]["moved"]) == [moved]
    assert list(preview.context["preview"]["dropped"]) == [dropped]
    assert Person.objects.filter(pk=twin.pk).exists()  # nothing merged yet

    client.post(url, {**selected, "keep": person.pk, "confirm": "yes"})
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert Registration.objects.get(pk=moved.pk).person_id == person.pk
    assert not Registration.objects.filter(pk=dropped.pk).exists()
    person.refresh_from_db()
    assert person.phone == "+7 701 111 11 11"
    reasons = [h.history_change_reason for h in person.history.all()]
    assert reasons[0] == f"merged with person #{twin.pk}" and person.history.first().history_user == admin_user
    assert person.history.filter(email="aruzhan.work@example.org").exists()  # the twin's history moved here
    assert (
        Registration.objects.get(pk=moved.pk).history.first().history_change_reason == f"merged with person #{twin.pk}"
    )


def test_merging_needs_exactly_two(client, admin_user, person):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:seminars_person_changelist"), {"action": "merge_people", "_selected_action": [person.pk]}
    )
    assert response.status_code == 302
    assert Person.objects.filter(pk=person.pk).exists()
