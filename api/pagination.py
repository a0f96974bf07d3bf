"""Cursor pagination: a page is the rows after the last id of the previous one, so pages never shift or repeat
when rows are added, and the database walks the primary key index instead of counting and skipping."""

from __future__ import annotations

import base64
import binascii

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError

DEFAULT_LIMIT, MAX_LIMIT = 50, 200


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"after:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, _sep, number = text.partition(":")
        if prefix != "after" or not number.isdigit() or len(number) > 18:
            raise ValueError
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise HttpError(400, _("The cursor is not one this API gave: start again from the first page.")) from None


def paginate(request: HttpRequest, queryset: QuerySet, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of ``queryset`` in primary key order, and the URL of the next page (None on the last)."""
    queryset = queryset.order_by("pk")
    if cursor:
        queryset = queryset.filter(pk__gt=decode_cursor(cursor))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    query = request.GET.copy()
    query["cursor"] = encode_cursor(rows[-1].pk)
    return rows, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
