"""The works app's rules (see `portal.permissions` for the convention).

Signed-in officials, organizers, site managers, focal points and admins see planned works; everyone of
those but organizers records them (an Akimat's focal point, an official, a manager).
"""

from __future__ import annotations

import rules

from portal.permissions import PermissionRequiredMixin
from portal.roles import is_admin, is_focal_point, is_official, is_organizer, is_site_manager

can_record_works = is_admin | is_official | is_site_manager | is_focal_point
can_view_works = can_record_works | is_organizer

rules.add_perm("works.view_works", can_view_works)
rules.add_perm("works.record_works", can_record_works)


class WorksPermissionMixin(PermissionRequiredMixin):
    """Log-in first, then 403 for a role that may not see works (or, for the views that declare
    "works.record_works", record them). The rules do not depend on which work: checked before any lookup."""

    permission_required = "works.view_works"

    def get_permission_object(self) -> None:
        return None
