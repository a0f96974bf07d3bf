"""Mark the cached recommendation figures stale (portal.pagecache, namespace "recommendations") when the
recommendations, their reports and status changes, or the names they are shown with change."""

from __future__ import annotations

from portal import pagecache

RECOMMENDATIONS = "recommendations"


def _watched_models() -> tuple[type, ...]:
    from documents.models import Attachment
    from portal.models import Organization, Region
    from recommendations.models import ProgressReport, Recommendation, StatusChange
    from seminars.models import Seminar
    from sites.models import Site

    # The names shown in the list, the dashboard and the list's filter options.
    # Attachment: the public page of a recommendation lists its public documents and its reports'.
    return (Recommendation, StatusChange, ProgressReport, Organization, Region, Site, Seminar, Attachment)


def _watched_links() -> tuple[type, ...]:
    from recommendations.models import Recommendation

    return (Recommendation.sites.through, Recommendation.supporting_organizations.through)


pagecache.invalidate_on_change(RECOMMENDATIONS, _watched_models, _watched_links)
