"""Objects the personas own and do not own (tests/conftest.py has the personas).

- site A is managed by the site manager; site B by nobody;
- `rec_x`: lead organization X (the focal point's and organizer's), site A;
- `rec_supported`: lead Y, supported by X, site B;
- `rec_y`: lead Y, site B: neither the focal point nor the site manager may touch it.
"""

from __future__ import annotations

import pytest

from tests.factories import RecommendationFactory, RegionFactory, SeminarFactory, SiteFactory


@pytest.fixture
def site_a(db, region, site_manager):
    return SiteFactory(slug="site-a", name_en="Site A", regions=[region], managers=[site_manager])


@pytest.fixture
def site_b(db):
    return SiteFactory(slug="site-b", name_en="Site B", regions=[RegionFactory(slug="zhetisu-region")])


@pytest.fixture
def seminar(db, site_a, site_b):
    return SeminarFactory(
        past=True, slug="taldykorgan-test", title_en="Taldykorgan test seminar", sites=[site_a, site_b]
    )


@pytest.fixture
def rec_x(db, organization, site_a, seminar):
    return RecommendationFactory(title_en="Rec X", lead_organization=organization, sites=[site_a], seminar=seminar)


@pytest.fixture
def rec_supported(db, organization, other_organization, site_b, seminar):
    return RecommendationFactory(
        title_en="Rec supported by X",
        lead_organization=other_organization,
        supporting_organizations=[organization],
        sites=[site_b],
        seminar=seminar,
    )


@pytest.fixture
def rec_y(db, other_organization, site_b, seminar):
    return RecommendationFactory(
        title_en="Rec Y", lead_organization=other_organization, sites=[site_b], seminar=seminar
    )
