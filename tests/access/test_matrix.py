"""Every URL of the portal, requested as every persona, gets the answer the matrix expects.

`test_every_url_is_in_the_matrix` fails for a URL pattern that no module of tests/access/matrix lists
(and for a listed key that no longer exists). `test_url_answers_as_expected` runs one row per case:
the URL requested as each persona, the answers compared as a whole row.
"""

from __future__ import annotations

import pytest
from django.urls import resolve

from tests.access.expect import describe, matches
from tests.access.matrix import SAMPLES, expected
from tests.access.urlwalk import sample_kwargs, unmatched, walk
from tests.conftest import PERSONAS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("user_facts_cache")]  # the production path

ROUTES = {route.key: route for route in walk()}
EXPECTED = expected()
ROWS = [
    pytest.param(
        key,
        case,
        id=f"{key}[{case.label}]" if len(cases) > 1 or case.label != "default" else key,
        marks=[pytest.mark.xfail(strict=True, reason=case.wrong_today)] if case.wrong_today else [],
    )
    for key, cases in EXPECTED.items()
    if key in ROUTES
    for case in cases
]


def test_every_url_is_in_the_matrix():
    missing, stale = unmatched(ROUTES.values(), EXPECTED)
    assert (missing, stale) == ([], [])


@pytest.mark.parametrize(("key", "case"), ROWS)
def test_url_answers_as_expected(key, case, persona_clients, request):
    route = ROUTES[key]
    url = route.url(sample_kwargs(route, SAMPLES, case.resolve_kwargs(request)))
    # The URL must reach the pattern under test, not a neighbour with a looser regex.
    match = resolve(url)
    reached = match.view_name if match.url_name else match.route
    assert reached == (case.shadowed_by or key)

    requested = url + (f"?{case.query}" if case.query else "")
    want, got = {}, {}
    for persona in PERSONAS:
        client = persona_clients[persona]
        response = getattr(client, case.method)(requested, case.data or {})
        answer = case.answers[persona]
        want[persona] = describe(answer)
        got[persona] = want[persona] if matches(answer, response, requested) else _actual(response)
    assert got == want


def _actual(response) -> str:
    location = response.get("Location")
    return f"{response.status_code} → {location}" if location else str(response.status_code)
