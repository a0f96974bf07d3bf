"""Staff must use two-factor authentication when REQUIRE_STAFF_MFA is on (production)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from portal.mfa import has_totp, mfa_required

# What a staff member without TOTP may still reach: the setup itself (and the password confirmation
# allauth asks for before it), logging out, switching language or contrast, and the health checks.
ALLOWED_WITHOUT_MFA = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
        "low_vision",
        "healthz",
        "readyz",
    }
)


class StaffMFAMiddleware:
    """Send a logged-in staff member without a TOTP authenticator to the TOTP setup page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if mfa_required(request.user) and not self._allowed(request) and not has_totp(request.user):
            messages.warning(
                request,
                _("Staff accounts must use two-factor authentication. Set up an authenticator app to continue."),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        if settings.STATIC_URL and request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in ALLOWED_WITHOUT_MFA and not match.namespace


class PrivateAccountPagesMiddleware:
    """Nothing under /accounts/ is kept in a browser's or proxy's cache.

    These pages show an e-mail address, a TOTP secret, recovery codes or a password-reset link;
    several of allauth's views do not say `no-store` themselves (the TOTP setup, the recovery codes).
    """

    PREFIX = "/accounts/"

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(self.PREFIX):
            patch_cache_control(response, no_store=True, private=True)
        return response
