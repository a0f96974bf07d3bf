"""Site fixtures: site A is managed by the `site_manager` persona, site B by another manager."""

from __future__ import annotations

import pytest

from portal import roles
from tests.factories import (
    DesignationFactory,
    OrganizationFactory,
    RegionFactory,
    SiteDesignationFactory,
    SiteFactory,
    UserFactory,
)


@pytest.fixture
def zhetisu(db):
    return RegionFactory(slug="zhetisu-region", name_en="Zhetisu region", name_ru="Область Жетісу")


@pytest.fixture
def site_a(db, site_manager, region):
    organization = OrganizationFactory(
        slug="tanbaly-admin", name_en="Tanbaly administration", emails=["tanbaly-admin@example.org"]
    )
    site = SiteFactory(
        slug="tanbaly",
        name_en="Tanbaly petroglyphs",
        name_ru="Петроглифы Танбалы",
        name_kk="Таңбалы петроглифтері",
        other_names="Tamgaly, Тамғалы",
        regions=[region],
        managers=[site_manager],
        managing_organization=organization,
        latitude="43.803",
        longitude="75.535",
    )
    designation = DesignationFactory(
        slug="tanbaly-petroglyphs",
        name_en="Petroglyphs of the Archaeological Landscape of Tanbaly",
        name_ru="Петроглифы археологического ландшафта Танбалы",
        name_kk="Таңбалы археологиялық ландшафтының петроглифтері",
        unesco_ref=1145,
        year=2004,
    )
    SiteDesignationFactory(site=site, designation=designation)
    site.refresh_from_db()
    return site


@pytest.fixture
def other_manager(db):
    return UserFactory(email="other-manager@test.example", role=roles.SITE_MANAGER)


@pytest.fixture
def site_b(db, other_manager, zhetisu):
    site = SiteFactory(
        slug="altyn-emel",
        name_en="Altyn-Emel",
        name_ru="Алтын-Эмель",
        name_kk="Алтынемел",
        regions=[zhetisu],
        managers=[other_manager],
    )
    site.refresh_from_db()
    return site
