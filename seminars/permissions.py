"""The seminars app's rules (see `portal.permissions` for the convention), and the view mixin for the pages
under /seminars/<slug>/ that check a rule on the seminar in the URL.

An organizer manages the seminars their organization organizes; an admin manages every seminar.
Everyone else may read the public pages only. `SeminarQuerySet.visible_to` filters lists by the same
predicates as "seminars.view_seminar" (tests/seminars/test_rules_agree.py holds them together).
"""

from __future__ import annotations

import rules
from django.shortcuts import get_object_or_404

from portal.permissions import PermissionRequiredMixin
from portal.roles import (
    has_object,
    is_admin,
    is_official,
    is_organizer,
    is_organizer_of,
    is_organizer_with_organization,
)
from seminars.models import Seminar


@rules.predicate
def is_public_seminar(user, seminar: Seminar) -> bool:
    """Everything but drafts (a cancelled seminar stays visible, marked cancelled)."""
    return seminar is not None and seminar.status != Seminar.Status.DRAFT


can_manage_seminar = has_object & (is_admin | is_organizer_of)
can_create_seminar = is_admin | is_organizer_with_organization
# Counts by status, gender and organization kind: no personal data, so officials see them too.
can_view_counts = has_object & (can_manage_seminar | is_organizer | is_official)
can_view_seminar = has_object & (is_public_seminar | can_manage_seminar)
# A person links registrations made for several organizations: admins only. Organizers see the details
# given for their own seminars' registrations, on the participant list.
can_view_person = has_object & is_admin

rules.add_perm("seminars.create_seminar", can_create_seminar)
rules.add_perm("seminars.view_seminar", can_view_seminar)
rules.add_perm("seminars.change_seminar", can_manage_seminar)
rules.add_perm("seminars.view_seminar_statistics", can_view_counts)
# The participants of one seminar: the list, its exports and the sign-in sheet; adding, editing, cancelling,
# checking in, promoting and importing.
rules.add_perm("seminars.view_participants", can_manage_seminar)
rules.add_perm("seminars.change_participants", can_manage_seminar)
rules.add_perm("seminars.view_person", can_view_person)
# Attendance certificates of one seminar: a participant's PDF, the ZIP, revoking.
rules.add_perm("seminars.issue_certificates", can_manage_seminar)


class SeminarPermissionMixin(PermissionRequiredMixin):
    """A page about the seminar in the URL, for those who have `permission_required` on it.

    Anonymous visitors are sent to log in; a missing seminar is 404; without the permission, 403.
    Sets ``self.seminar`` before the handler runs.
    """

    seminar: Seminar

    def get_permission_object(self) -> Seminar:
        if not hasattr(self, "seminar"):
            self.seminar = get_object_or_404(
                Seminar.objects.prefetch_related("organizers").select_related("region"), slug=self.kwargs["slug"]
            )
        return self.seminar
