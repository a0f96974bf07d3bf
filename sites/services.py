"""Writes on the site catalogue that touch more than one row or model. Views and the admin call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch

from portal.text import build_search_text
from sites.models import Designation, PeriodicReview, Site, SiteDesignation

MANAGEMENT_FIELDS = ("management_plan", "management_plan_year", "management_plan_url", "threats", "visitor_facilities")


def refresh_search_text(site_ids: Iterable[int]) -> int:
    """Rebuild `search_text` for these sites; write only the rows whose text changed. Returns how many changed.

    Uses UPDATE rather than save(): the text is derived, so it must not add audit-history rows.
    """
    ids = {pk for pk in site_ids if pk is not None}
    if not ids:
        return 0
    links = Prefetch("designation_links", queryset=SiteDesignation.objects.select_related("designation"))
    changed = 0
    for site in Site.objects.filter(pk__in=ids).prefetch_related(links):
        text = build_search_text(site.search_parts(site.designation_links.all()))
        if text != site.search_text:
            changed += Site.objects.filter(pk=site.pk).update(search_text=text)
    return changed


def refresh_search_text_for_designation(designation: Designation) -> int:
    return refresh_search_text(designation.site_links.values_list("site_id", flat=True))


@transaction.atomic
def link_designation(site: Site, designation: Designation, component_name: str = "") -> SiteDesignation:
    """Attach a designation to a site (or update its component name) and refresh the site's search text."""
    link, created = SiteDesignation.objects.get_or_create(
        site=site, designation=designation, defaults={"component_name": component_name}
    )
    if not created and link.component_name != component_name:
        link.component_name = component_name
        link.save(update_fields=["component_name"])
    refresh_search_text([site.pk])
    return link


@transaction.atomic
def unlink_designation(site: Site, designation: Designation) -> None:
    SiteDesignation.objects.filter(site=site, designation=designation).delete()
    refresh_search_text([site.pk])


@transaction.atomic
def update_management(site: Site, data: dict[str, Any]) -> list[str]:
    """Apply a site manager's edit of the management fields; returns the names of the fields that changed.

    Compares with the row as stored (a ModelForm has already copied its data onto ``site``), under a row
    lock, and saves (one audit-history row) only when something changed.
    """
    stored = Site.objects.select_for_update().get(pk=site.pk)
    changed = [name for name in MANAGEMENT_FIELDS if name in data and getattr(stored, name) != data[name]]
    for name in changed:
        setattr(stored, name, data[name])
    if changed:
        stored.full_clean()
        stored.save()
    return changed


@transaction.atomic
def set_management_plan(sites: Iterable[Site], status: str) -> int:
    """Bulk action: set the management-plan status. Saves each site so that the audit trail records it.

    Going back to "none" clears the year and link, which only describe an existing plan.
    """
    if status not in Site.ManagementPlan.values:
        raise ValueError(f"unknown management plan status {status!r}")
    count = 0
    for site in sites:
        values = {"management_plan": status}
        if status == Site.ManagementPlan.NONE:
            values.update(management_plan_year=None, management_plan_url="")
        if any(getattr(site, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(site, k, v)
            site.save()
            count += 1
    return count


def refresh_last_periodic_review(designation_id: int) -> None:
    """Keep `Designation.last_periodic_review` the year of its latest submitted review (None without one).

    The planner and the site page read the next review from it, so a review recorded as submitted ends the
    reminders for its year. UPDATE rather than save(): the year is derived, not an edit to audit.
    """
    year = PeriodicReview.objects.filter(
        designation_id=designation_id, status__in=PeriodicReview.SUBMITTED_STATUSES
    ).aggregate(year=Max("year"))["year"]
    Designation.objects.filter(pk=designation_id).exclude(last_periodic_review=year).update(last_periodic_review=year)
