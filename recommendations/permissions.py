"""The recommendations app's rules (see `portal.permissions` for the convention).

Reading needs only a signed-in account. Recording and editing are for organizers and admins. A progress
report or a status change may come from a focal point of a responsible organization (lead or supporting),
a manager of a linked site, an organizer or an admin. The scoping is data (`User.focal_point_for`,
`Site.managers`), not group membership: whoever an admin names there speaks for that organization or site.
"""

from __future__ import annotations

import rules

from portal.roles import (
    has_object,
    is_active_user,
    is_focal_point_for,
    is_focal_point_for_owner,
    is_manager_of_a_linked_site,
    is_national_commission_member,
    is_organizer,
)

can_view = is_active_user
# Record a new recommendation (also from a seminar's page); is_organizer is true for admins too.
can_record = can_view & is_organizer
# Whoever may record may edit any recommendation.
can_edit = has_object & can_record
# Publishing to the public register (recommendations.public) is part of editing.
can_publish = can_edit
can_report = has_object & can_view & (is_organizer | is_focal_point_for | is_manager_of_a_linked_site)
# Confirming or returning a reported implementation (issue 18): the recommendation's editors, members of the
# National Commission, admins. The services add that nobody confirms their own report.
can_review = has_object & can_view & (is_organizer | is_national_commission_member)
# The same people who report may move the status on, and reviewers may review (the services check which
# moves are allowed, and which are a reviewer's).
can_change_status = can_report | can_review

# Actions (issue 18): their recommendation's editors set them up; the owner's focal points report on them.
# These rules take the recommendation (manage) or the action (report, change status).
can_manage_actions = can_edit
can_report_on_action = has_object & can_view & (is_organizer | is_focal_point_for_owner)
can_change_action_status = can_report_on_action | can_review

rules.add_perm("recommendations.view_recommendations", can_view)
rules.add_perm("recommendations.record_recommendation", can_record)
rules.add_perm("recommendations.change_recommendation", can_edit)
rules.add_perm("recommendations.publish_recommendation", can_publish)
rules.add_perm("recommendations.report_progress", can_report)
rules.add_perm("recommendations.change_status", can_change_status)
rules.add_perm("recommendations.review_implementation", can_review)
rules.add_perm("recommendations.manage_actions", can_manage_actions)
rules.add_perm("recommendations.report_on_action", can_report_on_action)
rules.add_perm("recommendations.change_action_status", can_change_action_status)
