"""The check-in at the door: search, one tap per person, undo, QR codes, idempotent requests."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seminars import door
from seminars.models import Registration
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def door_url(seminar, name="door", **kwargs):
    return reverse(f"seminars:{name}", kwargs={"slug": seminar.slug, **kwargs})


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


def status(registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_search_finds_by_any_part_of_the_name_or_organization(organizer_client, seminar):
    aruzhan = RegistrationFactory(seminar=seminar, person=PersonFactory(full_name="Aruzhan Bekova"))
    RegistrationFactory(
        seminar=seminar, person=PersonFactory(full_name="Daulet Omarov", organization_name="Ethnography Institute")
    )
    RegistrationFactory(
        seminar=seminar, person=PersonFactory(full_name="Aruzhan Cancelled"), status=Registration.Status.CANCELLED
    )
    response = organizer_client.get(door_url(seminar), {"q": "aruz"}, HTTP_HX_TARGET="door-results", **HTMX)
    assert response.templates[0].name == "seminars/_door_results.html"
    assert [r.pk for r in response.context["results"]] == [aruzhan.pk]
    by_org = organizer_client.get(door_url(seminar), {"q": "ethno"}).context["results"]
    assert [r.person.full_name for r in by_org] == ["Daulet Omarov"]


def test_search_query_count_does_not_grow(organizer_client, seminar):
    RegistrationFactory(seminar=seminar)
    with CaptureQueriesContext(connection) as small:
        organizer_client.get(door_url(seminar), {"q": "participant"})
    for _i in range(3):
        RegistrationFactory(seminar=seminar)
    with CaptureQueriesContext(connection) as large:
        organizer_client.get(door_url(seminar), {"q": "participant"})
    assert len(small) == len(large)


def test_tap_checks_in_and_answers_the_row_and_the_count(organizer_client, registration):
    response = organizer_client.post(
        door_url(registration.seminar, "door_checkin", pk=registration.pk), {"status": "attended"}, **HTMX
    )
    assert response.status_code == 200
    assert status(registration) == "attended"
    html = response.content.decode()
    assert f'id="door-row-{registration.pk}"' in html
    assert 'value="registered"' in html  # the undo button
    assert "1 of 1 expected participant checked in" in html


def test_the_same_tap_sent_twice_changes_nothing_the_second_time(organizer_client, registration):
    url = door_url(registration.seminar, "door_checkin", pk=registration.pk)
    organizer_client.post(url, {"status": "attended"}, **HTMX)
    registration.refresh_from_db()
    first_checked_in_at = registration.checked_in_at
    again = organizer_client.post(url, {"status": "attended"}, **HTMX)
    assert again.status_code == 200
    registration.refresh_from_db()
    assert (registration.status, registration.checked_in_at) == ("attended", first_checked_in_at)
    assert registration.history.filter(status="attended").count() == 1


def test_undo_puts_the_person_back(organizer_client, registration):
    url = door_url(registration.seminar, "door_checkin", pk=registration.pk)
    organizer_client.post(url, {"status": "attended"}, **HTMX)
    organizer_client.post(url, {"status": "registered"}, **HTMX)
    assert status(registration) == "registered"


def test_without_script_the_tap_returns_to_the_door_with_the_search(organizer_client, registration):
    response = organizer_client.post(
        door_url(registration.seminar, "door_checkin", pk=registration.pk), {"status": "attended", "q": "Aru"}
    )
    assert response.status_code == 302
    assert response["Location"] == door_url(registration.seminar) + "?q=Aru"
    assert status(registration) == "attended"


def test_unknown_status_is_refused(organizer_client, registration):
    url = door_url(registration.seminar, "door_checkin", pk=registration.pk)
    assert organizer_client.post(url, {"status": "cancelled"}, **HTMX).status_code == 400
    assert status(registration) == "registered"


def test_a_waitlisted_person_is_not_checked_in_at_the_door(organizer_client, seminar):
    waiting = RegistrationFactory(seminar=seminar, status=Registration.Status.WAITLISTED)
    organizer_client.post(door_url(seminar, "door_checkin", pk=waiting.pk), {"status": "attended"}, **HTMX)
    assert status(waiting) == "waitlisted"


def test_scanned_code_checks_in(organizer_client, registration):
    token = door.token_for(registration)
    response = organizer_client.post(door_url(registration.seminar, "door_scan"), {"token": token}, **HTMX)
    assert response.status_code == 200
    assert status(registration) == "attended"
    assert registration.person.full_name in response.content.decode()


def test_code_of_another_seminar_or_forged_is_refused(organizer_client, registration, organization):
    other = RegistrationFactory(seminar=SeminarFactory(organizers=[organization]))
    url = door_url(registration.seminar, "door_scan")
    assert organizer_client.post(url, {"token": door.token_for(other)}, **HTMX).status_code == 404
    forged = door.token_for(registration)[:-2] + "xx"
    assert organizer_client.post(url, {"token": forged}, **HTMX).status_code == 404
    assert (status(registration), status(other)) == ("registered", "registered")


def test_scan_link_opened_by_the_phone_camera_shows_the_person(organizer_client, registration):
    response = organizer_client.get(door_url(registration.seminar), {"scan": door.token_for(registration)})
    assert response.context["scanned"] == registration
    assert status(registration) == "registered"  # a GET changes nothing: the organizer taps the button


def test_qr_code_holds_the_scan_link(registration, settings):
    settings.PORTAL_BASE_URL = "https://mura.example.kz"
    png = door.qr_png(registration)
    assert png.startswith(b"\x89PNG")
    assert door.scan_url(registration) == (
        f"https://mura.example.kz/seminars/{registration.seminar.slug}/door/?scan={door.token_for(registration)}"
    )
    assert io.BytesIO(png).getbuffer().nbytes > 200


def test_another_organizations_organizer_cannot_check_in(client, other_organization, registration):
    from portal import roles
    from tests.factories import UserFactory

    stranger = UserFactory(email="stranger@test.example", organization=other_organization, role=roles.ORGANIZER)
    client.force_login(stranger)
    url = door_url(registration.seminar, "door_checkin", pk=registration.pk)
    assert client.post(url, {"status": "attended"}, **HTMX).status_code == 403
    assert (
        client.post(door_url(registration.seminar, "door_scan"), {"token": door.token_for(registration)}).status_code
        == 403
    )
    assert status(registration) == "registered"


def test_confirmation_carries_the_qr_code_waiting_list_does_not(registration, seminar):
    from seminars.tasks import render_message

    message = render_message("registration_confirmation", registration)
    [image] = [part for part in message.attachments if getattr(part, "get_content_type", lambda: "")() == "image/png"]
    assert image["Content-ID"] == "<checkin-qr>"
    assert image.get_payload(decode=True) == door.qr_png(registration)
    html = message.alternatives[0][0]
    assert 'src="cid:checkin-qr"' in html
    waiting = RegistrationFactory(seminar=seminar, status=Registration.Status.WAITLISTED)
    assert render_message("registration_confirmation", waiting).attachments == []
