"""Error pages in the visitor's language and the portal's layout, each with a way back."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from portal import errors, roles
from tests.factories import SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


def _get(client: Client, url: str, language: str, **extra):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url, **extra)


@pytest.mark.parametrize(
    ("language", "heading", "home"),
    [
        ("kk", "Бет табылмады", "Басты бетке өту"),
        ("ru", "Страница не найдена", "Перейти на главную страницу"),
        ("en", "Page not found", "Go to the home page"),
    ],
)
def test_404_is_translated_and_links_home(client, language, heading, home):
    response = _get(client, "/no-such-page/", language)
    body = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in body
    assert home in body
    assert 'class="brand"' in body  # the portal's header, not a bare page


def test_404_go_back_leads_to_the_referring_page_of_this_portal_only(client):
    inside = _get(client, "/nowhere/", "en", HTTP_REFERER="http://testserver/sites/").content.decode()
    outside = _get(client, "/nowhere/", "en", HTTP_REFERER="https://evil.example/").content.decode()
    assert 'href="http://testserver/sites/">Go back' in inside
    assert 'href="/">Go back' in outside


def test_403_on_another_managers_site_says_who_may_edit_it_and_lists_mine(client):
    manager = UserFactory(email="m@test.example", role=roles.SITE_MANAGER)
    mine = SiteFactory(slug="mine", name_en="My site", name_ru="Мой объект", managers=[manager])
    SiteFactory(slug="theirs", name_en="Their site")
    client.force_login(manager)
    response = _get(client, "/sites/theirs/edit/", "ru")
    body = response.content.decode()
    assert response.status_code == 403
    with translation.override("ru"):
        reason = translation.gettext("Only the managers of this site and the portal's administrators may edit it.")
    assert reason != "Only the managers of this site and the portal's administrators may edit it."
    assert reason.replace("'", "&#x27;") in body
    assert f'<a href="{mine.get_absolute_url()}">Мой объект</a>' in body
    assert "Перейти на главную страницу" in body


def test_403_for_a_manager_of_no_site_says_so(client):
    client.force_login(UserFactory(email="o@test.example", role=roles.OFFICIAL))
    SiteFactory(slug="theirs")
    body = _get(client, "/sites/theirs/edit/", "kk").content.decode()
    with translation.override("kk"):
        assert translation.gettext("You manage no sites.") in body


def test_csrf_failure_is_a_translated_page_with_a_way_back():
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.post("/i18n/setlang/", {"language": "ru"})
    body = response.content.decode()
    assert response.status_code == 403
    with translation.override("kk"):
        assert translation.gettext("The form has expired") in body
    assert "Басты бетке өту" in body


def test_500_renders_without_the_database_or_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("ru"), django_assert_num_queries(0):
        response = errors.server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Что-то пошло не так" in body
    assert 'href="/">Перейти на главную страницу' in body


def test_400_is_translated(rf):
    request = rf.get("/")
    request.user = UserFactory()
    with translation.override("ru"):
        response = errors.bad_request(request)
    assert response.status_code == 400
    assert "Ошибка 400" in response.content.decode()
