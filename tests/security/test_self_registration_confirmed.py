"""Issue 13, M3 and L9: no seat is held for an address until its owner confirms it, and mail to an address
nobody confirmed is bounded and carries nothing the visitor typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase

from seminars import confirmation, tasks
from seminars.models import Registration, SelfRegistrationRequest
from tests.seminars.selfreg import confirm_url, link_token, register, register_url

pytestmark = pytest.mark.django_db

ATTACKER_TEXT = 'Win a prize at <a href="https://evil.example">evil.example</a>'


def form(email: str, **overrides) -> dict:
    data = {"full_name": ATTACKER_TEXT, "email": email, "gender": "not_stated", "language": "en", "consent": "on"}
    return {**data, **overrides}


def post(client, seminar, data, n: int = 0):
    with TestCase.captureOnCommitCallbacks() as callbacks:
        response = client.post(register_url(seminar), data, REMOTE_ADDR=f"192.0.2.{n}")
    return response, link_token(callbacks)


def test_unconfirmed_requests_hold_no_seat(client, seminar):
    seminar.capacity = 1
    seminar.save()
    for n in range(5):
        response, token = post(client, seminar, form(f"someone{n}@example.org"), n)
        assert "Check your e-mail" in response.text and token
    assert Registration.objects.count() == 0
    # The real person still gets the seat.
    response = register(client, seminar, form("real@example.org", full_name="Real Person"))
    assert "You are registered" in response.text
    assert list(Registration.objects.values_list("email", "status")) == [("real@example.org", "registered")]


def test_a_link_registers_once_and_only_while_valid(client, seminar):
    _response, token = post(client, seminar, form("once@example.org"))
    assert client.post(confirm_url(seminar, "forged-token")).context["error"]
    assert client.post(confirm_url(seminar, token)).status_code == 200
    assert Registration.objects.filter(email="once@example.org").count() == 1
    again = client.post(confirm_url(seminar, token))
    assert again.context["error"] == "This link is not valid any more. Fill in the registration form again."
    _response, late = post(client, seminar, form("late@example.org"), 1)
    SelfRegistrationRequest.objects.filter(email="late@example.org").update(
        created_at=SelfRegistrationRequest.objects.get(email="late@example.org").created_at
        - confirmation.LINK_VALID
        - dt.timedelta(minutes=1)
    )
    assert client.get(confirm_url(seminar, late)).context["error"]
    assert client.post(confirm_url(seminar, late)).context["error"]
    assert not Registration.objects.filter(email="late@example.org").exists()


def test_mail_to_one_address_is_bounded_per_day(client, seminar):
    tokens = [post(client, seminar, form("victim@example.org"), n)[1] for n in range(6)]
    assert len([t for t in tokens if t]) == confirmation.MAILS_PER_ADDRESS == 3
    # The visitor sees the same answer either way.
    assert "Check your e-mail" in post(client, seminar, form("victim@example.org"), 9)[0].text


def test_the_link_mail_carries_nothing_the_visitor_typed(client, seminar, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _response, token = post(client, seminar, form("victim@example.org", position=ATTACKER_TEXT))
    request = SelfRegistrationRequest.objects.get()
    mail.outbox = []
    assert tasks.send_registration_link(request_id=request.pk, token=token)
    [message] = mail.outbox
    parts = [message.subject, message.body, message.alternatives[0][0]]
    assert message.to == ["victim@example.org"]
    assert all("evil.example" not in part and "prize" not in part for part in parts)
    assert f"{settings.PORTAL_BASE_URL}{confirm_url(seminar, token)}" in message.body
