"""Who may upload boundaries: admins anywhere; a site manager for the designations of the sites they manage."""

from __future__ import annotations

from portal.roles import is_admin, is_site_manager
from sites.models import Designation


def designations_for_upload(user):
    """The designations ``user`` may upload zones for (none for anonymous visitors and other roles)."""
    if not user.is_authenticated:
        return Designation.objects.none()
    if is_admin(user):
        return Designation.objects.all()
    if is_site_manager(user):
        return Designation.objects.filter(site_links__site__managers=user).distinct()
    return Designation.objects.none()


def can_upload_zones(user) -> bool:
    return is_admin(user) or (is_site_manager(user) and designations_for_upload(user).exists())


def can_upload_corridors(user) -> bool:
    return is_admin(user) or is_site_manager(user)
