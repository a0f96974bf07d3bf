"""Sessions in the database, as before, that remember the expiry stored with them (see IdleSessionMiddleware)."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """Django's database sessions; ``stored_expiry`` is the row's expire_date as loaded (None: no row)."""

    stored_expiry = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session is not None else None
        return session
