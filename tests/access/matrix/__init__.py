"""The expected answer of every URL for every persona, one module per area of the portal.

Each module's `EXPECTED` maps a route key (as `tests.access.urlwalk.walk()` names it: `namespace:name`,
or the route of an unnamed pattern) to one `Case` or a list of them. A URL that no module lists fails
`test_every_url_is_in_the_matrix`; an app adds its URLs to its own module, with a case for an object the
persona owns and one it does not where the answer differs.
"""

from __future__ import annotations

from tests.access.expect import Case
from tests.access.matrix import (
    accounts,
    admin,
    api,
    documents,
    portal,
    recommendations,
    reminders,
    reports,
    seminars,
    sites,
    zones,
)

AREAS = (portal, accounts, admin, sites, seminars, recommendations, reminders, reports, zones, api, documents)

# Values for URL arguments no case gives: by argument name first, then by converter name.
SAMPLES = {"slug": "no-such-thing", "int": 0, "path": "0", "str": "0", "uuid": "0", "regex": "0"}


def expected() -> dict[str, list[Case]]:
    table: dict[str, list[Case]] = {}
    for area in AREAS:
        for key, cases in area.EXPECTED.items():
            if key in table:
                raise ValueError(f"{key} is listed twice (again in {area.__name__})")
            table[key] = list(cases) if isinstance(cases, list | tuple) else [cases]
    return table
