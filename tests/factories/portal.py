"""Factories for the portal's shared directory: regions, districts, organizations, users."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from portal import roles
from portal.models import District, Organization, OrganizationEmail, Region, User

PASSWORD = "correct-horse-battery-staple"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")
    name_kk = factory.Sequence(lambda n: f"{n} облысы")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    region = factory.SubFactory(RegionFactory)
    slug = factory.Sequence(lambda n: f"district-{n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    name_ru = factory.Sequence(lambda n: f"Район {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_ru = factory.Sequence(lambda n: f"Организация {n}")
    kind = Organization.Kind.REGIONAL_AKIMAT
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def emails(self, create, extracted, **kwargs):
        if not create:
            return
        for email in extracted if extracted is not None else [f"{self.slug}@example.org"]:
            OrganizationEmail.objects.create(organization=self, email=email)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            group = Group.objects.filter(name=extracted).first()
            if group is None:  # the migrations create the roles; a flushed database may lack them
                roles.ensure_roles()
                group = Group.objects.get(name=extracted)
            self.groups.add(group)
        if create:
            self.save()


def aware(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))
