"""Authentication events go to the `mura.auth` log (who, from where, what)."""

import logging

from allauth.account.signals import password_reset, user_logged_in
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("mura.auth")


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.info("login ok user=%s ip=%s", user.pk, _ip(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.info("logout user=%s ip=%s", getattr(user, "pk", None), _ip(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Never log the password; the e-mail is enough to trace an attack on one account.
    log.warning("login failed email=%s ip=%s", credentials.get("email") or credentials.get("username"), _ip(request))


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs):
    log.info("password reset user=%s ip=%s", user.pk, _ip(request))
