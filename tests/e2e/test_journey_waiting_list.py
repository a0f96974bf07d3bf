"""Journey 3 of issue 8: a visitor joins the waiting list of the full demo workshop and gets a seat.

The visitor finds the full seminar in the public list, asks to join its waiting list, confirms the address through
the e-mailed link and is told they are on the waiting list.
The organizer then cancels registrations in the participant list; the seat that frees up goes to the visitor,
and the promotion e-mail arrives. The e-mails are sent the way production sends them: the web request queues a
task on Redis and a real Celery worker process (tests/conftest.py ``celery_worker``) renders and sends it, here
through Django's file backend into a directory the test reads.
"""

from __future__ import annotations

import re

import pytest

from seminars.demo import UPCOMING_SLUG
from seminars.models import Registration
from tests.e2e.helpers import login_as
from tests.seminars.test_worker_emails import read_mails, text_of
from tests.services import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.services]

VISITOR = ("Ainur Visitor", "ainur.visitor@example.org")
WORKSHOP = "Heritage-based tourism for site staff (demo workshop)"


def _mails(mail_dir, to: str, subject_start: str):
    return [m for m in read_mails(mail_dir) if m["To"] == to and m["Subject"].startswith(subject_start)]


def test_visitor_on_the_waiting_list_is_promoted_by_a_cancellation(celery_worker, fresh_demo_server, page, browser):
    name, email = VISITOR

    # The visitor, not signed in, looks for a seminar to join and finds the full workshop.
    page.goto("/seminars/")
    with page.expect_navigation():
        page.get_by_role("link", name=WORKSHOP).click()
    assert page.url.endswith(f"/seminars/{UPCOMING_SLUG}/")
    assert "full: new registrations go on the waiting list" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Join the waiting list").click()
    page.get_by_label("Full name").fill(name)
    page.get_by_role("textbox", name="E-mail").fill(email)
    page.get_by_role("textbox", name="Organization").fill("Demo Village Museum")
    page.get_by_label("Gender").select_option("female")
    page.get_by_label("Language for our e-mails").select_option("en")
    page.get_by_label("I agree to the processing of my personal data").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    # Nothing is held before the address is confirmed: the worker sends a link first.
    assert page.locator("h1").inner_text() == "Check your e-mail"
    assert not Registration.objects.filter(seminar__slug=UPCOMING_SLUG, email=email).exists()
    link_mail = wait_for(
        lambda: [
            m for m in read_mails(celery_worker.mail_dir) if m["To"] == email and "/register/confirm/" in text_of(m)
        ],
        timeout=30,
    )
    assert link_mail, (read_mails(celery_worker.mail_dir), celery_worker.log())
    link = re.search(r"https?://\S+(/seminars/\S+/register/confirm/\S+/)", text_of(link_mail[0])).group(1)

    # The visitor follows the link and confirms: the seminar is full, so they join the waiting list.
    page.goto(link)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "You are on the waiting list"
    assert "The seminar is full." in page.locator("main").inner_text()

    # The worker confirms the place on the waiting list.
    confirmation = wait_for(lambda: _mails(celery_worker.mail_dir, email, f"Waiting list: {WORKSHOP}"), timeout=30)
    assert confirmation, (read_mails(celery_worker.mail_dir), celery_worker.log())
    registration = Registration.objects.get(seminar__slug=UPCOMING_SLUG, email=email)
    assert registration.status == Registration.Status.WAITLISTED

    # The organizer, in a browser of their own, sees the visitor third in the queue.
    organizer = browser.new_context(base_url=fresh_demo_server.url, locale="en-US")
    try:
        their_page = organizer.new_page()
        login_as(their_page, "organizer@example.org")
        their_page.goto(f"/seminars/{UPCOMING_SLUG}/participants/")
        assert "Waiting list · no. 3" in _row(their_page, name).locator(".badge").inner_text()

        # The two ahead of the visitor withdrew; cancelling them frees no seat and promotes nobody.
        for ahead in ("Daniyar Demo", "Madina Example"):
            _cancel(their_page, ahead)
            assert their_page.locator(".message-info").count() == 0
        assert "Waiting list · no. 1" in _row(their_page, name).locator(".badge").inner_text()

        # A seated participant cancels: the seat goes to the visitor.
        _cancel(their_page, "Aliya Sample")
        info = their_page.locator(".message-info").inner_text()
        assert info == f"{name} moved from the waiting list to the participants and is told by e-mail."
        assert _row(their_page, name).locator(".badge").inner_text() == "Registered"
    finally:
        organizer.close()

    promotion = wait_for(lambda: _mails(celery_worker.mail_dir, email, "A seat is yours"), timeout=30)
    assert promotion, (read_mails(celery_worker.mail_dir), celery_worker.log())
    [message] = promotion
    assert message["Subject"] == f"A seat is yours: {WORKSHOP}"
    body = text_of(message)
    assert f"Dear {name}," in body
    assert "you have moved from the waiting list" in " ".join(body.split())
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    assert registration.promotion_notified_at is not None
    # Nobody else was promoted, so nobody else was told so.
    promoted_to = {m["To"] for m in read_mails(celery_worker.mail_dir) if m["Subject"].startswith("A seat is yours")}
    assert promoted_to == {email}


def _row(page, name: str):
    return page.locator("table.participants tbody tr").filter(has_text=name)


def _cancel(page, name: str) -> None:
    with page.expect_navigation():
        _row(page, name).get_by_role("link", name="Cancel", exact=True).click()
    assert name in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Cancel the registration").click()
    assert page.locator(".message-success").inner_text() == f"The registration of {name} is cancelled."
