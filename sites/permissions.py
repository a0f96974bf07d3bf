"""The sites app's rules (see `portal.permissions` for the convention)."""

from __future__ import annotations

import rules

from portal.roles import has_object, is_active_user, is_admin, is_focal_point_for_site, is_site_manager_of

# Admins edit every site; a site manager edits the sites listed in `Site.managers`, no others.
can_edit_site = has_object & (is_admin | is_site_manager_of)

# The statutory follow-up of a site's designations (obligations, periodic reviews): its managers, the focal
# points of its managing organization, admins.
can_keep_followup = has_object & (is_admin | is_site_manager_of | is_focal_point_for_site)

# The e-mail addresses of a site's managing organization and managers: any signed-in user.
can_view_contacts = is_active_user


@rules.predicate
def manages_a_site_of(user, designation) -> bool:
    """A manager of one of the designation's sites (as for its zones, zones.permissions)."""
    if designation is None or not user.is_authenticated:
        return False
    # A page showing several designations sets their site ids (sites.views.SiteDetailView): no query each.
    site_ids = getattr(designation, "mura_site_ids", None)
    if site_ids is None:
        return designation.sites.filter(managers=user).exists()
    managed = getattr(user, "_mura_managed_site_ids", None)
    if managed is None:
        managed = user._mura_managed_site_ids = frozenset(user.managed_sites.values_list("pk", flat=True))
    return bool(managed & site_ids)


# Who may attach documents (a nomination map, a Committee decision) to a designation.
can_attach_to_designation = has_object & (is_admin | manages_a_site_of)

rules.add_perm("sites.change_site", can_edit_site)
rules.add_perm("sites.view_contacts", can_view_contacts)
rules.add_perm("sites.keep_followup", can_keep_followup)
