"""Mark the cached participant lists stale (portal.pagecache, namespace "participants") when registrations, the
people registered, their organizations or the seminars change. Bulk writes (imports, check-in of many) send no
signals and call participants_changed() themselves."""

from __future__ import annotations

from portal import pagecache

PARTICIPANTS = "participants"


def _watched_models() -> tuple[type, ...]:
    from portal.models import Organization, User
    from seminars.models import Certificate, Person, Registration, Seminar

    # Certificates: an organizer's start page counts the attended participants still without one.
    return (Registration, Person, Seminar, Organization, User, Certificate)


def participants_changed() -> None:
    """For writes that bypass the signals (bulk_create, bulk updates)."""
    pagecache.bump_version(PARTICIPANTS)


def _watched_links() -> tuple[type, ...]:
    from seminars.models import Seminar

    # Which organizations organize a seminar: an organizer's start page lists their seminars (the participant list
    # itself checks the permission on every request).
    return (Seminar.organizers.through,)


pagecache.invalidate_on_change(PARTICIPANTS, _watched_models, _watched_links)
