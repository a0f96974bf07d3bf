"""List and detail pages ask the same number of queries at 1 and 3 sites, and at 1 and 3 designations per site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    DesignationFactory,
    DistrictFactory,
    ObligationFactory,
    OrganizationFactory,
    SiteDesignationFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def _make_sites(region, site_count: int, designations_per_site: int):
    sites = []
    for n in range(site_count):
        site = SiteFactory(
            slug=f"site-{n}",
            regions=[region],
            districts=[DistrictFactory(region=region)],
            managing_organization=OrganizationFactory(region=region),
            latitude="43.5",
            longitude="75.5",
        )
        for _ in range(designations_per_site):
            designation = DesignationFactory(is_serial=True)
            ObligationFactory(designation=designation)
            SiteDesignationFactory(site=site, designation=designation)
            # Another component of the same serial property, shown on the detail page.
            SiteDesignationFactory(designation=designation)
        sites.append(site)
    return sites


# Anonymous /sites/ (no session, no user):
#   1. COUNT of the matching sites (paginator)
#   2. the ids of the page's sites in order (portal.pagination.DeferredJoinPaginator: a deep page sorts ids,
#      not whole rows)   3. those sites, with managing organization and region before 2022 joined
#   4. their regions   5. their districts with region   6. their designation links with designations
#   7. the regions offered by the region filter
LIST_QUERIES = 7


@pytest.mark.parametrize("site_count", [1, 3])
@pytest.mark.parametrize("designations_per_site", [1, 3])
def test_list_query_count_is_constant(client, region, django_assert_num_queries, site_count, designations_per_site):
    _make_sites(region, site_count, designations_per_site)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("sites:list"))
    # Each designation brings a second component site: 1 + designations_per_site sites per site made.
    assert response.context["paginator"].count == site_count * (1 + designations_per_site)


# With every filter: one more, the region filter looking up the region its slug names.
LIST_QUERIES_FILTERED = LIST_QUERIES + 1


@pytest.mark.parametrize("site_count", [1, 3])
def test_list_query_count_with_every_filter_is_constant(client, region, django_assert_num_queries, site_count):
    _make_sites(region, site_count, 2)
    params = {
        "q": "site",
        "designation": "world_heritage",
        "region": region.slug,
        "category": "cultural",
        "transboundary": "no",
        "management_plan": "none",
        "sort": "year",
    }
    with django_assert_num_queries(LIST_QUERIES_FILTERED):
        response = client.get(reverse("sites:list"), params)
    assert response.context["filter_errors"] == []


# Anonymous /sites/<slug>/:
#   1. the site with managing organization and region before 2022   2. its regions   3. its districts
#   4. its managers   5. every link of every designation it carries (its own and the other components)
#   6. those designations' obligations   7. their periodic reviews   8. its published seminars
#   9. its published recommendations with their lead organizations (the public register, issue 19)
#   10. the documents of the site and of its designations (documents.display.prepare: one for all)
# (Its zones section asks nothing: site-zones.js fills it from /sites/<slug>/zones.geojson.)
DETAIL_QUERIES_ANONYMOUS = 10
# Signed in, on top: 1. user   2. the user's groups (base layout)   3. the organization's contact
#   e-mails   4. the organizations the user is a focal point for (may they keep the statutory follow-up);
#   the open recommendations take the place of the published ones. 1 and 2 come with every
#   signed-in page (the session is read from the cache); it is saved again only every few minutes
#   (portal.middleware.IdleSessionMiddleware), not on every request. 5. the sites the user manages (may they
#   add documents to the designations: once for all).
DETAIL_QUERIES_SIGNED_IN = DETAIL_QUERIES_ANONYMOUS + 5


@pytest.mark.parametrize("designations_per_site", [1, 3])
@pytest.mark.parametrize("site_count", [1, 3])
def test_detail_query_count_is_constant(client, region, django_assert_num_queries, site_count, designations_per_site):
    site = _make_sites(region, site_count, designations_per_site)[0]
    with django_assert_num_queries(DETAIL_QUERIES_ANONYMOUS):
        response = client.get(site.get_absolute_url())
    assert len(response.context["links"]) == designations_per_site
    assert [len(link.other_components) for link in response.context["links"]] == [1] * designations_per_site


@pytest.mark.parametrize("designations_per_site", [1, 3])
def test_detail_query_count_signed_in_is_constant(
    client, region, official, django_assert_num_queries, designations_per_site
):
    site = _make_sites(region, 1, designations_per_site)[0]
    client.force_login(official)
    with django_assert_num_queries(DETAIL_QUERIES_SIGNED_IN):
        client.get(site.get_absolute_url())


def test_page_query_budgets_hold():
    assert LIST_QUERIES_FILTERED <= 9
    assert DETAIL_QUERIES_ANONYMOUS <= 10
