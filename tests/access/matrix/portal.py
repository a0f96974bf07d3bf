"""The portal's own pages: home, health checks, language and contrast switches, the profile."""

from tests.access.expect import NOT_ALLOWED, NOT_FOUND, OK, Case, Redirect, everyone, signed_in

HOME = Redirect("/")

EXPECTED = {
    "home": Case(everyone(OK)),
    "healthz": [Case(everyone(OK)), Case(everyone(NOT_ALLOWED), method="post", label="post")],
    "readyz": Case(everyone(OK)),
    "favicon": Case(everyone(Redirect("/static/favicon.svg", status=301))),
    "set_language": Case(everyone(HOME), method="post", data={"language": "kk", "next": "/"}),
    "low_vision": [
        Case(everyone(HOME), method="post", data={"enabled": "1", "next": "/"}),
        Case(everyone(NOT_ALLOWED), label="get"),
    ],
    "profile": [
        Case(signed_in(OK)),
        # How often reminder digests reach the signed-in person (issue 19, item 5).
        Case(signed_in(Redirect("profile")), method="post", label="frequency", data={"reminder_frequency": "weekly"}),
    ],
    # Search-as-you-type behind the searchable selects (portal/autocomplete.py): signed-in users only.
    "autocomplete": [
        Case(signed_in(OK), label="organizations", kwargs={"kind": "organizations"}),
        Case(signed_in(OK), label="sites", kwargs={"kind": "sites"}),
        Case(signed_in(OK), label="seminars", kwargs={"kind": "seminars"}),
        Case(signed_in(NOT_FOUND), label="unknown", kwargs={"kind": "people"}),
    ],
    "test_email": [
        Case(signed_in(Redirect("profile")), method="post"),
        Case(signed_in(NOT_ALLOWED), label="get"),
    ],
}
