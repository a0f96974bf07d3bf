"""Model rules: constraints in the database, validation in clean(), derived properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from sites.models import Designation, Site
from tests.factories import (
    DesignationFactory,
    ObligationFactory,
    SiteDesignationFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def test_site_designation_is_unique(site_a):
    with pytest.raises(IntegrityError):
        SiteDesignationFactory(site=site_a, designation=site_a.designations.get())


def test_world_heritage_number_is_unique():
    DesignationFactory(unesco_ref=1145)
    with pytest.raises(IntegrityError):
        DesignationFactory(unesco_ref=1145)


def test_coordinates_come_in_pairs(region):
    with pytest.raises(IntegrityError):
        SiteFactory(latitude=Decimal("43.8"), longitude=None)


def test_latitude_range_is_enforced(region):
    with pytest.raises(IntegrityError):
        SiteFactory(latitude=Decimal("95"), longitude=Decimal("75"))


def test_obligation_is_unique_per_designation_title_and_date():
    obligation = ObligationFactory()
    with pytest.raises(IntegrityError):
        ObligationFactory(designation=obligation.designation, title=obligation.title, due_date=obligation.due_date)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"slug": "map"}, "slug"),
        ({"threats": ["meteorites"]}, "threats"),
        ({"threats": ["drought", "drought"]}, "threats"),
        ({"management_plan_year": 2019}, "management_plan"),
    ],
)
def test_site_clean_rejects(site_a, values, field):
    for name, value in values.items():
        setattr(site_a, name, value)
    with pytest.raises(ValidationError) as excinfo:
        site_a.full_clean()
    assert list(excinfo.value.message_dict) == [field]


@pytest.mark.parametrize(
    ("factory", "values", "field"),
    [
        (DesignationFactory, {"criteria": "iii,xi"}, "criteria"),
        (DesignationFactory, {"biosphere_reserve": True, "unesco_ref": 99}, "kind"),
        (DesignationFactory, {"core_area_ha": Decimal("10")}, "kind"),
        (DesignationFactory, {"is_transboundary": True}, "transboundary_countries"),
    ],
)
def test_designation_clean_rejects(factory, values, field):
    designation = factory.build(**values)
    with pytest.raises(ValidationError) as excinfo:
        designation.full_clean()
    assert list(excinfo.value.message_dict) == [field]


def test_unesco_url_only_for_world_heritage():
    assert DesignationFactory.build(unesco_ref=1145).unesco_url == "https://whc.unesco.org/en/list/1145"
    assert DesignationFactory.build(biosphere_reserve=True).unesco_url == ""


def test_next_periodic_review_is_ten_years_after_designation_or_last_review():
    assert DesignationFactory.build(biosphere_reserve=True, year=2017).next_periodic_review_year == 2027
    assert (
        DesignationFactory.build(biosphere_reserve=True, year=2012, last_periodic_review=2023).next_periodic_review_year
        == 2033
    )
    assert DesignationFactory.build(biosphere_reserve=True, year=None).next_periodic_review_year is None
    assert DesignationFactory.build(year=2004).next_periodic_review_year is None


def test_site_name_falls_back_when_the_language_is_missing(settings):
    from django.utils import translation

    site = SiteFactory.build(name_kk="", name_ru="Чарын", name_en="Charyn")
    with translation.override("kk"):
        assert site.name == "Чарын"
    with translation.override("en"):
        assert site.name == "Charyn"


def test_coordinates_text_drops_trailing_zeros():
    site = Site(latitude=Decimal("43.803000"), longitude=Decimal("75.500000"))
    assert site.coordinates_text == "43.803, 75.5"


def test_criteria_display():
    assert Designation(criteria="ii,iii,v,vi").criteria_display == "(ii)(iii)(v)(vi)"


def test_site_save_builds_the_search_text(site_a):
    assert site_a.search_text.splitlines()[:3] == ["таңбалы петроглифтері", "петроглифы танбалы", "tanbaly petroglyphs"]
    site_a.name_en = "Renamed"
    site_a.save(update_fields=["name_en"])
    site_a.refresh_from_db()
    assert "renamed" in site_a.search_text.splitlines()
