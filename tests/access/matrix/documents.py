"""Attachments: a file is downloaded by those who may see it (public, signed-in or its parent's editors);
uploading and removing are for those who may edit the parent (documents.permissions)."""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, answers, everyone, signed_in


def _attachment(visibility: str, parent: str = "site"):
    def kwargs(request):
        from tests.factories import SeminarFactory, SiteFactory
        from tests.factories.documents import make_attachment

        if parent == "site":
            obj = SiteFactory(managers=[request.getfixturevalue("site_manager")])
        else:  # a draft seminar of the organizer's organization
            obj = SeminarFactory(status="draft", organizers=[request.getfixturevalue("organization")])
        return {"pk": make_attachment(obj, visibility=visibility).pk}

    return kwargs


def _site(request):
    from tests.factories import SiteFactory

    return {"parent": "site", "pk": SiteFactory(managers=[request.getfixturevalue("site_manager")]).pk}


EDITORS = answers(FORBIDDEN, anonymous=LOGIN, site_manager=OK, admin_user=OK)

EXPECTED = {
    "documents:download": [
        Case(everyone(OK), label="public", kwargs=_attachment("public")),
        Case(signed_in(OK), label="signed-in", kwargs=_attachment("signed_in")),
        Case(EDITORS, label="owners", kwargs=_attachment("owners")),
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, organizer=OK, admin_user=OK),
            label="public-on-draft-seminar",
            kwargs=_attachment("public", parent="seminar"),
        ),
        Case(everyone(NOT_FOUND), label="missing", kwargs={"pk": 999999}),
    ],
    "documents:attach": [
        Case(EDITORS, label="managed-site", kwargs=_site),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="unknown-kind", kwargs={"parent": "person", "pk": 1}),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"parent": "site", "pk": 999999}),
    ],
    "documents:remove": [
        Case(EDITORS, label="owners", kwargs=_attachment("owners")),
        Case(EDITORS, label="public", kwargs=_attachment("public")),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"pk": 999999}),
    ],
}
