"""Factories for seminars, the people registered and their registrations."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from seminars.models import ImportRun, Person, Project, Registration, Seminar


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        django_get_or_create = ("slug",)

    slug = "demo-project"
    name_en = "Promoting sustainable development in Kazakhstan through UNESCO-designated sites"


class SeminarFactory(factory.django.DjangoModelFactory):
    """A published seminar four weeks ahead, open to self-registration, no capacity limit.

    ``past=True``: a completed seminar held a month ago, registration closed (the source of recommendations).
    """

    class Meta:
        model = Seminar
        skip_postgeneration_save = True

    class Params:
        past = factory.Trait(
            start=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30)),
            status=Seminar.Status.COMPLETED,
            registration_state=Seminar.RegistrationState.CLOSED,
            public_registration=False,
        )

    slug = factory.Sequence(lambda n: f"seminar-{n}")
    title_en = factory.Sequence(lambda n: f"Seminar {n} on site management")
    title_ru = factory.Sequence(lambda n: f"Семинар {n} по управлению объектами")
    title_kk = factory.Sequence(lambda n: f"Объектілерді басқару жөніндегі {n}-семинар")
    kind = Seminar.Kind.SEMINAR
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=28))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=7))
    city = "Taldykorgan"
    city_ru = "Талдыкорган"
    city_kk = "Талдықорған"
    status = Seminar.Status.PUBLISHED
    registration_state = Seminar.RegistrationState.OPEN
    public_registration = True
    capacity = None

    @factory.post_generation
    def organizers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizers.set(extracted)

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Participant {n} Example")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organization_name = "Demo Museum"
    organization_kind = "museum"
    position = "Curator"
    gender = Person.Gender.FEMALE
    language = "en"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """By default the registration holds the details its person was created with."""

    class Meta:
        model = Registration

    seminar = factory.SubFactory(SeminarFactory)
    person = factory.SubFactory(PersonFactory)
    status = Registration.Status.REGISTERED
    source = Registration.Source.ORGANIZER
    full_name = factory.SelfAttribute("person.full_name")
    email = factory.SelfAttribute("person.email")
    phone = factory.SelfAttribute("person.phone")
    organization = factory.SelfAttribute("person.organization")
    organization_name = factory.SelfAttribute("person.organization_name")
    organization_kind = factory.SelfAttribute("person.organization_kind")
    position = factory.SelfAttribute("person.position")
    gender = factory.SelfAttribute("person.gender")
    language = factory.SelfAttribute("person.language")
    consent_at = factory.SelfAttribute("person.consent_at")


class ImportRunFactory(factory.django.DjangoModelFactory):
    """A recorded import: ten rows, eight imported, two with problems, and no rows-not-imported file unless given."""

    class Meta:
        model = ImportRun

    seminar = factory.SubFactory(SeminarFactory)
    created_by = factory.SubFactory("tests.factories.portal.UserFactory")
    file_name = "participants.xlsx"
    mode = ImportRun.Mode.VALID_ROWS
    rows = 10
    imported = 8
    skipped = 0
    invalid = 2
