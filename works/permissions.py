"""The works app's rules (see `portal.permissions` for the convention).

Signed-in officials, organizers, site managers, focal points and admins see planned works; everyone of
those but organizers records them (an Akimat's focal point, an official, a manager). A work is edited (and
screened again) by whoever recorded it, while they may still record works, and by admins.
"""

from __future__ import annotations

import rules

from portal.permissions import PermissionRequiredMixin
from portal.roles import has_object, is_admin, is_focal_point, is_official, is_organizer, is_site_manager


@rules.predicate
def recorded_it(user, work) -> bool:
    return work is not None and user.is_authenticated and work.created_by_id == user.pk


can_record_works = is_admin | is_official | is_site_manager | is_focal_point
can_view_works = can_record_works | is_organizer
can_edit_work = has_object & (is_admin | (can_record_works & recorded_it))

rules.add_perm("works.view_works", can_view_works)
rules.add_perm("works.record_works", can_record_works)
rules.add_perm("works.change_plannedwork", can_edit_work)


class WorksPermissionMixin(PermissionRequiredMixin):
    """Log-in first, then 403 for a role that may not see works (or, for the views that declare
    "works.record_works", record them). The rules do not depend on which work: checked before any lookup."""

    permission_required = "works.view_works"

    def get_permission_object(self) -> None:
        return None
