"""Self-registration as a visitor does it: the form, then the link from the e-mail, then "Confirm"."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse


def register_url(seminar) -> str:
    return reverse("seminars:register", kwargs={"slug": seminar.slug})


def link_token(callbacks) -> str | None:
    """The token of the confirmation link queued after commit (the e-mail task's keyword)."""
    tokens = [c.keywords["token"] for c in callbacks if "token" in getattr(c, "keywords", {})]
    assert len(tokens) <= 1
    return tokens[0] if tokens else None


def confirm_url(seminar, token: str) -> str:
    return reverse("seminars:register_confirm", kwargs={"slug": seminar.slug, "token": token})


def register(client, seminar, data, **extra):
    """Fill in the form and confirm through the link; the form's response when no link was sent."""
    with TestCase.captureOnCommitCallbacks() as callbacks:
        response = client.post(register_url(seminar), data, **extra)
    token = link_token(callbacks)
    if token is None:
        return response
    return client.post(confirm_url(seminar, token))
