"""E-mail for every app: render a message in the recipient's language, and tell transient SMTP errors from permanent.

Templates come in threes: ``<name>_subject.txt``, ``<name>.txt`` and (unless ``html=False``) ``<name>.html``.
They render in the recipient's language and in the portal's time zone (a worker's current zone may differ).

Errors: 4xx replies, timeouts, refused or dropped connections are transient: the caller retries them with
exponential backoff up to a cap (``backoff``). 5xx replies and refused recipients are permanent: retrying would
be refused the same way, so they are never retried. Anything else is a misconfiguration or a bug: permanent too.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Mapping, Sequence

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
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
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        body_html = _INLINER.inline(render_to_string(f"{template}.html", context)) if html else None
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


def send(template: str, context: Mapping, *, language: str, to: str | Sequence[str], html: bool = True) -> None:
    """Render ``template`` (see ``render``) and send it; SMTP errors propagate for the caller to ``classify``."""
    render(template, context, language=language, to=to, html=html).send()


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
