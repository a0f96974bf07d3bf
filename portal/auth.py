"""Who the request's user is, with the user and their permission facts read from the cache (portal.userfacts).

CachedAuthenticationMiddleware replaces Django's AuthenticationMiddleware. It does what django.contrib.auth's
get_user does (the session names the user and the backend; the session's hash of the password must match, or
the session ends) but loads the user through ``userfacts.cached_user``: a signed-in request then asks the
database nothing to know who it is and what roles they hold. Once a process has seen a session's user, the next
request on that session reads the session and the user's facts in one round trip (portal.sessions).
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, _get_user_session_key, load_backend
from django.contrib.auth.middleware import AuthenticationMiddleware, auser
from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from portal import userfacts


def get_user(request):
    """django.contrib.auth.get_user, with the user loaded through the cache."""
    user = _get_user(request)
    if user.is_authenticated:
        userfacts.remember_user_on(request.session.session_key, user.pk)
    return user


def _get_user(request):
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    backend = load_backend(backend_path)
    read_ahead = getattr(request.session, "read_ahead", None)  # portal.sessions: read with the session
    user = userfacts.cached_user(
        user_id,
        lambda: backend.get_user(user_id),
        read_ahead=read_ahead[1] if read_ahead is not None and read_ahead[0] == user_id else None,
    )
    if user is None:
        return AnonymousUser()
    if not hasattr(user, "get_session_auth_hash"):
        return user
    session_hash = request.session.get(HASH_SESSION_KEY)
    session_auth_hash, fallbacks = userfacts.session_hashes(user)
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return user
    # Signed with a SECRET_KEY_FALLBACKS key: move the session to the current one, as Django does.
    if session_hash and any(constant_time_compare(session_hash, fallback) for fallback in fallbacks):
        request.session.cycle_key()
        request.session[HASH_SESSION_KEY] = session_auth_hash
        return user
    request.session.flush()  # the password changed (or the session was forged): the session ends here
    return AnonymousUser()


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # its checks; request.auser stays Django's
        request.user = SimpleLazyObject(lambda: get_user(request))
        request.auser = partial(auser, request)
