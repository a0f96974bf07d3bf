"""The reminders app's rules (see `portal.permissions` for the convention)."""

from __future__ import annotations

import rules

from portal.roles import has_object, is_admin, is_focal_point_of_addressee, is_official, is_organizer

# Organization contact addresses and site managers' addresses in the reminder history: organizers and admins.
rules.add_perm("reminders.view_recipient_addresses", is_organizer)
# An escalation's official letter (reminders.letters): who follows the register for the state (officials,
# organizers, admins) and the focal points of the organization it is addressed to.
rules.add_perm(
    "reminders.read_letter", has_object & (is_admin | is_official | is_organizer | is_focal_point_of_addressee)
)
