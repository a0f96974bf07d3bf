"""The reminders app's rules (see `portal.permissions` for the convention)."""

from __future__ import annotations

import rules

from portal.roles import is_organizer

# Organization contact addresses and site managers' addresses in the reminder history: organizers and admins.
rules.add_perm("reminders.view_recipient_addresses", is_organizer)
