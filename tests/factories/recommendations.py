"""Factories for recommendations, their progress reports and status changes."""

from __future__ import annotations

import factory

from recommendations.models import (
    Action,
    ActionReport,
    ProgressReport,
    Recommendation,
    RecommendationTheme,
    StatusChange,
)
from tests.factories.portal import OrganizationFactory
from tests.factories.seminars import SeminarFactory


class RecommendationFactory(factory.django.DjangoModelFactory):
    """An accepted recommendation of a past seminar, titled in the three languages.

    ``seminar=None, source_kind=Recommendation.SourceKind.OTHER`` for one that comes from no seminar.
    ``theme`` is the main theme; ``themes=[...]`` adds others (the main one is always among its themes).
    """

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Recommendation {n}")
    title_ru = factory.Sequence(lambda n: f"Рекомендация {n}")
    title_kk = factory.Sequence(lambda n: f"Ұсыным {n}")
    text = "Strengthen the management of the sites."
    text_ru = "Укрепить управление объектами."
    text_kk = "Объектілерді басқаруды күшейту."
    theme = Recommendation.Theme.SITE_MANAGEMENT
    source_kind = Recommendation.SourceKind.SEMINAR
    seminar = factory.SubFactory(SeminarFactory, past=True)
    lead_organization = factory.SubFactory(OrganizationFactory)
    status = Recommendation.Status.ACCEPTED

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            chosen = sorted({self.theme, *(extracted or ())})
            RecommendationTheme.objects.bulk_create(
                [RecommendationTheme(recommendation=self, theme=theme) for theme in chosen]
            )

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


class ActionFactory(factory.django.DjangoModelFactory):
    """A planned action of an accepted recommendation, titled in the three languages."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    recommendation = factory.SubFactory(RecommendationFactory)
    title_en = factory.Sequence(lambda n: f"Action {n}")
    title_ru = factory.Sequence(lambda n: f"Мероприятие {n}")
    title_kk = factory.Sequence(lambda n: f"Іс-шара {n}")
    owner = factory.SubFactory(OrganizationFactory)

    @factory.post_generation
    def supporting_organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.supporting_organizations.set(extracted)


class ActionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionReport

    action = factory.SubFactory(ActionFactory)
    text = "The working group met."
