"""Authentication events go to the `mura.auth` log (who, from where, what). Never a password or a code."""

import logging

from allauth.account.adapter import get_adapter
from allauth.account.signals import password_changed, password_reset, password_set, user_logged_in
from allauth.mfa import signals as mfa_signals
from django.conf import settings
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

log = logging.getLogger("mura.auth")


def loggable(text) -> str:
    """What a visitor typed, safe for a log line: control characters escaped (no forged lines), 254 at most."""
    text = "" if text is None else str(text)[:254]
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def client_ip(request) -> str:
    """The client's address as the rate limits see it (honours ALLAUTH_TRUSTED_PROXY_COUNT)."""
    if request is None:
        return "-"
    try:
        return get_adapter().get_client_ip(request)
    except PermissionDenied:
        return "-"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.info("login ok user=%s ip=%s", user.pk, client_ip(request))


@receiver(user_logged_in)
def _interface_in_the_users_language(sender, request, user, response=None, **kwargs):
    """After log-in the portal speaks the language of the user's profile, unless they already chose one with the
    language switcher (its cookie wins: a choice made on this browser is not undone by logging in)."""
    language = getattr(user, "language", "")
    if response is None or request is None or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    if language not in dict(settings.LANGUAGES):
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.info("logout user=%s ip=%s", getattr(user, "pk", None), client_ip(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Never log the password; the e-mail is enough to trace an attack on one account.
    tried = credentials.get("email") or credentials.get("username")
    log.warning("login failed email=%s ip=%s", loggable(tried), client_ip(request))


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs):
    log.info("password reset user=%s ip=%s", user.pk, client_ip(request))


@receiver(password_changed)
def _password_changed(sender, request, user, **kwargs):
    log.info("password changed user=%s ip=%s", user.pk, client_ip(request))


@receiver(password_set)
def _password_set(sender, request, user, **kwargs):
    log.info("password set user=%s ip=%s", user.pk, client_ip(request))


@receiver(mfa_signals.authenticator_added)
def _mfa_added(sender, request, user, authenticator, **kwargs):
    log.info("mfa added type=%s user=%s ip=%s", authenticator.type, user.pk, client_ip(request))


@receiver(mfa_signals.authenticator_removed)
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    log.warning("mfa removed type=%s user=%s ip=%s", authenticator.type, user.pk, client_ip(request))


@receiver(mfa_signals.authenticator_reset)
def _mfa_reset(sender, request, user, authenticator, **kwargs):
    log.info("mfa reset type=%s user=%s ip=%s", authenticator.type, user.pk, client_ip(request))


@receiver(mfa_signals.authenticator_used)
def _mfa_used(sender, request, user, authenticator, reauthenticated=False, **kwargs):
    what = "mfa reauthenticated" if reauthenticated else "mfa ok"
    log.info("%s type=%s user=%s ip=%s", what, authenticator.type, user.pk, client_ip(request))


@receiver(mfa_signals.authentication_failed)
def _mfa_failed(sender, request, user, authenticator, **kwargs):
    log.warning("mfa failed type=%s user=%s ip=%s", authenticator.type, user.pk, client_ip(request))


def log_rate_limited(request) -> None:
    """Called by the 429 handler: every refusal by a rate limit, whatever the action."""
    user = getattr(request, "user", None)
    log.warning(
        "rate limited path=%s user=%s ip=%s",
        loggable(request.path),
        user.pk if user is not None and user.is_authenticated else "-",
        client_ip(request),
    )
