"""The demo's planned work: an invented road near Altyn-Emel, labelled as invented, screened like any other."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from shapely.geometry import LineString

from portal.demo import upsert
from sites.models import Obligation, Site
from works.models import PlannedWork
from works.services import obligation_titles, record_work

TITLE = "Access road to the Singing Dune (demo)"
LABEL = "Invented for the demonstration: no such project is known."


def load() -> None:
    site = Site.objects.filter(slug="altyn-emel").first()
    existing = PlannedWork.objects.filter(title=TITLE).first()
    if existing is not None:
        _translate_obligations(existing)
        return
    if site is None or not site.has_coordinates:
        return
    lon, lat = float(site.longitude), float(site.latitude)
    # About 60 km from the south-west to the north-east, through the site's point.
    road = LineString([(lon - 0.45, lat - 0.25), (lon - 0.1, lat - 0.05), (lon + 0.3, lat + 0.2)])
    work = PlannedWork(
        title=TITLE,
        kind=PlannedWork.Kind.ROAD,
        stage=PlannedWork.Stage.DESIGN,
        responsible_body="(invented) District Akimat",
        expected_approval_date=timezone.localdate() + dt.timedelta(days=120),
        description="A gravel road; invented so that the screening can be seen on the demo.",
        label=LABEL,
    )
    record_work(work, road)


def _translate_obligations(work: PlannedWork) -> None:
    """A demo loaded before obligations had Russian and Kazakh titles gets them; nothing else changes."""
    for screening in work.screenings.all():
        for obligation in screening.obligations.select_related("designation"):
            titles = obligation_titles(obligation.designation, work)
            upsert(Obligation, {"pk": obligation.pk}, {"title_ru": titles["title_ru"], "title_kk": titles["title_kk"]})
