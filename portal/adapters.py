from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.http import HttpRequest
from django.utils import translation

from portal.signals import loggable
from portal.validators import EMAIL_MAX_LENGTH

log = logging.getLogger("mura.auth")


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
            super().send_mail(template_prefix, email, context)

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
