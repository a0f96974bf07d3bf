"""Anonymous reads of the public API served from the page cache (portal.pagecache), like the catalogue pages.

Serialising 50 sites with their designations, regions and districts costs about 100 ms of CPU; at world scale
that held the site list to a few requests per second. An anonymous GET (no ``Authorization`` header: a token's
owner may see more, and is never served a shared copy) is stored per path, query and language under the
namespace whose changes make it stale: the catalogue for sites and designations, the recommendations for the
published register and the organizations' figures. A cache hit still counts against the caller's rate limit.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import Throttled

from api.auth import check_rate, client_address
from portal.pagecache import cache_anonymous_page
from recommendations.signals import RECOMMENDATIONS
from sites.signals import CATALOGUE

NAMESPACES = {
    "list_sites": CATALOGUE,
    "get_site": CATALOGUE,
    "list_designations": CATALOGUE,
    "get_designation": CATALOGUE,
    "list_recommendations": RECOMMENDATIONS,
    "get_recommendation": RECOMMENDATIONS,
    "list_organizations": RECOMMENDATIONS,
    "get_organization": RECOMMENDATIONS,
}
# Parameters whose values are free (a search, a cursor): stored only up to the page cache's free-text limit.
FREE_TEXT = frozenset({"q", "cursor"})
MAX_PARAMETERS = 12


def api_query(request: HttpRequest) -> tuple | None:
    """The query as (name, value) pairs, sorted; None (not stored) for a token, a repeated or a long query.
    A value the operation refuses answers 400, which is never stored."""
    if "HTTP_AUTHORIZATION" in request.META or len(request.GET) > MAX_PARAMETERS:
        return None
    pairs = []
    for name, values in request.GET.lists():
        if len(values) != 1 or len(name) > 40 or len(values[0]) > 200:
            return None
        pairs.append((name, values[0]))
    return tuple(sorted(pairs))


def within_rate(request: HttpRequest) -> bool:
    """A hit counts like a miss against the address's limit; over it, the operation answers its own 429."""
    try:
        check_rate("address", client_address(request), settings.API_RATE_LIMIT_PER_ADDRESS)
    except Throttled:
        return False
    return True


def cached_public_reads(urls):
    """``api.urls`` with the public read operations wrapped in the page cache."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        cache_namespace = NAMESPACES.get(pattern.name)
        if cache_namespace:
            pattern.callback = cache_anonymous_page(
                cache_namespace, query=api_query, free_text=FREE_TEXT, serve_hit=within_rate
            )(pattern.callback)
    return patterns, app_name, namespace
