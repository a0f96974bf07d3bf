"""Who sees and records planned works: signed-in officials, organizers, site managers, focal points, admins
see them; everyone of those but organizers records them (an Akimat's focal point, an official, a manager)."""

from __future__ import annotations

from django.contrib.auth.mixins import AccessMixin

from portal import roles


def can_view_works(user) -> bool:
    return roles.is_admin(user) or any(
        roles.has_role(user, role) for role in (roles.OFFICIAL, roles.ORGANIZER, roles.SITE_MANAGER, roles.FOCAL_POINT)
    )


def can_record_works(user) -> bool:
    return roles.is_admin(user) or any(
        roles.has_role(user, role) for role in (roles.OFFICIAL, roles.SITE_MANAGER, roles.FOCAL_POINT)
    )


class WorksAccessMixin(AccessMixin):
    """Log-in first, then 403 for a role that may not see (or, with ``record = True``, record) works."""

    record = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        allowed = can_record_works(request.user) if self.record else can_view_works(request.user)
        if not allowed:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
