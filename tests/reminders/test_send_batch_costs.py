"""What sending a batch costs, counted rather than timed: SMTP sessions, statements, template compilations; and
the prepared bytes (portal.mail.wire) are Django's own message, header for header and part for part."""

from __future__ import annotations

import itertools
import re

import pytest
from django.db import connection
from django.template import base as template_base
from django.test.utils import CaptureQueriesContext

from portal import mail
from reminders import digest, planning, sending
from reminders.models import Delivery, ReminderItem
from tests.reminders import dataset

pytestmark = pytest.mark.django_db

_copy_numbers = itertools.count()


@pytest.fixture
def planned(settings):
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    data = dataset.build()
    planning.plan(dataset.TODAY)
    return data


def _copies(times: int) -> list[int]:
    """``times`` more digests like each planned one that escalates nothing (other recipients, the same items)."""
    ids = []
    originals = Delivery.objects.filter(escalated=False).exclude(recipient_email__startswith="copy-").order_by("pk")
    for original in originals:
        items = list(original.items.all())
        for _ in range(times):
            copy = Delivery.objects.get(pk=original.pk)
            copy.pk = None
            copy.recipient_email = f"copy-{next(_copy_numbers)}-{original.recipient_email}"
            copy.save()
            for item in items:
                item.pk = None
                item.delivery = copy
            ReminderItem.objects.bulk_create(items)
            ids.append(copy.pk)
    return ids


def _send_counted(ids, monkeypatch) -> tuple[int, int]:
    """Send ``ids`` as one batch; returns (statements, templates compiled)."""
    compiled = []
    original = template_base.Template.__init__

    def counting(self, *args, **kwargs):
        compiled.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(template_base.Template, "__init__", counting)
    with CaptureQueriesContext(connection) as queries:
        outcome = sending.send_batch(ids)
    monkeypatch.setattr(template_base.Template, "__init__", original)
    assert outcome.count("sent") == len(ids)
    return len(queries), len(compiled)


def test_a_batch_uses_one_smtp_connection_and_one_statement_per_digest(planned, smtp_backend, monkeypatch):
    sending.send_batch(_copies(1))  # the process's first digests compile the templates
    small, large = _copies(2), _copies(6)
    sessions = len(smtp_backend.handler.sessions)

    small_queries, small_compiled = _send_counted(small, monkeypatch)
    assert len(smtp_backend.handler.sessions) == sessions + 1
    large_queries, large_compiled = _send_counted(large, monkeypatch)
    assert len(smtp_backend.handler.sessions) == sessions + 2

    # Per digest: the UPDATE that records it, nothing else (items, sites, recipients come with the batch).
    assert large_queries - small_queries == len(large) - len(small)
    assert (small_compiled, large_compiled) == (0, 0)  # templates are compiled once per process


def test_messages_keep_their_headers_language_and_parts(planned, smtp_backend):
    sending.send_batch(list(Delivery.objects.values_list("pk", flat=True)))

    received = smtp_backend.received
    assert len(received) == len(planned.expected)
    ids = [r.message["Message-ID"] for r in received]
    assert len(set(ids)) == len(ids)
    for item in received:
        (recipient,) = item.recipients
        message = item.message
        assert message["To"] == recipient or message["To"].lower() == recipient
        assert message["Content-Language"] == planned.languages[recipient]
        assert message["Auto-Submitted"] == "auto-generated"
        assert str(message["Subject"]).strip().startswith("Mura")  # as Django folds it
        assert message.get_body(preferencelist=("plain",)) is not None
        assert message.get_body(preferencelist=("html",)) is not None
        personal = recipient in {"aigerim@example.org", "john@example.org"}
        assert bool(message["List-Unsubscribe"]) == personal
        assert (message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click") == personal


def _normalized(data: bytes) -> bytes:
    data = re.sub(rb"={15}\d+==", b"BOUNDARY", data)
    return re.sub(rb"\r\nDate: [^\r]*\r\n", b"\r\nDate: DATE\r\n", data)


def test_prepared_bytes_are_djangos_message(planned):
    prepared = 0
    for delivery in Delivery.objects.order_by("pk"):
        delivery.attempts = 1
        message = digest.build_message(delivery)  # kk, ru and en; with and without List-Unsubscribe
        data = mail.wire(message)
        assert data is not None, delivery.recipient_email
        assert _normalized(data) == _normalized(message.message().as_bytes(linesep="\r\n"))
        prepared += 1
    assert prepared == len(planned.expected)


def test_other_messages_go_djangos_way():
    message = mail.EmailMultiAlternatives(subject="s", body="x" * 1200, to=["a@example.org"])
    message.attach_alternative("<p>x</p>", "text/html")
    assert mail.wire(message) is None  # a line too long for SMTP: Django encodes it quoted-printable
    message = mail.EmailMultiAlternatives(subject="s", body="text", to=["a@example.org"])
    message.attach_alternative("<p>x</p>", "text/html")
    message.attach("letter.pdf", b"%PDF", "application/pdf")
    assert mail.wire(message) is None


@pytest.mark.parametrize(
    "value",
    [
        "<reminder-12-1.0a1b2c3d4e5f@mura.example.org>",
        "auto-generated",
        "Sun, 06 Dec 2026 04:11:08 -0000",
        "two  spaces",
        " leading",
        "x" * 90,
        "<https://mura.example.org/reminders/unsubscribe/" + "t" * 60 + "/?lang=kk>",
        "Қазақша",
    ],
)
def test_a_header_written_directly_is_the_policys_line(value):
    from django.core.mail.message import forbid_multi_line_headers

    name, folded = forbid_multi_line_headers("X-Test", value, "utf-8")
    assert mail._header("X-Test", value) == mail._WIRE_POLICY.fold_binary(name, folded)
