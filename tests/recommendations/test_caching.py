"""The list's results and the dashboard are rendered once and cached: a second request asks only for the session
and the user, and any change to a recommendation, its status, reports or the names shown appears at once."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from recommendations import services
from recommendations.models import Recommendation
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

S = Recommendation.Status
LIST = reverse("recommendations:list")
DASHBOARD = reverse("recommendations:dashboard")
# A repeated page asks the database nothing: the session, the user and their roles come from the cache
# (portal.sessions, portal.userfacts) and the page is kept for the user (portal.pagecache.private_page).
SIGNED_IN_QUERIES = 0


def _html(response) -> str:
    """The page without its CSRF tokens, which are masked afresh on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


@pytest.mark.parametrize("url", [LIST, LIST + "?status=in_progress&sort=-due", DASHBOARD])
def test_a_repeated_page_is_served_from_the_cache(
    signed_in, rec_x, rec_y, url, django_assert_num_queries, user_facts_cache
):
    first = signed_in.get(url)
    with django_assert_num_queries(SIGNED_IN_QUERIES):
        second = signed_in.get(url)
    assert second.status_code == 200
    assert _html(second) == _html(first)


def test_a_status_change_shows_at_once_on_the_list_and_the_dashboard(signed_in, rec_x, official, focal_point):
    in_progress = LIST + "?status=in_progress"
    assert "Rec X" not in signed_in.get(in_progress).text
    before = _html(signed_in.get(DASHBOARD))
    services.change_status(rec_x, S.IN_PROGRESS, user=focal_point)
    assert "Rec X" in signed_in.get(in_progress).text
    assert _html(signed_in.get(DASHBOARD)) != before


def test_a_new_recommendation_and_a_report_show_at_once(signed_in, rec_x, organization, focal_point):
    signed_in.get(LIST)
    RecommendationFactory(title_en="Rec brand new", lead_organization=organization)
    assert "Rec brand new" in signed_in.get(LIST).text
    assert "never" in signed_in.get(LIST).text
    before = _html(signed_in.get(LIST))
    services.add_progress_report(rec_x, author=focal_point, text="A workshop was held.")
    assert _html(signed_in.get(LIST)) != before


def test_a_renamed_organization_shows_at_once(signed_in, rec_x, organization):
    signed_in.get(LIST)
    signed_in.get(DASHBOARD)
    organization.name_en = "Akimat renamed"
    organization.save()
    assert "Akimat renamed" in signed_in.get(LIST).text
    assert "Akimat renamed" in signed_in.get(DASHBOARD).text


def test_a_renamed_region_shows_at_once_in_the_filter_options(signed_in, rec_x, region):
    signed_in.get(LIST)
    region.name_en = "Region renamed"
    region.save()
    assert "Region renamed" in signed_in.get(LIST).text


def test_languages_do_not_mix(signed_in, rec_x):
    english = signed_in.get(LIST).text
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = signed_in.get(LIST).text
    assert '<html lang="ru"' in russian
    assert re.search(r'<h2 id="filters-title"[^>]*>([^<]+)<', russian).group(1) != re.search(
        r'<h2 id="filters-title"[^>]*>([^<]+)<', english
    ).group(1)


def test_the_warning_about_bad_filters_is_shown_on_every_request(signed_in, rec_x):
    url = LIST + "?site=no-such-site"
    for _ in range(2):
        response = signed_in.get(url)
        assert "Some filters were not understood" in response.text


def test_the_record_button_follows_the_user_not_the_cache(signed_in, rec_x, organizer):
    assert reverse("recommendations:create") not in signed_in.get(LIST).text  # the official may not record
    other = Client()
    other.force_login(organizer)
    assert reverse("recommendations:create") in other.get(LIST).text


def test_anonymous_visitors_still_go_to_the_login_page(client, signed_in, rec_x):
    signed_in.get(LIST)
    signed_in.get(DASHBOARD)
    # The list is the public register for them (recommendations.public); the dashboard stays signed-in only.
    for url in (DASHBOARD,):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
