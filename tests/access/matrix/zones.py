"""The zones and works apps: zones, corridors and the map's GeoJSON are public (works only inside it for
signed-in roles); uploading zones is for admins and the managers of a site under the designation, corridors
for admins and site managers; planned works are for signed-in roles, recorded by all of them but organizers."""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, answers, everyone, signed_in

MISSING = {"pk": 999_999}


def _zone(request):
    from tests.factories import DesignationFactory
    from zones import geometry as geo
    from zones.services import save_zone

    upload = geo.Upload(geometry=geo.circle(78.4, 44.3, 1000), source_crs="EPSG:4326", features=1)
    zone = save_zone(
        designation=DesignationFactory(biosphere_reserve=True),
        site=None,
        kind="br_core",
        upload=upload,
        source="Test",
        source_date=None,
        accuracy="digitised",
    )
    return {"pk": zone.pk}


def _corridor(request):
    from shapely.geometry import LineString

    from zones import geometry as geo
    from zones.services import save_corridor

    upload = geo.Upload(geometry=LineString([(78, 44), (79, 44)]), source_crs="EPSG:4326", features=1)
    corridor = save_corridor(
        upload=upload, name="Ақбөкен дәлізі", species="Ақбөкен", source="Test", source_date=None, accuracy="schematic"
    )
    return {"pk": corridor.pk}


def _site(request):
    from tests.factories import SiteFactory

    return {"slug": SiteFactory().slug}


def _work(request):
    from shapely.geometry import LineString

    from works.models import PlannedWork
    from works.services import record_work

    work = PlannedWork(title="Кордонға жол", kind="road", stage="design", responsible_body="Akimat")
    record_work(work, LineString([(78, 44), (79, 44)]))
    return {"pk": work.pk}


RECORDERS = answers(OK, anonymous=LOGIN, organizer=FORBIDDEN)

EXPECTED = {
    "zones:map": Case(everyone(OK)),
    "zones:upload": Case(answers(FORBIDDEN, anonymous=LOGIN, admin_user=OK)),
    "zones:detail": [
        Case(everyone(OK), label="existing", kwargs=_zone),
        Case(everyone(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "zones:corridor_upload": Case(answers(FORBIDDEN, anonymous=LOGIN, admin_user=OK, site_manager=OK)),
    "zones:corridor": [
        Case(everyone(OK), label="existing", kwargs=_corridor),
        Case(everyone(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "site_zones_geojson": [
        Case(everyone(OK), label="existing", kwargs=_site),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-site"}),
    ],
    "works:list": Case(signed_in(OK)),
    "works:create": Case(RECORDERS),
    "works:map_geojson": Case(everyone(OK)),
    "works:detail": [
        Case(signed_in(OK), label="existing", kwargs=_work),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    # The matrix's work has no author: only admins may edit it (its author may too, see tests/works/test_edit.py).
    "works:edit": [
        Case(answers(FORBIDDEN, anonymous=LOGIN, admin_user=OK), label="existing", kwargs=_work),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "works:screening_csv": [
        Case(signed_in(OK), label="existing", kwargs=_work),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "works:screening_geojson": [
        Case(signed_in(OK), label="existing", kwargs=_work),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
}
