"""The zones app's rules (see `portal.permissions` for the convention): who may upload boundaries. Admins
anywhere; a site manager for the designations of the sites they manage (`designations_for_upload`, the
list the upload form offers, is the filter of the same rule)."""

from __future__ import annotations

import rules

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


@rules.predicate
def manages_a_designated_site(user) -> bool:
    return designations_for_upload(user).exists()


can_upload_zones = is_admin | (is_site_manager & manages_a_designated_site)
can_upload_corridors = is_admin | is_site_manager

rules.add_perm("zones.upload_zones", can_upload_zones)
rules.add_perm("zones.upload_corridors", can_upload_corridors)
