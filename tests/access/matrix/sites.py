"""The sites app: the catalogue, the map and the open-data exports are public; editing is for the site's
managers and admins."""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, answers, everyone


def _site(managed: bool):
    def kwargs(request):
        from tests.factories import SiteFactory

        managers = [request.getfixturevalue("site_manager")] if managed else []
        return {"slug": SiteFactory(managers=managers).slug}

    return kwargs


def _followup(record: str, focal_points_org: bool = False):
    """A managed site with a designation carrying an obligation or a periodic review (``record``), or none."""

    def kwargs(request):
        from sites.models import PeriodicReview
        from tests.factories import DesignationFactory, ObligationFactory, SiteDesignationFactory, SiteFactory

        organization = request.getfixturevalue("organization") if focal_points_org else None
        site = SiteFactory(managers=[request.getfixturevalue("site_manager")], managing_organization=organization)
        designation = DesignationFactory(biosphere_reserve=record == "review")
        SiteDesignationFactory(site=site, designation=designation)
        if record == "obligation":
            return {"slug": site.slug, "pk": ObligationFactory(designation=designation).pk}
        if record == "review":
            return {"slug": site.slug, "pk": PeriodicReview.objects.create(designation=designation, year=2027).pk}
        return {"slug": site.slug}

    return kwargs


KEEPERS = answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, admin_user=OK)
KEEPERS_AND_FOCAL = answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, admin_user=OK, focal_point=OK)

EXPECTED = {
    "sites:list": Case(everyone(OK)),
    "sites:map": Case(everyone(OK)),
    "sites:export_csv": Case(everyone(OK)),
    "sites:export_xlsx": Case(everyone(OK)),
    "sites:designations_csv": Case(everyone(OK)),
    "sites:designations_xlsx": Case(everyone(OK)),
    "sites:export_geojson": Case(everyone(OK)),
    "sites:detail": [
        Case(everyone(OK), label="existing", kwargs=_site(managed=False)),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-site"}),
    ],
    "sites:edit": [
        Case(answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, admin_user=OK), label="managed", kwargs=_site(True)),
        Case(answers(FORBIDDEN, anonymous=LOGIN, admin_user=OK), label="not-managed", kwargs=_site(False)),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"slug": "no-such-site"}),
    ],
    "sites:obligation_create": [
        Case(KEEPERS, label="managed", kwargs=_followup("")),
        Case(KEEPERS_AND_FOCAL, label="focal-points-org", kwargs=_followup("", focal_points_org=True)),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"slug": "no-such-site"}),
    ],
    "sites:obligation_edit": [
        Case(KEEPERS, label="managed", kwargs=_followup("obligation")),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"slug": "no-such-site", "pk": 1}),
    ],
    "sites:review_create": [
        Case(KEEPERS_AND_FOCAL, label="focal-points-org", kwargs=_followup("", focal_points_org=True)),
    ],
    "sites:review_edit": [
        Case(KEEPERS, label="managed", kwargs=_followup("review")),
    ],
}
