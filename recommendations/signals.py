"""Mark the cached recommendation figures stale (portal.pagecache, namespace "recommendations") when the
recommendations, their reports and status changes, or the names they are shown with change."""

from __future__ import annotations

import functools

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal import pagecache

RECOMMENDATIONS = "recommendations"


@functools.cache
def _watched_models() -> tuple[type, ...]:
    from portal.models import Organization, Region
    from recommendations.models import ProgressReport, Recommendation, StatusChange
    from seminars.models import Seminar
    from sites.models import Site

    # The names shown in the list, the dashboard and the list's filter options.
    return (Recommendation, StatusChange, ProgressReport, Organization, Region, Site, Seminar)


@functools.cache
def _watched_links() -> tuple[type, ...]:
    from recommendations.models import Recommendation

    return (Recommendation.sites.through, Recommendation.supporting_organizations.through)


def _row_changed(sender, raw: bool = False, **kwargs) -> None:
    if not raw and sender in _watched_models():
        pagecache.bump_version(RECOMMENDATIONS)


def _link_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_") and sender in _watched_links():
        pagecache.bump_version(RECOMMENDATIONS)


post_save.connect(_row_changed, dispatch_uid="recommendations_cache_save")
post_delete.connect(_row_changed, dispatch_uid="recommendations_cache_delete")
m2m_changed.connect(_link_changed, dispatch_uid="recommendations_cache_m2m")
