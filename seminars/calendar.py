"""An iCalendar (RFC 5545) file for a seminar: /seminars/<slug>/calendar.ics and the confirmation e-mail."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from seminars.models import Seminar


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    """RFC 5545's UTC form (20270302T050000Z): for calendar programs, never shown to people."""
    return f"{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"


def ics(seminar: Seminar) -> str:
    url = f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}"
    where = ", ".join(part for part in (seminar.venue, seminar.city) if part)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mura//UNESCO sites of Kazakhstan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:seminar-{seminar.pk}@{settings.PORTAL_BASE_URL.split('://', 1)[-1].split('/', 1)[0]}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(seminar.start)}",
        f"DTEND:{_utc(seminar.end)}",
        f"SUMMARY:{_escape(seminar.title)}",
        f"URL:{url}",
    ]
    if where:
        lines.append(f"LOCATION:{_escape(where)}")
    if seminar.status == Seminar.Status.CANCELLED:
        lines.append("STATUS:CANCELLED")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
