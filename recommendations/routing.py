"""Routing after the 2022 reform of the regions (issue 18 item 7).

On 8 June 2022 Zhetisu region was made from the north-east of Almaty region (and Abai region from part of East
Kazakhstan region). A recommendation addressed in 2019 to the Akimat of Almaty region about a site that now lies
in Zhetisu region must reach the Akimat of Zhetisu region, while the 2019 addressee stays in the history.

`route_after_reform()` looks at every recommendation still followed up (not final) whose lead or supporting
organization is a regional Akimat, and at its sites that left that Akimat's region (`Site.region_before_2022`
is the Akimat's region, and the site's regions no longer include it):

- every site of the recommendation left, for one region: the new region's Akimat becomes the lead (or takes the
  old one's place among the supporting organizations), and takes over the old Akimat's actions;
- otherwise (some sites stayed, or they went to several regions): the new regions' Akimats are added as
  supporting organizations; the old Akimat stays responsible for the sites that stayed.

Each change writes a Handover row (from, to, why) and an entry in the recommendation's audit trail, in one
transaction per recommendation. Running it again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from portal.models import Organization
from recommendations.models import Action, Handover, Recommendation
from recommendations.services import FINAL_STATUSES
from sites.models import Site

REGIONAL = Organization.Kind.REGIONAL_AKIMAT


def _regional_akimats() -> dict[int, Organization]:
    """Region id -> its regional Akimat (the first by id, should a region have two)."""
    akimats: dict[int, Organization] = {}
    for org in Organization.objects.filter(kind=REGIONAL, region__isnull=False).order_by("pk"):
        akimats.setdefault(org.region_id, org)
    return akimats


def route_after_reform(*, user=None) -> list[Handover]:
    akimats = _regional_akimats()
    akimat_regions = {org.pk: region_id for region_id, org in akimats.items()}
    if not akimat_regions:
        return []
    candidates = (
        Recommendation.objects.exclude(status__in=FINAL_STATUSES)
        .filter(sites__region_before_2022__isnull=False)
        .distinct()
        .select_related("lead_organization")
        .prefetch_related("supporting_organizations", "sites__regions")
        .order_by("pk")
    )
    done = []
    for rec in candidates:
        done += _route(rec, akimats, akimat_regions, user=user)
    return done


def _route(rec: Recommendation, akimats, akimat_regions, *, user) -> list[Handover]:
    sites: list[Site] = list(rec.sites.all())
    supporting = {org.pk: org for org in rec.supporting_organizations.all()}
    addressed = [rec.lead_organization, *supporting.values()]
    handovers = []
    for old in addressed:
        old_region = akimat_regions.get(old.pk)
        if old_region is None or akimats[old_region].pk != old.pk:
            continue
        moved = defaultdict(list)  # new region -> sites
        stayed = []
        for site in sites:
            regions = {region.pk for region in site.regions.all()}
            if site.region_before_2022_id == old_region and old_region not in regions:
                for region_id in sorted(regions):
                    moved[region_id].append(site)
            elif old_region in regions:
                stayed.append(site)
        successors = [akimats[region_id] for region_id in sorted(moved) if region_id in akimats]
        if not successors:
            continue
        replace = not stayed and len(successors) == 1
        handovers += _hand_over(rec, old, successors, replace=replace, moved=moved, user=user)
    return handovers


def _hand_over(rec, old, successors, *, replace: bool, moved, user) -> list[Handover]:
    handovers = []
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=rec.pk)
        supporting = set(locked.supporting_organizations.values_list("pk", flat=True))
        changed = []
        for new in successors:
            if Handover.objects.filter(
                recommendation=locked, action=None, from_organization=old, to_organization=new
            ).exists():
                continue
            # The sites it is about, by slug, for the record (the timeline says why in the reader's language).
            comment = " ".join(sorted(site.slug for site in moved[new.region_id]))
            if replace and locked.lead_organization_id == old.pk:
                locked.lead_organization = new
                supporting.discard(new.pk)
                changed.append("lead_organization")
            elif replace and old.pk in supporting:
                supporting.discard(old.pk)
                if new.pk != locked.lead_organization_id:
                    supporting.add(new.pk)
                changed.append("supporting_organizations")
            elif new.pk != locked.lead_organization_id and new.pk not in supporting:
                supporting.add(new.pk)
                changed.append("supporting_organizations")
            handovers.append(
                Handover.objects.create(
                    recommendation=locked,
                    from_organization=old,
                    to_organization=new,
                    reason=Handover.Reason.REFORM_2022,
                    comment=comment,
                    by=user,
                )
            )
            if replace:
                for action in Action.objects.filter(recommendation=locked, owner=old).exclude(
                    status__in=[Action.Status.IMPLEMENTED, Action.Status.CANCELLED]
                ):
                    action.owner = new
                    action._history_user = user
                    action._change_reason = "owner"
                    action.save(update_fields=["owner", "updated_at"])
                    handovers.append(
                        Handover.objects.create(
                            recommendation=locked,
                            action=action,
                            from_organization=old,
                            to_organization=new,
                            reason=Handover.Reason.REFORM_2022,
                            comment=comment,
                            by=user,
                        )
                    )
        if changed:
            locked._change_reason = " ".join(dict.fromkeys(n for n in changed if n != "lead_organization")) or None
            locked._history_user = user
            locked._history_date = timezone.now()
            locked.save()
            locked.supporting_organizations.set(sorted(supporting))
    rec.lead_organization = locked.lead_organization
    return handovers
