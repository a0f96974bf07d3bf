"""The seminars' demo data: the two 2019 seminars, fictional participants, an upcoming seminar with a waiting list."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from portal import demo as portal_demo
from seminars import demo
from seminars.models import Person, Registration, Seminar
from sites.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_the_2019_seminars_are_completed_with_their_participants(loaded):
    taraz = Seminar.objects.get(slug="taraz-2019-02-27")
    taldykorgan = Seminar.objects.get(slug="taldykorgan-2019-03-28")
    assert (taraz.status, taldykorgan.status) == ("completed", "completed")
    assert taraz.region.slug == "zhambyl-region"
    assert taldykorgan.region.slug == "almaty-region"
    assert list(taldykorgan.organizers.values_list("slug", flat=True)) == ["unesco-almaty-office"]
    assert taldykorgan.registrations.filter(status="attended").count() == 8
    assert taraz.registrations.filter(status="attended").count() == 5


def test_demo_participants_are_fictional(loaded):
    people = list(Person.objects.all())
    assert len(people) == len(demo.PEOPLE)
    assert all(p.email.endswith("@example.org") for p in people)
    assert all(p.full_name.split()[-1] in {"Example", "Sample", "Demo"} for p in people)


def test_demo_participants_come_from_the_kinds_the_seed_article_names(loaded):
    kinds = {
        p.effective_organization_kind for p in Person.objects.filter(registrations__seminar__slug=demo.TALDYKORGAN_SLUG)
    }
    assert {"regional_akimat", "district_akimat", "site_administration", "museum", "university", "tourism"} == kinds


def test_the_upcoming_seminar_is_full_with_a_waiting_list_and_open_to_the_public(loaded):
    seminar = Seminar.objects.get(slug=demo.UPCOMING_SLUG)
    assert seminar.is_upcoming
    assert seminar.self_registration_is_open
    assert seminar.capacity == 5
    assert Registration.objects.filter(seminar=seminar).active().count() == 5
    queue = Registration.objects.filter(seminar=seminar).waitlisted().values_list("person__email", flat=True)
    assert list(queue) == ["daniyar.demo@example.org", "madina.example@example.org"]


def test_a_person_attends_several_seminars(loaded):
    person = Person.objects.get(email="aruzhan.example@example.org")
    assert sorted(person.registrations.values_list("seminar__slug", flat=True)) == [
        demo.UPCOMING_SLUG,
        demo.TALDYKORGAN_SLUG,
    ]


def test_seminars_are_linked_to_the_regions_sites_when_they_exist(settings):
    settings.DEBUG = True
    portal_demo.load()
    for slug in ("tanbaly", "charyn", "kayalyk"):
        Site.objects.create(slug=slug, name_en=slug.title())
    demo.load()
    taldykorgan = Seminar.objects.get(slug=demo.TALDYKORGAN_SLUG)
    assert sorted(taldykorgan.sites.values_list("slug", flat=True)) == ["charyn", "kayalyk", "tanbaly"]


def test_loading_twice_changes_nothing_not_even_the_history(loaded):
    counts = (Seminar.history.count(), Person.history.count(), Registration.history.count())
    call_command("load_demo", verbosity=0)
    assert (Seminar.history.count(), Person.history.count(), Registration.history.count()) == counts
