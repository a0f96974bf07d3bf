"""Issue 15, item 6: a participant cancels their own registration from the link in their e-mail, and the first
person on the waiting list gets the seat.

Aliya has a seat at the full demo workshop. Her confirmation e-mail is sent the way production sends it (a task
queued on Redis, rendered and sent by a real Celery worker process into a directory the test reads); she opens the
link it carries, without an account, sees her registration and cancels it. Daniyar, first on the waiting list,
moves up and the worker sends him "A seat is yours" in his language (Russian); his e-mail carries his own link,
which opens his registration, not hers.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from portal.tasks import enqueue_now
from seminars import tasks
from seminars.demo import UPCOMING_SLUG
from seminars.models import Registration, Seminar
from tests.seminars.test_worker_emails import read_mails, text_of
from tests.services import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.services]

WORKSHOP = "Heritage-based tourism for site staff (demo workshop)"
LINK = re.compile(r"https?://\S+(/seminars/\S+/my-registration/\S+/\?lang=\w+)")


def _subject(message) -> str:
    # A folded non-ASCII subject reads back with a leading space (the file backend's RFC 2047 encoding).
    return message["Subject"].strip()


def _mails(mail_dir, to: str, subject_start: str):
    return [m for m in read_mails(mail_dir) if m["To"] == to and _subject(m).startswith(subject_start)]


def _registration(email: str) -> Registration:
    return Registration.objects.get(seminar__slug=UPCOMING_SLUG, email=email)


def test_a_participant_cancels_from_the_email_and_the_waiting_list_moves(celery_worker, fresh_demo_server, page):
    aliya = _registration("aliya.sample@example.org")
    assert aliya.status == Registration.Status.REGISTERED
    daniyar, madina = (_registration(f"{name}@example.org") for name in ("daniyar.demo", "madina.example"))
    assert [daniyar.status, madina.status] == ["waitlisted", "waitlisted"]

    # Her confirmation, queued as a registration queues it and sent by the worker.
    assert enqueue_now(tasks.send_registration_confirmation, registration_id=aliya.pk)
    confirmation = wait_for(
        lambda: _mails(celery_worker.mail_dir, aliya.email, f"Registration confirmed: {WORKSHOP}"), timeout=30
    )
    assert confirmation, (read_mails(celery_worker.mail_dir), celery_worker.log())
    body = text_of(confirmation[0])
    assert "If you cannot come, please cancel your registration" in " ".join(body.split())
    link = LINK.search(body).group(1)
    assert link.endswith("?lang=en")

    # She opens the link, not signed in: her registration, nobody else's.
    page.goto(link)
    main = page.locator("main")
    assert page.locator("h1").inner_text() == "Your registration"
    text = main.inner_text()
    assert "Aliya Sample" in text and WORKSHOP in text
    assert "You have a seat at this seminar." in text
    assert "Daniyar Demo" not in text and "aliya.sample@example.org" not in text
    with page.expect_navigation():
        page.get_by_role("button", name="Cancel my registration").click()
    assert "Your registration is cancelled." in main.inner_text()
    assert page.get_by_role("button", name="Cancel my registration").count() == 0
    aliya.refresh_from_db()
    assert aliya.status == Registration.Status.CANCELLED

    # Opening the link again changes nothing: it still says so.
    page.goto(link)
    assert "Your registration is cancelled." in page.locator("main").inner_text()

    # The first on the waiting list has the seat and is told, in Russian, by the worker.
    title_ru = Seminar.objects.get(slug=UPCOMING_SLUG).title_ru
    with translation.override("ru"):
        subject = translation.gettext("A seat is yours: %(title)s") % {"title": title_ru}
    assert subject != f"A seat is yours: {title_ru}"
    promotion = wait_for(lambda: _mails(celery_worker.mail_dir, daniyar.email, subject), timeout=30)
    assert promotion, (read_mails(celery_worker.mail_dir), celery_worker.log())
    daniyar.refresh_from_db()
    madina.refresh_from_db()
    assert (daniyar.status, daniyar.promotion_notified_at is not None) == ("registered", True)
    assert madina.status == "waitlisted"
    promoted_to = {m["To"] for m in read_mails(celery_worker.mail_dir) if _subject(m).startswith(subject[:10])}
    assert promoted_to == {daniyar.email}

    # His e-mail carries his own link: his seat, in Russian.
    his_link = LINK.search(text_of(promotion[0])).group(1)
    assert his_link.endswith("?lang=ru") and his_link != link
    page.goto(his_link)
    text = page.locator("main").inner_text()
    assert "Daniyar Demo" in text and "Aliya Sample" not in text
    with translation.override("ru"):
        assert translation.gettext("You have a seat at this seminar.") in text
