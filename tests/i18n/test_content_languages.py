"""Long texts in three languages: the reader's version, or another one marked as such; editors' notes kept apart."""

from __future__ import annotations

import pytest
from django.conf import settings

from portal import roles
from tests.factories import OrganizationFactory, RecommendationFactory, SeminarFactory, UserFactory

pytestmark = pytest.mark.django_db

RU_FALLBACK_EN = "На русском языке пока нет; показано на английском."
KK_FALLBACK_RU = "Қазақ тілінде әзірге жоқ; орысша көрсетілген."


def _page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_english_only_agenda_on_a_russian_page_is_marked_and_tagged_english(client):
    seminar = SeminarFactory(agenda="Opening and site visit.", agenda_ru="", agenda_kk="")
    body = _page(client, seminar.get_absolute_url(), "ru")
    assert RU_FALLBACK_EN in body
    assert '<div class="prose" lang="en"><p>Opening and site visit.</p></div>' in body


def test_the_readers_own_version_is_shown_without_a_marker(client):
    seminar = SeminarFactory(
        title_kk="Семинар", agenda="Opening.", agenda_ru="Открытие.", agenda_kk="Ашылу.", city_kk="Талдықорған"
    )
    body = _page(client, seminar.get_absolute_url(), "kk")
    assert '<div class="prose" lang="kk"><p>Ашылу.</p></div>' in body
    assert "Opening." not in body
    assert "әзірге жоқ" not in body


def test_kazakh_falls_back_to_russian_first_and_says_so(client):
    seminar = SeminarFactory(city="Taldykorgan", city_ru="Талдыкорган", city_kk="", agenda="", agenda_ru="Открытие.")
    body = _page(client, seminar.get_absolute_url(), "kk")
    assert KK_FALLBACK_RU in body
    assert "Талдыкорган" in body
    assert "Taldykorgan" not in body


def test_recommendation_notes_are_for_editors_only(client):
    lead = OrganizationFactory()
    rec = RecommendationFactory(lead_organization=lead, notes="Demo values: invented.", text_ru="Укрепить управление.")
    focal = UserFactory(email="fp@test.example", organization=lead, role=roles.FOCAL_POINT)
    focal.focal_point_for.add(lead)
    client.force_login(focal)
    body = _page(client, rec.get_absolute_url(), "ru")
    assert "Укрепить управление." in body
    assert "Demo values" not in body

    client.force_login(UserFactory(email="org@test.example", organization=lead, role=roles.ORGANIZER))
    assert "Demo values: invented." in _page(client, rec.get_absolute_url(), "ru")


@pytest.mark.parametrize(
    ("language", "order"),
    [("kk", ["agenda_kk", "agenda_ru", "agenda"]), ("ru", ["agenda_ru", "agenda_kk", "agenda"])],
)
def test_the_seminar_form_puts_the_readers_language_first(client, language, order):
    organization = OrganizationFactory()
    client.force_login(UserFactory(email="o@test.example", organization=organization, role=roles.ORGANIZER))
    body = _page(client, "/seminars/new/", language)
    positions = [body.index(f'name="{name}"') for name in order]
    assert positions == sorted(positions)


def test_a_recommendation_needs_its_text_in_at_least_one_language():
    from recommendations.forms import RecommendationForm

    form = RecommendationForm(data={"title_ru": "Заголовок", "text": "", "text_ru": "", "text_kk": ""})
    assert not form.is_valid()
    assert "text" in form.errors
