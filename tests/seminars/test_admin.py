"""Django admin: seminars with registrations inline, people with theirs, search by name and e-mail, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_seminar_change_page_has_registrations_inline(admin_client_, registration):
    response = admin_client_.get(reverse("admin:seminars_seminar_change", args=[registration.seminar.pk]))
    assert response.status_code == 200
    assert "registrations-TOTAL_FORMS" in response.content.decode()


def test_person_change_page_has_registrations_inline(admin_client_, registration):
    response = admin_client_.get(reverse("admin:seminars_person_change", args=[registration.person.pk]))
    assert response.status_code == 200
    assert "registrations-TOTAL_FORMS" in response.content.decode()


@pytest.mark.parametrize("term", ["aruzhan", "ARUZHAN@example.org"])
def test_people_search_by_name_and_email(admin_client_, registration, term):
    response = admin_client_.get(reverse("admin:seminars_person_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [registration.person]


@pytest.mark.parametrize("term", ["Aruzhan Example", "aruzhan@example.org"])
def test_registrations_search_by_name_and_email(admin_client_, registration, term):
    response = admin_client_.get(reverse("admin:seminars_registration_changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [registration]


def test_history_shows_who_changed_a_registration(client, admin_user, organizer, registration):
    """The organizer checks someone in on the participants page; the admin's history page names them."""
    client.force_login(organizer)
    client.post(reverse("seminars:checkin", kwargs={"slug": registration.seminar.slug, "pk": registration.pk}))
    client.force_login(admin_user)
    response = client.get(reverse("admin:seminars_registration_history", args=[registration.pk]))
    assert response.status_code == 200
    latest = registration.history.first()
    assert (latest.status, latest.history_user) == ("attended", organizer)
    assert str(organizer) in response.content.decode()
