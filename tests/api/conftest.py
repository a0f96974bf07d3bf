from __future__ import annotations

import pytest

from tests.factories.seminars import SeminarFactory
from tests.factories.sites import DesignationFactory, SiteDesignationFactory, SiteFactory


@pytest.fixture
def catalogue(db, region, organization):
    """Two designations, three sites (one a component of a serial property), a public and a draft seminar."""
    heritage = DesignationFactory(slug="silk-roads", name_en="Silk Roads", is_serial=True)
    reserve = DesignationFactory(biosphere_reserve=True, slug="aksu", name_en="Aksu-Zhabagly")
    sites = [SiteFactory(slug=f"site-{n}", regions=[region]) for n in range(3)]
    SiteDesignationFactory(site=sites[0], designation=heritage, component_name="Talgar")
    SiteDesignationFactory(site=sites[1], designation=heritage, component_name="Kayalyk")
    SiteDesignationFactory(site=sites[2], designation=reserve)
    public = SeminarFactory(slug="public-seminar", organizers=[organization], sites=[sites[0]])
    draft = SeminarFactory(slug="draft-seminar", status="draft", organizers=[organization])
    return {"sites": sites, "designations": [heritage, reserve], "seminars": [public, draft]}
