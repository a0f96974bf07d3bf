"""portal.mail: one renderer in the recipient's language, one SMTP error classifier, one backoff."""

from __future__ import annotations

import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail as outbox

from portal import mail
from portal.tasks import send_test_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"busy")}), mail.TRANSIENT),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), mail.PERMANENT),
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no"), "b@example.org": (451, b"later")}),
            mail.TRANSIENT,
        ),
        (smtplib.SMTPDataError(451, b"later"), mail.TRANSIENT),
        (smtplib.SMTPDataError(554, b"rejected"), mail.PERMANENT),
        (smtplib.SMTPSenderRefused(553, b"bad sender", "noreply@example.org"), mail.PERMANENT),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), mail.PERMANENT),
        (smtplib.SMTPConnectError(421, b"too busy"), mail.TRANSIENT),
        (smtplib.SMTPServerDisconnected("gone"), mail.TRANSIENT),
        (TimeoutError("timed out"), mail.TRANSIENT),
        (OSError(113, "No route to host"), mail.TRANSIENT),
        (ConnectionRefusedError(111, "refused"), mail.TRANSIENT),
        (ValueError("a bug"), mail.PERMANENT),
    ],
)
def test_classify(error, kind):
    assert mail.classify(error) == kind
    assert mail.is_transient(error) is (kind == mail.TRANSIENT)


def test_breaks_connection_only_when_the_session_is_gone():
    assert mail.breaks_connection(smtplib.SMTPDataError(421, b"closing")) is True
    assert mail.breaks_connection(smtplib.SMTPServerDisconnected("gone")) is True
    assert mail.breaks_connection(smtplib.SMTPDataError(451, b"later")) is False
    assert mail.breaks_connection(smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")})) is False


def test_backoff_doubles_up_to_the_cap():
    delays = [mail.backoff(n, base=30, cap=900).total_seconds() for n in range(1, 8)]
    assert delays == [30, 60, 120, 240, 480, 900, 900]


def test_render_uses_the_recipients_language_whatever_the_current_one():
    user = UserFactory(email="zhanar@example.org", language="ru")
    message = mail.render("emails/test_email", {"user": user}, language="ru", to=user.email, html=False)
    english = mail.render("emails/test_email", {"user": user}, language="en", to=user.email, html=False)
    assert english.subject == "Mura: test e-mail"
    assert message.subject != english.subject
    assert message.to == ["zhanar@example.org"]
    assert message.alternatives == []


def test_render_attaches_the_html_part_and_headers():
    from tests.factories import RegistrationFactory

    registration = RegistrationFactory(person__language="kk", person__email="asel@example.org")
    context = {"person": registration.person, "seminar": registration.seminar, "registration": registration}
    message = mail.render(
        "emails/seminars/promotion", context, language="kk", to=["asel@example.org"], headers={"X-Test": "1"}
    )
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="kk">' in html
    assert message.extra_headers == {"X-Test": "1"}
    assert "\n" not in message.subject


def test_retry_if_transient_retries_a_4xx_and_raises_a_5xx():
    task = send_test_email  # as a worker runs it, after one retry
    task.push_request(called_directly=False, retries=1, is_eager=True)
    try:
        with pytest.raises(Retry) as retry:
            mail.retry_if_transient(task, smtplib.SMTPDataError(451, b"later"))
        assert retry.value.when == 60  # the second retry waits twice the base
        with pytest.raises(smtplib.SMTPDataError):
            mail.retry_if_transient(task, smtplib.SMTPDataError(554, b"rejected"))
    finally:
        task.pop_request()


def test_send_test_email_in_the_users_language():
    user = UserFactory(email="zhanar@example.org", language="en")
    assert send_test_email(user_id=user.pk) is True
    [message] = outbox.outbox
    assert message.subject == "Mura: test e-mail"
    assert message.to == ["zhanar@example.org"]
