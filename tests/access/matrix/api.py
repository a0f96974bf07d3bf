"""The API (/api/v1/) and its documentation: public data for everyone. The API never reads the session, so a
signed-in persona's browser sees exactly what an anonymous visitor sees (tokens: tests/api/test_tokens.py)."""

from tests.access.expect import NOT_FOUND, OK, Case, everyone


def _site(request):
    from tests.factories.sites import SiteFactory

    return {"slug": SiteFactory().slug}


def _designation(request):
    from tests.factories.sites import DesignationFactory

    return {"slug": DesignationFactory().slug}


def _seminar(status: str):
    def kwargs(request):
        from tests.factories.seminars import SeminarFactory

        return {"slug": SeminarFactory(status=status, organizers=[request.getfixturevalue("organization")]).slug}

    return kwargs


EXPECTED = {
    "api_docs": Case(everyone(OK)),
    "api-v1:api-root": Case(everyone(NOT_FOUND)),
    "api-v1:openapi-json": Case(everyone(OK)),
    "api-v1:list_sites": Case(everyone(OK)),
    "api-v1:get_site": [
        Case(everyone(OK), label="existing", kwargs=_site),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-site"}),
    ],
    "api-v1:list_designations": Case(everyone(OK)),
    "api-v1:get_designation": [
        Case(everyone(OK), label="existing", kwargs=_designation),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-designation"}),
    ],
    "api-v1:list_seminars": Case(everyone(OK)),
    "api-v1:get_seminar": [
        Case(everyone(OK), label="published", kwargs=_seminar("published")),
        # Drafts: not even to their organizers' browser sessions (a token is the API's only identity).
        Case(everyone(NOT_FOUND), label="draft", kwargs=_seminar("draft")),
    ],
}
