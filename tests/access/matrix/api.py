"""The API (/api/v1/) and its documentation: public data for everyone. The API never reads the session, so a
signed-in persona's browser sees exactly what an anonymous visitor sees (tokens: tests/api/test_tokens.py)."""

from tests.access.expect import NOT_FOUND, OK, Case, everyone, signed_in

DATASET_SLUGS = ("sites", "designations", "recommendations", "seminar-statistics")


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


def _organization(request):
    return {"slug": request.getfixturevalue("organization").slug}


def _recommendation(published: bool):
    def kwargs(request):
        from tests.factories.recommendations import RecommendationFactory

        return {"rec_id": RecommendationFactory(published=published).pk}

    return kwargs


EXPECTED = {
    # The profile's token pages: the owner's session, as every account page.
    "api_token_create": Case(signed_in(OK)),
    "api_token_revoke": [
        Case(signed_in(405), label="get", kwargs={"pk": 0}),
        Case(signed_in(NOT_FOUND), label="missing", method="post", kwargs={"pk": 0}),
    ],
    # Without a token (a browser session is not one): the published register only, and no posting.
    "api-v1:list_recommendations": Case(everyone(OK)),
    "api-v1:get_recommendation": [
        Case(everyone(OK), label="published", kwargs=_recommendation(True)),
        Case(everyone(NOT_FOUND), label="unpublished", kwargs=_recommendation(False)),
    ],
    "api-v1:post_progress_report": [
        Case(everyone(405), label="get", kwargs=_recommendation(True)),
        Case(everyone(401), label="post", method="post", kwargs=_recommendation(True)),
    ],
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
    # Zones as GeoJSON and the organizations' accountability figures: public.
    "api-v1:list_zones": Case(everyone(OK)),
    "api-v1:list_organizations": Case(everyone(OK)),
    "api-v1:get_organization": [
        Case(everyone(OK), label="existing", kwargs=_organization),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"slug": "no-such-organization"}),
    ],
    # Open data (/data/): the same files for everyone, whoever is signed in; an unknown dataset does not exist.
    "data:index": Case(everyone(OK)),
    "data:csv": [
        *(Case(everyone(OK), label=slug, kwargs={"dataset": slug}) for slug in DATASET_SLUGS),
        Case(everyone(NOT_FOUND), label="unknown", kwargs={"dataset": "people"}),
    ],
    "data:json": [
        *(Case(everyone(OK), label=slug, kwargs={"dataset": slug}) for slug in DATASET_SLUGS),
        Case(everyone(NOT_FOUND), label="unknown", kwargs={"dataset": "people"}),
    ],
    "api-v1:get_seminar": [
        Case(everyone(OK), label="published", kwargs=_seminar("published")),
        # Drafts: not even to their organizers' browser sessions (a token is the API's only identity).
        Case(everyone(NOT_FOUND), label="draft", kwargs=_seminar("draft")),
    ],
}
