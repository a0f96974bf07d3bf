from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.http import HttpRequest
from django.utils import translation

from portal.signals import loggable
from portal.validators import EMAIL_MAX_LENGTH

log = logging.getLogger("mura.auth")


class PortalSite:
    """What allauth's e-mails call the site ("Hello from ..."): the portal at PORTAL_BASE_URL, never the Host
    header a request happened to carry."""

    name = "Mura"

    def __init__(self, base_url: str) -> None:
        self.domain = urlsplit(base_url).netloc


def on_portal(url: str, base_url: str) -> str:
    """``url`` with the scheme and host (and port) of PORTAL_BASE_URL."""
    base, parts = urlsplit(base_url), urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins create accounts or send invitations."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def clean_email(self, email: str) -> str:
        """allauth asks with the address already lower-cased, which can make it longer than the 254 characters
        the e-mail columns hold ("İ" becomes two characters): refuse it rather than fail on saving it."""
        email = super().clean_email(email)
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError(EmailValidator.message, code="invalid")
        return email

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mails (the password reset above all) in the language of the account's profile, not in the
        language of the browser that asked for them; an address without an account gets the page's language."""
        from portal.models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).only("language").first()
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            self._send_on_portal(template_prefix, email, context)

    def _send_on_portal(self, template_prefix: str, email: str, context: dict) -> None:
        """Every absolute link in allauth's e-mails (password reset, address confirmation...) points at
        PORTAL_BASE_URL: a request sent with another Host header or port cannot redirect them. No e-mail offers
        a sign-up (there is none: the unknown-account mail says only that there is no such account)."""
        base_url = settings.PORTAL_BASE_URL
        ctx = {"request": allauth_context.request, "email": email, "current_site": PortalSite(base_url), **context}
        ctx.pop("signup_url", None)
        for key, value in ctx.items():
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                ctx[key] = on_portal(value, base_url)
        self.render_mail(template_prefix, email, ctx).send()

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Refuse with 429 once the failed-login limits are spent (ACCOUNT_RATE_LIMITS["login_failed"]).

        allauth itself only adds a form error (answered with 200); a brute-force client, and a
        monitoring system, should see the refusal in the status code.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            if exc.code != "too_many_login_attempts":
                raise
            tried = credentials.get("email") or credentials.get("username")
            log.warning("login throttled email=%s ip=%s", loggable(tried), self.get_client_ip(request))
            raise ImmediateHttpResponse(respond_429(request)) from exc
