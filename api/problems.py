"""Errors of the API as RFC 9457 problem details (`application/problem+json`), always the same shape.

Every error answer carries `type`, `title`, `status` and `detail`; a rejected request also lists what was
wrong in `errors` (empty otherwise), so that a client reads every error the same way.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:mura:problem:"


def titles() -> dict[int, str]:
    return {
        400: _("Invalid request"),
        401: _("Authentication required"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        413: _("Request too large"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


SLUGS = {
    400: "invalid-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    429: "too-many-requests",
    500: "server-error",
}


def problem_body(status: int, detail: str = "", errors: list[dict] | None = None) -> dict:
    return {
        "type": TYPE_PREFIX + SLUGS.get(status, "error"),
        "title": titles().get(status, _("Error")),
        "status": status,
        "detail": str(detail) or titles().get(status, _("Error")),
        "errors": errors or [],
    }


def problem_response(status: int, detail: str = "", errors: list[dict] | None = None, **headers) -> HttpResponse:
    response = HttpResponse(
        json.dumps(problem_body(status, detail, errors), ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response
