"""Two-factor authentication: who has it, who must have it, and 429 when codes are guessed.

allauth's MFA stores one `Authenticator` row per method. Staff must have a TOTP authenticator when
`REQUIRE_STAFF_MFA` is on (see `portal.middleware.StaffMFAMiddleware` and `portal.admin_site`).
"""

from __future__ import annotations

from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError

TOO_MANY_ATTEMPTS = "too_many_login_attempts"


def has_totp(user) -> bool:
    return bool(
        user.is_authenticated and Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
    )


def mfa_required(user) -> bool:
    """True when this user must set up TOTP before doing anything else: staff, and superusers even when not
    staff (a superuser is an admin everywhere in the portal, see roles.is_admin)."""
    return bool(settings.REQUIRE_STAFF_MFA and user.is_authenticated and (user.is_staff or user.is_superuser))


def staff_mfa_satisfied(user) -> bool:
    return not mfa_required(user) or has_totp(user)


class _RefuseWith429:
    """allauth shows "too many attempts" as a form error (200); the portal refuses with 429 like the login."""

    def clean_code(self) -> str:
        try:
            return super().clean_code()
        except ValidationError as exc:
            if exc.code == TOO_MANY_ATTEMPTS:
                raise ImmediateHttpResponse(respond_429(context.request)) from exc
            raise


class AuthenticateForm(_RefuseWith429, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_RefuseWith429, mfa_forms.ReauthenticateForm):
    pass
