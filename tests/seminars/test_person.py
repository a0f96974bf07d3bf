"""/people/<id>/: a person's record across seminars, for admins and the organizers of their seminars."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seminars.models import Seminar
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory, aware

pytestmark = pytest.mark.django_db


def test_person_page_lists_every_seminar_registered_for_and_attended(client, admin_user, seminar, other_seminar):
    person = PersonFactory(full_name="Yerlan Example", email="yerlan@example.org", phone="+7 701 222 33 44")
    past = SeminarFactory(title_en="Taraz 2019", status=Seminar.Status.COMPLETED, start=aware(2019, 2, 27))
    RegistrationFactory(seminar=past, person=person, status="attended")
    RegistrationFactory(seminar=seminar, person=person)
    RegistrationFactory(seminar=other_seminar, person=person, status="waitlisted")
    client.force_login(admin_user)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert [r.seminar.slug for r in response.context["registrations"]][-1] == past.slug  # newest first
    assert response.context["attended_count"] == 1
    html = response.content.decode()
    for text in ("Yerlan Example", "yerlan@example.org", "+7 701 222 33 44", "Taraz 2019", "3 seminars", "attended 1"):
        assert text in html
    assert "no-store" in response["Cache-Control"]


def test_person_url_is_under_people(registration):
    assert registration.person.get_absolute_url() == f"/people/{registration.person.pk}/"
    assert reverse("seminars:person", kwargs={"pk": 7}) == "/people/7/"


def test_unknown_person_is_404_for_an_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("seminars:person", kwargs={"pk": 999_999})).status_code == 404
