"""The vocabulary of the role matrix: personas, expected answers, and one `Case` per request to try.

An expected answer is a status code (200, 403, 404, 405...) or a `Redirect`. `LOGIN` is the redirect to
allauth's login with `next` set to the requested path; `ADMIN_LOGIN` the admin's redirect to its login.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from django.urls import reverse

from tests.conftest import PERSONAS

ANONYMOUS = "anonymous"
SIGNED_IN = tuple(p for p in PERSONAS if p != ANONYMOUS)
STAFF = ("admin_user",)

OK, NO_CONTENT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 204, 403, 404, 405


@dataclass(frozen=True)
class Redirect:
    """A 302 to `to` (a path, a path relative to the requested URL such as "../", or a URL name reversed
    at check time); `with_next` also wants next=<path>."""

    to: str
    with_next: bool = False
    status: int = 302

    def target(self, requested: str = "/") -> str:
        if self.to.startswith("."):
            return urljoin(urlsplit(requested).path, self.to)
        return self.to if self.to.startswith("/") else reverse(self.to)

    def matches(self, response, requested: str) -> bool:
        if response.status_code != self.status:
            return False
        location = urlsplit(response["Location"])
        if location.path != self.target(requested):
            return False
        return not self.with_next or parse_qs(location.query).get("next") == [requested]

    def __str__(self) -> str:
        return f"{self.status} → {self.to}{'?next=…' if self.with_next else ''}"


LOGIN = Redirect("account_login", with_next=True)
ADMIN_LOGIN = Redirect("/admin/login/", with_next=True)

Answer = int | Redirect


def describe(answer: Answer) -> str:
    return str(answer)


def matches(answer: Answer, response, requested: str) -> bool:
    if isinstance(answer, Redirect):
        return answer.matches(response, requested)
    return response.status_code == answer


def answers(default: Answer | None = None, **per_persona: Answer) -> dict[str, Answer]:
    """Answers for every persona: `default` unless named, e.g. answers(FORBIDDEN, admin_user=OK)."""
    unknown = set(per_persona) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown personas: {sorted(unknown)}")
    table = {persona: per_persona.get(persona, default) for persona in PERSONAS}
    missing = [persona for persona, answer in table.items() if answer is None]
    if missing:
        raise ValueError(f"no answer for {missing}")
    return table


def everyone(answer: Answer) -> dict[str, Answer]:
    return answers(answer)


def signed_in(answer: Answer = OK, *, anonymous: Answer = LOGIN) -> dict[str, Answer]:
    """Anonymous visitors are sent to log in; every signed-in persona gets `answer`."""
    return answers(answer, anonymous=anonymous)


def staff_only(answer: Answer = OK, *, others: Answer = ADMIN_LOGIN) -> dict[str, Answer]:
    return answers(others, admin_user=answer)


Kwargs = Mapping[str, Any] | Callable[[Any], Mapping[str, Any]]


@dataclass(frozen=True)
class Case:
    """One request to try as every persona.

    `kwargs` are the URL's arguments, or a function of pytest's `request` returning them (so that a case
    can build the objects it needs from fixtures: a site the manager manages, one they do not...).
    """

    answers: Mapping[str, Answer]
    kwargs: Kwargs = field(default_factory=dict)
    label: str = "default"
    method: str = "get"
    data: Mapping[str, Any] | None = None
    query: str = ""
    # The key of an earlier pattern that answers this URL instead (this one is unreachable by design).
    shadowed_by: str | None = None
    # The view answers otherwise today, for the reason given: the case runs as a strict xfail, and
    # fails as soon as the view is fixed, so that the reason is removed with the fix.
    wrong_today: str | None = None

    def resolve_kwargs(self, request) -> Mapping[str, Any]:
        return self.kwargs(request) if callable(self.kwargs) else self.kwargs
