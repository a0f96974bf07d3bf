"""Factories for the site catalogue."""

from __future__ import annotations

import datetime as dt

import factory

from sites.models import Designation, Obligation, Site, SiteDesignation
from tests.factories.portal import RegionFactory


class DesignationFactory(factory.django.DjangoModelFactory):
    """A cultural World Heritage property; ``biosphere_reserve=True`` for a biosphere reserve."""

    class Meta:
        model = Designation

    class Params:
        biosphere_reserve = factory.Trait(
            kind=Designation.Kind.BIOSPHERE_RESERVE, unesco_ref=None, category="", criteria="", year=2017
        )

    kind = Designation.Kind.WORLD_HERITAGE
    slug = factory.Sequence(lambda n: f"designation-{n}")
    name_en = factory.Sequence(lambda n: f"Designation {n}")
    name_ru = factory.Sequence(lambda n: f"Объект {n}")
    name_kk = factory.Sequence(lambda n: f"Нысан {n}")
    unesco_ref = factory.Sequence(lambda n: 5000 + n)
    category = Designation.Category.CULTURAL
    criteria = "iii"
    year = 2004


class SiteFactory(factory.django.DjangoModelFactory):
    """A site in a region of its own (pass ``regions=[...]``, or ``regions=[]`` for none)."""

    class Meta:
        model = Site
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"site-{n}")
    name_en = factory.Sequence(lambda n: f"Site {n}")
    name_ru = factory.Sequence(lambda n: f"Объект {n}")
    name_kk = factory.Sequence(lambda n: f"Нысан {n}")

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            self.regions.set(extracted if extracted is not None else [RegionFactory()])

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


class SiteDesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteDesignation

    site = factory.SubFactory(SiteFactory)
    designation = factory.SubFactory(DesignationFactory)
    component_name = ""


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    designation = factory.SubFactory(DesignationFactory)
    title = factory.Sequence(lambda n: f"State of conservation report {n}")
    due_date = dt.date(2027, 2, 1)
