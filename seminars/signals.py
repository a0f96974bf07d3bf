"""Mark the cached participant lists stale (portal.pagecache, namespace "participants") when registrations, the
people registered, their organizations or the seminars change. Bulk writes (imports, check-in of many, the
notification stamps) bump it themselves in seminars.services and seminars.tasks."""

from __future__ import annotations

import functools

from django.db.models.signals import post_delete, post_save

from portal import pagecache

PARTICIPANTS = "participants"
_USER_FIELDS_NOT_SHOWN = frozenset({"last_login", "password"})


@functools.cache
def _watched_models() -> tuple[type, ...]:
    from portal.models import Organization, User
    from seminars.models import Person, Registration, Seminar

    return (Registration, Person, Seminar, Organization, User)


def _row_changed(sender, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or sender not in _watched_models():
        return
    if update_fields is not None and set(update_fields) <= _USER_FIELDS_NOT_SHOWN:
        return
    pagecache.bump_version(PARTICIPANTS)


post_save.connect(_row_changed, dispatch_uid="participants_cache_save")
post_delete.connect(_row_changed, dispatch_uid="participants_cache_delete")
