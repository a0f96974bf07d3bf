"""/seminars/<slug>/register/: public self-registration, the waiting list, duplicates, the confirmation e-mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from portal import pagecache
from seminars.models import Person, Registration, SelfRegistrationRequest, Seminar
from tests.factories import PersonFactory, RegistrationFactory
from tests.seminars.selfreg import confirm_url, link_token, register, register_url

pytestmark = pytest.mark.django_db


def form(**overrides) -> dict:
    data = {
        "full_name": "Saule Example",
        "email": "Saule@Example.org",
        "organization_name": "Demo Tourism Association",
        "organization_kind": "tourism",
        "position": "Guide",
        "gender": "female",
        "language": "kk",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_form_is_offered_in_the_visitors_language(client, seminar):
    response = client.get(register_url(seminar), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response.context["form"].initial["language"] == "ru"
    assert "no-store" in response["Cache-Control"]


def test_self_registration_registers_and_queues_the_confirmation(client, seminar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(register_url(seminar), form())
    assert "Check your e-mail" in response.content.decode()
    assert Registration.objects.count() == 0  # no seat before the address is confirmed
    token = link_token(callbacks)
    assert "Register saule@example.org for this seminar?" in client.get(confirm_url(seminar, token)).text
    assert Registration.objects.count() == 0  # following the link (a mail scanner may) changes nothing
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(confirm_url(seminar, token))
    assert response.status_code == 200
    assert "You are registered" in response.content.decode()
    assert SelfRegistrationRequest.objects.count() == 0
    registration = Registration.objects.get(seminar=seminar)
    person = registration.person
    assert (registration.status, registration.source, registration.registered_by) == ("registered", "self", None)
    assert (person.email, person.language, person.organization_kind) == ("saule@example.org", "kk", "tourism")
    assert person.consent_at is not None
    # The confirmation, queued after commit (the cache's own callbacks aside).
    assert len([c for c in callbacks if not pagecache.is_cache_callback(c)]) == 1


def test_a_full_seminar_puts_the_person_on_the_waiting_list_and_says_so(client, full_seminar):
    response = register(client, full_seminar, form())
    assert "You are on the waiting list" in response.content.decode()
    assert Registration.objects.get(person__email="saule@example.org").status == "waitlisted"


def test_the_same_email_twice_gets_the_same_answer_and_no_second_registration(
    client, seminar, django_capture_on_commit_callbacks
):
    """Issue 13, L10: the form does not tell anyone whether an address is registered; the e-mail does."""
    register(client, seminar, form())
    fresh = client.post(register_url(seminar), form(email="someone-new@example.org", full_name="Saule again"))
    with django_capture_on_commit_callbacks() as callbacks:
        again = client.post(register_url(seminar), form(email="SAULE@example.ORG", full_name="Saule again"))
    assert again.status_code == fresh.status_code == 200

    def main(response, email):
        return response.text.split("<main", 1)[1].split("</main>")[0].replace(email, "X")

    assert main(again, "saule@example.org") == main(fresh, "someone-new@example.org")
    response = client.post(confirm_url(seminar, link_token(callbacks)))
    assert "saule@example.org is already registered for this seminar" in response.content.decode()
    assert Registration.objects.count() == 1
    assert Person.objects.get().full_name == "Saule Example"


def test_an_existing_person_is_linked_and_not_overwritten(client, seminar):
    person = PersonFactory(email="saule@example.org", full_name="Saule on record", position="", language="ru")
    register(client, seminar, form())
    assert Person.objects.count() == 1
    person.refresh_from_db()
    assert (person.full_name, person.position, person.language) == ("Saule on record", "", "ru")
    registration = Registration.objects.get()
    assert registration.person == person
    # What the form said is the registration's, and its e-mails are in the language chosen there.
    assert (registration.position, registration.language) == ("Guide", "kk")


def test_someone_cancelled_may_register_again(client, seminar):
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="saule@example.org"), status="cancelled")
    register(client, seminar, form())
    assert Registration.objects.get().status == "registered"


def test_a_directory_organization_typed_by_name_is_linked(client, seminar, organization):
    register(client, seminar, form(organization_name="akimat x"))
    assert Person.objects.get().organization == organization


def test_consent_is_required(client, seminar):
    data = form()
    del data["consent"]
    response = client.post(register_url(seminar), data)
    assert "consent" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_invalid_email_is_refused(client, seminar):
    response = client.post(register_url(seminar), form(email="not-an-email"))
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]


@pytest.mark.parametrize(
    "change",
    [
        {"registration_state": Seminar.RegistrationState.CLOSED},
        {"registration_deadline": timezone.now() - dt.timedelta(minutes=1)},
        {"status": Seminar.Status.COMPLETED},
        {"status": Seminar.Status.CANCELLED},
    ],
    ids=["closed", "deadline-passed", "completed", "cancelled"],
)
def test_closed_registration_shows_no_form_and_accepts_nothing(client, seminar, change):
    for name, value in change.items():
        setattr(seminar, name, value)
    seminar.save()
    assert "form" not in client.get(register_url(seminar)).content.decode().split("<main", 1)[1].split("</main>")[0]
    response = client.post(register_url(seminar), form())
    assert "Registration for this seminar is closed." in response.content.decode()
    assert Registration.objects.count() == 0


def test_without_public_registration_the_page_is_404(client, seminar):
    seminar.public_registration = False
    seminar.save()
    assert client.get(register_url(seminar)).status_code == 404
    assert client.post(register_url(seminar), form()).status_code == 404


def test_a_draft_has_no_registration_page(client, seminar):
    seminar.status = Seminar.Status.DRAFT
    seminar.save()
    assert client.get(register_url(seminar)).status_code == 404


def test_too_many_registrations_from_one_address_are_refused(client, seminar):
    for n in range(20):
        client.post(register_url(seminar), form(email=f"bot{n}@example.org"))
    response = client.post(register_url(seminar), form(email="bot-extra@example.org"))
    assert "Too many registrations from your network" in response.content.decode()
    assert SelfRegistrationRequest.objects.count() == 20
