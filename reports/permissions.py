"""Who may download which report draft (see `portal.permissions` for the convention).

The seminar report holds counts, the programme and the recommendations: the seminar's organizers, admins and
officials (who see a seminar's counts already). The annual report of a region is for the ministry and the
National Commission: officials and admins. A biosphere reserve's follow-up annex: officials, admins and the
managers of its sites.
"""

from __future__ import annotations

import rules

from portal.roles import has_object, is_admin, is_official, is_organizer_of, is_site_manager


@rules.predicate
def manages_a_site_of(user, designation) -> bool:
    if designation is None or not user.is_authenticated:
        return False
    return designation.site_links.filter(site__managers=user).exists()


rules.add_perm("reports.download_seminar_report", has_object & (is_admin | is_official | is_organizer_of))
rules.add_perm("reports.download_region_report", is_admin | is_official)
rules.add_perm("reports.download_review_annex", has_object & (is_admin | is_official | manages_a_site_of))
# The page listing the drafts: whoever may download a region's report or a reserve's annex.
rules.add_perm("reports.view_report_index", is_admin | is_official | is_site_manager)
