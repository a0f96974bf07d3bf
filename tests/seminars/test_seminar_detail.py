"""/seminars/<slug>/: the public description; counts for organizers, admins and officials; no personal data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seminars.models import Seminar
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(seminar):
    seminar.status = Seminar.Status.COMPLETED
    seminar.save()
    people = [
        ("Aigerim Example", "female", "attended", "museum"),
        ("Bolat Sample", "male", "attended", "university"),
        ("Dana Demo", "female", "no_show", "museum"),
        ("Yerlan Example", "male", "cancelled", "tourism"),
    ]
    for name, gender, status, kind in people:
        person = PersonFactory(full_name=name, gender=gender, organization_kind=kind, phone="+7 701 111 22 33")
        RegistrationFactory(seminar=seminar, person=person, status=status)
    return seminar


def test_detail_shows_the_public_description(client, seminar):
    seminar.agenda = "Commitments under the World Heritage Convention."
    seminar.venue = "Akimat conference hall"
    seminar.save()
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert seminar.title_en in html
    assert "Commitments under the World Heritage Convention." in html
    assert "Akimat conference hall" in html
    assert "Akimat X" in html  # the organizing organization


def test_detail_of_a_draft_is_404_for_the_public_and_200_for_its_organizer(client, organizer, seminar):
    seminar.status = Seminar.Status.DRAFT
    seminar.save()
    assert client.get(seminar.get_absolute_url()).status_code == 404
    client.force_login(organizer)
    assert client.get(seminar.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["organizer", "admin_user", "official"])
def test_detail_shows_counts_by_status_gender_and_kind(persona_client, persona, attended):
    response = persona_client(persona).get(attended.get_absolute_url())
    stats = response.context["stats"]
    assert {row["status"]: row["count"] for row in stats["by_status"]} == {
        "registered": 0,
        "waitlisted": 0,
        "cancelled": 1,
        "attended": 2,
        "no_show": 1,
    }
    assert {row["label"]: (row["seated"], row["attended"]) for row in stats["by_gender"]} == {
        "Female": (1, 1),
        "Male": (1, 1),
        "Another": (0, 0),
        "Not stated": (0, 0),
    }
    assert sorted((str(row["label"]), row["count"]) for row in stats["by_kind"]) == [("Museum", 1), ("University", 1)]


@pytest.mark.parametrize("persona", ["official", "anonymous", "site_manager", "focal_point"])
def test_detail_never_shows_participants_personal_data_to_non_managers(persona_client, persona, attended):
    html = persona_client(persona).get(attended.get_absolute_url()).content.decode()
    assert "Aigerim Example" not in html
    # The organizers' public contact addresses are shown (issue 15); no participant's address is.
    emails = [e for e in attended.registrations.values_list("email", flat=True) if e]
    assert emails and [email for email in emails if email in html] == []
    assert "+7 701 111 22 33" not in html


@pytest.mark.parametrize("persona", ["anonymous", "site_manager", "focal_point"])
def test_detail_has_no_counts_for_the_public(persona_client, persona, attended):
    assert "stats" not in persona_client(persona).get(attended.get_absolute_url()).context


@pytest.mark.parametrize(("persona", "shown"), [("organizer", True), ("admin_user", True), ("official", False)])
def test_detail_links_managers_to_recording_recommendations(persona_client, persona, shown, seminar):
    html = persona_client(persona).get(seminar.get_absolute_url()).content.decode()
    link = f"{reverse('recommendations:create')}?seminar={seminar.slug}"
    assert (link in html) is shown
    assert ("Record this seminar's recommendations" in html) is shown


def test_detail_says_how_many_seats_are_left(client, seminar):
    seminar.capacity = 3
    seminar.save()
    RegistrationFactory(seminar=seminar)
    RegistrationFactory(seminar=seminar, status="waitlisted")
    response = client.get(seminar.get_absolute_url())
    assert response.context["seats_left"] == 2
    assert "2 seats left" in response.content.decode()


def test_detail_offers_registration_only_while_open(client, seminar):
    url = reverse("seminars:register", kwargs={"slug": seminar.slug})
    assert url in client.get(seminar.get_absolute_url()).content.decode()
    seminar.registration_state = Seminar.RegistrationState.CLOSED
    seminar.save()
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert url not in html
    assert "Registration for this seminar is closed." in html


def test_detail_of_an_unknown_slug_is_404(client):
    assert client.get(reverse("seminars:detail", kwargs={"slug": "nowhere"})).status_code == 404


def test_cancelled_seminar_is_listed_and_marked(client):
    SeminarFactory(title_en="Called off", status=Seminar.Status.CANCELLED)
    html = client.get(reverse("seminars:list")).content.decode()
    assert "Called off" in html
    assert 'badge badge-bad">Cancelled' in html
