"""Mark the cached participant lists stale (portal.pagecache, namespace "participants") when registrations, the
people registered, their organizations or the seminars change. Bulk writes (imports, check-in of many, the
notification stamps) bump it themselves in seminars.services and seminars.tasks."""

from __future__ import annotations

from portal import pagecache

PARTICIPANTS = "participants"


def _watched_models() -> tuple[type, ...]:
    from portal.models import Organization, User
    from seminars.models import Person, Registration, Seminar

    return (Registration, Person, Seminar, Organization, User)


pagecache.invalidate_on_change(PARTICIPANTS, _watched_models)
