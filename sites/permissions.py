"""Object-level access to sites: the one place that decides who may edit which site."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from portal.roles import is_admin
from sites.models import Site


def can_edit_site(user, site: Site) -> bool:
    """Admins edit every site; a site manager edits the sites listed in `Site.managers`, no others.

    Uses `site.managers.all()`, so a view that prefetched the managers asks no extra query.
    """
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    return any(manager.pk == user.pk for manager in site.managers.all())


def get_site_for_edit(user, slug: str) -> Site:
    """The site with this slug if ``user`` may edit it; 404 when there is none, PermissionDenied otherwise."""
    site = get_object_or_404(Site.objects.prefetch_related("managers"), slug=slug)
    if not can_edit_site(user, site):
        raise PermissionDenied
    return site
