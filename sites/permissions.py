"""The sites app's rules (see `portal.permissions` for the convention)."""

from __future__ import annotations

import rules

from portal.roles import has_object, is_active_user, is_admin, is_site_manager_of

# Admins edit every site; a site manager edits the sites listed in `Site.managers`, no others.
can_edit_site = has_object & (is_admin | is_site_manager_of)

# The e-mail addresses of a site's managing organization and managers: any signed-in user.
can_view_contacts = is_active_user

rules.add_perm("sites.change_site", can_edit_site)
rules.add_perm("sites.view_contacts", can_view_contacts)
