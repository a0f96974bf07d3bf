"""Writes of the works app: record a planned work and screen it, in one transaction.

A hit (a zone crossed or within the distance) opens a dated obligation on the designation (World Heritage:
inform the Centre before approval, Operational Guidelines ¶172; biosphere reserve: consult its
administration), which the reminders follow like every other obligation, and queues one notice per recipient
(the managers of the affected sites and the organization that manages them) for the worker to send.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.tasks import enqueue
from sites.models import Designation, Obligation, Site
from works import screening as screening_module
from works.models import PlannedWork, Screening, ScreeningHit, ScreeningNotice
from zones import geometry as geo

log = logging.getLogger(__name__)

# Without an expected approval date, the obligation falls due this long after the screening.
DEFAULT_NOTICE_DAYS = 30


@transaction.atomic
def record_work(work: PlannedWork, geometry, *, user=None) -> Screening:
    _measure(work, geometry)
    work.created_by = user if user is not None and user.is_authenticated else None
    work.full_clean()
    work.save()
    return screen_work(work)


@transaction.atomic
def update_work(work: PlannedWork, geometry=None) -> Screening | None:
    """Save an edited work; screen it again when its geometry or its screening distance changed.

    ``work`` carries the edited facts (a model form's unsaved instance); ``geometry`` is the new one, if any.
    Returns the new screening, or None when nothing that the screening depends on changed.
    """
    before = PlannedWork.objects.select_for_update().only("geojson", "screening_distance_m").get(pk=work.pk)
    if geometry is not None:
        _measure(work, geometry)
    work.full_clean()
    work.save()
    moved = geometry is not None and not geometry.equals(before.geometry)
    if moved or work.screening_distance_m != before.screening_distance_m:
        return screen_work(work)
    return None


def _measure(work: PlannedWork, geometry) -> None:
    work.set_geometry(geometry)
    work.length_km = work.area_ha = 0
    if geometry.geom_type.endswith("Polygon"):
        work.area_ha = geo.area_ha(geometry)
    else:
        work.length_km = geo.length_km(geometry)


@transaction.atomic
def screen_work(work: PlannedWork, *, today: dt.date | None = None) -> Screening:
    today = today or timezone.localdate()
    findings, measured = screening_module.find(work.geometry, work.screening_distance_m)
    screening = Screening.objects.create(work=work, distance_m=work.screening_distance_m, candidates=measured)
    hits = []
    for finding in findings:
        relation = finding.relation
        common = {
            "screening": screening,
            "inside": relation.intersects,
            "length_inside_m": relation.length_inside_m,
            "area_inside_m2": relation.area_inside_m2,
            "distance_m": relation.distance_m,
        }
        if finding.zone is not None:
            zone = finding.zone
            for site_id in finding.site_ids or [None]:
                hits.append(
                    ScreeningHit(
                        site_id=site_id,
                        designation_id=zone.designation_id,
                        zone=zone,
                        zone_kind=zone.kind,
                        zone_accuracy=zone.accuracy,
                        **common,
                    )
                )
        else:
            hits.append(ScreeningHit(corridor=finding.corridor, **common))
    ScreeningHit.objects.bulk_create(hits)
    screening.site_count = len({h.site_id for h in hits if h.site_id})
    screening.save(update_fields=["site_count"])
    designation_ids = sorted({h.designation_id for h in hits if h.designation_id})
    if designation_ids:
        _open_obligations(screening, designation_ids, today)
        site_ids = sorted({h.site_id for h in hits if h.site_id})
        if _queue_notices(screening, site_ids):
            from works.tasks import send_screening_notices

            enqueue(send_screening_notices, screening_id=screening.pk)
    return screening


def obligation_titles(designation: Designation, work: PlannedWork) -> dict[str, str]:
    """The title of the obligation a work opens on a designation, in English, Russian and Kazakh (the work's own
    title stays as it was entered)."""
    if designation.kind == Designation.Kind.WORLD_HERITAGE:
        message = gettext_noop("Inform the World Heritage Centre before approval: %(work)s")
    else:
        message = gettext_noop("Consult the biosphere reserve administration before approval: %(work)s")
    titles = {}
    for field, language in (("title", settings.LANGUAGE_CODE), ("title_ru", "ru"), ("title_kk", "kk")):
        with translation.override(language):
            titles[field] = (_(message) % {"work": work.title})[:255]
    return titles


def _open_obligations(screening: Screening, designation_ids: list[int], today: dt.date) -> None:
    work = screening.work
    due = work.expected_approval_date
    if due is None or due < today:
        due = today + dt.timedelta(days=DEFAULT_NOTICE_DAYS)
    url = f"{settings.PORTAL_BASE_URL}{work.get_absolute_url()}"
    for designation in Designation.objects.filter(pk__in=designation_ids):
        titles = obligation_titles(designation, work)
        with translation.override(settings.LANGUAGE_CODE):
            notes = _("Opened by the screening of a planned work: %(url)s") % {"url": url}
        obligation, _created = Obligation.objects.get_or_create(
            designation=designation,
            title=titles.pop("title"),
            due_date=due,
            defaults={"notes": notes, **titles},
        )
        screening.obligations.add(obligation)


def _queue_notices(screening: Screening, site_ids: list[int]) -> int:
    """One notice per address: each manager of an affected site, in their language, and each contact address
    of the organizations managing those sites, in the organization's language."""
    recipients: dict[str, ScreeningNotice] = {}
    sites = (
        Site.objects.filter(pk__in=site_ids)
        .select_related("managing_organization")
        .prefetch_related("managers", "managing_organization__emails")
    )
    for site in sites:
        for manager in site.managers.all():
            if manager.is_active and manager.email:
                recipients.setdefault(
                    manager.email.lower(),
                    ScreeningNotice(
                        screening=screening,
                        recipient_email=manager.email,
                        recipient_name=manager.get_full_name(),
                        language=manager.language,
                        user=manager,
                    ),
                )
        organization = site.managing_organization
        if organization is not None:
            for email in organization.contact_emails:
                recipients.setdefault(
                    email.lower(),
                    ScreeningNotice(
                        screening=screening,
                        recipient_email=email,
                        recipient_name=organization.name_en,
                        language=organization.preferred_language,
                        organization=organization,
                    ),
                )
    ScreeningNotice.objects.bulk_create(recipients.values())
    return len(recipients)
