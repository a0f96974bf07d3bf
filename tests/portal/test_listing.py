"""Sortable columns (aria-sort, server-side) and a page-size choice, both kept in the URL (issue 15, item 5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from portal.listing import page_size, sort_header
from tests.factories import RecommendationFactory, RegistrationFactory, SeminarFactory, SiteFactory
from tests.factories.seminars import PersonFactory

pytestmark = pytest.mark.django_db


def _th(html: str, label: str) -> str:
    """The <th> whose link text starts with ``label``."""
    match = re.search(r"<th scope=\"col\"[^>]*><a class=\"sort-link\" href=\"[^\"]*\">" + re.escape(label), html)
    assert match, f"no sortable header {label!r}"
    return match.group(0)


def test_a_header_toggles_its_direction_and_starts_again_on_page_one():
    rf = RequestFactory()
    plain = sort_header(rf.get("/sites/", {"page": "3", "q": "Алтын"}), "name", default="name")
    assert plain.state == "ascending"
    assert "sort=-name" in plain.href and "page=" not in plain.href and "q=" in plain.href
    reversed_ = sort_header(rf.get("/sites/", {"sort": "-name"}), "name", default="name")
    assert (reversed_.state, reversed_.href) == ("descending", "?sort=name")
    other = sort_header(rf.get("/sites/", {"sort": "-name"}), "region", default="name")
    assert (other.state, other.href) == ("", "?sort=region")
    newest_first = sort_header(rf.get("/seminars/"), "start", default="-start", first="desc")
    assert (newest_first.state, newest_first.href) == ("descending", "?sort=start")


@pytest.mark.parametrize(("value", "expected"), [("50", 50), ("100", 100), ("7", 25), ("x", 25), ("", 25)])
def test_only_offered_page_sizes_are_taken(value, expected):
    assert page_size(RequestFactory().get("/", {"per_page": value}), 25) == expected


def test_the_site_list_sorts_by_a_column_and_says_so(client):
    for name in ("Ақсу", "Бурабай", "Алакөл"):
        SiteFactory(name_kk=name, name_ru=name, name_en=name)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    html = client.get(reverse("sites:list"), {"sort": "-name"}).text
    assert 'aria-sort="descending"' in _th(html, "Атауы")
    order = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)
    assert order == ["Бурабай", "Алакөл", "Ақсу"]  # Kazakh order (Қ before Л), reversed
    assert "aria-sort" not in _th(html, "Өңір")


def test_the_site_list_page_size_is_kept_in_the_url(client):
    for n in range(30):
        SiteFactory(name_en=f"Site {n:02}")
    html = client.get(reverse("sites:list"), {"per_page": "50"}).text
    assert html.count('class="card-title"') == 30
    assert '<span aria-current="true">50</span>' in html
    assert client.get(reverse("sites:list")).text.count('class="card-title"') == 25
    # The next page keeps the size and the order chosen.
    html = client.get(reverse("sites:list"), {"per_page": "25", "sort": "-name"}).text
    assert "per_page=25&amp;sort=-name&amp;page=2" in html


def test_recommendations_sort_by_due_date_both_ways(client, official):
    soon = RecommendationFactory(due_date=dt.date(2027, 1, 1), title_en="Due in 2027")
    late = RecommendationFactory(due_date=dt.date(2028, 1, 1), title_en="Due in 2028")
    client.force_login(official)
    html = client.get(reverse("recommendations:list"), {"sort": "-due"}).text
    assert html.index(late.title_en) < html.index(soon.title_en)
    assert 'aria-sort="descending"' in _th(html, "Due date")
    html = client.get(reverse("recommendations:list")).text
    assert html.index(soon.title_en) < html.index(late.title_en)
    assert 'aria-sort="ascending"' in _th(html, "Due date")


def test_the_seminar_list_sorts_by_date(client):
    early = SeminarFactory(title_en="Early one")
    later = SeminarFactory(title_en="Later one", start=early.start + dt.timedelta(days=10))
    html = client.get(reverse("seminars:list")).text
    assert html.index(later.title_en) < html.index(early.title_en)  # newest first by default
    html = client.get(reverse("seminars:list"), {"sort": "start"}).text
    assert html.index(early.title_en) < html.index(later.title_en)
    assert 'aria-sort="ascending"' in _th(html, "Dates")


def test_participants_sort_by_organization_and_change_page_size(client, organizer, organization):
    seminar = SeminarFactory(organizers=[organization])
    for name, org in (("Aigerim", "Zhetysu Museum"), ("Bolat", "Almaty University"), ("Dana", "Kolsai Park")):
        RegistrationFactory(seminar=seminar, person=PersonFactory(full_name=name, organization_name=org))
    client.force_login(organizer)
    url = reverse("seminars:participants", kwargs={"slug": seminar.slug})
    html = client.get(url).text
    assert html.index("Aigerim") < html.index("Bolat") < html.index("Dana")
    html = client.get(url, {"sort": "organization"}).text
    assert html.index("Bolat") < html.index("Dana") < html.index("Aigerim")
    assert 'aria-sort="ascending"' in _th(html, "Organization")
    assert "200" in html.split('class="page-size"')[1][:600]


@pytest.mark.parametrize(
    ("query", "unfolded"),
    [
        ({}, False),
        ({"lang": "ru"}, False),
        ({"sort": "-name", "per_page": "50", "page": "1"}, False),
        ({"q": "x"}, True),
    ],
)
def test_only_a_chosen_filter_unfolds_the_filters(client, query, unfolded):
    # ?lang= comes with every link in our e-mails: it must not open the filter panel as if a filter were set.
    html = client.get(reverse("sites:list"), query).text
    assert ('<details class="filter-fold" open>' in html) is unfolded
