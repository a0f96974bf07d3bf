"""Factories for the rows reminders read: sites, designations, obligations, recommendations."""

from __future__ import annotations

import factory

from recommendations.models import Recommendation
from sites.models import Designation, Obligation, Site, SiteDesignation
from tests.factories import OrganizationFactory


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"site-{n}")
    name_en = factory.Sequence(lambda n: f"Site {n}")
    name_ru = factory.Sequence(lambda n: f"Объект {n}")
    name_kk = factory.Sequence(lambda n: f"Нысан {n}")

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    kind = Designation.Kind.WORLD_HERITAGE
    slug = factory.Sequence(lambda n: f"designation-{n}")
    name_en = factory.Sequence(lambda n: f"Designation {n}")


class SiteDesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteDesignation

    site = factory.SubFactory(SiteFactory)
    designation = factory.SubFactory(DesignationFactory)


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    designation = factory.SubFactory(DesignationFactory)
    title = factory.Sequence(lambda n: f"Obligation {n}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Recommendation {n}")
    title_ru = factory.Sequence(lambda n: f"Рекомендация {n}")
    title_kk = factory.Sequence(lambda n: f"Ұсыным {n}")
    text = "Do the work."
    theme = Recommendation.Theme.SITE_MANAGEMENT
    source_kind = Recommendation.SourceKind.OTHER
    lead_organization = factory.SubFactory(OrganizationFactory)
    status = Recommendation.Status.ACCEPTED

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)

    @factory.post_generation
    def supporting(self, create, extracted, **kwargs):
        if create and extracted:
            self.supporting_organizations.set(extracted)
