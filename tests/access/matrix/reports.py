"""Report drafts (issue 17): a seminar's for its organizers, officials and admins; a region's annual report for
officials and admins; a biosphere reserve's follow-up annex also for the managers of its sites."""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, answers

STATE = {"official": OK, "admin_user": OK}


def _seminar(whose: str):
    def kwargs(request):
        from tests.factories import SeminarFactory

        return {"slug": SeminarFactory(organizers=[request.getfixturevalue(whose)]).slug}

    return kwargs


def _region(request):
    return {"slug": request.getfixturevalue("region").slug, "year": 2025}


def _reserve(managed: bool):
    def kwargs(request):
        from tests.factories import DesignationFactory, SiteDesignationFactory, SiteFactory

        reserve = DesignationFactory(biosphere_reserve=True)
        managers = [request.getfixturevalue("site_manager")] if managed else []
        SiteDesignationFactory(site=SiteFactory(managers=managers), designation=reserve)
        return {"slug": reserve.slug}

    return kwargs


EXPECTED = {
    "reports:index": Case(answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, **STATE)),
    "reports:seminar": [
        Case(answers(FORBIDDEN, anonymous=LOGIN, organizer=OK, **STATE), label="own", kwargs=_seminar("organization")),
        Case(answers(FORBIDDEN, anonymous=LOGIN, **STATE), label="others", kwargs=_seminar("other_organization")),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"slug": "no-such-seminar"}),
    ],
    "reports:region": [
        Case(answers(FORBIDDEN, anonymous=LOGIN, **STATE), label="region", kwargs=_region),
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, official=NOT_FOUND, admin_user=NOT_FOUND),
            label="missing",
            kwargs={"slug": "no-such-region", "year": 2025},
        ),
    ],
    "reports:review_annex": [
        Case(answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, **STATE), label="managed", kwargs=_reserve(True)),
        Case(answers(FORBIDDEN, anonymous=LOGIN, **STATE), label="others", kwargs=_reserve(False)),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"slug": "no-such-reserve"}),
    ],
}
