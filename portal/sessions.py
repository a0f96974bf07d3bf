"""Sessions in the cache, with the database behind it (Django's cached_db), remembering their stored expiry.

A request reads its session from the cache (one round trip, no query); the database is read only when the cache
has lost the entry (eviction, a restart, a cache that is down), and every save writes both. Log-out deletes
both, so a session that ended is never found again. ``stored_expiry`` is the expiry saved with the session,
which IdleSessionMiddleware reads to decide whether the request must push it forward.
"""

from __future__ import annotations

import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore
from django.utils import timezone

from portal import userfacts

logger = logging.getLogger("django.contrib.sessions")

KEY_PREFIX = "mura.session:"


class SessionStore(CachedDatabaseSessionStore):
    """Django's cached database sessions; the cache keeps (expiry, data), so that a hit knows its expiry too."""

    cache_key_prefix = KEY_PREFIX
    stored_expiry = None  # the expiry as saved (None: no stored session)

    # What load() read beside the session: the entries of the user this process last saw on this session
    # (portal.userfacts.read_ahead_keys), or None.
    read_ahead = None

    def load(self):
        try:
            entry = self._load_with_read_ahead()
        except Exception:
            logger.warning("Session cache unavailable; reading the database", exc_info=True)
            entry = None
        if isinstance(entry, tuple) and len(entry) == 2:
            expiry, data = entry
            if expiry is not None and expiry <= timezone.now():  # the entry outlived its session: it is over
                self.stored_expiry = None
                self._session_key = None  # as the database path does: a save makes a new key, never revives this one
                return {}
            self.stored_expiry = expiry
            return data
        session = self._get_session_from_db()
        if session is None:
            self.stored_expiry = None
            return {}
        data = self.decode(session.session_data)
        self.stored_expiry = session.expire_date
        self._cache_set(session.expire_date, data, self.get_expiry_age(expiry=session.expire_date))
        return data

    def _load_with_read_ahead(self):
        """The session's cache entry; with it, in the same round trip, the cached facts of the user this process
        last saw signed in on this session, if any (a hint only: portal.auth uses them for the user the session
        names, and for no other)."""
        user_id = userfacts.user_seen_on(self.session_key)
        if user_id is None or settings.SESSION_CACHE_ALIAS != "default":  # the facts are in the default cache
            return self._cache.get(self.cache_key)
        keys = userfacts.read_ahead_keys(user_id)
        values = self._cache.get_many([self.cache_key, *keys])
        self.read_ahead = (user_id, values)
        return values.get(self.cache_key)

    def save(self, must_create=False):
        # The database first (DBStore.save): a save that fails there leaves the cache as it was.
        super(CachedDatabaseSessionStore, self).save(must_create)
        self.stored_expiry = self.get_expiry_date()
        self._cache_set(self.stored_expiry, self._session, self.get_expiry_age())

    def _cache_set(self, expiry, data, age) -> None:
        try:
            self._cache.set(self.cache_key, (expiry, data), age)
        except Exception:
            logger.warning("Could not keep the session in the cache", exc_info=True)

    # The portal is served by WSGI; should an async view ever ask, it gets the same store in a thread.
    async def aload(self):
        return await sync_to_async(self.load)()

    async def asave(self, must_create=False):
        return await sync_to_async(self.save)(must_create)
