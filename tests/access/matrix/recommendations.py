"""The recommendations app: the full register is for signed-in users, the published part of it public (the
list, a published item's page, the feed, the organizations' pages: recommendations.public); recording,
editing and publishing for organizers and admins; a status change also for the focal points of a
responsible organization and the managers of a linked site (see recommendations.permissions)."""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, answers, everyone, signed_in

RECORDERS = {"organizer": OK, "admin_user": OK}


def _recommendation(lead: str, *, managed_site: bool = False, published: bool = False):
    """A recommendation led by the fixture ``lead``, on a site the site manager manages if asked."""

    def kwargs(request):
        from tests.factories import RecommendationFactory, SeminarFactory, SiteFactory

        organization = request.getfixturevalue(lead)
        seminar = SeminarFactory(organizers=[organization])
        sites = [SiteFactory(managers=[request.getfixturevalue("site_manager")])] if managed_site else []
        rec = RecommendationFactory(lead_organization=organization, seminar=seminar, sites=sites, published=published)
        return {"pk": rec.pk}

    return kwargs


MISSING = {"pk": 999_999}

# A progress report and a status change: from a focal point of a responsible organization, a manager of a
# linked site, an organizer or an admin (recommendations.permissions.can_report).
REPORTERS_ONLY = [
    Case(
        answers(FORBIDDEN, anonymous=LOGIN, focal_point=OK, **RECORDERS),
        label="focal-point's",
        kwargs=_recommendation("organization"),
    ),
    Case(
        answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, **RECORDERS),
        label="manager's-site",
        kwargs=_recommendation("other_organization", managed_site=True),
    ),
    Case(
        answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS),
        label="others'",
        kwargs=_recommendation("other_organization"),
    ),
    Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
]


def _action(owner: str):
    """An action owned by the fixture ``owner``, under a recommendation of the other organization (issue 18)."""

    def kwargs(request):
        from tests.factories import ActionFactory, RecommendationFactory

        rec = RecommendationFactory(lead_organization=request.getfixturevalue("other_organization"))
        return {"pk": ActionFactory(recommendation=rec, owner=request.getfixturevalue(owner)).pk}

    return kwargs


# An action: set up by the recommendation's editors; reported on by the owner's focal points (and editors).
ACTION_REPORTERS = [
    Case(
        answers(FORBIDDEN, anonymous=LOGIN, focal_point=OK, **RECORDERS),
        label="focal-point's",
        kwargs=_action("organization"),
    ),
    Case(answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS), label="others'", kwargs=_action("other_organization")),
    Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
]


def _organization(request):
    return {"slug": request.getfixturevalue("organization").slug}


EXPECTED = {
    "recommendations:list": Case(everyone(OK)),
    "recommendations:feed": [
        Case(everyone(OK)),
        Case(everyone(OK), label="theme", query="theme=media"),
        Case(everyone(NOT_FOUND), label="unknown-site", query="site=no-such-site"),
    ],
    "organizations:list": Case(everyone(OK)),
    "organizations:detail": [
        Case(everyone(OK), label="existing", kwargs=_organization),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-organization"}),
    ],
    "recommendations:publish": [
        # POST only; the check comes first, so a refused GET is refused (PermissionRequiredMixin).
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, **dict.fromkeys(RECORDERS, NOT_ALLOWED)),
            label="existing",
            kwargs=_recommendation("organization"),
        ),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "recommendations:links": [
        # POST only, like publishing: its editors.
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, **dict.fromkeys(RECORDERS, NOT_ALLOWED)),
            label="existing",
            kwargs=_recommendation("organization"),
        ),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "recommendations:dashboard": Case(signed_in(OK)),
    "recommendations:create": Case(answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS)),
    "recommendations:export_csv": Case(signed_in(OK)),
    "recommendations:export_xlsx": Case(signed_in(OK)),
    "recommendations:detail": [
        Case(signed_in(OK), label="existing", kwargs=_recommendation("organization")),
        Case(everyone(OK), label="published", kwargs=_recommendation("organization", published=True)),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "recommendations:edit": [
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS), label="existing", kwargs=_recommendation("organization")
        ),
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, organizer=NOT_FOUND, admin_user=NOT_FOUND),
            label="missing",
            kwargs=MISSING,
        ),
    ],
    "recommendations:report": REPORTERS_ONLY,
    "recommendations:status": REPORTERS_ONLY,
    "recommendations:action_create": [
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS), label="existing", kwargs=_recommendation("organization")
        ),
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS),
            label="others'",
            kwargs=_recommendation("other_organization"),
        ),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "recommendations:action": [
        Case(signed_in(OK), label="existing", kwargs=_action("organization")),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "recommendations:action_edit": [
        Case(answers(FORBIDDEN, anonymous=LOGIN, **RECORDERS), label="existing", kwargs=_action("organization")),
        Case(signed_in(NOT_FOUND), label="missing", kwargs=MISSING),
    ],
    "recommendations:action_report": ACTION_REPORTERS,
    "recommendations:action_status": ACTION_REPORTERS,
}
