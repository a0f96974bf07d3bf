"""Every seminars URL tried as every persona: who may manage, who gets 403, who is sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS
from tests.factories import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

MANAGERS = {"organizer", "admin_user"}
PAGES = ["edit", "participants", "participant_add", "import", "export_csv", "export_xlsx", "signin_sheet"]
REGISTRATION_PAGES = ["participant_edit", "participant_cancel"]
POSTS = ["checkin", "promote"]


def expected(persona: str, allowed: set[str]) -> int:
    if persona == "anonymous":
        return 302
    return 200 if persona in allowed else 403


def assert_response(response, persona: str, allowed: set[str], ok: int = 200):
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif persona in allowed:
        assert response.status_code == ok
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", PAGES)
def test_management_page_by_persona(persona_client, persona, name, seminar):
    response = persona_client(persona).get(reverse(f"seminars:{name}", kwargs={"slug": seminar.slug}))
    assert_response(response, persona, MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", REGISTRATION_PAGES)
def test_registration_page_by_persona(persona_client, persona, name, registration):
    url = reverse(f"seminars:{name}", kwargs={"slug": registration.seminar.slug, "pk": registration.pk})
    assert_response(persona_client(persona).get(url), persona, MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", POSTS)
def test_registration_action_by_persona(persona_client, persona, name, registration):
    url = reverse(f"seminars:{name}", kwargs={"slug": registration.seminar.slug, "pk": registration.pk})
    assert_response(persona_client(persona).post(url), persona, MANAGERS, ok=302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk_checkin_by_persona(persona_client, persona, registration):
    url = reverse("seminars:checkin_bulk", kwargs={"slug": registration.seminar.slug})
    response = persona_client(persona).post(url, {"status": "attended", "registration": [registration.pk]})
    assert_response(response, persona, MANAGERS, ok=302)
    registration.refresh_from_db()
    assert registration.status == ("attended" if persona in MANAGERS else "registered")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["import_map", "import_preview"])
def test_import_steps_by_persona(persona_client, persona, name, seminar):
    """Without an upload in progress, managers are sent back to the upload step."""
    response = persona_client(persona).get(reverse(f"seminars:{name}", kwargs={"slug": seminar.slug}))
    assert_response(response, persona, MANAGERS, ok=302)
    if persona in MANAGERS:
        assert response["Location"] == reverse("seminars:import", kwargs={"slug": seminar.slug})


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_page_by_persona(persona_client, persona):
    assert_response(persona_client(persona).get(reverse("seminars:create")), persona, MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_person_page_by_persona(persona_client, persona, registration):
    """The person links registrations across organizations: even the seminar's own organizer is refused."""
    response = persona_client(persona).get(reverse("seminars:person", kwargs={"pk": registration.person.pk}))
    assert_response(response, persona, {"admin_user"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_pages_by_persona(persona_client, persona, seminar):
    client = persona_client(persona)
    assert client.get(reverse("seminars:list")).status_code == 200
    assert client.get(seminar.get_absolute_url()).status_code == 200
    assert client.get(reverse("seminars:register", kwargs={"slug": seminar.slug})).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_organizer_of_another_organization_gets_403(client, organizer, other_seminar, name):
    client.force_login(organizer)
    response = client.get(reverse(f"seminars:{name}", kwargs={"slug": other_seminar.slug}))
    assert response.status_code == 403


def test_organizer_cannot_act_on_another_organizations_registration(client, organizer, other_seminar):
    registration = RegistrationFactory(seminar=other_seminar)
    client.force_login(organizer)
    url = reverse("seminars:checkin", kwargs={"slug": other_seminar.slug, "pk": registration.pk})
    assert client.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_registration_of_another_seminar_is_404_under_this_one(client, organizer, seminar, other_seminar):
    """A registration id from someone else's seminar cannot be reached through a seminar you manage."""
    foreign = RegistrationFactory(seminar=other_seminar)
    client.force_login(organizer)
    url = reverse("seminars:participant_cancel", kwargs={"slug": seminar.slug, "pk": foreign.pk})
    assert client.post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "registered"


def test_person_page_is_403_for_an_organizer_of_none_of_their_seminars(client, organizer, other_seminar):
    person = PersonFactory()
    RegistrationFactory(seminar=other_seminar, person=person)
    client.force_login(organizer)
    assert client.get(reverse("seminars:person", kwargs={"pk": person.pk})).status_code == 403


def test_unknown_seminar_is_404_for_a_manager(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("seminars:participants", kwargs={"slug": "no-such-seminar"})).status_code == 404


def test_organizer_without_an_organization_cannot_create(client, organizer):
    organizer.organization = None
    organizer.save()
    client.force_login(organizer)
    assert client.get(reverse("seminars:create")).status_code == 403
