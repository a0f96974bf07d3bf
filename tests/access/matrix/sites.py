"""The sites app: the catalogue, the map and the open-data exports are public; editing is for the site's
managers and admins."""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, answers, everyone


def _site(managed: bool):
    def kwargs(request):
        from tests.factories import SiteFactory

        managers = [request.getfixturevalue("site_manager")] if managed else []
        return {"slug": SiteFactory(managers=managers).slug}

    return kwargs


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
}
