"""Who may do what with a recommendation: the one place the views, templates and tests ask.

Reading needs only a signed-in account. Recording and editing are for organizers and admins. A progress
report or a status change may come from a focal point of a responsible organization (lead or supporting),
a manager of a linked site, an organizer or an admin. The scoping is data (`User.focal_point_for`,
`Site.managers`), not group membership: whoever an admin names there speaks for that organization or site.
"""

from __future__ import annotations

from portal import roles
from recommendations.models import Recommendation


def can_view(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_record(user) -> bool:
    """Record a new recommendation (also from a seminar's page)."""
    return can_view(user) and roles.is_organizer(user)  # is_organizer is true for admins too


def can_edit(user, rec: Recommendation) -> bool:
    return can_record(user)


def _focal_point_org_ids(user) -> frozenset[int]:
    cached = getattr(user, "_mura_focal_point_org_ids", None)
    if cached is None:
        cached = frozenset(user.focal_point_for.values_list("pk", flat=True))
        user._mura_focal_point_org_ids = cached
    return cached


def is_responsible(user, rec: Recommendation) -> bool:
    """A focal point of the lead or a supporting organization."""
    return bool(_focal_point_org_ids(user) & rec.responsible_organization_ids)


def manages_a_linked_site(user, rec: Recommendation) -> bool:
    return rec.sites.filter(managers=user).exists()


def can_report(user, rec: Recommendation) -> bool:
    """Post a progress report."""
    if not can_view(user):
        return False
    if roles.is_organizer(user):
        return True
    return is_responsible(user, rec) or manages_a_linked_site(user, rec)


def can_change_status(user, rec: Recommendation) -> bool:
    """The same people who report may move the status on (the services check which moves are allowed)."""
    return can_report(user, rec)
