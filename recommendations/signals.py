"""Mark the cached recommendation figures stale (portal.pagecache, namespace "recommendations") when the
recommendations, their reports and status changes, or the names they are shown with change."""

from __future__ import annotations

from portal import pagecache

RECOMMENDATIONS = "recommendations"


def _watched_models() -> tuple[type, ...]:
    from documents.models import Attachment
    from portal.models import Organization, Region
    from recommendations.action_models import Action, ActionReport, ActionStatusChange, Handover
    from recommendations.models import (
        ProgressReport,
        Recommendation,
        RecommendationLink,
        RecommendationTheme,
        StatusChange,
    )
    from seminars.models import Seminar
    from sites.models import Site

    # The names shown in the list, the dashboard and the list's filter options.
    # Attachment: the public page of a recommendation lists its public documents and its reports'.
    # Actions and links: the public page lists a recommendation's actions and the published items it links to.
    return (
        Recommendation,
        StatusChange,
        ProgressReport,
        Action,
        ActionReport,
        ActionStatusChange,
        Handover,
        RecommendationLink,
        RecommendationTheme,
        Organization,
        Region,
        Site,
        Seminar,
        Attachment,
    )


def _watched_links() -> tuple[type, ...]:
    from recommendations.action_models import Action
    from recommendations.models import Recommendation

    return (
        Recommendation.sites.through,
        Recommendation.supporting_organizations.through,
        Recommendation.sdg_targets.through,
        Action.supporting_organizations.through,
    )


pagecache.invalidate_on_change(RECOMMENDATIONS, _watched_models, _watched_links)
