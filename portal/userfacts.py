"""The signed-in user and their permission facts, read from the cache instead of the database on every request.

Every request of a signed-in user needs the user's row and the facts the role checks read (portal.roles): their
groups, the organizations they are a focal point for, whether their organization is the National Commission.
That is three or four queries before the page starts. Here they are loaded once, kept in the cache as one entry
(the User object with those facts filled in), and read back in the same round trip as the entry's version.

Versions: each user has a version (``userfacts:<id>:version``) and all users share an epoch
(``userfacts:epoch``). An entry is valid only for the version and epoch it was built under. A change to what the
facts are made of bumps the version (or the epoch) at once and again when its transaction commits
(``bump_user``, ``bump_all``), from signal receivers (portal.apps connects them):

- the user's row (name, organization, is_active, password: a changed password still ends the other sessions);
- their groups (either side of the many-to-many), the organizations they are a focal point for;
- the sites they manage (``Site.managers``: the start page and the site page show them);
- an organization or a group row (the epoch: organization kinds and names, group names feed every user's facts).

How soon a change is seen: at the user's next request, on every web process (the cache is shared), for every
change made through the ORM (forms, the admin, services). A change that bypasses the signals (raw SQL,
``QuerySet.update()``) is seen at most USER_FACTS_TIMEOUT seconds later, when the entry expires. Log-out is
immediate: it deletes the session (portal.sessions), which names the user.

A version is read before the database: a request that loads the facts while a change commits stores them under
the old version, which the change's bump has already left behind.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

EPOCH_KEY = "userfacts:epoch"


def timeout() -> int:
    return settings.USER_FACTS_TIMEOUT


def _version_key(user_id) -> str:
    return f"userfacts:{user_id}:version"


def _entry_key(user_id) -> str:
    return f"userfacts:{user_id}:user"


def _seed() -> int:
    # A lost version starts again above any earlier value, so entries built before stay stale.
    return time.time_ns()


def _bump_key(key: str) -> None:
    try:
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): a fresh seed is above every older value
            cache.set(key, _seed(), timeout=None)
    except Exception:  # a cache that is down must not break a save; entries expire on their own
        logger.warning("Could not bump %s", key, exc_info=True)


def _bump_now_and_on_commit(key: str) -> None:
    _bump_key(key)
    transaction.on_commit(lambda: _bump_key(key))


def bump_user(user_id) -> None:
    """The user's facts changed: their next request loads them again."""
    if user_id is not None:
        _bump_now_and_on_commit(_version_key(user_id))


def bump_users(user_ids: Iterable) -> None:
    for user_id in set(user_ids or ()):
        bump_user(user_id)


def bump_all() -> None:
    """Something every user's facts may contain changed (an organization, a group): everybody reloads."""
    _bump_now_and_on_commit(EPOCH_KEY)


def version(user_id) -> tuple:
    """The (epoch, version) under which the user's facts are valid now; part of a signed-in page's cache key."""
    values = cache.get_many([EPOCH_KEY, _version_key(user_id)])
    return _stamp(values, user_id)


def _stamp(values: dict, user_id) -> tuple:
    epoch = values.get(EPOCH_KEY)
    if epoch is None:
        cache.add(EPOCH_KEY, _seed(), timeout=None)
        epoch = cache.get(EPOCH_KEY)
    user_version = values.get(_version_key(user_id))
    if user_version is None:
        cache.add(_version_key(user_id), _seed(), timeout=None)
        user_version = cache.get(_version_key(user_id))
    return (epoch, user_version)


def fill_facts(user) -> None:
    """Load what the role checks read into the user object (portal.roles keeps them on these attributes)."""
    from portal import roles

    user._mura_groups = frozenset(user.groups.values_list("name", flat=True))
    user._mura_focal_point_org_ids = frozenset(user.focal_point_for.values_list("pk", flat=True))
    organization = user.organization if user.organization_id else None  # cached on the object, pickled with it
    user._mura_natcom = bool(organization and organization.kind == roles.NATIONAL_COMMISSION_KIND)


def _session_hashes(user) -> tuple[str, tuple[str, ...]]:
    return user.get_session_auth_hash(), tuple(user.get_session_auth_fallback_hash())


def _without_password(user):
    """A copy of ``user`` to keep in the cache: the password hash stays in the database (the cache is read by more
    services than the portal, and Redis may write it to disk). ``password`` becomes a deferred field: reading it
    loads it (the password pages do), and saving the copy writes only the fields it holds."""
    kept = copy.copy(user)
    kept.__dict__.pop("password", None)
    return kept


# Which user this process last saw signed in on a session (session key -> user id), so that the next request on
# that session reads the user's facts in the same round trip as the session (portal.sessions). A hint: the facts
# read ahead are used only for the user the session names. Bounded: emptied when it reaches SEEN_SESSIONS_MAX.
SEEN_SESSIONS_MAX = 20_000
_seen_on_session: dict[str, object] = {}


def user_seen_on(session_key: str | None):
    if not session_key or not settings.USER_FACTS_CACHE:
        return None
    return _seen_on_session.get(session_key)


def remember_user_on(session_key: str | None, user_id) -> None:
    if not session_key or _seen_on_session.get(session_key) == user_id:
        return
    if len(_seen_on_session) >= SEEN_SESSIONS_MAX:
        _seen_on_session.clear()
    _seen_on_session[session_key] = user_id


def read_ahead_keys(user_id) -> list[str]:
    return [EPOCH_KEY, _version_key(user_id), _entry_key(user_id)]


def cached_user(user_id, load: Callable[[], object | None], read_ahead: dict | None = None):
    """The user with ``user_id`` and their facts, from the cache when its entry is current, else ``load()``
    (the authentication backend's get_user) with the facts filled in and stored.

    The entry keeps the user without the password hash and, beside it, the session hashes made from it (the
    session check in portal.auth compares those). With USER_FACTS_CACHE off (the test suite's query-count tests
    measure the uncached path) it is ``load()``, stamped with the version read before loading. ``read_ahead``:
    this user's keys (read_ahead_keys) as read with the session, instead of reading them now."""
    if not settings.USER_FACTS_CACHE:
        stamp = version(user_id)  # before the database: a change committing meanwhile leaves this stamp behind
        user = load()
        if user is not None:
            user._mura_facts_version = stamp
        return user
    try:
        values = read_ahead if read_ahead is not None else cache.get_many(read_ahead_keys(user_id))
        stamp = _stamp(values, user_id)
    except Exception:
        logger.warning("Cache unavailable; loading user %s from the database", user_id, exc_info=True)
        return load()
    entry = values.get(_entry_key(user_id))
    if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == stamp:
        user = entry[1]
        user._mura_session_hashes = entry[2]
        user._mura_facts_version = stamp
        return user
    user = load()
    if user is None:
        return None
    fill_facts(user)
    hashes = _session_hashes(user)
    try:
        cache.set(_entry_key(user_id), (stamp, _without_password(user), hashes), timeout())
    except Exception:
        logger.warning("Could not cache user %s", user_id, exc_info=True)
    user._mura_session_hashes = hashes
    user._mura_facts_version = stamp
    return user


def session_hashes(user) -> tuple[str, tuple[str, ...]]:
    """The session hash and the fallback ones (SECRET_KEY_FALLBACKS) for ``user``, from the cache entry when the
    user came from it (it holds no password hash to make them from)."""
    hashes = getattr(user, "_mura_session_hashes", None)
    return hashes if hashes is not None else _session_hashes(user)


def facts_version(user) -> tuple:
    """The stamp the request's user was loaded under (or the current one for a user loaded otherwise)."""
    stamp = getattr(user, "_mura_facts_version", None)
    return stamp if stamp is not None else version(user.pk)


# Signal receivers (connected in portal.apps and sites.signals) --------------------------------------------------


def user_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    bump_user(instance.pk)


def row_changed_for_everyone(sender, raw: bool = False, **kwargs) -> None:
    bump_all()


def users_linked(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """User.groups and User.focal_point_for: forward from the user, reverse from a group or an organization."""
    _linked(instance, action, pk_set, instance_is_user=not reverse)


def managers_linked(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Site.managers: forward from the site (pk_set holds users), reverse from the user (user.managed_sites)."""
    _linked(instance, action, pk_set, instance_is_user=reverse)


def _linked(instance, action: str, pk_set, *, instance_is_user: bool) -> None:
    if not action.startswith("post_"):
        return
    if instance_is_user:
        bump_user(instance.pk)
    elif pk_set:
        bump_users(pk_set)
    elif action == "post_clear":
        bump_all()  # cleared from the other side: which users were linked is gone; everybody reloads
