"""Seminar self-service: the waiting-list button, the organizers' contact, the calendar file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from portal.models import OrganizationEmail
from seminars.calendar import ics
from seminars.models import Seminar
from tests.factories import RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


def test_a_full_seminar_offers_the_waiting_list(client, organization):
    seminar = SeminarFactory(organizers=[organization], capacity=1)
    assert "Register for this seminar" in client.get(seminar.get_absolute_url()).content.decode()
    RegistrationFactory(seminar=seminar)
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert "Join the waiting list" in html
    assert "Register for this seminar" not in html


def test_the_seminar_page_shows_the_organizers_contact(client, organization):
    OrganizationEmail.objects.create(organization=organization, email="seminars@akimat-x.example.kz")
    seminar = SeminarFactory(organizers=[organization])
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert '<a href="mailto:seminars@akimat-x.example.kz">seminars@akimat-x.example.kz</a>' in html


def test_calendar_file(client, organization, settings):
    settings.PORTAL_BASE_URL = "https://mura.example.kz"
    start = timezone.make_aware(dt.datetime(2027, 3, 2, 10, 0), timezone.get_fixed_timezone(300))
    seminar = SeminarFactory(
        slug="taraz-2027",
        title_en="Heritage, tourism; and the steppe, together",
        organizers=[organization],
        start=start,
        end=start + dt.timedelta(hours=6, minutes=30),
        venue="Akimat hall",
        city="Taraz",
    )
    response = client.get("/seminars/taraz-2027/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="taraz-2027.ics"'
    lines = response.content.decode().split("\r\n")
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mura//UNESCO sites of Kazakhstan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert f"UID:seminar-{seminar.pk}@mura.example.kz" in lines
    assert "DTSTART:20270302T050000Z" in lines
    assert "DTEND:20270302T113000Z" in lines
    assert "SUMMARY:Heritage\\, tourism\\; and the steppe\\, together" in lines
    assert "LOCATION:Akimat hall\\, Taraz" in lines
    assert lines[-1] == ""


def test_calendar_lines_are_folded_at_75_octets(organization):
    seminar = SeminarFactory(title_en="Ж" * 100, organizers=[organization])
    for line in ics(seminar).split("\r\n"):
        assert len(line.encode()) <= 75


def test_a_draft_seminars_calendar_is_hidden_like_its_page(client, organization):
    seminar = SeminarFactory(organizers=[organization], status=Seminar.Status.DRAFT)
    assert client.get(f"/seminars/{seminar.slug}/calendar.ics").status_code == 404


def test_the_confirmation_carries_the_calendar_file(organization):
    from seminars.tasks import render_message

    registration = RegistrationFactory(seminar=SeminarFactory(organizers=[organization]))
    message = render_message("registration_confirmation", registration)
    [(name, content, mimetype)] = [a for a in message.attachments if isinstance(a, tuple)]
    assert (name, mimetype) == (f"{registration.seminar.slug}.ics", "text/calendar")
    assert content.startswith("BEGIN:VCALENDAR\r\n")
    assert f"SUMMARY:{registration.seminar.title}" in content
