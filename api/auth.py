"""Who calls the API: the owner of a personal token (`Authorization: Bearer <token>`), or nobody; and how often."""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, Throttled
from ninja.security import HttpBearer

from api.models import ApiToken, hash_token

LAST_USED_PRECISION = dt.timedelta(minutes=5)  # at most one write per token per five minutes
WINDOW_SECONDS = 60


def check_rate(kind: str, key: str, limit: int) -> None:
    """A fixed one-minute window per key in the cache; over the limit, Throttled with the seconds left."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    cache_key = f"api-rate:{kind}:{key}:{window}"
    cache.add(cache_key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count > limit:
        raise Throttled(wait=max(int((window + 1) * WINDOW_SECONDS - now) + 1, 1))


def client_address(request: HttpRequest) -> str:
    """The address allauth's rate limits use (behind the configured number of proxies), else the socket's."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request) or "unknown"
    except PermissionDenied:  # no usable address header: count the request under the socket's address
        return request.META.get("REMOTE_ADDR") or "unknown"


def _token_from_header(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthenticationError(message=_("Send a valid personal API token: Authorization: Bearer …"))
    return value.strip()


def authenticate(request: HttpRequest, *, required: bool):
    """The token's user (and ``request.api_token``); AnonymousUser without a header unless ``required``.
    A header that names no active token is a 401, never an anonymous read."""
    check_rate("address", client_address(request), settings.API_RATE_LIMIT_PER_ADDRESS)
    raw = _token_from_header(request)
    if raw is None:
        if required:
            raise AuthenticationError(message=_("Send a valid personal API token: Authorization: Bearer …"))
        request.api_token = None
        return AnonymousUser()
    now = timezone.now()
    token = ApiToken.objects.active(now).select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None:
        raise AuthenticationError(message=_("This token is unknown, expired or revoked."))
    check_rate("token", str(token.pk), settings.API_RATE_LIMIT_PER_TOKEN)
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    request.api_token = token
    return token.user


class OptionalToken(HttpBearer):
    """Public operations: anyone, or a token's owner (who may then see more, e.g. their draft seminars)."""

    required = False

    def __call__(self, request: HttpRequest):
        return authenticate(request, required=self.required)

    def authenticate(self, request: HttpRequest, token: str):  # the header is read by __call__
        raise NotImplementedError


class RequiredToken(OptionalToken):
    required = True
