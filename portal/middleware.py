"""Staff MFA, private account and signed-in pages, the idle-expiry refresh of sessions, and the CSP header."""

from __future__ import annotations

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
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
# The API authenticates by personal token and never reads the session: a staff member's browser session says
# nothing there, so it must not turn an API call (with a token or without) into a redirect to a page. The API's
# documentation page (/api/docs/) is a page like any other.
API_PATH = "/api/v1/"


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
        if request.path_info.startswith(API_PATH):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in ALLOWED_WITHOUT_MFA and not match.namespace


class LanguageFromLinkMiddleware:
    """``?lang=kk`` (or ru, en) opens the page in that language and remembers it in the language cookie.

    E-mails are written in the recipient's language and their links carry it, so that a Russian reminder opens
    Russian pages, through the log-in too (the cookie set here is kept by portal.signals at log-in). Placed after
    LocaleMiddleware, whose choice it overrides for this request.
    """

    PARAMETER = "lang"

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get(self.PARAMETER, "")
        if code not in self.languages:
            return self.get_response(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response


class PrivateAccountPagesMiddleware:
    """Nothing under /accounts/, and nothing shown to a signed-in user, is kept in a browser's or proxy's cache.

    The account pages show an e-mail address, a TOTP secret, recovery codes or a password-reset link;
    several of allauth's views do not say `no-store` themselves (the TOTP setup, the recovery codes).
    A signed-in user's pages may carry contact data (a recommendation's, a site's, the dashboard's): one rule
    for all of them rather than a mixin each page could forget.
    """

    PREFIX = "/accounts/"

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path_info.startswith(self.PREFIX) or (user is not None and user.is_authenticated):
            patch_cache_control(response, no_store=True, private=True)
        return response


class IdleSessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware with an idle timeout that does not write the session on every request.

    A session expires SESSION_COOKIE_AGE (SESSION_IDLE_HOURS) after it was last saved. Saving it on every
    request (SESSION_SAVE_EVERY_REQUEST) cost a database write per page; instead a request saves it, pushing
    the expiry (and the cookie's max-age) a full timeout ahead, only when the stored expiry has fallen more than
    SESSION_REFRESH_SECONDS behind that (never more than a tenth of the timeout). A session therefore ends
    between the timeout less the refresh interval and the full timeout after its last request.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.modified and self._needs_refresh(request, session):
            session.modified = True
        return super().process_response(request, response)

    @staticmethod
    def _needs_refresh(request, session) -> bool:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False  # no session yet: one is saved when something is put in it
        session.get("_auth_user_id")  # load it, if this request did not: every request counts as activity
        if session.is_empty():
            return False
        stored = getattr(session, "stored_expiry", None)
        if stored is None:
            return True  # not from portal.sessions, or no row: save as Django would
        age = session.get_expiry_age()
        interval = min(settings.SESSION_REFRESH_SECONDS, age / 10)
        return (stored - timezone.now()).total_seconds() < age - interval


# Content-Security-Policy ---------------------------------------------------------------------------------------

# What a view can set to change its own policy (django-csp's decorators); the portal's views set none of them.
_PER_RESPONSE_POLICY = (
    *("_csp_config", "_csp_update", "_csp_replace"),
    *("_csp_config_ro", "_csp_update_ro", "_csp_replace_ro"),
)
_HEADERS = ((False, HEADER, "_csp_exempt"), (True, HEADER_REPORT_ONLY, "_csp_exempt_ro"))


@functools.cache
def _settings_policy(report_only: bool) -> tuple[str, tuple[str, ...]]:
    """The header built from settings alone, and the path prefixes it is not sent on."""
    name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    prefixes = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
    return build_policy(report_only=report_only), tuple(prefixes)


@receiver(setting_changed)
def _policy_setting_changed(setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _settings_policy.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy built once instead of twice per response (50 µs, a few per cent
    of a page served from the cache): a response whose view asked for no policy of its own and whose request used
    no nonce gets the same headers as django-csp would give it from settings; any other goes django-csp's way."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, n) for n in _PER_RESPONSE_POLICY):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for report_only, header, exempt in _HEADERS:
            policy, excluded = _settings_policy(report_only)
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(excluded)
            ):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
