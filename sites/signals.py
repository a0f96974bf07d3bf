"""Keep `Site.search_text` in step when designations or their links change outside sites.services
(the admin's inlines, other apps, fixtures). The work itself is in sites.services."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from portal import pagecache, userfacts
from sites import services
from sites.models import Designation, PeriodicReview, Site, SiteDesignation


@receiver(post_save, sender=SiteDesignation)
@receiver(post_delete, sender=SiteDesignation)
def _link_changed(sender, instance: SiteDesignation, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.refresh_search_text([instance.site_id])


@receiver(post_save, sender=PeriodicReview)
@receiver(post_delete, sender=PeriodicReview)
def _review_changed(sender, instance: PeriodicReview, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.refresh_last_periodic_review(instance.designation_id)


@receiver(post_save, sender=Designation)
def _designation_saved(sender, instance: Designation, created: bool, raw: bool = False, **kwargs) -> None:
    if not created and not raw:
        services.refresh_search_text_for_designation(instance)


@receiver(m2m_changed, sender=Site.designations.through)
def _designations_m2m_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    # site.designations.add()/.set()/.clear() write the through rows without post_save.
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            services.refresh_search_text([instance.pk])
        return
    # designation.sites.*: the instance is a Designation; clear() gives no pk_set, so remember the sites first.
    if action == "pre_clear":
        instance._sites_before_clear = list(instance.site_links.values_list("site_id", flat=True))
    elif action in ("post_add", "post_remove"):
        services.refresh_search_text(pk_set or [])
    elif action == "post_clear":
        services.refresh_search_text(getattr(instance, "_sites_before_clear", []))


# The anonymous catalogue pages (list, map, GeoJSON, site page) are cached (portal.pagecache, namespace
# "catalogue"): any change to what they show makes every cached copy stale at once.
CATALOGUE = "catalogue"


def _catalogue_models() -> tuple[type, ...]:
    from documents.models import Attachment
    from portal.models import District, Organization, OrganizationEmail, Region, User
    from recommendations.models import Recommendation
    from seminars.models import Seminar
    from sites.models import Obligation, PeriodicReview

    # A site page lists its published recommendations (their status and due date) to anonymous visitors.
    return (
        Site,
        Designation,
        SiteDesignation,
        Obligation,
        PeriodicReview,
        Region,
        District,
        Organization,
        OrganizationEmail,  # a signed-in reader's site page shows the managing organization's contact e-mails
        Seminar,
        User,
        Recommendation,
        Attachment,  # a site page lists the public documents of the site and its designations
    )


def _catalogue_links() -> tuple[type, ...]:
    from recommendations.models import Recommendation
    from seminars.models import Seminar

    return (
        Site.regions.through,
        Site.districts.through,
        Site.managers.through,
        Site.designations.through,
        Seminar.sites.through,
        Recommendation.sites.through,
    )


pagecache.invalidate_on_change(CATALOGUE, _catalogue_models, _catalogue_links)

# The sites a user manages are part of their cached facts (their start page, the site page's edit links).
m2m_changed.connect(userfacts.managers_linked, sender=Site.managers.through, dispatch_uid="mura_userfacts_managers")
