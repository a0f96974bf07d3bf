"""Factories for the recommendations tests (sites and seminars minimal: only what a recommendation needs)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from recommendations.models import ProgressReport, Recommendation, StatusChange
from seminars.models import Seminar
from sites.models import Site
from tests.factories import OrganizationFactory, RegionFactory


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"site-{n}")
    name_en = factory.Sequence(lambda n: f"Site {n}")
    name_ru = factory.Sequence(lambda n: f"Объект {n}")

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            self.regions.set(extracted if extracted is not None else [RegionFactory()])

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


class SeminarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seminar
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"seminar-{n}")
    title_en = factory.Sequence(lambda n: f"Seminar {n}")
    start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=7))
    status = Seminar.Status.COMPLETED

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Recommendation {n}")
    text = "Strengthen the management of the sites."
    theme = Recommendation.Theme.SITE_MANAGEMENT
    source_kind = Recommendation.SourceKind.SEMINAR
    seminar = factory.SubFactory(SeminarFactory)
    lead_organization = factory.SubFactory(OrganizationFactory)
    status = Recommendation.Status.ACCEPTED

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)

    @factory.post_generation
    def supporting_organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.supporting_organizations.set(extracted)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    recommendation = factory.SubFactory(RecommendationFactory)
    text = "A workshop was held."


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    recommendation = factory.SubFactory(RecommendationFactory)
    from_status = Recommendation.Status.ACCEPTED
    to_status = Recommendation.Status.IMPLEMENTED
