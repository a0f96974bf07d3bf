"""E-mail for every app: render a message in the recipient's language, and tell transient SMTP errors from permanent.

Templates come in threes: ``<name>_subject.txt``, ``<name>.txt`` and (unless ``html=False``) ``<name>.html``.
They render in the recipient's language and in the portal's time zone (a worker's current zone may differ).

Errors: 4xx replies, timeouts, refused or dropped connections are transient: the caller retries them with
exponential backoff up to a cap (``backoff``). 5xx replies and refused recipients are permanent: retrying would
be refused the same way, so they are never retried. Anything else is a misconfiguration or a bug: permanent too.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import functools
import logging
import random
import re
import smtplib
import sys
from collections.abc import Mapping, Sequence
from email.utils import formatdate

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT, forbid_multi_line_headers, sanitize_address
from django.dispatch import receiver
from django.template.loader import get_template
from django.test.signals import setting_changed
from django.utils import timezone, translation

log = logging.getLogger(__name__)

# Mail clients drop <style> blocks (Gmail's app, Outlook): the layout's rules go into style attributes, once per
# message, by a compiled inliner. The @media rules (dark mode, narrow screens) stay in the head for the clients
# that read them. Nothing is fetched: the layout has no external stylesheet.
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)

TRANSIENT = "transient"
PERMANENT = "permanent"


def render(
    template: str,
    context: Mapping,
    *,
    language: str,
    to: str | Sequence[str],
    html: bool = True,
    connection=None,
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The message ``template`` (subject, text and HTML parts) for ``to``, rendered in ``language``."""
    context = {"PORTAL_BASE_URL": settings.PORTAL_BASE_URL, "email_language": language, **context}
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        subject = compiled_template(f"{template}_subject.txt").render(context)
        text = compiled_template(f"{template}.txt").render(context)
        body_html = _INLINER.inline(compiled_template(f"{template}.html").render(context)) if html else None
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # a subject is one line, whatever the template's line breaks
        body=text,
        to=[to] if isinstance(to, str) else list(to),
        connection=connection,
        headers=dict(headers or {}),
    )
    if body_html is not None:
        message.attach_alternative(body_html, "text/html")
    return message


def compiled_template(name: str):
    """The compiled template ``name`` (as get_template gives it), looked up once per process unless DEBUG.

    get_template asks every loader, and without DEBUG Django's cached loader still builds a cache key and walks
    the loaders list on each call; a worker sending thousands of messages renders the same few templates.
    With DEBUG the lookup is left to Django, so that an edited template shows at once.
    """
    if settings.DEBUG:
        return get_template(name)
    return _compiled(name)


@functools.cache
def _compiled(name: str):
    return get_template(name)


@receiver(setting_changed)
def _forget_templates(*, setting, **kwargs):
    if setting in {"TEMPLATES", "DEBUG"}:
        _compiled.cache_clear()


def send(template: str, context: Mapping, *, language: str, to: str | Sequence[str], html: bool = True) -> None:
    """Render ``template`` (see ``render``) and send it; SMTP errors propagate for the caller to ``classify``."""
    render(template, context, language=language, to=to, html=html).send()


# Sending a prepared message ------------------------------------------------------------------------------
#
# Django builds each message with Python's email package (MIMEText, MIMEMultipart, the generator), about 1 ms of
# CPU for a two-part digest. Messages of one shape (sender, header names, one text and one HTML part, 7 or 8 bit)
# differ only in a few header lines, the MIME boundary and the two bodies. wire() has Django build that shape once
# with placeholders, keeps the bytes around them, and fills in each message's parts encoded by the very functions
# Django's path uses (forbid_multi_line_headers, then the compat32 policy's header folding). The bytes are
# Django's own for that message but for the random boundary (tests.reminders.test_wire checks this). Any other
# message (attachments, long lines, carriage returns, Cc...) gets None and goes Django's way.

_WIRE_POLICY = email.policy.compat32.clone(linesep="\r\n")
_BOUNDARY_WIDTH = len(repr(sys.maxsize - 1))
_PLACEHOLDER_BOUNDARY = "=" * 15 + "7" * _BOUNDARY_WIDTH + "=="
_TEXT, _HTML = "@@mura-text-9f1c@@", "@@mura-html-9f1c@@"
_OWN_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "date", "subject", "mime-version", "content-type"}
_OWN_HEADERS |= {"content-transfer-encoding"}


def _plain_part(content: str) -> bool:
    """Written as is by Django (7 or 8 bit), not quoted-printable: short lines, no carriage return."""
    if "\r" in content:
        return False
    return all(len(line.encode()) <= RFC5322_EMAIL_LINE_LENGTH_LIMIT for line in content.split("\n"))


def _shape(message) -> tuple | None:
    if not isinstance(message, EmailMultiAlternatives) or type(message).message is not EmailMultiAlternatives.message:
        return None
    if message.attachments or message.cc or message.bcc or message.reply_to or len(message.to) != 1:
        return None
    if (message.encoding or settings.DEFAULT_CHARSET).lower() != "utf-8" or message.content_subtype != "plain":
        return None
    if len(message.alternatives) != 1 or message.alternatives[0].mimetype != "text/html" or not message.body:
        return None
    names = tuple(message.extra_headers)
    if any(name.lower() in _OWN_HEADERS for name in names):
        return None
    html = message.alternatives[0].content
    if not (_plain_part(message.body) and _plain_part(html)):
        return None
    return (message.from_email, names, message.body.isascii(), html.isascii(), settings.EMAIL_USE_LOCALTIME)


@functools.lru_cache(maxsize=64)
def _skeleton(shape: tuple) -> tuple:
    """The shape's bytes as literal pieces and slots: ("header", name), ("boundary",), ("text",), ("html",)."""
    from_email, names, text_ascii, html_ascii, _localtime = shape
    text_marker = _TEXT + ("" if text_ascii else "\u00e9")  # a non-ASCII part is 8bit, an ASCII one 7bit
    html_marker = _HTML + ("" if html_ascii else "\u00e9")
    probe = EmailMultiAlternatives(
        subject="s", body=text_marker, from_email=from_email, to=["to@example.org"], headers=dict.fromkeys(names, "h")
    )
    probe.attach_alternative(html_marker, "text/html")
    msg = probe.message()
    msg.set_boundary(_PLACEHOLDER_BOUNDARY)  # what the generator would do, with a boundary of the same length
    head, body = msg.as_bytes(linesep="\r\n").split(b"\r\n\r\n", 1)
    variable = {"subject", "to", "date", *(name.lower() for name in names)}
    pieces: list = []
    for line in head.replace(b"\r\n ", b"\0 ").replace(b"\r\n\t", b"\0\t").split(b"\r\n"):
        name = line.split(b":", 1)[0].decode("ascii")
        pieces.append(("header", name.lower()) if name.lower() in variable else line.replace(b"\0", b"\r\n") + b"\r\n")
    pieces.append(b"\r\n" + body)
    for marker, slot in (
        (_PLACEHOLDER_BOUNDARY.encode(), ("boundary",)),
        (text_marker.encode(), ("text",)),
        (html_marker.encode(), ("html",)),
    ):
        cut: list = []
        for piece in pieces:
            if isinstance(piece, bytes):
                for i, part in enumerate(piece.split(marker)):
                    cut.extend([slot, part] if i else [part])
            else:
                cut.append(piece)
        pieces = cut
    slots = [piece for piece in pieces if not isinstance(piece, bytes)]
    expected = {("text",): 1, ("html",): 1, ("boundary",): 4} | {("header", name): 1 for name in variable}
    if {slot: slots.count(slot) for slot in slots} != expected:
        raise ValueError(f"unexpected MIME layout for {shape!r}: {slots!r}")
    return tuple(piece for piece in pieces if piece != b"")


def _boundary(*contents: str) -> str:
    """A boundary as the email package makes one (generator.Generator._make_boundary), absent from ``contents``."""
    while True:
        token = random.randrange(sys.maxsize)  # noqa: S311 (a MIME boundary, random as the email package's)
        boundary = "=" * 15 + f"{token:0{_BOUNDARY_WIDTH}d}" + "=="
        if not any(boundary in content for content in contents):
            return boundary


# A header line the policy would write as it is: printable ASCII words, single spaces, within 78 characters.
_UNFOLDED = re.compile(r"[!-~]+(?: [!-~]+)*")


def _header(name: str, value) -> bytes:
    value = str(value)
    if name != "Subject" and len(name) + 2 + len(value) <= _WIRE_POLICY.max_line_length and _UNFOLDED.fullmatch(value):
        return f"{name}: {value}\r\n".encode("ascii")  # what the two calls below give, some 30 µs sooner
    name, value = forbid_multi_line_headers(name, value, "utf-8")
    return _WIRE_POLICY.fold_binary(name, value)


def wire(message) -> bytes | None:
    """``message.message().as_bytes(linesep="\\r\\n")`` built from its shape's skeleton, or None (see above)."""
    shape = _shape(message)
    if shape is None:
        return None
    html = message.alternatives[0].content
    values = {
        "subject": message.subject,
        "to": ", ".join(str(v) for v in message.to),
        "date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
    }
    headers = {name.lower(): _header(name, values[name.lower()]) for name in ("Subject", "To", "Date")}
    for name, value in message.extra_headers.items():
        headers[name.lower()] = _header(name, value)
    boundary = _boundary(message.body, html).encode("ascii")
    out = []
    for piece in _skeleton(shape):
        if isinstance(piece, bytes):
            out.append(piece)
        elif piece[0] == "header":
            out.append(headers[piece[1]])
        elif piece[0] == "boundary":
            out.append(boundary)
        elif piece[0] == "text":
            out.append(message.body.encode().replace(b"\n", b"\r\n"))
        else:
            out.append(html.encode().replace(b"\n", b"\r\n"))
    return b"".join(out)


def send_over(connection, message) -> None:
    """Send ``message`` on an open ``connection`` (a Django e-mail backend); SMTP errors propagate.

    Django's SMTP backend gets the prepared bytes (wire) straight on its smtplib session, as its own _send would
    pass them; any other backend, or a message wire() does not take, goes through send_messages.
    """
    data = wire(message) if isinstance(connection, SMTPBackend) and connection.connection is not None else None
    if data is None:
        connection.send_messages([message])
        return
    encoding = message.encoding or settings.DEFAULT_CHARSET
    sender = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    with connection._lock:
        connection.connection.sendmail(sender, recipients, data)


def classify(exc: BaseException) -> str:
    """TRANSIENT or PERMANENT for an error raised while opening a connection or sending a message."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return PERMANENT if codes and all(500 <= code < 600 for code in codes) else TRANSIENT
    if isinstance(exc, smtplib.SMTPResponseException):
        return PERMANENT if 500 <= exc.smtp_code < 600 else TRANSIENT
    if isinstance(exc, smtplib.SMTPServerDisconnected | TimeoutError | ConnectionError):
        return TRANSIENT
    if isinstance(exc, OSError):  # unreachable host, name resolution, socket errors
        return TRANSIENT
    return PERMANENT  # a misconfiguration or a bug: retrying would fail the same way


def is_transient(exc: BaseException) -> bool:
    return classify(exc) == TRANSIENT


def breaks_connection(exc: BaseException) -> bool:
    """After these errors the SMTP session is gone (a refused recipient or message leaves it usable)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code == 421 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421  # "service not available, closing transmission channel"
    return isinstance(exc, smtplib.SMTPServerDisconnected | OSError)


def backoff(attempts: int, *, base: float, cap: float) -> dt.timedelta:
    """Delay before attempt ``attempts + 1``: base, 2×base, 4×base... never more than ``cap`` seconds."""
    seconds = base * 2 ** max(0, attempts - 1)
    return dt.timedelta(seconds=min(seconds, cap))


# Celery options of a task that sends one e-mail and retries it itself (see ``retry_if_transient``).
MAIL_TASK_OPTIONS = {"bind": True, "max_retries": 5, "time_limit": 60, "soft_time_limit": 50}
MAIL_RETRY_BASE_SECONDS = 30
MAIL_RETRY_MAX_SECONDS = 900


def retry_if_transient(task, exc: BaseException):
    """In a bound task's ``except``: retry a transient error later (Celery's Retry), re-raise a permanent one.

    A permanent error (a 5xx reply, a refused recipient) is logged and raised as it is, and never retried.
    """
    if not is_transient(exc):
        log.warning("%s: permanent e-mail failure, not retried: %s: %s", task.name, type(exc).__name__, exc)
        raise exc
    delay = backoff(task.request.retries + 1, base=MAIL_RETRY_BASE_SECONDS, cap=MAIL_RETRY_MAX_SECONDS)
    raise task.retry(exc=exc, countdown=delay.total_seconds())
