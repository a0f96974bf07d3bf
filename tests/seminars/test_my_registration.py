"""Issue 15, item 6: the signed link in a participant's e-mails opens their registration, and cancels it."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from portal import pagecache
from seminars import door, self_service, tasks
from seminars.models import Registration
from seminars.tasks import render_message
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


def url(registration: Registration, token: str | None = None) -> str:
    token = self_service.token_for(registration) if token is None else token
    return reverse("seminars:my_registration", kwargs={"slug": registration.seminar.slug, "token": token})


def queue(seminar) -> list[Registration]:
    return list(Registration.objects.filter(seminar=seminar).order_by("created_at", "pk"))


def test_the_link_shows_the_registration_without_logging_in(client, full_seminar):
    seated = queue(full_seminar)[0]
    response = client.get(url(seated))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "Queue 0" in response.text
    assert "You have a seat at this seminar." in response.text
    assert ">Cancel my registration</button>" in response.text


def test_the_page_says_the_place_on_the_waiting_list(client, full_seminar):
    second_waiting = queue(full_seminar)[3]
    html = client.get(url(second_waiting)).text
    assert "You are number 2 on the waiting list." in " ".join(html.split())
    assert "Waiting list · no. 2" in html


def test_the_page_shows_nobody_else(client, full_seminar):
    html = client.get(url(queue(full_seminar)[2])).text
    others = [r for r in queue(full_seminar) if r.full_name != "Queue 2"]
    for other in others:
        assert other.full_name not in html
        assert other.email not in html
    assert "queue2@example.org" not in html  # not even one's own address: the link may be forwarded


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps([1, "0" * 20], salt=self_service.SALT),  # a signature, but not over the right address
        signing.dumps([1, "x"], salt=door.SALT),  # signed for another purpose
    ],
    # Fixed ids: the signed tokens carry a timestamp, and xdist's workers must collect the same test names.
    ids=["not-a-token", "wrong-address", "other-purpose"],
)
def test_a_bad_token_is_not_found(client, registration, token):
    assert client.get(url(registration, token)).status_code == 404
    assert client.post(url(registration, token)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_a_tampered_token_is_not_found(client, registration):
    token = self_service.token_for(registration)
    _payload, signature = token.split(":", 1)
    other = RegistrationFactory(seminar=registration.seminar)
    forged = signing.dumps([other.pk, "x"], salt=self_service.SALT).split(":", 1)[0]
    assert client.get(url(registration, f"{forged}:{signature}")).status_code == 404
    assert client.get(url(registration, token[:-2])).status_code == 404


def test_a_token_opens_only_its_own_seminar(client, registration, other_seminar):
    token = self_service.token_for(registration)
    path = reverse("seminars:my_registration", kwargs={"slug": other_seminar.slug, "token": token})
    assert client.get(path).status_code == 404


def test_the_link_stops_working_when_the_address_changes(client, registration):
    old = url(registration)
    registration.email = "someone.else@example.org"
    registration.save()
    assert client.get(old).status_code == 404
    assert client.get(url(registration)).status_code == 200


def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(client, full_seminar, mailoutbox):
    seated, _other, first, second = queue(full_seminar)
    response = client.post(url(seated))
    assert response.status_code == 303
    # Back to the same page: the token is signed again, with a timestamp that may be a second later than url()'s.
    assert (
        self_service.registration_for_token(full_seminar.slug, response["Location"].rstrip("/").rsplit("/", 1)[1])
        == seated
    )
    statuses = {r.full_name: r.status for r in queue(full_seminar)}
    assert statuses == {
        "Queue 0": "cancelled",
        "Queue 1": "registered",
        "Queue 2": "registered",
        "Queue 3": "waitlisted",
    }
    first.refresh_from_db()
    assert first.promoted_at is not None
    html = client.get(url(seated)).text
    assert "Your registration is cancelled." in html
    assert "Cancel my registration" not in html
    # The promotion notice, as the worker sends it.
    tasks.send_promotion_notice.apply(kwargs={"registration_id": first.pk})
    assert [(m.to, m.subject.split(":")[0]) for m in mailoutbox] == [(["queue2@example.org"], "A seat is yours")]
    assert second.email not in [m.to[0] for m in mailoutbox]


def test_cancelling_queues_the_promotion_notice_after_commit(client, full_seminar, django_capture_on_commit_callbacks):
    seated, _other, first, _second = queue(full_seminar)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url(seated))
    assert len([c for c in callbacks if not pagecache.is_cache_callback(c)]) == 1
    first.refresh_from_db()
    assert first.status == "registered"


def test_a_second_cancellation_is_harmless(client, full_seminar):
    seated, _other, _first, second = queue(full_seminar)
    client.post(url(seated))
    response = client.post(url(seated))
    assert response.status_code == 303
    assert "Your registration is cancelled." in client.get(url(seated)).text
    second.refresh_from_db()
    assert second.status == "waitlisted"  # nobody else moved up


def test_leaving_the_waiting_list_promotes_nobody(client, full_seminar):
    _seated, _other, first, second = queue(full_seminar)
    client.post(url(first))
    second.refresh_from_db()
    assert second.status == "waitlisted"
    assert "You are number 1 on the waiting list." in " ".join(client.get(url(second)).text.split())


def test_no_cancellation_once_the_seminar_has_started(client, organization):
    start = timezone.now() - dt.timedelta(hours=1)
    seminar = SeminarFactory(organizers=[organization], start=start, end=start + dt.timedelta(hours=5))
    registration = RegistrationFactory(seminar=seminar)
    html = client.get(url(registration)).text
    assert "Cancel my registration" not in html
    assert "The seminar has started" in html
    client.post(url(registration))
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_an_attendance_is_shown_and_not_cancellable(client, registration):
    registration.status = Registration.Status.ATTENDED
    registration.save()
    html = client.get(url(registration)).text
    assert "Attended" in html and "Cancel my registration" not in html


@pytest.mark.parametrize("template", ["registration_confirmation", "promotion"])
def test_the_emails_carry_the_link(client, organization, template):
    seminar = SeminarFactory(organizers=[organization])
    registration = RegistrationFactory(seminar=seminar, person=PersonFactory(language="ru"))
    message = render_message(template, registration)
    link = re.search(r"https?://\S+/my-registration/\S+/\?lang=ru", message.body).group(0)
    assert link in message.alternatives[0][0]
    assert client.get(urlsplit(link).path + "?lang=ru").status_code == 200


def test_the_already_registered_mail_carries_the_link(client, registration, settings):
    settings.PORTAL_BASE_URL = "https://mura.example.kz"
    from seminars.models import SelfRegistrationRequest

    request = SelfRegistrationRequest.objects.create(
        seminar=registration.seminar, email=registration.email, details={"language": "en"}, token_hash="0" * 64
    )
    tasks.send_registration_link.apply(kwargs={"request_id": request.pk, "token": "t"})
    [message] = mail.outbox
    assert f"https://mura.example.kz{url(registration)}?lang=" in message.body
